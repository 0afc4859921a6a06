"""Session feedback: given once by a learner who attended a session that ended within 14
days; shown to trainers, coordinators and district officers only as aggregates of at least
three answers, never with a name; out of scope is 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from modules.content.models import TrainingModulePage
from tests.accounts.factories import UserFactory, add_totp, make_district_officer, state
from tests.modules.factories import make_module
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import feedback
from trainers.models import Attendance, Cohort, SessionFeedback
from trainers.sessions import attendance_mark, session_cancel, session_create

pytestmark = pytest.mark.django_db

ANSWER = {"rating": "4", "will_use": "yes", "pace": "right"}


def _session(cohort, module, lead, *, ended_days_ago=1, title="Day 1"):
    ends = timezone.now() - datetime.timedelta(days=ended_days_ago)
    return session_create(
        cohort=cohort,
        module=module,
        title=title,
        starts_at=ends - datetime.timedelta(hours=3),
        ends_at=ends,
        venue="DCPU hall",
        trainers=[lead],
        by=None,
        announce=False,
    )


@pytest.fixture
def held():
    """An Assam cohort of five; a session that ended yesterday, four marked present and one
    absent; a trainer who ran it."""
    group = make_group("AS")
    module = make_module(
        lessons=1, completion_rule=TrainingModulePage.CompletionRule.LESSONS_AND_ASSESSMENT
    )
    cohort = make_cohort("AS", group=group, modules=[module], learners=5, name="Kamrup batch")
    lead = trainer("AS", group=group, full_name="Anjali Das")
    session = _session(cohort, module, lead)
    people = [m.user for m in cohort.members.select_related("user").order_by("pk")]
    marks = {u.pk: Attendance.Status.PRESENT for u in people[:4]}
    marks[people[4].pk] = Attendance.Status.ABSENT
    attendance_mark(session=session, marks=marks, by=lead)
    return {
        "cohort": cohort,
        "module": module,
        "trainer": lead,
        "session": session,
        "people": people,
    }


def url(session):
    return reverse("sessions:feedback", args=[session.pk])


def test_feedback_once(client, held):
    learner, session = held["people"][0], held["session"]
    client.force_login(learner)
    page = client.get(url(session))
    assert page.status_code == 200
    assert "How was this session?" in page.content.decode()
    response = client.post(url(session), ANSWER)
    assert response.status_code == 302
    again = client.post(url(session), {**ANSWER, "rating": "1"}, follow=True)
    assert "already given your feedback" in again.content.decode()
    row = SessionFeedback.objects.get()
    assert (row.rating, row.will_use, row.pace) == (4, "yes", "right")
    # The service itself (a double click racing past the view's check) records nothing more.
    assert not feedback.feedback_submit(
        user=learner, session=session, rating=2, will_use="no", pace="too_fast"
    )
    assert SessionFeedback.objects.count() == 1


def test_invalid_answer_writes_nothing(client, held):
    client.force_login(held["people"][0])
    response = client.post(url(held["session"]), {**ANSWER, "rating": "6"})
    assert response.status_code == 200
    assert not SessionFeedback.objects.exists()


def test_refused_when_not_attended_cancelled_too_late_or_not_ended(client, held):
    cohort, module, lead = held["cohort"], held["module"], held["trainer"]
    absent, present = held["people"][4], held["people"][0]
    client.force_login(absent)
    assert client.get(url(held["session"])).status_code == 404
    assert client.post(url(held["session"]), ANSWER).status_code == 404
    # Attended but ended 15 days ago; not ended yet; cancelled.
    old = _session(cohort, module, lead, ended_days_ago=15, title="Old")
    coming = _session(cohort, module, lead, ended_days_ago=-2, title="Coming")
    cancelled = _session(cohort, module, lead, title="Cancelled")
    attendance_mark(session=old, marks={present.pk: "present"}, by=lead)
    attendance_mark(session=cancelled, marks={present.pk: "present"}, by=lead)
    session_cancel(session=cancelled, by=lead)
    client.force_login(present)
    for session in (old, coming, cancelled):
        assert client.post(url(session), ANSWER).status_code == 404
    # Someone of another cohort.
    client.force_login(UserFactory(state=state("AS")))
    assert client.post(url(held["session"]), ANSWER).status_code == 404
    assert not SessionFeedback.objects.exists()


def test_prompt_on_my_learning_and_module_page(client, held):
    learner = held["people"][0]
    client.force_login(learner)
    body = client.get(reverse("learning:my_learning")).content.decode()
    assert url(held["session"]) in body
    client.post(url(held["session"]), ANSWER)
    body = client.get(reverse("learning:my_learning")).content.decode()
    assert url(held["session"]) not in body
    client.force_login(held["people"][4])  # absent: no prompt
    assert url(held["session"]) not in client.get(reverse("learning:my_learning")).content.decode()


def _answer(held, count):
    for person, rating in zip(held["people"][:count], (5, 4, 3, 2), strict=False):
        feedback.feedback_submit(
            user=person, session=held["session"], rating=rating, will_use="yes", pace="right"
        )


def test_aggregates_hidden_below_three(client, held):
    _answer(held, 2)
    cohort = held["cohort"]
    summary = feedback.feedback_for_cohort(cohort)
    assert summary.count == 2
    assert not summary.shown
    client.force_login(held["trainer"])
    body = client.get(reverse("trainers:cohort_evidence", args=[cohort.pk])).content.decode()
    assert "Shown from 3 responses" in body
    assert "4.5" not in body  # the average of two is not shown
    _answer_more = feedback.feedback_submit(
        user=held["people"][2], session=held["session"], rating=3, will_use="no", pace="too_fast"
    )
    assert _answer_more
    summary = feedback.feedback_for_cohort(cohort)
    assert summary.shown
    assert summary.avg_rating == 4.0
    assert summary.ratings == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert summary.will_use["yes"] == 2
    body = client.get(reverse("trainers:cohort_evidence", args=[cohort.pk])).content.decode()
    assert "4.0" in body
    for person in held["people"]:
        assert person.full_name not in body
    assert feedback.feedback_by_trainer(cohorts=Cohort.objects.all())[held["trainer"].pk].count == 3
    assert feedback.feedback_by_session(cohorts=Cohort.objects.all())[held["session"].pk].count == 3


def test_scope(client, held):
    _answer(held, 3)
    cohort = held["cohort"]
    page = reverse("trainers:cohort_evidence", args=[cohort.pk])
    client.force_login(coordinator("AS"))
    assert client.get(page).status_code == 200
    overview = client.get(reverse("trainers:evidence")).content.decode()
    assert "Anjali Das" in overview
    for outsider in (coordinator("KL"), trainer("KL"), held["people"][0]):
        client.force_login(outsider)
        assert client.get(page).status_code == 404
    # A district officer reads only their district's cohorts.
    district = cohort.state.districts.order_by("name").first()
    officer = make_district_officer(UserFactory(state=cohort.state), district)
    add_totp(officer)
    client.force_login(officer)
    assert client.get(page).status_code == 404
    Cohort.objects.filter(pk=cohort.pk).update(district=district)
    assert client.get(page).status_code == 200
