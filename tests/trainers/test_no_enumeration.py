"""Whoever names a person by email in the trainers' workspace — a coordinator adding a trainer
to a group, a trainer or coordinator inviting a learner or importing a spreadsheet — learns
nothing about accounts outside their reach: an account of another state, a closed one, or one
whose profile names no state yet is answered exactly like an address no account uses, and is
left untouched (``access.addable_accounts`` is the one rule)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from wagtail.models import ModelLogEntry

from lms.accounts.models import RoleAssignment, User
from tests.accounts.factories import UserFactory, district_of, state
from tests.modules.factories import make_module
from tests.trainers.factories import coordinator, make_cohort, make_group
from trainers import imports
from trainers.models import CohortImport, CohortMember, TrainerMembership

pytestmark = pytest.mark.django_db

UNKNOWN = "nobody.here@example.org"


@pytest.fixture
def assam_coordinator():
    return coordinator("AS")


@pytest.fixture
def outsiders():
    """Accounts an Assam coordinator must not reach, each a different reason."""
    return {
        "bihar": UserFactory(state=state("BR"), email="bihar.person@example.org"),
        "closed": UserFactory(state=state("AS"), email="closed@example.org", is_active=False),
        "no state yet": UserFactory(state=None, district=None, email="fresh@example.org"),
    }


def snapshot() -> dict:
    return {
        "users": sorted(User.objects.values_list("pk", "email", "state_id", "is_active")),
        "roles": sorted(RoleAssignment.objects.values_list("user_id", "role", "state_id")),
        "groups": sorted(Group.objects.values_list("name", "user")),
        "trainers": sorted(TrainerMembership.objects.values_list("group_id", "user_id", "role")),
        "members": sorted(CohortMember.objects.values_list("cohort_id", "user_id")),
        "mail": len(mail.outbox),
        "audit": ModelLogEntry.objects.count(),
    }


def page(response, *replace: str) -> str:
    """A page as the person sees it, without what differs on every request (the masked CSRF
    token, the CSP nonce) and with the given texts put back as placeholders."""
    html = re.sub(
        r'(csrfmiddlewaretoken" value="|nonce="|"X-CSRFToken": ")[^"]*"',
        r'\1…"',
        response.content.decode(),
    )
    for text in replace:
        html = html.replace(text, "<…>")
    return html


def answer(client, response, email: str = "") -> tuple:
    """What the person sees: the status, where it leads, the messages — the address they typed
    put back as a placeholder, so two answers can be compared — and the page it leads to."""
    shown = [
        (m.level, m.message.replace(email, "<email>") if email else m.message)
        for m in get_messages(response.wsgi_request)
    ]
    location = response.get("Location")
    return response.status_code, location, shown, page(client.get(location), email or "\0")


# --- Trainer groups ---------------------------------------------------------------------------


def add_trainer(client, group, email: str, role: str = "member"):
    return client.post(
        reverse("trainers:group_detail", args=[group.pk]),
        {"action": "add", "email": email, "role": role},
    )


def test_a_coordinator_cannot_make_another_states_account_a_trainer_nor_learn_it_exists(
    client, assam_coordinator, outsiders
):
    group = make_group("AS")
    client.force_login(assam_coordinator)
    before = snapshot()
    unknown = answer(client, add_trainer(client, group, UNKNOWN))
    for person in outsiders.values():
        assert answer(client, add_trainer(client, group, person.email)) == unknown
        assert answer(client, add_trainer(client, group, person.email.upper())) == unknown
    assert snapshot() == before
    assert unknown[:3] == (
        302,
        reverse("trainers:group_detail", args=[group.pk]),
        [
            (
                40,
                "No account of Assam uses this address. Ask the trainer to sign up and choose "
                "Assam in their profile, then add them.",
            )
        ],
    )
    # Nor does a bad role tell them apart: it is checked before the address.
    bad_role = answer(client, add_trainer(client, group, UNKNOWN, role="boss"))
    assert (
        answer(client, add_trainer(client, group, outsiders["bihar"].email, role="boss"))
        == bad_role
    )
    assert snapshot() == before
    # The Bihar person never became a trainer anywhere, so Assam's cohorts stay closed to them.
    assert not RoleAssignment.objects.filter(user=outsiders["bihar"]).exists()


def test_a_coordinator_still_adds_a_trainer_of_their_state(client, assam_coordinator):
    group = make_group("AS")
    person = UserFactory(state=state("AS"), email="Trainer.Assam@example.org")
    client.force_login(assam_coordinator)
    response = add_trainer(client, group, "trainer.assam@EXAMPLE.org", role="lead")
    assert answer(client, response)[2] == [(25, "trainer.assam@example.org joined the group.")]
    assert TrainerMembership.objects.get(group=group, user=person).role == "lead"
    assert RoleAssignment.objects.filter(user=person, role="Trainer", state=state("AS")).exists()


# --- Inviting a learner -----------------------------------------------------------------------


def invite(client, cohort, email: str, full_name: str = "Someone Here"):
    return client.post(
        reverse("trainers:learner_invite", args=[cohort.pk]),
        {"full_name": full_name, "email": email, "district": district_of("AS").pk},
    )


def test_inviting_an_account_out_of_reach_answers_like_a_new_address_and_changes_nothing(
    client, assam_coordinator, outsiders, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS")
    client.force_login(assam_coordinator)
    for person in outsiders.values():
        before = snapshot()
        with django_capture_on_commit_callbacks(execute=True):
            withheld = answer(client, invite(client, cohort, person.email), person.email)
        assert snapshot() == before, person.email
        assert withheld[:3] == (
            302,
            reverse("trainers:cohort_detail", args=[cohort.pk]),
            [(25, "<email> is invited: they will get an email to set a password.")],
        )
    # The same answer as an address no account uses (which does make an account and mail it;
    # the cohort's list then shows the new learner: the one thing that differs).
    with django_capture_on_commit_callbacks(execute=True):
        new = answer(client, invite(client, cohort, UNKNOWN), UNKNOWN)
    assert new[:3] == withheld[:3]
    assert CohortMember.objects.filter(cohort=cohort, user__email=UNKNOWN).exists()
    assert [m.to for m in mail.outbox] == [[UNKNOWN]]


def test_a_bad_name_is_refused_the_same_for_every_address(client, assam_coordinator, outsiders):
    cohort = make_cohort("AS")
    client.force_login(assam_coordinator)
    before = snapshot()
    refused = answer(client, invite(client, cohort, UNKNOWN, full_name="<b>x</b>"), UNKNOWN)
    assert refused[2][0][0] == 40
    bihar = outsiders["bihar"].email
    assert answer(client, invite(client, cohort, bihar, full_name="<b>x</b>"), bihar) == refused
    assert snapshot() == before


def test_inviting_a_learner_of_the_state_adds_them(client, assam_coordinator):
    cohort = make_cohort("AS")
    learner = UserFactory(state=state("AS"), email="assam.learner@example.org")
    client.force_login(assam_coordinator)
    response = invite(client, cohort, "Assam.Learner@example.org")
    assert answer(client, response)[2] == [(25, "assam.learner@example.org is added.")]
    assert CohortMember.objects.filter(cohort=cohort, user=learner).exists()
    assert not mail.outbox


# --- Importing a spreadsheet ------------------------------------------------------------------


def sheet(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Full name", "Email", "Mobile number", "District"])
    writer.writerows(rows)
    return buffer.getvalue().encode()


def test_the_import_preview_shows_an_account_out_of_reach_like_a_new_address(
    client, assam_coordinator, outsiders, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS", modules=[make_module(lessons=1)])
    district = district_of("AS").name
    bihar = outsiders["bihar"]
    # A Bihar account's number: it must not show either.
    UserFactory(state=state("BR"), phone="+919876500001")
    mine = UserFactory(state=state("AS"), email="mine@example.org")
    client.force_login(assam_coordinator)
    before = snapshot()

    def preview(email: str, phone: str = "") -> tuple[dict, str]:
        data = sheet([["Mridula Baruah", email, phone, district]])
        response = client.post(
            reverse("trainers:import_upload", args=[cohort.pk]),
            {"file": SimpleUploadedFile("learners.csv", data)},
        )
        cohort_import = CohortImport.objects.get(
            pk=resolve(response["Location"]).kwargs["import_id"]
        )
        shown = page(client.get(response["Location"]), email.lower(), str(cohort_import.pk))
        (row,) = cohort_import.rows
        row.pop("email")
        return row, shown

    unknown_row, unknown_page = preview(UNKNOWN)
    assert unknown_row["match"] == "new"
    for person in outsiders.values():
        assert preview(person.email) == (unknown_row, unknown_page), person.email
        assert preview(person.email.upper()) == (unknown_row, unknown_page)
    phone_row, phone_page = preview("other@example.org", "9876500001")
    unknown_phone_row, unknown_phone_page = preview("other@example.org", "9876500002")
    assert phone_row["match"] == "new"
    assert {**phone_row, "phone": ""} == {**unknown_phone_row, "phone": ""}
    assert phone_page.replace("+919876500001", "") == unknown_phone_page.replace(
        "+919876500002", ""
    )
    # An account the coordinator may add is still found.
    mine_row, _page = preview(mine.email)
    assert (mine_row["match"], mine_row["user_id"]) == ("email", mine.pk)
    assert snapshot()["users"] == before["users"]
    assert snapshot()["members"] == before["members"]

    # Confirming a file with both: the new person is invited and joins; the Bihar account is
    # neither attached nor mailed, and the import does not fail on it.
    data = sheet(
        [["Mridula Baruah", UNKNOWN, "", district], ["Anil Rai", bihar.email, "", district]]
    )
    cohort_import = imports.import_check(
        cohort=cohort, by=assam_coordinator, data=data, filename="both.csv"
    )
    assert imports.import_summary(cohort_import).ok
    with django_capture_on_commit_callbacks(execute=True):
        done = imports.import_confirm(cohort_import=cohort_import, by=assam_coordinator)
    assert done.status == CohortImport.Status.DONE
    assert done.created_accounts == 1
    assert [m.to for m in mail.outbox] == [[UNKNOWN]]
    assert list(
        CohortMember.objects.filter(cohort=cohort).values_list("user__email", flat=True)
    ) == [UNKNOWN]
    bihar.refresh_from_db()
    assert (bihar.state.code, bihar.full_name) == ("BR", outsiders["bihar"].full_name)
    assert User.objects.filter(email__iexact=bihar.email).count() == 1
