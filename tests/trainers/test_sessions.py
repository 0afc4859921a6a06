"""Sessions and attendance: the services, the attendance grid, the sheet and its export, bad
input and scope."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from certification.models import Certificate
from modules.content.models import LessonPage, TrainingModulePage
from modules.learning.models import Enrollment
from modules.learning.services import lesson_complete
from tests.accounts.factories import UserFactory, state
from tests.modules.factories import make_module
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers.models import Attendance, CohortMember, TrainingSession
from trainers.services import cohort_member_remove, cohort_members_add
from trainers.sessions import (
    NotInCohort,
    _share,
    attendance_mark,
    attendance_shares,
    session_create,
    session_delete,
    session_save,
)

pytestmark = pytest.mark.django_db

PRESENT, ABSENT, EXCUSED = (
    Attendance.Status.PRESENT,
    Attendance.Status.ABSENT,
    Attendance.Status.EXCUSED,
)
BLENDED = TrainingModulePage.CompletionRule.WITH_ATTENDANCE


def blended_module(percent: int = 75) -> TrainingModulePage:
    return make_module(lessons=1, completion_rule=BLENDED, required_attendance_percent=percent)


@pytest.fixture
def setup():
    """An Assam blended cohort of three learners, its trainer, and its module."""
    group = make_group("AS")
    module = blended_module()
    cohort = make_cohort("AS", group=group, modules=[module], learners=3)
    owner = trainer("AS", group=group)
    members = list(
        CohortMember.objects.filter(cohort=cohort).select_related("user").order_by("user_id")
    )
    return {"cohort": cohort, "module": module, "trainer": owner, "members": members}


def schedule(cohort, module, *, days_ago: int = 1, title: str = "Day", by=None, **fields):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
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


def entries(action: str):
    return ModelLogEntry.objects.filter(action=action)


# --- Services: sessions ---------------------------------------------------------------------


def test_session_create_checks_its_rules_and_writes_nothing_when_broken(setup):
    cohort, module = setup["cohort"], setup["module"]
    starts = timezone.now()
    outsider = UserFactory()  # not a member of the cohort's trainer group
    cases = {
        "ends_at": {"ends_at": starts - datetime.timedelta(minutes=1)},
        "module": {"module": make_module(lessons=1)},
        "trainers": {"trainers": [outsider]},
        "venue": {"venue": "", "online_link": ""},
        "online_link": {"online_link": "javascript:alert(1)"},
        "title": {"title": "   "},
    }
    for field, change in cases.items():
        fields = {
            "cohort": cohort,
            "module": module,
            "title": "Day 1",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "venue": "DCPU hall",
            "by": None,
        } | change
        with pytest.raises(ValidationError) as error:
            session_create(**fields)
        assert field in error.value.message_dict, field
    assert not TrainingSession.objects.exists()
    assert not entries("trainers.session.created").exists()

    session = session_create(
        cohort=cohort,
        module=module,
        title="  Day   1 ",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        online_link="https://meet.example.org/day-1",
        trainers=[setup["trainer"]],
        by=setup["trainer"],
    )
    assert session.title == "Day 1"
    assert list(session.trainers.all()) == [setup["trainer"]]
    entry = entries("trainers.session.created").get()
    assert entry.user_id == setup["trainer"].pk
    assert entry.data["module"] == module.code


def test_session_update_and_delete(setup):
    cohort, module = setup["cohort"], setup["module"]
    session = schedule(cohort, module)
    session_save(
        session=session,
        module=module,
        title="Day 1 (moved)",
        starts_at=session.starts_at,
        ends_at=session.ends_at + datetime.timedelta(hours=1),
        venue="Tezpur",
        by=None,
    )
    session.refresh_from_db()
    assert session.title == "Day 1 (moved)"
    assert set(entries("trainers.session.updated").get().data["changed"]) == {
        "title",
        "ends_at",
        "venue",
    }
    with pytest.raises(ValidationError):
        session_save(
            session=session,
            module=module,
            title="x",
            starts_at=session.starts_at,
            ends_at=session.starts_at,
            venue="Tezpur",
            by=None,
        )
    # Attendance is evidence: a session with attendance stays.
    attendance_mark(session=session, marks={setup["members"][0].user_id: PRESENT}, by=None)
    with pytest.raises(ValidationError):
        session_delete(session=session, by=None)
    assert TrainingSession.objects.filter(pk=session.pk).exists()
    empty = schedule(cohort, module, title="Spare")
    session_delete(session=empty, by=None)
    assert not TrainingSession.objects.filter(pk=empty.pk).exists()
    assert entries("trainers.session.deleted").get().data["title"] == "Spare"


# --- Services: attendance -------------------------------------------------------------------


def test_attendance_is_an_upsert_and_corrections_are_logged(setup):
    session = schedule(setup["cohort"], setup["module"])
    a, b, c = (m.user_id for m in setup["members"])
    by = setup["trainer"]
    result = attendance_mark(session=session, marks={a: PRESENT, b: ABSENT}, by=by)
    assert (result.created, result.corrected) == (2, 0)
    assert dict(Attendance.objects.values_list("user_id", "status")) == {a: PRESENT, b: ABSENT}
    assert entries("trainers.attendance.marked").count() == 1
    assert not entries("trainers.attendance.corrected").exists()

    result = attendance_mark(session=session, marks={a: PRESENT, b: PRESENT, c: EXCUSED}, by=by)
    assert (result.created, result.corrected, result.unchanged) == (1, 1, 1)
    assert Attendance.objects.count() == 3
    correction = entries("trainers.attendance.corrected").get()
    assert correction.data == {"user": b, "from": ABSENT, "to": PRESENT}
    assert correction.user_id == by.pk
    assert correction.object_id == str(session.pk)
    assert entries("trainers.attendance.marked").count() == 2
    row = Attendance.objects.get(user_id=b)
    assert row.status == PRESENT
    assert row.marked_by_id == by.pk

    # Saving the same marks again changes nothing and logs nothing.
    result = attendance_mark(session=session, marks={a: PRESENT, b: PRESENT}, by=by)
    assert result.changed == 0
    assert entries("trainers.attendance.marked").count() == 2


def test_attendance_for_someone_outside_the_cohort_writes_nothing(setup):
    cohort, module = setup["cohort"], setup["module"]
    session = schedule(cohort, module)
    a, b, _c = (m.user_id for m in setup["members"])
    stranger = UserFactory()
    other_cohort = make_cohort("AS", modules=[module], learners=1)
    other_member = CohortMember.objects.get(cohort=other_cohort).user_id
    cohort_member_remove(member=setup["members"][1], by=None)  # b left the cohort
    for foreign in (stranger.pk, other_member, b):
        with pytest.raises(NotInCohort):
            attendance_mark(session=session, marks={a: PRESENT, foreign: PRESENT}, by=None)
    with pytest.raises(ValidationError):
        attendance_mark(session=session, marks={a: "late"}, by=None)
    assert not Attendance.objects.exists()
    assert not entries("trainers.attendance.marked").exists()
    assert Enrollment.objects.filter(attendance_share__isnull=False).count() == 0


def test_the_share_counts_every_session_of_the_module_and_leaves_out_excused_ones(setup):
    cohort, module = setup["cohort"], setup["module"]
    a, b, c = (m.user_id for m in setup["members"])
    other_module = blended_module()
    days = [schedule(cohort, module, days_ago=n, title=f"Day {n}") for n in (5, 4, 3, 2)]
    schedule(cohort, module, days_ago=-7, title="Still to come")  # counts: nobody was there
    attendance_mark(session=days[0], marks={a: PRESENT, b: PRESENT, c: EXCUSED}, by=None)
    attendance_mark(session=days[1], marks={a: PRESENT, b: ABSENT, c: EXCUSED}, by=None)
    attendance_mark(session=days[2], marks={a: EXCUSED, b: PRESENT}, by=None)  # c: no mark
    attendance_mark(session=days[3], marks={a: PRESENT, b: PRESENT, c: EXCUSED}, by=None)
    shares = attendance_shares(cohort=cohort, user_ids=[a, b, c])
    # a: 3 present of 4 counted (five, one excused) = 75; b: 3 of 5 = 60;
    # c: excused three times, unmarked once, one to come = 0 of 2.
    assert shares == {(a, module.pk): 75, (b, module.pk): 60, (c, module.pk): 0}
    # A module without sessions in the cohort has no share.
    assert attendance_shares(cohort=cohort, user_ids=[a], module_ids=[other_module.pk]) == {}
    reported = dict(
        Enrollment.objects.filter(module=module).values_list("user_id", "attendance_share")
    )
    # c's 0 is not written to an enrollment that had nothing: the same for the rule.
    assert reported == {a: 75, b: 60, c: None}
    attendance_mark(session=days[2], marks={a: ABSENT}, by=None)  # a correction
    assert Enrollment.objects.get(user_id=a, module=module).attendance_share == 60


def test_shares_round_half_up():

    assert [_share(present=p, counted=3) for p in range(4)] == [0, 33, 67, 100]
    assert _share(present=1, counted=8) == 13  # 12.5
    assert _share(present=0, counted=0) == 0


def test_scheduling_or_deleting_a_session_changes_everyones_share(setup):
    cohort, module = setup["cohort"], setup["module"]
    a, b, _c = (m.user_id for m in setup["members"])
    first = schedule(cohort, module, days_ago=2)
    attendance_mark(session=first, marks={a: PRESENT, b: PRESENT}, by=None)
    assert Enrollment.objects.get(user_id=b, module=module).attendance_share == 100
    # A second session: 1 of 2 for both, before anyone is marked.
    second = schedule(cohort, module, days_ago=1)
    assert Enrollment.objects.get(user_id=b, module=module).attendance_share == 50
    attendance_mark(session=second, marks={a: PRESENT}, by=None)
    assert Enrollment.objects.get(user_id=a, module=module).attendance_share == 100
    assert Enrollment.objects.get(user_id=b, module=module).attendance_share == 50
    third = schedule(cohort, module, days_ago=-3)
    assert Enrollment.objects.get(user_id=a, module=module).attendance_share == 67
    session_delete(session=third, by=None)
    assert Enrollment.objects.get(user_id=a, module=module).attendance_share == 100


def test_a_blended_module_completes_and_certifies_once_attendance_is_enough(
    setup, django_capture_on_commit_callbacks
):
    cohort, module = setup["cohort"], setup["module"]
    learner = UserFactory(state=state("AS"), full_name="Asha Devi")
    cohort_members_add(cohort=cohort, users=[learner], by=None)
    enrollment = Enrollment.objects.get(user=learner, module=module)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in LessonPage.objects.child_of(module).live():
            lesson_complete(enrollment=enrollment, lesson=lesson)
    enrollment.refresh_from_db()
    assert enrollment.progress == 100
    assert enrollment.status == Enrollment.Status.ACTIVE  # attendance not reported yet

    # Four sessions planned: being at the first is not enough to complete (25%).
    days = [schedule(cohort, module, days_ago=n, title=f"Day {n}") for n in (4, 3, 2, 1)]
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(session=days[0], marks={learner.pk: PRESENT}, by=None)
        enrollment.refresh_from_db()
        assert (enrollment.attendance_share, enrollment.status) == (25, "active")
        attendance_mark(session=days[1], marks={learner.pk: ABSENT}, by=None)
        attendance_mark(session=days[2], marks={learner.pk: PRESENT}, by=None)
    enrollment.refresh_from_db()
    # 2 of 4 = 50%: below the 75% the module asks for.
    assert (enrollment.attendance_share, enrollment.status) == (50, Enrollment.Status.ACTIVE)
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(session=days[3], marks={learner.pk: PRESENT}, by=None)
    enrollment.refresh_from_db()
    assert (enrollment.attendance_share, enrollment.status) == (75, Enrollment.Status.COMPLETED)
    assert Certificate.objects.get().enrollment_id == enrollment.pk
    # A later correction (day 2 excused) updates the share; the certificate stays one.
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(session=days[1], marks={learner.pk: EXCUSED}, by=None)
    enrollment.refresh_from_db()
    assert enrollment.attendance_share == 100
    assert Certificate.objects.count() == 1


def test_moving_a_session_to_another_module_moves_its_attendance(setup):
    group = setup["cohort"].trainer_group
    first, second = blended_module(), blended_module()
    cohort = make_cohort("AS", group=group, modules=[first, second], learners=1)
    user_id = CohortMember.objects.get(cohort=cohort).user_id
    session = schedule(cohort, first)
    attendance_mark(session=session, marks={user_id: PRESENT}, by=None)
    assert Enrollment.objects.get(user_id=user_id, module=first).attendance_share == 100
    session_save(
        session=session,
        module=second,
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        venue=session.venue,
        by=None,
    )
    shares = dict(
        Enrollment.objects.filter(user_id=user_id).values_list("module_id", "attendance_share")
    )
    assert shares == {first.pk: 0, second.pk: 100}


# --- Views ----------------------------------------------------------------------------------


def grid_url(session):
    return reverse("trainers:session_detail", args=[session.cohort_id, session.pk])


def test_the_grid_renders_a_40_member_cohort_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    group = make_group("AS")
    module = blended_module()
    small = make_cohort("AS", group=group, modules=[module], learners=2)
    big = make_cohort("AS", group=group, modules=[module], learners=40)
    owner = trainer("AS", group=group)
    client.force_login(owner)
    client.get(reverse("trainers:cohort_list"))  # the session's role cache is filled once
    counts = []
    for cohort in (small, big):
        session = schedule(cohort, module)
        first = CohortMember.objects.filter(cohort=cohort).first().user_id
        attendance_mark(session=session, marks={first: PRESENT}, by=None)
        # 9 today, once the role cache is warm.
        with django_assert_max_num_queries(11) as captured:
            response = client.get(grid_url(session))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]  # 2 or 40 learners: the same queries
    html = response.content.decode()
    assert html.count('type="radio"') == 40 * 3
    assert 'name="fill" value="present"' in html
    assert "js/attendance.js" in html
    assert "<script>" not in html  # the strict CSP: no inline script


def test_mark_all_others_present_and_correct_a_mark(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    a, b, c = (m.user_id for m in setup["members"])
    session = schedule(cohort, module)
    client.force_login(setup["trainer"])
    response = client.post(grid_url(session), {f"status-{b}": ABSENT, "fill": PRESENT})
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("user_id", "status")) == {
        a: PRESENT,
        b: ABSENT,
        c: PRESENT,
    }
    assert not entries("trainers.attendance.corrected").exists()
    # A correction through the grid: the whole form comes back, one mark changed.
    response = client.post(
        grid_url(session), {f"status-{a}": PRESENT, f"status-{b}": PRESENT, f"status-{c}": PRESENT}
    )
    assert response.status_code == 302
    assert Attendance.objects.get(user_id=b).status == PRESENT
    entry = entries("trainers.attendance.corrected").get()
    assert entry.data == {"user": b, "from": ABSENT, "to": PRESENT}
    assert entry.user_id == setup["trainer"].pk
    assert Enrollment.objects.get(user_id=b, module=module).attendance_share == 100
    page = client.get(grid_url(session)).content.decode()
    assert page.count(" checked>") == 3


def test_scheduling_reads_times_in_india(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    client.force_login(setup["trainer"])
    url = reverse("trainers:session_create", args=[cohort.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "module": module.pk,
            "title": "Day 1: the JJ Act",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T13:30",
            "venue": "DCPU hall",
            "trainers": [setup["trainer"].pk],
        },
    )
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == grid_url(session)
    # 10:00 in India is 04:30 UTC.
    assert session.starts_at == datetime.datetime(2026, 12, 1, 4, 30, tzinfo=datetime.UTC)
    listing = client.get(reverse("trainers:session_list", args=[cohort.pk])).content.decode()
    assert "Tue 1 Dec 2026, 10:00" in listing
    assert "13:30" in listing
    edit = client.get(reverse("trainers:session_edit", args=[cohort.pk, session.pk]))
    assert 'value="2026-12-01T10:00"' in edit.content.decode()


def test_a_session_that_ends_before_it_starts_is_a_form_error(client, setup):
    client.force_login(setup["trainer"])
    response = client.post(
        reverse("trainers:session_create", args=[setup["cohort"].pk]),
        {
            "module": setup["module"].pk,
            "title": "Day 1",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T09:00",
            "venue": "DCPU hall",
        },
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_edit_and_delete_through_the_pages(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    session = schedule(cohort, module)
    client.force_login(setup["trainer"])
    edit = reverse("trainers:session_edit", args=[cohort.pk, session.pk])
    response = client.post(
        edit,
        {
            "module": module.pk,
            "title": "Renamed",
            "starts_at": "2026-11-20T10:00",
            "ends_at": "2026-11-20T12:00",
            "venue": "Jorhat",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.venue) == ("Renamed", "Jorhat")
    delete = reverse("trainers:session_delete", args=[cohort.pk, session.pk])
    assert client.get(delete).status_code == 405
    response = client.post(delete)
    assert response["Location"] == reverse("trainers:session_list", args=[cohort.pk])
    assert not TrainingSession.objects.exists()


# --- Bad input ------------------------------------------------------------------------------


def test_a_learner_outside_the_cohort_in_the_grid_is_404_and_nothing_is_written(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    a = setup["members"][0].user_id
    session = schedule(cohort, module)
    bihar_learner = UserFactory(state=state("BR"))
    client.force_login(setup["trainer"])
    for data in (
        {f"status-{a}": PRESENT, f"status-{bihar_learner.pk}": PRESENT},
        {f"status-{a}": PRESENT, f"status-{bihar_learner.pk}": PRESENT, "fill": PRESENT},
        {f"status-{a}": PRESENT, "status-abc": PRESENT},
        {f"status-{a}": PRESENT, "status-999999": PRESENT},
    ):
        assert client.post(grid_url(session), data).status_code == 404
    assert not Attendance.objects.exists()
    assert not entries("trainers.attendance.marked").exists()


def test_a_bad_status_is_400_and_nothing_is_written(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    a, b, _c = (m.user_id for m in setup["members"])
    session = schedule(cohort, module)
    client.force_login(setup["trainer"])
    for data in (
        {f"status-{a}": PRESENT, f"status-{b}": "late"},
        {f"status-{a}": [PRESENT, ABSENT]},
        {f"status-{a}": PRESENT, f"status-0{a}": ABSENT},
    ):
        assert client.post(grid_url(session), data).status_code == 400
    assert not Attendance.objects.exists()


def test_a_session_of_another_cohort_is_404(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    a = setup["members"][0].user_id
    other = make_cohort("AS", group=cohort.trainer_group, modules=[module], learners=1)
    foreign = schedule(other, module)
    client.force_login(setup["trainer"])
    for name in ("session_detail", "session_edit"):
        url = reverse(f"trainers:{name}", args=[cohort.pk, foreign.pk])
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("trainers:session_detail", args=[cohort.pk, foreign.pk]),
            {f"status-{a}": PRESENT},
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("trainers:session_delete", args=[cohort.pk, foreign.pk])).status_code
        == 404
    )
    assert not Attendance.objects.exists()
    assert TrainingSession.objects.filter(pk=foreign.pk).exists()


# --- Scope ----------------------------------------------------------------------------------


def my_urls(cohort, session) -> list[str]:
    c, s = cohort.pk, session.pk
    return [
        reverse("trainers:session_list", args=[c]),
        reverse("trainers:session_create", args=[c]),
        reverse("trainers:session_detail", args=[c, s]),
        reverse("trainers:session_edit", args=[c, s]),
        reverse("trainers:session_delete", args=[c, s]),
        reverse("trainers:attendance_sheet", args=[c]),
        reverse("trainers:attendance_export", args=[c, "csv"]),
        reverse("trainers:attendance_export", args=[c, "xlsx"]),
    ]


@pytest.mark.parametrize("who", ["bihar_trainer", "bihar_coordinator", "learner"])
def test_people_of_another_state_get_404_on_every_url(client, setup, who):
    cohort, module = setup["cohort"], setup["module"]
    a = setup["members"][0].user_id
    session = schedule(cohort, module)
    attendance_mark(session=session, marks={a: ABSENT}, by=None)
    viewer = {
        "bihar_trainer": lambda: trainer("BR"),
        "bihar_coordinator": lambda: coordinator("BR"),
        "learner": lambda: setup["members"][1].user,
    }[who]()
    client.force_login(viewer)
    for url in my_urls(cohort, session):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {f"status-{a}": PRESENT, "title": "x"}).status_code == 404, url
    assert Attendance.objects.get().status == ABSENT
    assert TrainingSession.objects.count() == 1
    assert not entries("trainers.export.attendance").exists()


def test_the_states_coordinator_may_take_attendance(client, setup):
    session = schedule(setup["cohort"], setup["module"])
    client.force_login(coordinator("AS"))
    for url in my_urls(setup["cohort"], session):
        if "delete" not in url:
            assert client.get(url).status_code == 200, url


# --- The sheet and its export ---------------------------------------------------------------


def test_the_sheet_shows_statuses_as_text_and_shares_in_fixed_queries(
    client, django_assert_max_num_queries
):
    group = make_group("AS")
    module = blended_module()
    cohort = make_cohort("AS", group=group, modules=[module], learners=40)
    owner = trainer("AS", group=group)
    members = list(CohortMember.objects.filter(cohort=cohort).values_list("user_id", flat=True))
    for n in range(3):
        session = schedule(cohort, module, days_ago=3 - n, title=f"Day {n + 1}")
        attendance_mark(
            session=session,
            marks={uid: PRESENT if i % 4 else ABSENT for i, uid in enumerate(members)},
            by=None,
        )
    client.force_login(owner)
    client.get(reverse("trainers:cohort_list"))  # the session's role cache is filled once
    # 12 today, whatever the number of learners and sessions (the sheet is paginated).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("trainers:attendance_sheet", args=[cohort.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<td class="att att--present"') == 30 * 3
    assert html.count('<td class="att att--absent"') == 10 * 3
    assert '<span class="visually-hidden">Absent</span>' in html
    assert "needs 75%" in html
    assert html.count("100%") == 30
    assert html.count("0% <span") == 10


def test_export_csv_and_xlsx_match_the_sheet_neutralise_formulas_and_are_logged(client, setup):
    cohort, module = setup["cohort"], setup["module"]
    a, b, c = (m.user_id for m in setup["members"])
    risky = schedule(cohort, module, days_ago=2, title='=HYPERLINK("http://evil")')
    second = schedule(cohort, module, days_ago=1, title="@SUM(1)", venue="+91 hall")
    attendance_mark(session=risky, marks={a: PRESENT, b: ABSENT, c: EXCUSED}, by=None)
    attendance_mark(session=second, marks={a: PRESENT, b: PRESENT}, by=None)
    owner = setup["trainer"]
    client.force_login(owner)

    response = client.get(reverse("trainers:attendance_export", args=[cohort.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:2] == ["Name", "Email or mobile number"]
    assert header[2].startswith("'=HYPERLINK(")
    assert f"({module.code}, " in header[2]
    assert header[3].startswith("'@SUM(1)")
    assert header[4] == f"{module.code} attendance (%)"
    by_email = {row[1]: row for row in rows[1:]}
    users = {m.user_id: m.user for m in setup["members"]}
    assert by_email[users[a].email][2:] == ["Present", "Present", "100"]
    assert by_email[users[b].email][2:] == ["Absent", "Present", "50"]
    assert by_email[users[c].email][2:] == ["Excused", "", "0"]

    response = client.get(reverse("trainers:attendance_export", args=[cohort.pk, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Attendance"]
    sheet = workbook.active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0][2].startswith("'=HYPERLINK(")
    xlsx_rows = {row[1]: row for row in cells[1:]}
    assert xlsx_rows[users[b].email][2:] == ["Absent", "Present", 50]
    # A session without a mark is an empty cell; a share is a number, 0 included.
    assert xlsx_rows[users[c].email][2:] == ["Excused", None, 0]
    typed = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    assert typed[users[b].email][4].data_type == "n"

    logged = entries("trainers.export.attendance").order_by("pk")
    assert [e.data["format"] for e in logged] == ["csv", "xlsx"]
    assert all(e.user_id == owner.pk and e.object_id == str(cohort.pk) for e in logged)
    assert logged[0].data["rows"] == 3
    assert (
        client.get(reverse("trainers:attendance_export", args=[cohort.pk, "pdf"])).status_code
        == 404
    )
