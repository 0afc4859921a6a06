"""The progress matrix, the drill-down, reminders, the cohort's bulk certificate issue and the
exports (issue 6, items 5-7)."""

from __future__ import annotations

import csv
import datetime
import io
import re
from itertools import count

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from certification.models import Certificate, CertificateBatch
from certification.services import new_code, new_token
from lms import sms
from lms.accounts.models import User
from lms.sms.models import SmsMessage
from modules.content.models import AssessmentPage, LessonPage
from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress
from modules.learning.services import enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory, district_of, state
from tests.helpers import captured_statements
from tests.modules.factories import make_module, single
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import actions, selectors
from trainers.exports import sheet_title
from trainers.models import Attendance, CohortMember, TrainingSession
from trainers.services import cohort_member_remove, cohort_members_add

pytestmark = pytest.mark.django_db

_serials = count(1)
LONG_AGO = timezone.localdate() - datetime.timedelta(days=60)


# --- Helpers --------------------------------------------------------------------------------


def certify(enrollment: Enrollment, **fields) -> Certificate:
    """A certificate row as certification would store it (without rendering a PDF)."""
    user, module = enrollment.user, enrollment.module
    values = {
        "enrollment": enrollment,
        "cycle": enrollment.cycle,
        "serial": f"AS-2026-{next(_serials):06d}",
        "token": new_token(),
        "code": new_code(),
        "recipient": user,
        "recipient_name": user.full_name,
        "module": module,
        "module_code": module.code,
        "module_title": module.title,
        "module_version": "1.0",
        "issuing_state": user.state,
        "issuing_state_name": "Assam",
    }
    values.update(fields)
    return Certificate.objects.create(**values)


def enrollment(user, module) -> Enrollment:
    return Enrollment.objects.select_related("module", "user").get(user=user, module=module)


def complete(user, module) -> Enrollment:
    e = enrollment(user, module)
    for lesson in LessonPage.objects.child_of(module).live():
        lesson_complete(enrollment=e, lesson=lesson)
    e.refresh_from_db()
    assert e.is_completed
    return e


def start(user, module) -> Enrollment:
    """Complete the first of the module's two lessons: 50 %."""
    e = enrollment(user, module)
    lesson_complete(enrollment=e, lesson=LessonPage.objects.child_of(module).live().first())
    e.refresh_from_db()
    return e


def fail_attempts(e: Enrollment, times: int) -> None:
    assessment = AssessmentPage.objects.child_of(e.module).get()
    for number in range(1, times + 1):
        AssessmentAttempt.objects.create(
            enrollment=e,
            assessment=assessment,
            revision=assessment.latest_revision,
            number=number,
            cycle=e.cycle,
            question_ids=[],
            seed=1,
            submitted_at=timezone.now(),
            percent=20,
            passed=False,
        )


def members(cohort) -> list[User]:
    return [
        m.user
        for m in CohortMember.objects.filter(cohort=cohort)
        .select_related("user")
        .order_by("user__full_name", "pk")
    ]


@pytest.fixture
def world():
    """An Assam cohort (started two months ago) with two plain modules and one with an
    assessment of one attempt, its trainer, and five learners."""
    group = make_group("AS")
    modules = [
        make_module(lessons=2, code="PMA-101"),
        make_module(lessons=2, code="PMA-102"),
        make_module(lessons=1, code="PMA-103", questions=[single()], max_attempts=1),
    ]
    cohort = make_cohort("AS", group=group, modules=modules, learners=5, starts_on=LONG_AGO)
    names = ["Asha Das", "Bina Roy", "Chandan Bora", "Dipen Kalita", "Esha Nath"]
    people = members(cohort)
    for user, name in zip(people, names, strict=True):
        User.objects.filter(pk=user.pk).update(full_name=name)
        user.full_name = name
    return {
        "cohort": cohort,
        "modules": modules,
        "people": people,
        "trainer": trainer("AS", group=group),
    }


def page(client, cohort, **params):
    response = client.get(reverse("trainers:progress", args=[cohort.pk]), params)
    assert response.status_code == 200
    return response


def rows_by_email(response) -> dict[str, selectors.MatrixRow]:
    return {row.user.email: row for row in response.context["matrix"].rows}


# --- Statuses -------------------------------------------------------------------------------


def test_each_cell_says_its_status(client, world):
    a, b, c, d, _e = world["people"]
    m1, _m2, _m3 = world["modules"]
    start(a, m1)  # in progress 50 %
    complete(b, m1)  # completed
    certify(complete(c, m1))  # certified
    certify(complete(d, m1), revoked_at=timezone.now(), revocation_reason="Error")  # revoked
    client.force_login(world["trainer"])
    response = page(client, world["cohort"])
    rows = rows_by_email(response)
    assert [cell.text for cell in rows[a.email].cells] == [
        "In progress 50%",
        "Not started",
        "Not started",
    ]
    assert rows[b.email].cells[0].status == selectors.CellStatus.COMPLETED
    assert rows[c.email].cells[0].status == selectors.CellStatus.CERTIFIED
    # A revoked certificate is not a current one.
    assert rows[d.email].cells[0].status == selectors.CellStatus.COMPLETED
    assert rows[c.email].progress == round(100 / 3)
    html = response.content.decode()
    # Colour plus text: the class carries the colour, the words the meaning.
    assert 'class="cell cell--in_progress">In progress 50%</td>' in html
    assert 'class="cell cell--certified">Certified</td>' in html
    summary = response.context["matrix"].summary
    assert summary.members == 5
    assert summary.certified == 1
    assert [(m.started, m.completed, m.certified) for m in summary.modules] == [
        (4, 3, 1),
        (0, 0, 0),
        (0, 0, 0),
    ]
    weeks = response.context["matrix"].weeks
    assert weeks
    assert weeks[-1].cumulative == 3
    assert 'id="progress-chart-data"' in html  # json_script, no inline script
    assert "<script>" not in html


def test_at_risk_after_14_days_without_activity(client, world):
    a, b, c, _d, _e = world["people"]
    m1, _m2, _m3 = world["modules"]
    start(a, m1)
    start(b, m1)
    old = timezone.now() - datetime.timedelta(days=20)
    CohortMember.objects.filter(cohort=world["cohort"]).update(added_at=old)
    Enrollment.objects.filter(user=a).update(last_activity_at=old)
    # Never active since being added and enrolled three weeks ago: at risk too.
    Enrollment.objects.filter(user=c).update(last_activity_at=old)
    client.force_login(world["trainer"])
    rows = rows_by_email(page(client, world["cohort"]))
    assert rows[a.email].at_risk
    assert rows[a.email].inactive
    assert not rows[b.email].at_risk
    assert rows[c.email].at_risk
    assert "No activity for 14 days" in rows[a.email].risk_reasons
    listed = page(client, world["cohort"], status="at_risk").context["matrix"].rows
    assert {row.user.email for row in listed} == {a.email, c.email}


def test_at_risk_when_every_attempt_failed(client, world):
    a, b, *_ = world["people"]
    m3 = world["modules"][2]
    fail_attempts(enrollment(a, m3), 1)  # max_attempts is 1
    e = enrollment(b, m3)
    fail_attempts(e, 1)
    Enrollment.objects.filter(pk=e.pk).update(cycle=2)  # a new cycle: fresh attempts
    client.force_login(world["trainer"])
    rows = rows_by_email(page(client, world["cohort"]))
    assert rows[a.email].at_risk
    assert rows[a.email].out_of_attempts
    assert rows[a.email].cells[2].text == "In progress 0%, no attempts left"
    assert not rows[b.email].at_risk


def test_no_one_is_idle_before_the_cohort_ran_14_days(client, world):
    cohort = world["cohort"]
    cohort.starts_on = timezone.localdate()
    cohort.save(update_fields=["starts_on"])
    CohortMember.objects.filter(cohort=cohort).update(
        added_at=timezone.now() - datetime.timedelta(days=30)
    )
    client.force_login(world["trainer"])
    assert page(client, cohort).context["matrix"].summary.at_risk == 0


# --- Filters and sorting --------------------------------------------------------------------


def test_filters_search_and_sorting(client, world):
    a, b, c, d, e = world["people"]
    m1, m2, _m3 = world["modules"]
    complete(a, m1)
    complete(a, m2)
    start(b, m1)
    certify(complete(c, m1))
    other_district = (
        state("AS").districts.filter(is_active=True).exclude(pk=d.district_id).order_by("name")[0]
    )
    User.objects.filter(pk=d.pk).update(district=other_district)
    client.force_login(world["trainer"])
    cohort = world["cohort"]

    def emails(**params):
        return [row.user.email for row in page(client, cohort, **params).context["matrix"].rows]

    assert emails(q="bina") == [b.email]
    assert emails(q=e.email.upper()) == [e.email]
    assert emails(district=other_district.pk) == [d.email]
    assert set(emails(status="not_started")) == {d.email, e.email}
    assert set(emails(status="in_progress")) == {a.email, b.email, c.email}
    assert emails(status="completed") == []
    assert emails(status="completed", module=m1.pk) == [a.email]  # c's is certified
    assert emails(status="certified", module=m1.pk) == [c.email]
    assert emails(status="in_progress", module=m1.pk) == [b.email]
    assert set(emails(status="not_started", module=m1.pk)) == {d.email, e.email}
    assert emails(sort="-progress")[:3] == [a.email, c.email, b.email]
    assert emails(sort="name") == [u.email for u in (a, b, c, d, e)]
    assert emails(sort="-name") == [u.email for u in (e, d, c, b, a)]
    # Nonsense parameters are ignored, never an error.
    assert len(emails(status="bogus", district="x", sort="drop table", module="999999")) == 5
    # The htmx request gets the matrix alone.
    fragment = client.get(
        reverse("trainers:progress", args=[cohort.pk]), {"q": "bina"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="progress-matrix"' in fragment[:300]
    assert "<html" not in fragment


def test_removed_learners_leave_the_matrix(client, world):
    a = world["people"][0]
    cohort_member_remove(member=CohortMember.objects.get(user=a), by=None)
    client.force_login(world["trainer"])
    matrix = page(client, world["cohort"]).context["matrix"]
    assert matrix.summary.members == 4
    assert a.email not in {row.user.email for row in matrix.rows}


# --- Query budget ---------------------------------------------------------------------------


def _cohort_of(size: int, modules):
    cohort = make_cohort("AS", modules=modules, starts_on=LONG_AGO)
    users = [UserFactory(state=state("AS"), district=district_of("AS")) for _ in range(size)]
    cohort_members_add(cohort=cohort, users=users, by=None)
    for number, user in enumerate(users):
        if number % 3 == 0:
            start(user, modules[0])
        if number % 5 == 0:
            certify(complete(user, modules[1]))
    return cohort


def _queries(client, url, **params) -> int:
    with captured_statements(savepoints=True) as statements:
        assert client.get(url, params).status_code == 200
    return len(statements)


@pytest.mark.needs_caches
def test_the_page_runs_a_fixed_number_of_queries(client):
    modules = [make_module(lessons=2) for _ in range(3)]
    small, large = _cohort_of(30, modules), _cohort_of(60, modules)
    group_trainer = trainer("AS", group=small.trainer_group)
    large.trainer_group = small.trainer_group
    large.save(update_fields=["trainer_group"])
    client.force_login(group_trainer)
    client.get(reverse("trainers:progress", args=[small.pk]))  # session and roles settle
    counts = {}
    for name, cohort in (("small", small), ("large", large)):
        url = reverse("trainers:progress", args=[cohort.pk])
        counts[name] = (
            _queries(client, url),
            _queries(client, url, status="in_progress", sort="-progress"),
            _queries(client, url, page=2),
        )
    assert counts["small"] == counts["large"], counts
    assert max(max(c) for c in counts.values()) <= 15, counts
    # The drill-down and the export are fixed as well.
    detail = {
        name: _queries(
            client,
            reverse(
                "trainers:learner_detail",
                args=[cohort.pk, CohortMember.objects.filter(cohort=cohort).first().user_id],
            ),
        )
        for name, cohort in (("small", small), ("large", large))
    }
    assert detail["small"] == detail["large"] <= 15
    exports = {
        name: _queries(client, reverse("trainers:progress_export", args=[cohort.pk, "csv"]))
        for name, cohort in (("small", small), ("large", large))
    }
    assert exports["small"] == exports["large"] <= 15


# --- Drill-down -----------------------------------------------------------------------------


def test_drill_down_shows_lessons_attempts_attendance_and_certificates(client, world):
    a = world["people"][0]
    m1, _m2, m3 = world["modules"]
    certify(complete(a, m1))

    LessonProgress.objects.filter(enrollment__user=a).update(seconds_spent=600)
    fail_attempts(enrollment(a, m3), 1)
    cohort = world["cohort"]
    starts = timezone.now() - datetime.timedelta(days=2)
    session = TrainingSession.objects.create(
        cohort=cohort,
        module=m1,
        title="Day one at Guwahati",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    TrainingSession.objects.create(
        cohort=cohort,
        module=m1,
        title="Day two",
        starts_at=starts + datetime.timedelta(days=1),
        ends_at=starts + datetime.timedelta(days=1, hours=3),
    )
    Attendance.objects.create(session=session, user=a, status="present")
    client.force_login(world["trainer"])
    response = client.get(reverse("trainers:learner_detail", args=[cohort.pk, a.pk]))
    assert response.status_code == 200
    items = {item.module.pk: item for item in response.context["modules"]}
    assert [row is not None for _lesson, row in items[m1.pk].lessons] == [True, True]
    assert items[m1.pk].minutes == 20
    assert items[m1.pk].cell.status == selectors.CellStatus.CERTIFIED
    assert len(items[m1.pk].certificates) == 1
    assert [(at.number, at.passed) for at in items[m3.pk].attempts] == [(1, False)]
    html = response.content.decode()
    assert "Day one at Guwahati" in html
    assert "Present" in html
    assert "Not marked" in html
    assert "Time spent: 20 min" in html


def test_drill_down_shows_each_certificates_status(client, world):
    a = world["people"][0]
    m1 = world["modules"][0]
    certificate = certify(complete(a, m1))
    client.force_login(world["trainer"])
    url = reverse("trainers:learner_detail", args=[world["cohort"].pk, a.pk])

    def shown() -> str:
        html = client.get(url).content.decode()
        return re.search(rf"Certificate {certificate.serial}, issued [^<]*", html).group(0)

    assert shown().endswith("— Valid")
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert shown().endswith("— Expired")
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=timezone.now(), revocation_reason="Issued in error"
    )
    assert shown().endswith("— Revoked")


# --- Reminders ------------------------------------------------------------------------------


def _reminders() -> int:
    return ModelLogEntry.objects.filter(
        action="trainers.reminder.sent", content_type=ContentType.objects.get_for_model(User)
    ).count()


def test_reminders_mail_log_and_once_a_day(client, world, django_capture_on_commit_callbacks):
    a, b, *_ = world["people"]
    User.objects.filter(pk=b.pk).update(preferred_language="hi")
    client.force_login(world["trainer"])
    url = reverse("trainers:remind", args=[world["cohort"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"user": [a.pk, b.pk]})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])
    assert all("/learning/" in m.body for m in mail.outbox)
    assert _reminders() == 2
    entry = ModelLogEntry.objects.filter(action="trainers.reminder.sent").first()
    assert entry.user_id == world["trainer"].pk
    assert entry.data["cohort"] == world["cohort"].pk
    # Again the same day: nobody is mailed twice (the audit log says so, even without cache).

    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"user": [a.pk]})
    assert len(mail.outbox) == 2
    assert _reminders() == 2


def test_reminders_to_all_at_risk(client, world, django_capture_on_commit_callbacks):
    a = world["people"][0]
    old = timezone.now() - datetime.timedelta(days=20)
    CohortMember.objects.filter(user=a).update(added_at=old)
    Enrollment.objects.filter(user=a).update(last_activity_at=old)
    client.force_login(world["trainer"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainers:remind", args=[world["cohort"].pk]), {"all_at_risk": "1"})
    assert [m.to[0] for m in mail.outbox] == [a.email]


def test_reminders_are_rate_limited_per_trainer(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(actions, "REMINDER_REQUESTS_PER_HOUR", 1)
    a, b, *_ = world["people"]
    client.force_login(world["trainer"])
    url = reverse("trainers:remind", args=[world["cohort"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"user": [a.pk]})
        response = client.post(url, {"user": [b.pk]}, follow=True)
    assert [m.to[0] for m in mail.outbox] == [a.email]
    assert "Try again later" in response.content.decode()
    assert _reminders() == 1


def test_a_foreign_id_among_the_reminded_is_404_and_nobody_is_mailed(
    client, world, django_capture_on_commit_callbacks
):
    stranger = UserFactory()
    other = make_cohort("AS", group=world["cohort"].trainer_group, learners=1)
    other_member = CohortMember.objects.get(cohort=other).user
    client.force_login(world["trainer"])
    url = reverse("trainers:remind", args=[world["cohort"].pk])
    for foreign in (stranger.pk, other_member.pk, "x"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"user": [world["people"][0].pk, foreign]})
        assert response.status_code == 404
    assert mail.outbox == []
    assert _reminders() == 0


def _without_email(user: User, phone: str, **fields) -> None:
    """Make ``user`` a learner known by a mobile number alone."""
    EmailAddress.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(email=None, phone=phone, **fields)


def test_a_learner_without_email_is_reminded_by_sms_in_their_language(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    a, b, c, *_ = world["people"]
    _without_email(a, "+919876543210", preferred_language="as")
    User.objects.filter(pk=b.pk).update(phone="+919876543211", notices_by_sms=True)
    languages = {}
    real = actions.send_notice_sms

    def recording(user, **kwargs):
        languages[user.pk] = translation.get_language()
        return real(user, **kwargs)

    monkeypatch.setattr(actions, "send_notice_sms", recording)
    client.force_login(world["trainer"])
    url = reverse("trainers:remind", args=[world["cohort"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"user": [a.pk, b.pk, c.pk]}, follow=True)
    assert "Reminder sent to 3 learner(s)." in response.content.decode()
    # Mail to the addresses; a text message to the number without one, and to the learner who
    # asked for notices by SMS too.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([b.email, c.email])
    texts = {message.to: message for message in sms.outbox}
    assert sorted(texts) == ["+919876543210", "+919876543211"]
    text = texts["+919876543210"]
    assert (text.kind, text.status) == ("reminder", "sent")
    # In Assamese, the learner's language: the first name and the link to My learning.
    assert text.text.startswith("Asha, আপোনাৰ প্ৰশিক্ষকসকলে")
    assert "remind" not in text.text
    assert re.search(r" http://testserver/\S*learning/$", text.text)
    assert texts["+919876543211"].text.startswith("Bina, your trainers remind you")
    for private in ("Das", world["cohort"].name, "@"):
        assert private not in text.text
    assert languages == {a.pk: "as", b.pk: "en"}
    entries = ModelLogEntry.objects.filter(action="trainers.reminder.sent")
    assert {int(e.object_id): e.data["by"] for e in entries} == {
        a.pk: ["sms"],
        b.pk: ["email", "sms"],
        c.pk: ["email"],
    }

    # The same day again, even without the cache's claim: nobody is reminded twice.
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"user": [a.pk]}, follow=True)
    assert "were reminded in the last day" in response.content.decode()
    assert len(sms.outbox) == 2
    assert SmsMessage.objects.count() == 2
    assert _reminders() == 3


def test_learners_without_email_are_shown_by_number_on_the_matrix_and_in_exports(client, world):
    a, b, *_ = world["people"]
    m1 = world["modules"][0]
    certify(complete(a, m1))
    cohort = world["cohort"]
    client.force_login(world["trainer"])
    urls = [
        reverse("trainers:progress", args=[cohort.pk]),
        reverse("trainers:progress_export", args=[cohort.pk, "csv"]),
        reverse("trainers:certificates_export", args=[cohort.pk, "csv"]),
        reverse("trainers:learner_detail", args=[cohort.pk, a.pk]),
    ]
    for url in urls:  # caches and content types, once
        client.get(url)
    before = [_queries(client, url) for url in urls]
    _without_email(a, "+919876543210")
    _without_email(b, "+919876543211")
    # The numbers come with the rows: no query per learner without an address.
    assert [_queries(client, url) for url in urls] == before
    matrix, progress, certificates, detail = (client.get(url).content.decode() for url in urls)
    for shown in (matrix, progress, certificates, detail):
        assert "+91 98765 43210" in shown
        assert "None" not in shown
    assert "+91 98765 43211" in matrix
    assert progress.splitlines()[0].startswith("\ufeffName,Email or mobile number,")
    # The matrix's search finds a learner by number, however it is typed.
    rows = page(client, cohort, q="98765 43211").context["matrix"].rows
    assert [row.user.pk for row in rows] == [b.pk]


# --- Bulk issue -----------------------------------------------------------------------------


def test_bulk_issue_takes_exactly_the_qualifying_enrollments(client, world):
    a, b, c, d, e = world["people"]
    m1, m2, _m3 = world["modules"]
    qualifying = {complete(a, m1).pk, complete(a, m2).pk, complete(b, m1).pk}
    certify(complete(c, m1))  # has one
    start(d, m1)  # not completed
    removed = complete(e, m1)
    cohort_member_remove(member=CohortMember.objects.get(user=e), by=None)
    outsider = UserFactory()
    enrollment_create(user=outsider, module=m1, source=Enrollment.Source.SELF)
    complete(outsider, m1)
    assert removed.pk not in qualifying
    client.force_login(world["trainer"])
    response = client.post(reverse("trainers:issue_certificates", args=[world["cohort"].pk]))
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certification:batch", args=[batch.pk])
    assert set(batch.items.values_list("enrollment_id", flat=True)) == qualifying
    assert batch.state == world["cohort"].state
    assert batch.created_by == world["trainer"]
    assert ModelLogEntry.objects.filter(action="trainers.cohort.certificates_requested").exists()
    # The creator may open the batch page.
    assert client.get(response["Location"]).status_code == 200


def test_bulk_issue_with_no_one_waiting(client, world):
    client.force_login(world["trainer"])
    response = client.post(reverse("trainers:issue_certificates", args=[world["cohort"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("trainers:progress", args=[world["cohort"].pk]))
    assert not CertificateBatch.objects.exists()


# --- Exports --------------------------------------------------------------------------------


def test_progress_export_matches_the_screen_and_is_logged(client, world):
    a, b, *_ = world["people"]
    m1 = world["modules"][0]
    User.objects.filter(pk=a.pk).update(full_name='=HYPERLINK("http://x")')
    start(a, m1)
    certify(complete(b, m1))
    client.force_login(world["trainer"])
    screen = page(client, world["cohort"], sort="-progress").context["matrix"]
    response = client.get(
        reverse("trainers:progress_export", args=[world["cohort"].pk, "csv"]), {"sort": "-progress"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = table[0], table[1:]
    assert header[:4] == ["Name", "Email or mobile number", "District", "Cadre"]
    assert header[4:7] == [f"{m.code} {m.title}" for m in world["modules"]]
    assert header[7:] == ["Progress (%)", "Last activity", "At risk"]
    assert [row[1] for row in body] == [row.user.email for row in screen.rows]
    by_email = {row[1]: row for row in body}
    assert by_email[b.email][4] == "Certified"
    assert by_email[a.email][4] == "In progress 50%"
    assert by_email[a.email][0] == '\'=HYPERLINK("http://x")'  # neutralised
    entry = ModelLogEntry.objects.get(action="trainers.export.progress")
    assert entry.user_id == world["trainer"].pk
    assert entry.object_id == str(world["cohort"].pk)
    assert entry.data["format"] == "csv"
    assert entry.data["rows"] == 5
    assert entry.timestamp is not None


def test_progress_export_xlsx_follows_the_filters(client, world):
    a = world["people"][0]
    start(a, world["modules"][0])
    client.force_login(world["trainer"])
    response = client.get(
        reverse("trainers:progress_export", args=[world["cohort"].pk, "xlsx"]),
        {"status": "in_progress"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Name"
    assert [row[1] for row in values[1:]] == [a.email]
    assert ModelLogEntry.objects.get(action="trainers.export.progress").data["filters"] == {
        "status": "in_progress"
    }


def test_certificates_export(client, world):
    a, b, *_ = world["people"]
    m1 = world["modules"][0]
    good = certify(complete(a, m1))
    certify(
        complete(b, m1),
        revoked_at=timezone.now(),
        revocation_reason="Issued by mistake",
        recipient_name="@SUM(A1)",
    )
    outsider = UserFactory()
    enrollment_create(user=outsider, module=m1, source=Enrollment.Source.SELF)
    certify(complete(outsider, m1))  # not in the cohort
    client.force_login(world["trainer"])
    response = client.get(
        reverse("trainers:certificates_export", args=[world["cohort"].pk, "xlsx"])
    )
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert values[0][6] == "Serial number"
    rows = {row[1]: row for row in values[1:]}
    assert set(rows) == {a.email, b.email}
    assert rows[a.email][6] == good.serial
    assert rows[a.email][9] == "Valid"
    assert rows[b.email][9] == "Revoked"
    assert rows[b.email][0] == "'@SUM(A1)"
    entry = ModelLogEntry.objects.get(action="trainers.export.certificates")
    assert entry.user_id == world["trainer"].pk
    assert entry.data["rows"] == 2
    assert (
        client.get(
            reverse("trainers:certificates_export", args=[world["cohort"].pk, "pdf"])
        ).status_code
        == 404
    )


def test_progress_xlsx_names_its_sheet_and_types_its_cells(client, world):
    a = world["people"][0]
    start(a, world["modules"][0])
    client.force_login(world["trainer"])
    response = client.get(reverse("trainers:progress_export", args=[world["cohort"].pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Progress"]
    sheet = workbook["Progress"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    progress = rows[a.email][header.index("Progress (%)")]
    screen = rows_by_email(page(client, world["cohort"]))
    assert progress.data_type == "n"
    assert progress.value == screen[a.email].progress > 0
    activity = rows[a.email][header.index("Last activity")]
    assert activity.is_date
    assert activity.number_format == "yyyy-mm-dd hh:mm"
    # Written in India time (a workbook holds no zones).
    last = timezone.localtime(screen[a.email].last_activity).replace(tzinfo=None)
    assert abs(activity.value - last) < datetime.timedelta(seconds=1)
    # Text stays text.
    assert rows[a.email][0].data_type == "s"


def test_certificates_xlsx_has_dates_as_dates(client, world):
    a = world["people"][0]
    good = certify(complete(a, world["modules"][0]), valid_until=datetime.date(2029, 3, 31))
    client.force_login(world["trainer"])
    response = client.get(
        reverse("trainers:certificates_export", args=[world["cohort"].pk, "xlsx"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Certificates"]
    row = next(workbook.active.iter_rows(min_row=2))
    issued, valid_until = row[7], row[8]
    assert issued.is_date
    assert valid_until.is_date
    assert issued.number_format == valid_until.number_format == "yyyy-mm-dd"
    assert issued.value.date() == timezone.localtime(good.issued_at).date()
    assert valid_until.value.date() == datetime.date(2029, 3, 31)
    # The CSV writes the same dates as ISO text.
    response = client.get(reverse("trainers:certificates_export", args=[world["cohort"].pk, "csv"]))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[1][7] == timezone.localtime(good.issued_at).date().isoformat()
    assert table[1][8] == "2029-03-31"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Progress", "Progress"),
        ("a/b\\c*d?e:f[g]h", "a b c d e f g h"),
        ("x" * 40, "x" * 31),
        ("[]", "Table"),
    ],
)
def test_sheet_titles_keep_to_excels_rules(title, expected):
    assert sheet_title(title) == expected


def test_an_xlsx_export_of_an_unknown_format_or_cohort_writes_nothing(client, world):
    client.force_login(world["trainer"])
    other = make_cohort("BR", learners=1)
    for url in (
        reverse("trainers:progress_export", args=[world["cohort"].pk, "xls"]),
        reverse("trainers:progress_export", args=[other.pk, "xlsx"]),
        reverse("trainers:certificates_export", args=[other.pk, "xlsx"]),
    ):
        assert client.get(url).status_code == 404
    assert not ModelLogEntry.objects.filter(action__startswith="trainers.export.").exists()


# --- Scope ----------------------------------------------------------------------------------


def _my_urls(world) -> list[tuple[str, str]]:
    cohort, learner = world["cohort"], world["people"][0]
    return [
        ("GET", reverse("trainers:progress", args=[cohort.pk])),
        ("GET", reverse("trainers:learner_detail", args=[cohort.pk, learner.pk])),
        ("POST", reverse("trainers:remind", args=[cohort.pk])),
        ("POST", reverse("trainers:issue_certificates", args=[cohort.pk])),
        ("GET", reverse("trainers:progress_export", args=[cohort.pk, "csv"])),
        ("GET", reverse("trainers:progress_export", args=[cohort.pk, "xlsx"])),
        ("GET", reverse("trainers:certificates_export", args=[cohort.pk, "csv"])),
        ("GET", reverse("trainers:certificates_export", args=[cohort.pk, "xlsx"])),
    ]


@pytest.mark.parametrize("who", ["bihar_trainer", "bihar_coordinator", "learner"])
def test_out_of_scope_is_404_everywhere(client, world, who, django_capture_on_commit_callbacks):
    complete(world["people"][1], world["modules"][0])
    person = {
        "bihar_trainer": lambda: trainer("BR"),
        "bihar_coordinator": lambda: coordinator("BR"),
        "learner": lambda: world["people"][0],
    }[who]()
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        for method, url in _my_urls(world):
            assert client.get(url).status_code == 404, url
            response = client.post(url, {"user": [world["people"][0].pk], "all_at_risk": "1"})
            assert response.status_code == 404, f"{method} {url}"
    assert mail.outbox == []
    assert not CertificateBatch.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="trainers.export").exists()
    assert _reminders() == 0


def test_a_coordinator_of_the_state_sees_the_matrix(client, world):
    client.force_login(coordinator("AS"))
    assert page(client, world["cohort"]).context["matrix"].summary.members == 5


def test_a_learner_of_another_cohort_has_no_drill_down(client, world):
    other = make_cohort("AS", group=world["cohort"].trainer_group, learners=1)
    stranger = CohortMember.objects.get(cohort=other).user
    client.force_login(world["trainer"])
    url = reverse("trainers:learner_detail", args=[world["cohort"].pk, stranger.pk])
    assert client.get(url).status_code == 404
