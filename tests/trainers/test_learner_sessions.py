"""A learner's sessions: on the module page and My learning (their own cohorts' only), as
calendar files, the notices when a session is scheduled, moved or cancelled, the reminder the
day before, cancelling, and sharing a certificate."""

from __future__ import annotations

import datetime
import io
import re
import threading
from urllib.parse import quote, unquote

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import ModelLogEntry

from certification.services import certificate_issue
from lms import sms
from lms.accounts.models import User
from modules.content.models import TrainingModulePage
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_withdraw
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment
from tests.helpers import captured_statements
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, make_group, trainer
from trainers import ical, notices
from trainers.models import Attendance, CohortMember, TrainingSession
from trainers.services import cohort_member_remove
from trainers.sessions import (
    attendance_mark,
    attendance_shares,
    session_cancel,
    session_create,
    session_save,
)

pytestmark = pytest.mark.django_db

BLENDED = TrainingModulePage.CompletionRule.WITH_ATTENDANCE
PHONE = "+919812345678"


@pytest.fixture
def setup(django_capture_on_commit_callbacks):
    """Two Assam cohorts on the same blended module, each with two learners; a trainer of
    the first. No notices yet (the cohorts have no session)."""
    group = make_group("AS")
    module = make_module(lessons=1, completion_rule=BLENDED, required_attendance_percent=50)
    mine = make_cohort("AS", group=group, modules=[module], learners=2, name="Kamrup batch")
    other = make_cohort("AS", group=group, modules=[module], learners=2, name="Other batch")
    owner = trainer("AS", group=group, full_name="Anjali Das")
    members = [m.user for m in CohortMember.objects.filter(cohort=mine).order_by("user_id")]
    strangers = [m.user for m in CohortMember.objects.filter(cohort=other).order_by("user_id")]
    return {
        "group": group,
        "module": module,
        "cohort": mine,
        "other": other,
        "trainer": owner,
        "members": members,
        "strangers": strangers,
    }


def in_days(days: float, *, hour: int = 10) -> datetime.datetime:
    """A moment ``days`` from today at ``hour`` o'clock in India."""
    day = timezone.localtime() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def schedule(cohort, module, *, starts=None, title="Day 1", by=None, **fields):
    starts = starts or in_days(3)
    return session_create(
        cohort=cohort,
        module=module,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        venue=fields.pop("venue", "DCPU hall, Guwahati"),
        by=by,
        **fields,
    )


def phone_only(user: User) -> User:
    """``user`` reachable by SMS only: a mobile number and no email address."""
    User.objects.filter(pk=user.pk).update(email=None, phone=PHONE)
    user.refresh_from_db()
    return user


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar file, unfolded (RFC 5545, 3.1)."""
    return text.replace("\r\n ", "").split("\r\n")


def prop(lines: list[str], name: str) -> list[str]:
    return [line.split(":", 1)[1] for line in lines if line.split(":", 1)[0] == name]


# --- On the learner's pages: their own cohorts only ---------------------------------------


def test_module_page_and_my_learning_show_only_the_learners_own_cohorts_sessions(client, setup):
    module, learner = setup["module"], setup["members"][0]
    mine = schedule(setup["cohort"], module, title="Child rights day", trainers=[setup["trainer"]])
    theirs = schedule(setup["other"], module, title="Secret other day")
    client.force_login(learner)

    page = client.get(module.url).content.decode()
    assert "Your in-person sessions" in page
    assert "Child rights day" in page
    assert "Anjali Das" in page
    assert "DCPU hall, Guwahati" in page
    assert date_format(timezone.localtime(mine.starts_at), "D j M Y, H:i") in page  # IST
    assert reverse("sessions:calendar", args=[mine.pk]) in page
    assert "Secret other day" not in page
    assert reverse("sessions:calendar", args=[theirs.pk]) not in page

    home = client.get(reverse("learning:my_learning")).content.decode()
    assert "Upcoming sessions" in home
    assert "Child rights day" in home
    assert reverse("sessions:upcoming_calendar") in home
    assert "Secret other day" not in home

    # Someone in neither cohort, and a visitor, see no session at all.
    client.force_login(UserFactory())
    assert "Child rights day" not in client.get(module.url).content.decode()
    assert "Upcoming sessions" not in client.get(reverse("learning:my_learning")).content.decode()
    client.logout()
    assert "Your in-person sessions" not in client.get(module.url).content.decode()


def test_a_learner_removed_from_the_cohort_no_longer_sees_its_sessions(client, setup):
    learner = setup["members"][0]
    session = schedule(setup["cohort"], setup["module"], title="Child rights day")
    cohort_member_remove(
        member=CohortMember.objects.get(cohort=setup["cohort"], user=learner), by=None
    )
    client.force_login(learner)
    assert "Child rights day" not in client.get(setup["module"].url).content.decode()
    assert client.get(reverse("sessions:calendar", args=[session.pk])).status_code == 404


def test_past_and_cancelled_sessions_are_shown_as_such(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    past = schedule(cohort, module, starts=in_days(-2), title="Held already")
    called_off = schedule(cohort, module, starts=in_days(4), title="Called off")
    session_cancel(session=called_off, by=setup["trainer"], reason="Flooding on the road")
    client.force_login(setup["members"][0])

    page = client.get(module.url).content.decode()
    held = page[page.index("Held already") :]
    assert '<span class="badge">Past</span>' in held[:400]
    assert reverse("sessions:calendar", args=[past.pk]) not in page  # nothing to add
    off = page[page.index("Called off") :]
    assert "Cancelled</span>" in off[:400]
    assert "Flooding on the road" in off
    assert "Update your calendar" in off

    # My learning lists what is still to come, the cancelled one marked.
    home = client.get(reverse("learning:my_learning")).content.decode()
    assert "Called off" in home
    assert "Held already" not in home


def test_my_learning_sessions_in_hindi_fit_a_phone_and_name_the_month_in_hindi(client, setup):
    learner = setup["members"][0]
    User.objects.filter(pk=learner.pk).update(preferred_language="hi")
    session = schedule(setup["cohort"], setup["module"], title="Child rights day")
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    page = client.get(reverse("learning:my_learning")).content.decode()
    with translation.override("hi"):
        when = date_format(timezone.localtime(session.starts_at), "D j M Y, H:i")
    assert when in page
    assert 'class="cards session-cards"' in page  # cards, no table to scroll sideways


def test_a_session_of_a_module_the_learner_left_still_names_it_with_its_language(client, setup):
    learner, module = setup["members"][0], setup["module"]
    User.objects.filter(pk=learner.pk).update(preferred_language="hi")
    schedule(setup["cohort"], module, title="Child rights day")
    enrollment_withdraw(enrollment=Enrollment.objects.get(user=learner, module=module))
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    page = client.get(reverse("learning:my_learning")).content.decode()
    # Not translated into Hindi: the English title, marked as English.
    assert f'lang="en">{module.code} · {module.title}</span>' in page


def test_my_learning_and_the_module_page_run_a_fixed_number_of_queries(client, setup):
    cohort, module, learner = setup["cohort"], setup["module"], setup["members"][0]
    schedule(cohort, module, starts=in_days(2), trainers=[setup["trainer"]])
    client.force_login(learner)
    url = reverse("learning:my_learning")

    def counts():
        for _visit in range(2):  # the caches warm, as they are for every visit but the first
            client.get(url)
            client.get(module.url)
        with captured_statements() as home:
            client.get(url)
        with captured_statements() as page:
            client.get(module.url)
        return len(home), len(page)

    one = counts()
    for day in range(3, 9):
        schedule(
            cohort, module, starts=in_days(day), title=f"Day {day}", trainers=[setup["trainer"]]
        )
    many = counts()
    assert many == one

    # My learning asks for the sessions once, for their trainers once, and once for those
    # awaiting the learner's feedback.
    with captured_statements() as home:
        client.get(url)
    asked = [sql for sql in home if "trainers_trainingsession" in sql]
    assert len(asked) == 3, asked


# --- Calendar files -------------------------------------------------------------------------


def test_a_sessions_calendar_file(client, setup):
    module, learner = setup["module"], setup["members"][0]
    starts = in_days(3)
    session = schedule(
        setup["cohort"],
        module,
        starts=starts,
        title="Child rights; a long day, with a very long title that needs folding in the file",
        online_link="https://meet.example.org/cp-101?day=1",
        trainers=[setup["trainer"]],
    )
    client.force_login(learner)
    response = client.get(reverse("sessions:calendar", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="session-{session.pk}.ics"' in response["Content-Disposition"]
    raw = response.content
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert prop(lines, "UID") == [f"training-session-{session.pk}@testserver"]
    assert prop(lines, "DTSTART") == [starts.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")]
    assert prop(lines, "DTEND") == [
        (starts + datetime.timedelta(hours=3)).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    ]
    assert prop(lines, "SEQUENCE") == ["0"]
    assert prop(lines, "STATUS") == ["CONFIRMED"]
    assert prop(lines, "SUMMARY") == [
        f"{module.code}: Child rights\\; a long day\\, with a very long title that needs "
        "folding in the file"
    ]
    assert prop(lines, "LOCATION") == ["DCPU hall\\, Guwahati"]
    description = prop(lines, "DESCRIPTION")[0]
    assert "Online link: https://meet.example.org/cp-101?day=1" in description
    assert "Trainers: Anjali Das" in description
    assert "http://testserver/learning/" in description
    assert prop(lines, "URL") == ["https://meet.example.org/cp-101?day=1"]


def test_a_moved_session_keeps_its_uid_and_raises_its_sequence_and_a_cancelled_one_says_so(
    client, setup
):
    session = schedule(setup["cohort"], setup["module"])
    client.force_login(setup["members"][0])
    url = reverse("sessions:calendar", args=[session.pk])
    before = unfold(client.get(url).content.decode())

    session_save(
        session=session,
        module=setup["module"],
        title=session.title,
        starts_at=session.starts_at + datetime.timedelta(days=1),
        ends_at=session.ends_at + datetime.timedelta(days=1),
        venue=session.venue,
        by=setup["trainer"],
    )
    moved = unfold(client.get(url).content.decode())
    assert prop(moved, "UID") == prop(before, "UID")
    assert prop(moved, "SEQUENCE") == ["1"]

    session_cancel(session=TrainingSession.objects.get(pk=session.pk), by=setup["trainer"])
    cancelled = unfold(client.get(url).content.decode())
    assert prop(cancelled, "UID") == prop(before, "UID")
    assert prop(cancelled, "SEQUENCE") == ["2"]
    assert prop(cancelled, "STATUS") == ["CANCELLED"]


def test_calendar_files_are_404_to_everyone_but_the_cohorts_learners(client, setup):
    session = schedule(setup["cohort"], setup["module"])
    url = reverse("sessions:calendar", args=[session.pk])
    for person in (setup["strangers"][0], setup["trainer"], UserFactory()):
        client.force_login(person)
        assert client.get(url).status_code == 404
        # Their own upcoming file has nothing of this cohort's.
        response = client.get(reverse("sessions:upcoming_calendar"))
        assert (
            response.status_code == 404 or f"session-{session.pk}@" not in response.content.decode()
        )
    client.force_login(setup["members"][0])
    assert client.get(reverse("sessions:calendar", args=[session.pk + 1000])).status_code == 404
    assert client.get(f"/sessions/{'9' * 30}.ics").status_code == 404
    assert client.post(url).status_code == 405
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_all_upcoming_sessions_in_one_file(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    first = schedule(cohort, module, starts=in_days(2), title="First")
    second = schedule(cohort, module, starts=in_days(5), title="Second")
    schedule(cohort, module, starts=in_days(-3), title="Held")
    schedule(setup["other"], module, starts=in_days(2), title="Theirs")
    client.force_login(setup["members"][0])
    text = client.get(reverse("sessions:upcoming_calendar")).content.decode()
    uids = prop(unfold(text), "UID")
    assert uids == [ical.uid(first), ical.uid(second)]

    client.force_login(UserFactory())  # no session to come: no file
    assert client.get(reverse("sessions:upcoming_calendar")).status_code == 404


def test_folding_never_splits_a_character_and_unfolds_to_the_line():
    line = "SUMMARY:" + ical.escape_text("बाल संरक्षण प्रशिक्षण; सत्र, " * 6)
    folded = ical.fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert len(parts) > 1
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    for part in parts:
        part.decode("utf-8")  # each line whole UTF-8: no character cut in two
    assert folded.replace("\r\n ", "") == line
    assert ical.escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


# --- Notices ------------------------------------------------------------------------------


def test_scheduling_tells_each_learner_in_their_language_by_their_channels(
    setup, django_capture_on_commit_callbacks
):
    hindi, texting = setup["members"]
    User.objects.filter(pk=hindi.pk).update(preferred_language="hi")
    User.objects.filter(pk=texting.pk).update(full_name="Ramesh Kumar Bora")
    phone_only(texting)
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule(setup["cohort"], setup["module"], starts=in_days(3))

    # Only the cohort's own learners: one email (the other has no address), one SMS.
    assert [message.to for message in mail.outbox] == [[hindi.email]]
    email = mail.outbox[0]
    with translation.override("hi"):
        day = date_format(timezone.localtime(session.starts_at), "j M")
        assert day in email.subject
    assert "http://testserver/learning/" in email.body
    assert f"http://testserver/sessions/{session.pk}.ics" in email.body
    assert "DCPU hall, Guwahati" in email.body

    assert len(sms.outbox) == 1
    message = sms.outbox[0]
    body = message.text
    assert (message.to, message.kind) == (PHONE, "session")
    assert body.startswith("Ramesh, your ")
    assert setup["module"].code in body
    assert "DCPU hall" in body
    assert "http://testserver/learning/" in body
    assert "Kumar" not in body
    assert "Bora" not in body


def test_a_session_already_held_tells_no_one(setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(setup["cohort"], setup["module"], starts=in_days(-1))
    assert mail.outbox == []
    assert sms.outbox == []


def test_sessions_scheduled_without_announcing_tell_no_one(
    setup, django_capture_on_commit_callbacks
):
    """The demo's seeding schedules its sessions quietly (trainers/demo.py)."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        schedule(setup["cohort"], setup["module"], announce=False)
    assert mail.outbox == []
    assert sms.outbox == []
    assert callbacks == []


def test_moving_tells_the_learners_and_other_changes_do_not(
    setup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule(setup["cohort"], setup["module"], starts=in_days(3))
    mail.outbox.clear()

    def save(**change):
        fields = {
            "module": setup["module"],
            "title": session.title,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "venue": session.venue,
            "online_link": session.online_link,
            "by": setup["trainer"],
        } | change
        with django_capture_on_commit_callbacks(execute=True):
            return session_save(session=TrainingSession.objects.get(pk=session.pk), **fields)

    save(title="Day 1: child rights")  # not a move
    assert mail.outbox == []
    assert TrainingSession.objects.get(pk=session.pk).sequence == 0

    save(venue="Circuit house, Nalbari")
    assert len(mail.outbox) == 2
    assert all("moved" in message.subject for message in mail.outbox)
    assert "Circuit house, Nalbari" in mail.outbox[0].body
    mail.outbox.clear()

    later = session.starts_at + datetime.timedelta(days=1, hours=1)
    save(starts_at=later, ends_at=later + datetime.timedelta(hours=2))
    assert len(mail.outbox) == 2
    was = date_format(timezone.localtime(session.starts_at), "D j M Y, H:i")
    assert f"It was on {was} (IST)." in mail.outbox[0].body
    assert TrainingSession.objects.get(pk=session.pk).sequence == 2


def test_cancelling_tells_the_learners_keeps_attendance_and_takes_no_more(
    client, setup, django_capture_on_commit_callbacks
):
    cohort, module, owner = setup["cohort"], setup["module"], setup["trainer"]
    first, second = setup["members"]
    held = schedule(cohort, module, starts=in_days(-2), title="Held")
    with django_capture_on_commit_callbacks(execute=True):
        coming = schedule(cohort, module, starts=in_days(2), title="Coming")
    attendance_mark(session=held, marks={first.pk: "present", second.pk: "absent"}, by=owner)
    attendance_mark(session=coming, marks={first.pk: "excused"}, by=owner)
    assert attendance_shares(cohort=cohort, user_ids=[second.pk]) == {(second.pk, module.pk): 0}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=coming, by=owner, reason="  The hall is   flooded ")
    coming.refresh_from_db()
    assert coming.is_cancelled
    assert coming.cancelled_by == owner
    assert coming.cancellation_reason == "The hall is flooded"
    assert coming.sequence == 1
    # Its marks stay; it counts for no one (second: absent at the one session left).
    assert Attendance.objects.filter(session=coming).count() == 1
    assert attendance_shares(cohort=cohort, user_ids=[first.pk, second.pk]) == {
        (first.pk, module.pk): 100,
        (second.pk, module.pk): 0,
    }
    assert Enrollment.objects.get(user=first, module=module).attendance_share == 100
    entry = ModelLogEntry.objects.get(action="trainers.session.cancelled")
    assert entry.data["reason"] == "The hall is flooded"
    assert entry.user_id == owner.pk
    assert len(mail.outbox) == 2
    assert all("cancelled" in message.subject for message in mail.outbox)
    assert "The hall is flooded" in mail.outbox[0].body

    # No more attendance: the service refuses, the page offers no grid, a POST writes nothing.
    with pytest.raises(ValidationError):
        attendance_mark(session=coming, marks={second.pk: "present"}, by=owner)
    client.force_login(owner)
    url = reverse("trainers:session_detail", args=[cohort.pk, coming.pk])
    page = client.get(url).content.decode()
    assert "Save attendance" not in page
    assert "Cancelled on" in page
    assert "The hall is flooded" in page
    response = client.post(url, {f"status-{second.pk}": "present"})
    assert response.status_code == 302
    assert list(Attendance.objects.filter(session=coming).values_list("user_id", "status")) == [
        (first.pk, "excused")
    ]
    # Nor can it be moved: learners were told it is off.
    edit = reverse("trainers:session_edit", args=[cohort.pk, coming.pk])
    assert client.get(edit).status_code == 302
    with pytest.raises(ValidationError):
        session_save(
            session=coming,
            module=module,
            title="Back on",
            starts_at=coming.starts_at,
            ends_at=coming.ends_at,
            venue="x",
            by=owner,
        )
    assert TrainingSession.objects.get(pk=coming.pk).title == "Coming"


def test_cancelling_refuses_twice_and_an_overlong_reason_and_changes_nothing(setup):
    session = schedule(setup["cohort"], setup["module"])
    with pytest.raises(ValidationError) as error:
        session_cancel(session=session, by=setup["trainer"], reason="x" * 501)
    assert "reason" in error.value.message_dict
    session.refresh_from_db()
    assert not session.is_cancelled
    assert session.sequence == 0
    session_cancel(session=session, by=setup["trainer"])
    with pytest.raises(ValidationError):
        session_cancel(session=session, by=setup["trainer"], reason="Again")
    session.refresh_from_db()
    assert session.sequence == 1
    assert session.cancellation_reason == ""
    assert ModelLogEntry.objects.filter(action="trainers.session.cancelled").count() == 1


def test_the_cancel_page_asks_first_then_cancels(client, setup, django_capture_on_commit_callbacks):
    cohort = setup["cohort"]
    session = schedule(cohort, setup["module"], starts=in_days(2))
    client.force_login(setup["trainer"])
    url = reverse("trainers:session_cancel", args=[cohort.pk, session.pk])
    page = client.get(url).content.decode()
    assert "Cancel the session Day 1?" in page
    assert not TrainingSession.objects.get(pk=session.pk).is_cancelled
    response = client.post(url, {"reason": "x" * 501})
    assert response.status_code == 400
    assert not TrainingSession.objects.get(pk=session.pk).is_cancelled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    assert session.cancellation_reason == ""
    assert len(mail.outbox) == 2
    # The session list marks it.
    listing = client.get(reverse("trainers:session_list", args=[cohort.pk])).content.decode()
    assert "Cancelled</span>" in listing


# --- The reminder the day before ----------------------------------------------------------


def test_the_day_before_each_learner_is_reminded_once(setup, django_capture_on_commit_callbacks):
    cohort, module = setup["cohort"], setup["module"]
    tomorrow = schedule(cohort, module, starts=in_days(1, hour=9), title="Tomorrow")
    schedule(cohort, module, starts=in_days(2), title="Later")
    off = schedule(cohort, module, starts=in_days(1, hour=14), title="Off")
    session_cancel(session=off, by=None)
    phone_only(setup["members"][1])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reminded = notices.session_reminders_send()
    assert (reminded.sessions, reminded.learners) == (1, 2)
    assert len(mail.outbox) == 1
    assert "Tomorrow" in mail.outbox[0].subject
    assert len(sms.outbox) == 1
    assert "tomorrow" in sms.outbox[0].text
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at is not None
    assert ModelLogEntry.objects.filter(action="trainers.session.reminded").count() == 1

    # Again (a second run of the job): nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert len(sms.outbox) == 1

    # Moved to another day, it is reminded again before that day.
    session_save(
        session=tomorrow,
        module=module,
        title=tomorrow.title,
        starts_at=in_days(1, hour=15),  # the same day: no second reminder
        ends_at=in_days(1, hour=17),
        venue=tomorrow.venue,
        by=None,
    )
    assert TrainingSession.objects.get(pk=tomorrow.pk).reminded_at is not None
    session_save(
        session=TrainingSession.objects.get(pk=tomorrow.pk),
        module=module,
        title=tomorrow.title,
        starts_at=in_days(4),
        ends_at=in_days(4, hour=13),
        venue=tomorrow.venue,
        by=None,
    )
    assert TrainingSession.objects.get(pk=tomorrow.pk).reminded_at is None
    day_before = timezone.localdate() + datetime.timedelta(days=3)
    assert notices.session_reminders_send(today=day_before).sessions == 1


# --- Sharing a certificate ----------------------------------------------------------------


def test_sharing_a_certificate_gives_its_verification_address_never_the_pdfs(client):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    verify = "http://testserver" + reverse("certification:verify", args=[certificate.token])
    pdf = reverse("certification:download", args=[certificate.pk])
    client.force_login(certificate.recipient)

    for page in (
        client.get(reverse("learning:my_learning")).content.decode(),
        client.get(reverse("certification:verify", args=[certificate.token])).content.decode(),
    ):
        links = re.findall(r'href="(https://wa\.me/\?text=[^"]+)"', page)
        assert len(links) == 1
        text = unquote(links[0].removeprefix("https://wa.me/?text="))
        assert verify in text
        assert pdf not in text
        assert "/pdf/" not in text
        assert links[0] == "https://wa.me/?text=" + quote(text, safe="")
        # Copy link: the address in a read-only field, the button shown by script.
        assert f'value="{verify}" readonly' in page
        assert "data-copy=" in page
        assert "js/copy-link.js" in page

    # Someone else on the verification page gets no share links.
    client.force_login(UserFactory())
    page = client.get(reverse("certification:verify", args=[certificate.token])).content.decode()
    assert "wa.me" not in page
    assert "Copy link" not in page


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_reminder_runs_at_the_same_time_remind_once():
    group = make_group("AS")
    module = make_module(lessons=1, completion_rule=BLENDED, required_attendance_percent=50)
    cohort = make_cohort("AS", group=group, modules=[module], learners=3)
    for hour in (9, 14):
        schedule(cohort, module, starts=in_days(1, hour=hour), title=f"At {hour}")
    mail.outbox.clear()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(notices.session_reminders_send())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result.sessions for result in results) == 2
    assert sum(result.learners for result in results) == 6
    assert len(mail.outbox) == 6
    assert ModelLogEntry.objects.filter(action="trainers.session.reminded").count() == 2
