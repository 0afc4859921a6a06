"""The lesson page's time beacon at scale: what one report costs the database, how often the
page reports, and the bounds on the time it may add (docs/benchmarks.md, "The lesson time
beacon at scale")."""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from modules.content.models import LessonPage
from modules.learning import services
from modules.learning.models import Enrollment, LessonProgress
from modules.learning.services import (
    ACTIVITY_REFRESH,
    BEACON_SECONDS,
    MAX_BEAT_SECONDS,
    enrollment_create,
    lesson_reading_wait,
    time_on_lesson,
)
from tests.accounts.factories import UserFactory
from tests.helpers import captured_statements
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db

#: Before the beacon was reworked, the page reported every 15 seconds and each report ran 9
#: statements (session, user, lesson, enrolment with its lesson counts, INSERT … ON CONFLICT,
#: SELECT … FOR UPDATE, two UPDATEs, the reading time read again), 3 of them writes.
BEFORE_STATEMENTS_PER_MINUTE = 4 * 9
BEFORE_WRITES_PER_MINUTE = 4 * 3
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def lessons(module):
    return list(LessonPage.objects.child_of(module).live().order_by("path"))


def reading(client, learner, **module_fields):
    """A learner enrolled in a module of two 10-minute lessons, the first one opened by its
    page (the page's first report, which also settles the session as a page view would)."""
    module = make_module(lessons=2, **module_fields)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    first, second = lessons(module)
    assert beacon(client, first, 0).status_code == 200
    return enrollment, first, second


def time_passes(enrollment, seconds):
    """Move the stored moments back, as if ``seconds`` had passed since they were written."""
    delta = timedelta(seconds=seconds)
    LessonProgress.objects.filter(enrollment=enrollment, last_beat_at__isnull=False).update(
        last_beat_at=F("last_beat_at") - delta
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(
        last_activity_at=F("last_activity_at") - delta
    )


def beacon(client, lesson, seconds):
    return client.post(reverse("learning:lesson_beacon", args=[lesson.pk]), {"seconds": seconds})


def stored(enrollment, lesson):
    return LessonProgress.objects.values_list("seconds_spent", "last_beat_at").get(
        enrollment=enrollment, lesson=lesson
    )


# --- What a report costs ------------------------------------------------------------------


@pytest.mark.needs_caches  # switched off, the site and the locale are looked up each time
def test_a_time_report_runs_six_statements_of_which_one_write(
    client, learner, assert_max_statements
):
    enrollment, lesson, _second = reading(client, learner)
    assert beacon(client, lesson, BEACON_SECONDS).json()["counted"] == BEACON_SECONDS
    time_passes(enrollment, BEACON_SECONDS)
    # Session, user, lesson, enrolment, the progress row, one conditional UPDATE.
    with assert_max_statements(6) as statements:
        answer = beacon(client, lesson, BEACON_SECONDS).json()
    assert answer["counted"] == BEACON_SECONDS
    writes = [sql for sql in statements if WRITE.match(sql)]
    assert len(writes) == 1
    assert "learning_lessonprogress" in writes[0]
    assert not any("FOR UPDATE" in sql for sql in statements)  # no lock held across them


@pytest.mark.needs_caches  # switched off, the site and the locale are looked up each time
def test_reading_for_ten_minutes_costs_a_third_or_less_of_the_statements_it_did(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    statements = []
    for _minute in range(10):
        time_passes(enrollment, BEACON_SECONDS)
        with captured_statements() as reported:
            assert beacon(client, lesson, BEACON_SECONDS).json()["counted"] == BEACON_SECONDS
        statements += reported
    reports_per_minute = 60 / BEACON_SECONDS
    per_minute = len(statements) / 10 * reports_per_minute
    writes_per_minute = len([sql for sql in statements if WRITE.match(sql)]) / 10
    writes_per_minute *= reports_per_minute
    # One report a minute of 6 statements, and the enrolment's last activity every 5 minutes.
    assert per_minute == pytest.approx(6.2)
    assert per_minute * 3 <= BEFORE_STATEMENTS_PER_MINUTE
    assert writes_per_minute == pytest.approx(1.2)
    assert writes_per_minute * 3 <= BEFORE_WRITES_PER_MINUTE
    assert stored(enrollment, lesson)[0] == 10 * BEACON_SECONDS


def test_once_the_lesson_time_is_capped_a_report_writes_nothing(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    cap = lesson.estimated_minutes * 60 * services.LESSON_TIME_CAP_FACTOR
    LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson).update(
        seconds_spent=cap, last_beat_at=timezone.now() - timedelta(minutes=5)
    )
    before = stored(enrollment, lesson)
    with captured_statements() as statements:
        assert beacon(client, lesson, BEACON_SECONDS).json() == {
            "counted": 0,
            "wait": 0,
            "message": "",
        }
    assert [sql for sql in statements if WRITE.match(sql)] == []
    assert stored(enrollment, lesson) == before


def test_the_lesson_page_tells_its_script_how_often_to_report(client, learner):
    _enrollment, lesson, _second = reading(client, learner)
    html = client.get(lesson.url).content.decode()
    assert f'data-beacon-seconds="{BEACON_SECONDS}"' in html
    # A minute, not 15 seconds: at least three times fewer reports.
    assert BEACON_SECONDS >= 3 * 15
    # The page never claims more than the server counts in one report.
    assert BEACON_SECONDS <= MAX_BEAT_SECONDS


# --- The bounds -------------------------------------------------------------------------


def test_reports_too_often_get_no_more_than_the_time_that_passed(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    assert beacon(client, lesson, 60).json()["counted"] == 60
    # A minute claimed every 15 seconds (an old page, or a forged one): 15 s and the second of
    # rounding, as before.
    for _quarter in range(4):
        time_passes(enrollment, 15)
        assert beacon(client, lesson, 60).json()["counted"] <= 16
    # Claimed again at once: the second of rounding at most.
    assert beacon(client, lesson, 60).json()["counted"] <= 1
    assert stored(enrollment, lesson)[0] <= 60 + 4 * 16 + 1


def test_a_report_of_too_many_seconds_counts_at_most_a_minute(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    assert beacon(client, lesson, 10**9).json()["counted"] == MAX_BEAT_SECONDS
    # However long the silence before it (a tab left hidden, a forged claim).
    time_passes(enrollment, 3600)
    assert beacon(client, lesson, 3600).json()["counted"] == MAX_BEAT_SECONDS
    assert stored(enrollment, lesson)[0] == 2 * MAX_BEAT_SECONDS


def test_an_old_page_reporting_every_15_seconds_still_gets_all_its_time(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    for _quarter in range(8):
        time_passes(enrollment, 15)
        assert beacon(client, lesson, 15).json()["counted"] == 15
    assert stored(enrollment, lesson)[0] == 120


def test_a_report_that_lost_the_race_to_another_counts_nothing(client, learner, monkeypatch):
    enrollment, lesson, _second = reading(client, learner)
    time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=30)
    time_passes(enrollment, 60)
    # Two reports at once (two tabs): both read the row, one is counted first.
    read = services._beat_row(enrollment, lesson)
    assert time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=60).counted == 60
    after_first = stored(enrollment, lesson)
    monkeypatch.setattr(services, "_beat_row", lambda *args: read)
    late = time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=60)
    assert late.counted == 0
    assert stored(enrollment, lesson) == after_first == (90, after_first[1])


def test_bad_reports_are_refused_and_write_nothing(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    beacon(client, lesson, 30)
    before = stored(enrollment, lesson), Enrollment.objects.values().get(pk=enrollment.pk)
    for bad in ("lots", "", "1e3"):
        response = beacon(client, lesson, bad)
        assert response.status_code == 400
        assert "not a number" in response.json()["error"]
    assert beacon(client, lesson, "-60").json()["counted"] == 0
    assert (stored(enrollment, lesson), Enrollment.objects.values().get(pk=enrollment.pk)) == (
        before
    )


def test_another_learners_or_a_withdrawn_report_writes_nothing(client, learner):
    enrollment, lesson, _second = reading(client, learner)
    before = stored(enrollment, lesson)
    client.force_login(UserFactory())
    assert beacon(client, lesson, 60).status_code == 403
    client.force_login(learner)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.WITHDRAWN)
    assert beacon(client, lesson, 60).status_code == 403
    assert stored(enrollment, lesson) == before


# --- The reading time and the last activity -----------------------------------------------


def test_the_answer_is_the_reading_time_left_as_mark_complete_sees_it(client, learner):
    enrollment, lesson, _second = reading(client, learner, min_reading_share=50)  # 300 s
    assert beacon(client, lesson, 0).json()["wait"] == 300
    expected = 300
    for claimed in (60, 60, 45):
        time_passes(enrollment, claimed)
        answer = beacon(client, lesson, claimed).json()
        expected -= claimed
        assert (
            answer["wait"] == expected == lesson_reading_wait(enrollment=enrollment, lesson=lesson)
        )
    assert "3 more minutes" in answer["message"]
    # The page reports again when the 135 s are up, not a full minute later, and may then
    # mark the lesson complete.
    time_passes(enrollment, 135)
    assert beacon(client, lesson, 135).json()["wait"] == 75  # at most a minute a report
    time_passes(enrollment, 75)
    assert beacon(client, lesson, 75).json() == {
        "counted": 60,
        "wait": 15,
        "message": ("You can mark this complete after about 1 more minute."),
    }
    time_passes(enrollment, 15)
    assert beacon(client, lesson, 15).json()["wait"] == 0
    response = client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
    assert response.status_code == 302
    assert LessonProgress.objects.get(enrollment=enrollment, lesson=lesson).completed_at


def test_last_activity_is_refreshed_every_five_minutes_or_for_another_lesson(client, learner):
    enrollment, first, second = reading(client, learner)
    opened = Enrollment.objects.get(pk=enrollment.pk).last_activity_at

    def last_activity():
        return Enrollment.objects.values_list("last_activity_at", "last_lesson_id").get(
            pk=enrollment.pk
        )

    time_passes(enrollment, 60)
    beacon(client, first, 60)
    assert last_activity() == (opened - timedelta(seconds=60), first.pk)
    time_passes(enrollment, ACTIVITY_REFRESH.total_seconds())
    beacon(client, first, 60)
    refreshed, lesson_id = last_activity()
    assert refreshed > timezone.now() - timedelta(seconds=5)
    assert lesson_id == first.pk
    # Time on another lesson moves "Continue" there at once.
    time_passes(enrollment, 60)
    beacon(client, second, 60)
    assert last_activity()[1] == second.pk
