"""The "Module review" workflow: authors submit, reviewers approve or request changes.

The data migration ``0002_catalogue_and_review`` creates the workflow, its group-approval task
and the English catalogue. Every catalogue created later (a translation) is set up the same way
by ``catalogue_setup``, called from a ``post_save`` receiver.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from lms.accounts.models import Role

REVIEW_WORKFLOW_NAME = "Module review"
REVIEW_TASK_NAME = "Review by a module reviewer"

#: Page permissions on each catalogue, by role. Authors write and submit but cannot publish;
#: reviewers publish, which is what approving the workflow's task does.
CATALOGUE_PERMISSIONS = {
    Role.AUTHOR: ["add_page", "change_page"],
    Role.REVIEWER: ["change_page", "publish_page"],
}


def review_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME, active=True).first()


@transaction.atomic
def catalogue_setup(catalogue: Page) -> None:
    """Make the review workflow govern ``catalogue`` and give authors and reviewers their
    permissions on it. Idempotent."""
    workflow = review_workflow()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    for role, codenames in CATALOGUE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=catalogue, permission=permission
            )
