import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms import sms
from lms.accounts.models import Cadre, Role, RoleAssignment, User
from lms.sms.models import SmsMessage
from modules.learning.models import Enrollment
from tests.accounts.factories import UserFactory, add_totp, district_of, make_role, state
from tests.modules.factories import make_module
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import access, services
from trainers.models import Cohort, CohortMember, TrainerGroup, TrainerMembership
from trainers.services import (
    cohort_create,
    cohort_member_remove,
    cohort_members_add,
    cohort_save,
    group_member_add,
    group_member_remove,
)

pytestmark = pytest.mark.django_db


def test_joining_and_leaving_a_group_keeps_the_role_in_step():
    group, other = make_group("AS"), make_group("AS")
    user = UserFactory()
    group_member_add(group=group, user=user, by=None)
    group_member_add(group=other, user=user, by=None)
    assert RoleAssignment.objects.filter(user=user, role="Trainer", state=state("AS")).exists()
    group_member_remove(group=group, user=user, by=None)
    # Still in another Assam group: still a trainer there.
    assert RoleAssignment.objects.filter(user=user, role="Trainer").exists()
    group_member_remove(group=other, user=user, by=None)
    assert not RoleAssignment.objects.filter(user=user, role="Trainer").exists()
    assert not user.groups.filter(name="Trainer").exists()


def test_a_cohort_enrols_its_learners_in_its_modules():
    modules = [make_module(lessons=1), make_module(lessons=1)]
    cohort = make_cohort("AS", modules=modules, learners=3)
    assert CohortMember.objects.filter(cohort=cohort).count() == 3
    assert Enrollment.objects.filter(source="trainer").count() == 6
    # A module added later enrols the members too.
    extra = make_module(lessons=1)
    cohort_save(
        cohort=cohort,
        by=None,
        name=cohort.name,
        trainer_group=cohort.trainer_group,
        modules=[*modules, extra],
        starts_on=cohort.starts_on,
        mode=cohort.mode,
        status=cohort.status,
    )
    assert Enrollment.objects.filter(module=extra).count() == 3


def test_cohort_rules_refuse_bad_input_and_write_nothing():
    group = make_group("AS")
    module = make_module(lessons=1)
    bihar_district = district_of("BR")
    base = {
        "by": None,
        "name": "Batch",
        "state": state("AS"),
        "trainer_group": group,
        "modules": [module],
        "starts_on": datetime.date(2026, 12, 1),
    }
    for bad in (
        {"district": bihar_district},
        {"trainer_group": make_group("BR")},
        {"modules": []},
        {"modules": [make_module(lessons=1, publish=False)]},
        {"ends_on": datetime.date(2026, 11, 1)},
        {"trainers": [UserFactory()]},  # not in the group
        {"name": "   "},
    ):
        with pytest.raises(ValidationError):
            cohort_create(**{**base, **bad})
    assert Cohort.objects.count() == 0


def test_removing_a_member_keeps_their_progress():
    cohort = make_cohort("AS", learners=1)
    member = CohortMember.objects.get(cohort=cohort)
    cohort_member_remove(member=member, by=None)
    member.refresh_from_db()
    assert member.removed_at is not None
    assert Enrollment.objects.filter(user=member.user).exists()
    # Added again: the same row comes back.
    cohort_members_add(cohort=cohort, users=[member.user], by=None)
    assert CohortMember.objects.get(cohort=cohort).removed_at is None


def test_learners_of_another_state_cannot_join():
    cohort = make_cohort("AS")
    with pytest.raises(ValidationError):
        cohort_members_add(cohort=cohort, users=[UserFactory(state=state("BR"))], by=None)
    assert not CohortMember.objects.exists()


# --- Pages ----------------------------------------------------------------------------------


def test_a_trainer_creates_a_cohort(client):
    group = make_group("AS")
    user = trainer("AS", group=group)
    module = make_module(lessons=1)
    client.force_login(user)
    response = client.post(
        reverse("trainers:cohort_create"),
        {
            "name": "Kamrup DCPU batch 1",
            "state": state("AS").pk,
            "district": district_of("AS").pk,
            "trainer_group": group.pk,
            "trainers": [user.pk],
            "modules": [module.pk],
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-20",
            "mode": "blended",
            "status": "planned",
        },
    )
    cohort = Cohort.objects.get()
    assert response["Location"] == reverse("trainers:cohort_detail", args=[cohort.pk])
    assert list(cohort.trainers.all()) == [user]


def test_a_trainer_cannot_create_a_cohort_in_another_state(client):
    user = trainer("AS")
    bihar_group = make_group("BR")
    client.force_login(user)
    response = client.post(
        reverse("trainers:cohort_create"),
        {
            "name": "Sneaky",
            "state": state("BR").pk,
            "trainer_group": bihar_group.pk,
            "modules": [make_module(lessons=1).pk],
            "starts_on": "2026-12-01",
            "mode": "online",
            "status": "planned",
        },
    )
    assert response.status_code == 200  # the form refuses the state and the group
    assert Cohort.objects.count() == 0


def test_cohort_list_is_scoped_and_filters(client):
    assam = make_cohort("AS", name="Assam batch")
    bihar = make_cohort("BR", name="Bihar batch")
    client.force_login(trainer("AS"))
    page = client.get(reverse("trainers:cohort_list")).content.decode()
    assert assam.name in page
    assert bihar.name not in page
    page = client.get(reverse("trainers:cohort_list"), {"q": "nothing"}).content.decode()
    assert assam.name not in page


def national_admin() -> User:
    user = make_role(UserFactory(), Role.NATIONAL_ADMIN)
    add_totp(user)
    return user


def listed(response) -> set[str]:
    assert response.status_code == 200
    return {cohort.name for cohort in response.context["page"].object_list}


def test_the_cohort_lists_totals_count_each_person_once(client):
    group = make_group("AS")
    first = make_cohort("AS", group=group, name="First batch", learners=3)
    second = make_cohort("AS", group=group, name="Second batch")
    both = [m.user for m in CohortMember.objects.filter(cohort=first).select_related("user")]
    cohort_members_add(cohort=second, users=both[:2], by=None)
    gone = UserFactory(state=state("AS"))
    cohort_members_add(cohort=second, users=[gone], by=None)
    cohort_member_remove(member=CohortMember.objects.get(cohort=second, user=gone), by=None)
    make_cohort("BR", learners=2)  # out of scope
    client.force_login(trainer("AS", group=group))

    response = client.get(reverse("trainers:cohort_list"))

    assert response.context["totals"] == {"cohorts": 2, "people": 3}
    rows = {c.name: c.learners for c in response.context["page"].object_list}
    assert rows == {"First batch": 3, "Second batch": 2}  # memberships per cohort
    content = response.content.decode()
    assert "<dt>People</dt><dd>3</dd>" in content
    # Filtered, the totals follow the list.
    filtered = client.get(reverse("trainers:cohort_list"), {"q": "Second"})
    assert filtered.context["totals"] == {"cohorts": 1, "people": 2}


def test_a_national_administrator_filters_by_state_with_districts_grouped(client):
    assam = make_cohort("AS", name="Assam batch", district=district_of("AS"))
    bihar = make_cohort("BR", name="Bihar batch", district=district_of("BR"))
    client.force_login(national_admin())

    response = client.get(reverse("trainers:cohort_list"))

    assert listed(response) == {assam.name, bihar.name}
    states = response.context["states"]
    assert len(states) > 30
    assert [s.name for s in states] == sorted(s.name for s in states)
    content = response.content.decode()
    assert '<select id="id_state" name="state">' in content
    # Every district under its state: the two Balrampurs can be told apart.
    balrampurs = [d for d in response.context["districts"] if d.name == "Balrampur"]
    assert sorted(d.state.name for d in balrampurs) == ["Chhattisgarh", "Uttar Pradesh"]
    districts = content.split('<select id="id_district" name="district">')[1].split("</select>")[0]
    assert '<optgroup label="Assam">' in districts
    assert '<optgroup label="Uttar Pradesh">' in districts
    groups = districts.split("<optgroup")[1:]
    up = next(g for g in groups if 'label="Uttar Pradesh"' in g)
    assert ">Balrampur</option>" in up
    assert districts.count(">Balrampur</option>") == 2

    by_state = client.get(reverse("trainers:cohort_list"), {"state": bihar.state_id})
    assert listed(by_state) == {bihar.name}
    assert {d.state_id for d in by_state.context["districts"]} == {bihar.state_id}
    assert f'<option value="{bihar.state_id}" selected>' in by_state.content.decode()
    both = client.get(
        reverse("trainers:cohort_list"),
        {"state": assam.state_id, "district": assam.district_id},
    )
    assert listed(both) == {assam.name}
    mismatched = client.get(
        reverse("trainers:cohort_list"),
        {"state": bihar.state_id, "district": assam.district_id},
    )
    assert listed(mismatched) == set()


def test_one_states_reader_gets_no_state_filter_and_only_its_districts(client):
    make_cohort("AS", name="Assam batch")
    client.force_login(trainer("AS"))
    response = client.get(reverse("trainers:cohort_list"))
    assert response.context["states"] == []
    assert 'name="state"' not in response.content.decode()
    assert {d.state.code for d in response.context["districts"]} == {"AS"}
    assert response.content.decode().count("<optgroup") == 1


@pytest.mark.parametrize(
    "params",
    [
        {"state": "abc"},
        {"state": "-1"},
        {"state": "9" * 30},
        {"state": str(2**63)},
        {"state": "1 OR 1=1"},
        {"district": "x"},
        {"district": "9" * 30},
        {"module": str(2**64)},
        {"module": "abc"},
        {"state": "١٢"},  # digits, but not ASCII ones
    ],
)
def test_tampered_filters_answer_an_empty_list(client, params):
    make_cohort("AS", name="Assam batch")
    client.force_login(national_admin())
    response = client.get(reverse("trainers:cohort_list"), params)
    assert listed(response) == set()
    assert response.context["totals"] == {"cohorts": 0, "people": 0}


def test_another_states_filter_finds_nothing_for_a_one_state_reader(client):
    make_cohort("AS", name="Assam batch")
    bihar = make_cohort("BR", name="Bihar batch", district=district_of("BR"))
    client.force_login(trainer("AS"))
    for params in ({"state": bihar.state_id}, {"district": bihar.district_id}):
        response = client.get(reverse("trainers:cohort_list"), params)
        assert listed(response) == set()
        assert "Bihar batch" not in response.content.decode()


def test_adding_learners_by_search(client):
    cohort = make_cohort("AS")
    learner = UserFactory(full_name="Rupam Deka")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    results = client.get(
        reverse("trainers:learners_add", args=[cohort.pk]), {"q": "Rupam"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Rupam Deka" in results
    response = client.post(reverse("trainers:learners_add", args=[cohort.pk]), {"user": learner.pk})
    assert response.status_code == 302
    assert CohortMember.objects.filter(cohort=cohort, user=learner).exists()


def search(client, cohort, query: str) -> set[str]:
    response = client.get(
        reverse("trainers:learners_add", args=[cohort.pk]), {"q": query}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    return {person.full_name for person in response.context["results"]}


def test_the_learner_search_matches_district_cadre_and_mobile_number(client):
    cohort = make_cohort("AS")
    assam = list(state("AS").districts.filter(is_active=True).order_by("name")[:2])
    social_worker = Cadre.objects.get(slug="social-worker")
    other_cadre = Cadre.objects.exclude(pk=social_worker.pk).first()
    UserFactory(
        full_name="Rupam Deka",
        state=state("AS"),
        district=assam[0],
        cadre=social_worker,
        phone="+919876543210",
    )
    UserFactory(full_name="Mitali Bora", state=state("AS"), district=assam[1], cadre=other_cadre)
    member = UserFactory(full_name="Already In", state=state("AS"), district=assam[0])
    cohort_members_add(cohort=cohort, users=[member], by=None)
    # Out of scope: another state's learner of the same cadre, an inactive account.
    bihar = district_of("BR")
    UserFactory(full_name="Bihar Person", state=bihar.state, district=bihar, cadre=social_worker)
    UserFactory(full_name="Gone Away", state=state("AS"), district=assam[0], is_active=False)
    client.force_login(trainer("AS", group=cohort.trainer_group, district=None, cadre=None))

    assert search(client, cohort, assam[0].name) == {"Rupam Deka"}
    assert search(client, cohort, assam[0].name.upper()[:5]) >= {"Rupam Deka"}
    assert search(client, cohort, social_worker.name.lower()) == {"Rupam Deka"}
    assert search(client, cohort, other_cadre.name) == {"Mitali Bora"}
    for number in ("98765 43210", "+91 98765-43210", "098765 43210", "919876543210", "43210"):
        assert search(client, cohort, number) == {"Rupam Deka"}, number
    # Still the name and the address.
    assert search(client, cohort, "mitali") == {"Mitali Bora"}
    # A number nobody has and too short a query find nobody.
    assert search(client, cohort, "70000 00000") == set()
    assert search(client, cohort, "R") == set()
    assert not CohortMember.objects.filter(cohort=cohort).exclude(user=member).exists()


def test_the_learner_search_is_404_outside_the_trainers_state(client):
    cohort = make_cohort("BR")
    UserFactory(full_name="Bihar Person", state=state("BR"), district=district_of("BR"))
    client.force_login(trainer("AS"))
    response = client.get(
        reverse("trainers:learners_add", args=[cohort.pk]), {"q": district_of("BR").name}
    )
    assert response.status_code == 404


def test_one_foreign_id_in_a_bulk_add_changes_nothing(client):
    cohort = make_cohort("AS")
    mine = UserFactory()
    foreign = UserFactory(state=state("BR"))
    client.force_login(trainer("AS", group=cohort.trainer_group))
    for ids in ([mine.pk, foreign.pk], [mine.pk, "x"], [mine.pk, 999999]):
        response = client.post(reverse("trainers:learners_add", args=[cohort.pk]), {"user": ids})
        assert response.status_code == 404
    assert not CohortMember.objects.exists()


def test_inviting_a_new_learner_by_email(client, django_capture_on_commit_callbacks):
    cohort = make_cohort("AS")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainers:learner_invite", args=[cohort.pk]),
            {
                "full_name": "Mridula Baruah",
                "email": "Mridula@Example.org",
                "district": district_of("AS").pk,
            },
        )
    user = User.objects.get(email="mridula@example.org")
    assert not user.has_usable_password()
    assert CohortMember.objects.filter(cohort=cohort, user=user).exists()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def _invitation_written(email: str) -> dict:
    return {
        "users": User.objects.filter(email=email).count(),
        "members": CohortMember.objects.count(),
        "invited": ModelLogEntry.objects.filter(action="accounts.user.invited").count(),
        "mail": len(mail.outbox),
    }


def test_an_invitation_that_cannot_join_the_cohort_leaves_no_account_and_no_mail(
    client, django_capture_on_commit_callbacks
):
    """The account is made and mailed only with the membership: when enrolling in the
    cohort's modules fails (a module taken offline since), nothing of the invitation stays."""
    module = make_module(lessons=1)
    cohort = make_cohort("AS", modules=[module])
    module.unpublish()
    client.force_login(trainer("AS", group=cohort.trainer_group))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("trainers:learner_invite", args=[cohort.pk]),
            {
                "full_name": "Mridula Baruah",
                "email": "mridula@example.org",
                "district": district_of("AS").pk,
            },
            follow=True,
        )
    assert "This module is not open for enrolment." in response.content.decode()
    assert not callbacks
    assert _invitation_written("mridula@example.org") == {
        "users": 0,
        "members": 0,
        "invited": 0,
        "mail": 0,
    }


def test_an_invitation_rolls_back_whatever_stops_the_second_step(
    monkeypatch, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS")

    def fail(**kwargs):
        raise DatabaseError("the membership could not be written")

    monkeypatch.setattr(services, "cohort_members_add", fail)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DatabaseError),
    ):
        services.cohort_member_invite(
            cohort=cohort,
            email="new.person@example.org",
            full_name="New Person",
            district=district_of("AS"),
            by=None,
        )
    assert not callbacks
    assert _invitation_written("new.person@example.org") == {
        "users": 0,
        "members": 0,
        "invited": 0,
        "mail": 0,
    }


def test_inviting_someone_of_another_state_reveals_nothing(client):
    cohort = make_cohort("AS")
    outsider = UserFactory(state=state("BR"), email="bihar.person@example.org")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    response = client.post(
        reverse("trainers:learner_invite", args=[cohort.pk]),
        {"full_name": "Someone", "email": outsider.email, "district": district_of("AS").pk},
        follow=True,
    )
    # Answered like a new address (test_no_enumeration.py compares the two), nothing written.
    assert "bihar.person@example.org is invited" in response.content.decode()
    assert outsider.full_name not in response.content.decode()
    assert not CohortMember.objects.exists()
    assert not mail.outbox


def test_coordinators_manage_their_groups(client):
    group = make_group("AS")
    person = UserFactory()
    client.force_login(coordinator("AS"))
    client.post(
        reverse("trainers:group_detail", args=[group.pk]),
        {"action": "add", "email": person.email, "role": "lead"},
    )
    membership = TrainerMembership.objects.get(group=group, user=person)
    assert membership.role == "lead"
    client.force_login(coordinator("BR"))
    assert client.get(reverse("trainers:group_detail", args=[group.pk])).status_code == 404
    # Trainers see groups but do not manage them.
    client.force_login(trainer("AS", group=group))
    assert client.get(reverse("trainers:group_detail", args=[group.pk])).status_code == 404
    assert client.get(reverse("trainers:group_list")).status_code == 200
    assert TrainerGroup.objects.count() == 1


def test_trainer_of_fetches_a_groups_trainer_or_answers_404():
    group, other = make_group("AS"), make_group("AS")
    mine, theirs = trainer("AS", group=group), trainer("AS", group=other)
    membership = access.trainer_of(group=group, user_id=str(mine.pk))
    assert (membership.group_id, membership.user) == (group.pk, mine)
    for user_id in (theirs.pk, UserFactory().pk, "", "x", "-1", str(2**64)):
        with pytest.raises(Http404):
            access.trainer_of(group=group, user_id=user_id)


def test_a_coordinator_removes_a_trainer_and_nobody_else(client):
    group, other = make_group("AS"), make_group("AS")
    mine, theirs = trainer("AS", group=group), trainer("AS", group=other)
    client.force_login(coordinator("AS"))
    url = reverse("trainers:group_detail", args=[group.pk])
    before = sorted(TrainerMembership.objects.values_list("group_id", "user_id"))
    for data in (
        {"action": "remove", "user": theirs.pk},  # a trainer of another group
        {"action": "remove"},
        {"action": "promote", "user": mine.pk},
        {"user": mine.pk},
    ):
        assert client.post(url, data).status_code == 404, data
    assert sorted(TrainerMembership.objects.values_list("group_id", "user_id")) == before
    response = client.post(url, {"action": "remove", "user": mine.pk})
    assert response.status_code == 302
    assert not TrainerMembership.objects.filter(group=group, user=mine).exists()
    assert TrainerMembership.objects.filter(group=other, user=theirs).exists()
    entry = ModelLogEntry.objects.get(action="trainers.group.member_removed")
    assert entry.data == {"user": mine.pk}
    # Their last Assam group gone, so is their Trainer role there.
    assert not RoleAssignment.objects.filter(user=mine, role="Trainer").exists()


def test_learners_to_add_are_all_addable_or_404():
    cohort = make_cohort("AS", learners=1)
    by = trainer("AS", group=cohort.trainer_group)
    member = CohortMember.objects.get(cohort=cohort).user
    learner = UserFactory(state=state("AS"))
    assert access.learners_to_add(by=by, cohort=cohort, user_ids=[str(learner.pk)]) == [learner]
    for ids in (
        [],
        [learner.pk, learner.pk],  # the same id twice
        [learner.pk, member.pk],  # already a member
        [learner.pk, UserFactory(state=state("BR")).pk],
        [learner.pk, "x"],
    ):
        with pytest.raises(Http404):
            access.learners_to_add(by=by, cohort=cohort, user_ids=ids)


def test_cohort_pages_isolate_a_stored_name_with_a_direction_override(client):
    cohort = make_cohort("AS", learners=1)
    member = CohortMember.objects.get(cohort=cohort)
    # Stored before names were checked for direction controls.
    name = "Ravi \u202eKumar"
    User.objects.filter(pk=member.user_id).update(full_name=name)
    client.force_login(coordinator("AS"))
    page = client.get(reverse("trainers:cohort_detail", args=[cohort.pk])).content.decode()
    assert f"<td><bdi>{name}</bdi></td>" in page


# --- Inviting by mobile number ---------------------------------------------------------------


def _phone_account(state_code: str, phone: str, full_name: str = "Mitali Bora") -> User:
    """A learner known by a mobile number alone."""
    user = User.objects.create(
        email=None, phone=phone, full_name=full_name, state=state(state_code)
    )
    user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user


def _invite(client, cohort, **fields):
    data = {"full_name": "Runa Begum", "email": "", "phone": "", "district": district_of("AS").pk}
    data.update(fields)
    response = client.post(reverse("trainers:learner_invite", args=[cohort.pk]), data, follow=True)
    return [str(message) for message in response.context["messages"]]


def _written() -> dict:
    return {
        "users": User.objects.count(),
        "members": CohortMember.objects.count(),
        "invited": ModelLogEntry.objects.filter(action="accounts.user.invited").count(),
        "mail": len(mail.outbox),
        "texts": SmsMessage.objects.count(),
        "sms": len(sms.outbox),
    }


def test_inviting_a_new_learner_by_mobile_number(client, django_capture_on_commit_callbacks):
    cohort = make_cohort("AS")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    page = client.get(reverse("trainers:cohort_detail", args=[cohort.pk])).content.decode()
    assert 'name="phone"' in page
    with django_capture_on_commit_callbacks(execute=True):
        shown = _invite(client, cohort, phone="98765 43210")
    assert shown == ["+91 98765 43210 is invited: they will get an SMS with a link to sign in."]
    user = User.objects.get(phone="+919876543210")
    assert (user.email, user.phone_verified, user.full_name) == (None, False, "Runa Begum")
    assert CohortMember.objects.filter(cohort=cohort, user=user).exists()
    assert mail.outbox == []
    [message] = sms.outbox
    assert (message.to, message.kind) == ("+919876543210", "invitation")
    assert message.text.startswith("Runa, you are invited")
    assert "Begum" not in message.text
    # The cohort's list shows the number where an address would be, never "None".
    page = client.get(reverse("trainers:cohort_detail", args=[cohort.pk])).content.decode()
    assert "<td>+91 98765 43210</td>" in page
    assert "None" not in page


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({}, "Give an email address or a mobile number (or both)."),
        ({"phone": "12345"}, "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."),
        ({"phone": "0361 234 5678"}, "Enter a 10-digit Indian mobile number"),
        ({"email": "nope", "phone": "9876543210"}, "Enter a valid email address."),
    ],
)
def test_an_invitation_needs_a_good_address_or_number_and_writes_nothing_otherwise(
    client, fields, error, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    before = _written()
    with django_capture_on_commit_callbacks(execute=True):
        shown = _invite(client, cohort, **fields)
    assert len(shown) == 1
    assert shown[0].startswith(error)
    assert _written() == before


def test_inviting_by_the_number_of_a_learner_of_the_state_adds_them(
    client, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS")
    learner = _phone_account("AS", "+919876543210")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    with django_capture_on_commit_callbacks(execute=True):
        shown = _invite(client, cohort, email="new.address@example.org", phone="098765 43210")
    assert shown == ["new.address@example.org is added."]
    assert CohortMember.objects.filter(cohort=cohort, user=learner).exists()
    learner.refresh_from_db()
    assert learner.email is None  # the details typed are not applied to the account
    assert (mail.outbox, sms.outbox) == ([], [])


def test_an_address_and_a_number_of_two_accounts_are_refused(
    client, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS")
    UserFactory(state=state("AS"), email="asha@example.org")
    _phone_account("AS", "+919876543210")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    before = _written()
    with django_capture_on_commit_callbacks(execute=True):
        shown = _invite(client, cohort, email="asha@example.org", phone="9876543210")
    assert shown == [
        "This mobile number belongs to another account than the email address: correct one of "
        "them, or leave the number out."
    ]
    assert _written() == before


def test_inviting_the_number_of_an_account_out_of_reach_answers_like_a_new_number(
    client, django_capture_on_commit_callbacks
):
    cohort = make_cohort("AS")
    outsider = _phone_account("BR", "+919876543210", full_name="Secret Name")
    client.force_login(trainer("AS", group=cohort.trainer_group))
    before = _written()
    with django_capture_on_commit_callbacks(execute=True):
        withheld = _invite(client, cohort, phone="9876543210")
    assert _written() == before
    assert not CohortMember.objects.filter(user=outsider).exists()
    with django_capture_on_commit_callbacks(execute=True):
        invited = _invite(client, cohort, phone="9876543211")
    assert [m.replace("+91 98765 43210", "<n>") for m in withheld] == [
        m.replace("+91 98765 43211", "<n>") for m in invited
    ]
    assert withheld[0].endswith("is invited: they will get an SMS with a link to sign in.")
    assert [message.to for message in sms.outbox] == ["+919876543211"]
