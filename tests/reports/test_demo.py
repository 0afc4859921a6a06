"""The scorecard's demo data: posts for every district of Assam and Bihar, staff at every stage
of their required training, two district officers, and the scorecard's history.

``seed_demo`` runs once for the module (it takes a while), inside a transaction rolled back at
the end, so that the other test modules never see its rows."""

import datetime
import io
import re
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certification.models import Certificate, SerialCounter
from lms.accounts.access import states_for
from lms.accounts.models import Role, RoleAssignment, User
from lms.core.dates import add_months
from lms.core.demo import DEMO_PASSWORD
from lms.geography.models import District, State
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining
from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress
from reports.demo import DISTRICT_OFFICERS, plan_staff
from reports.models import CadreCell, PersonStanding, Snapshot
from reports.services import current_month

pytestmark = pytest.mark.django_db

MODELS = (
    User,
    RoleAssignment,
    PostCount,
    RequiredTraining,
    Enrollment,
    LessonProgress,
    AssessmentAttempt,
    Certificate,
    SerialCounter,
    Snapshot,
    CadreCell,
    PersonStanding,
    ModelLogEntry,
)


def report(config, line: str) -> None:
    """Show ``line`` in pytest's output (timings are reported, never asserted)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:  # none in an xdist worker
        reporter.write_line(line)


@pytest.fixture(scope="module")
def seeded(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.perf_counter()
        call_command("seed_demo", stdout=io.StringIO())
        report(
            request.config, f"seed_demo on an empty database: {time.perf_counter() - started:.1f} s"
        )
        yield
        transaction.set_rollback(True)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def demo_staff():
    """The bulk-made staff (not the named demo accounts)."""
    today, now = timezone.localdate(), timezone.now()
    return User.objects.filter(email__in=[p.email for p in plan_staff(today, now)])


def test_seed_demo_again_changes_nothing(seeded, request):
    before = counts()
    out = io.StringIO()
    started = time.perf_counter()
    call_command("seed_demo", stdout=out)
    report(request.config, f"seed_demo again: {time.perf_counter() - started:.1f} s")
    out = out.getvalue()
    assert counts() == before
    assert "officer.kamrupmetro@demo.example.org" in out
    assert "officer.patna@demo.example.org" in out


def test_every_district_of_assam_and_bihar_has_posts_in_each_month(seeded):
    this_month = current_month()
    months = {add_months(this_month, -12), add_months(this_month, -6), this_month}
    for code in ("AS", "BR"):
        state = State.objects.get(code=code)
        districts = set(District.objects.filter(state=state, is_active=True).values_list("pk"))
        rows = PostCount.objects.filter(state=state, source=PostCount.Source.DEMO)
        for month in months:
            in_month = rows.filter(as_of=month)
            assert set(in_month.exclude(district=None).values_list("district")) == districts
            scps = in_month.get(district=None)
            assert scps.cadre.slug == "scps-staff"
            assert 0 < scps.filled < scps.sanctioned
        assert set(rows.values_list("as_of", flat=True)) == months
    current = PostCount.objects.filter(as_of=this_month).exclude(district=None)
    assert any(row.filled < row.sanctioned for row in current)
    # A few districts are badly staffed: under 60 % of their posts filled.
    share = {}
    for row in current:
        filled, sanctioned = share.get(row.district_id, (0, 0))
        share[row.district_id] = (filled + row.filled, sanctioned + row.sanctioned)
    badly = [d for d, (filled, sanctioned) in share.items() if filled < 0.6 * sanctioned]
    assert 2 <= len(badly) <= 12
    # History: the figures differ between the months.
    year_ago = dict(
        PostCount.objects.filter(as_of=add_months(this_month, -12))
        .exclude(district=None)
        .values_list("pk", "filled")
    )
    assert sum(row.filled for row in current) > sum(year_ago.values())


def test_demo_staff_stand_at_every_stage(seeded):
    staff = demo_staff()
    assert 300 <= staff.count() <= 1500
    assert not any(user.has_usable_password() for user in staff)
    standings = PersonStanding.objects.filter(user__in=staff)
    assert standings.count() == staff.count()
    statuses = set(standings.values_list("status", flat=True))
    assert statuses >= {
        PersonStanding.Status.NOT_STARTED,
        PersonStanding.Status.IN_PROGRESS,
        PersonStanding.Status.COMPLETED,
        PersonStanding.Status.TRAINED,
    }
    assert standings.filter(status=PersonStanding.Status.TRAINED, expiring=True).exists()
    assert standings.filter(status=PersonStanding.Status.NOT_STARTED, overdue=True).exists()
    assert standings.filter(status=PersonStanding.Status.NOT_STARTED, overdue=False).exists()
    assert standings.filter(status=PersonStanding.Status.IN_PROGRESS, overdue=True).exists()
    # Expired: a certificate that has run out, and the module overdue again.
    today = timezone.localdate()
    expired = Certificate.objects.filter(recipient__in=staff, valid_until__lt=today)
    assert expired.exists()
    assert standings.filter(user__in=expired.values("recipient"), overdue=True).exists()
    # Places, languages and the dates people took up their posts vary.
    assert set(staff.values_list("state__code", flat=True)) == {"AS", "BR"}
    assert staff.filter(district=None).exists()  # the SCPS's own staff
    assert set(staff.values_list("preferred_language", flat=True)) == {"en", "hi", "as"}
    since = staff.values_list("cadre_since", flat=True)
    assert min(since) >= today - datetime.timedelta(days=3 * 366)
    assert max(since) >= today - datetime.timedelta(days=60)


def test_demo_certificates_are_whole_certificates(seeded):
    staff = demo_staff()
    certificates = Certificate.objects.filter(recipient__in=staff).select_related(
        "enrollment", "issuing_state"
    )
    assert certificates.count() > 100
    # Each completed enrolment passed its assessment; a certificate prints the best score.
    attempts = AssessmentAttempt.objects.filter(enrollment__user__in=staff)
    assert not attempts.filter(submitted_at=None).exists()
    assert attempts.filter(passed=False).exists()
    best = dict(
        attempts.filter(passed=True).values("enrollment").annotate(best=Max("percent"))
        .values_list("enrollment", "best")
    )  # fmt: skip
    completed = Enrollment.objects.filter(user__in=staff, status=Enrollment.Status.COMPLETED)
    assert set(best) == set(completed.values_list("pk", flat=True))
    assert not Enrollment.objects.filter(user__in=staff, pk__in=best).exclude(
        status=Enrollment.Status.COMPLETED
    )
    serial = re.compile(r"^(AS|BR)-\d{4}-\d{6}$")
    for certificate in certificates:
        assert serial.match(certificate.serial)
        assert certificate.serial.startswith(certificate.issuing_state.code)
        assert certificate.serial[3:7] == str(timezone.localdate(certificate.issued_at).year)
        assert len(certificate.token) == 22
        assert len(certificate.code) == 16
        assert certificate.enrollment.status == Enrollment.Status.COMPLETED
        assert certificate.enrollment.user_id == certificate.recipient_id
        assert certificate.issued_at >= certificate.enrollment.completed_at
        assert certificate.design
        assert certificate.score == best[certificate.enrollment_id]
    # Each state's counter stands at the last serial given out that year.
    for counter in SerialCounter.objects.all():
        serials = Certificate.objects.filter(serial__startswith=f"{counter.prefix}-{counter.year}-")
        numbers = sorted(int(s[-6:]) for s in serials.values_list("serial", flat=True))
        assert numbers == list(range(1, counter.last + 1))


def test_district_officers_see_their_district_only(seeded):
    for person in DISTRICT_OFFICERS:
        user = User.objects.get(email=f"{person.email}@demo.example.org")
        assert user.check_password(DEMO_PASSWORD)
        district = District.objects.get(state__code=person.state, name=person.district)
        assignment = RoleAssignment.objects.get(user=user)
        assert (assignment.role, assignment.district, assignment.state_id) == (
            Role.DISTRICT_OFFICER,
            district,
            district.state_id,
        )
        scope = states_for(user, Role.DISTRICT_OFFICER)
        assert scope.covers_district(district)
        other = District.objects.filter(state=district.state).exclude(pk=district.pk).first()
        assert not scope.covers_district(other)
    assert {p.district for p in DISTRICT_OFFICERS} == {"Kamrup Metropolitan", "Patna"}


def test_scorecard_has_a_year_of_history(seeded):
    this_month = current_month()
    months = [add_months(this_month, -back) for back in range(12, -1, -1)]
    assert list(Snapshot.objects.order_by("month").values_list("month", flat=True)) == months
    trained = [
        sum(CadreCell.objects.filter(month=month).values_list("trained", flat=True))
        for month in months
    ]
    assert trained == sorted(trained)
    assert trained[0] < trained[-1]
    # The current month's posts are the current figures.
    cell = CadreCell.objects.filter(month=this_month, posts_sanctioned__isnull=False).first()
    post = PostCount.objects.get(
        district=cell.district, cadre=cell.cadre, as_of=this_month, state=cell.state
    )
    assert (cell.posts_sanctioned, cell.posts_filled) == (post.sanctioned, post.filled)
