"""Wagtail hooks of the trainers app: the accreditation standards snippet, and the labels of
its audit actions.

Each part of the app keeps its (action, label) pairs next to the code that writes them — a
list named ``*_LOG_ACTIONS`` — and adds it to the one ``register_log_actions`` call below.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.audit import register_log_actions
from modules.content.models import TrainingModulePage

from .accreditation import ACCREDITATION_LOG_ACTIONS
from .actions import PROGRESS_LOG_ACTIONS
from .imports import IMPORT_LOG_ACTIONS
from .models import AccreditationStandard
from .sessions import SESSION_LOG_ACTIONS

#: Actions written by ``trainers/services.py`` (groups, cohorts and their members).
SERVICE_LOG_ACTIONS = [
    ("trainers.group.created", gettext_lazy("Trainer group created")),
    ("trainers.group.member_added", gettext_lazy("Trainer joined the group")),
    ("trainers.group.member_removed", gettext_lazy("Trainer left the group")),
    ("trainers.cohort.created", gettext_lazy("Cohort created")),
    ("trainers.cohort.updated", gettext_lazy("Cohort edited")),
    ("trainers.cohort.archived", gettext_lazy("Cohort archived")),
    ("trainers.cohort.members_added", gettext_lazy("Learners added to the cohort")),
    ("trainers.cohort.member_removed", gettext_lazy("Learner removed from the cohort")),
]

register_log_actions(
    SERVICE_LOG_ACTIONS,
    IMPORT_LOG_ACTIONS,
    SESSION_LOG_ACTIONS,
    PROGRESS_LOG_ACTIONS,
    ACCREDITATION_LOG_ACTIONS,
)


class AccreditationStandardForm(WagtailAdminModelForm):
    """Offers the modules in their source language only: a standard names the module, and
    its translations are the same module."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = TrainingModulePage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("code")
        self.fields["modules"].queryset = source
        self.fields["modules"].widget = forms.CheckboxSelectMultiple()
        self.fields["modules"].label_from_instance = lambda m: f"{m.code} · {m.title}"
        self.fields["tot_module"].queryset = source
        self.fields["tot_module"].label_from_instance = lambda m: f"{m.code} · {m.title}"


class AccreditationStandardViewSet(SnippetViewSet):
    """National administrators keep the standards (their group holds the permissions)."""

    model = AccreditationStandard
    pk_path_converter = "id"  # lms.core.ids: a number too large to be an id is a 404
    icon = "success"
    menu_label = gettext_lazy("Accreditation standards")
    list_display = ["name", "pass_mark", "validity_months", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("modules"),
            FieldPanel("tot_module"),
            FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("validity_months")]),
            FieldPanel("is_active"),
        ],
        base_form_class=AccreditationStandardForm,
    )


register_snippet(AccreditationStandardViewSet)
