import pytest
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from lms.accounts.models import Role
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from modules.content.workflow import review_workflow
from tests.accounts.factories import UserFactory, add_totp, make_role
from tests.modules.factories import catalogue, make_module, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    user = make_role(UserFactory(), Role.AUTHOR)
    add_totp(user)
    return user


@pytest.fixture
def reviewer():
    user = make_role(UserFactory(), Role.REVIEWER)
    add_totp(user)
    return user


def module_form(**overrides):
    data = {
        "title": "Working with Child Welfare Committees",
        "slug": "working-with-cwcs",
        "code": "CW-101",
        "version": "1.0",
        "summary": "How DCPU staff prepare cases for the CWC.",
        "learning_outcomes": streamfield([("outcome", "Prepare a case for the CWC")]),
        "cover_image_alt": "",
        "pass_mark": "70",
        "max_attempts": "3",
        "retake_cooldown_hours": "0",
        "min_reading_share": "50",
        "completion_rule": "lessons_assessment",
        "awards_certificate": "on",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url():
    return f"/admin/pages/add/modules/trainingmodulepage/{catalogue().pk}/"


def test_catalogue_runs_the_module_review_workflow():
    assert catalogue().get_workflow() == review_workflow()
    assert review_workflow().tasks.get().specific.groups.get().name == Role.REVIEWER


def test_author_submits_reviewer_approves_page_goes_live(client, author, reviewer):
    client.force_login(author)
    response = client.post(add_url(), module_form(**{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content[:2000]
    module = TrainingModulePage.objects.get(code="CW-101")
    assert not module.live
    state = WorkflowState.objects.get(object_id=str(module.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{module.pk}/approve/{task_state.pk}/",
        {"comment": "Accurate and clear."},
    )
    assert response.status_code in (200, 302), response
    module.refresh_from_db()
    assert module.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert module.get_latest_revision().user == author
    # The audit trail is Wagtail's log.
    actions = set(PageLogEntry.objects.filter(page=module).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_author_cannot_publish(client, author):
    client.force_login(author)
    response = client.post(add_url(), module_form(**{"action-publish": "Publish"}))
    module = TrainingModulePage.objects.filter(code="CW-101").first()
    assert module is None or not module.live
    assert response.status_code in (302, 403, 200)
    assert not catalogue().permissions_for_user(author).can_publish_subpage()


def test_reviewer_can_request_changes(client, author, reviewer):
    client.force_login(author)
    client.post(add_url(), module_form(**{"action-submit": "Submit"}))
    module = TrainingModulePage.objects.get(code="CW-101")
    state = WorkflowState.objects.get(object_id=str(module.pk))
    client.force_login(reviewer)
    client.post(
        f"/admin/pages/workflow/action/{module.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Cite the section of the JJ Act."},
    )
    state.refresh_from_db()
    module.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not module.live


def test_invalid_module_in_admin_shows_errors_and_saves_nothing(client, author):
    make_module(code="CW-101")
    client.force_login(author)
    before = TrainingModulePage.objects.count()
    response = client.post(add_url(), module_form(slug="another", **{"action-submit": "Submit"}))
    assert response.status_code == 200
    assert "Another module already uses this code." in response.content.decode()
    assert TrainingModulePage.objects.count() == before


def test_learners_never_see_drafts(client):
    draft = make_module(code="DR-101", publish=False)
    client.force_login(UserFactory())
    assert client.get(f"/modules/{draft.slug}/").status_code == 404
    assert client.get(f"/modules/{draft.slug}/lesson-1/").status_code == 404


def test_author_opens_every_page_type_in_the_editor(client, author):

    module = make_module(lessons=1, questions=[single()])
    lesson = LessonPage.objects.child_of(module).get()
    assessment = AssessmentPage.objects.child_of(module).get()
    client.force_login(author)
    for page in (catalogue(), module, lesson, assessment):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    response = client.get(f"/admin/pages/add/modules/lessonpage/{module.pk}/")
    assert response.status_code == 200
