import pytest
from django.http import Http404

from lms.accounts import access
from lms.accounts.models import Role, RoleAssignment
from lms.accounts.services import role_assign, role_unassign
from tests.accounts.factories import UserFactory, add_totp, make_role, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    assam_learner = UserFactory(state=state("AS"))
    bihar_learner = UserFactory(state=state("BR"))
    return assam_learner, bihar_learner


def test_coordinator_sees_only_their_state(people):
    assam_learner, bihar_learner = people
    coordinator = make_role(UserFactory(), Role.COORDINATOR, "AS")
    assert access.user_for_viewer(viewer=coordinator, user_id=assam_learner.pk) == assam_learner
    with pytest.raises(Http404):
        access.user_for_viewer(viewer=coordinator, user_id=bihar_learner.pk)


def test_trainer_scope_follows_role_assignment(people):
    assam_learner, bihar_learner = people
    trainer = make_role(UserFactory(), Role.TRAINER, "BR")
    assert bihar_learner in access.user_queryset_for(trainer)
    assert assam_learner not in access.user_queryset_for(trainer)

    role_unassign(user=trainer, role=Role.TRAINER, state=state("BR"))
    trainer = type(trainer).objects.get(pk=trainer.pk)
    assert not trainer.groups.filter(name=Role.TRAINER).exists()
    assert list(access.user_queryset_for(trainer)) == [trainer]


def test_a_group_without_assignment_reaches_nowhere(people):
    trainer = make_role(UserFactory(), Role.TRAINER)
    assert not access.states_for(trainer, Role.TRAINER)


def test_learner_sees_only_themselves(people):
    assam_learner, bihar_learner = people
    assert access.user_for_viewer(viewer=assam_learner, user_id=assam_learner.pk)
    with pytest.raises(Http404):
        access.user_for_viewer(viewer=assam_learner, user_id=bihar_learner.pk)


def test_national_admin_sees_everyone(people):
    admin = make_role(UserFactory(), Role.NATIONAL_ADMIN)
    assert access.states_for(admin, Role.COORDINATOR).everywhere
    assert set(people) <= set(access.user_queryset_for(admin))


def test_tampered_ids_answer_404(people):
    coordinator = make_role(UserFactory(), Role.COORDINATOR, "AS")
    for bad in ("abc", None, -1, 10**12):
        with pytest.raises(Http404):
            access.user_for_viewer(viewer=coordinator, user_id=bad)
    with pytest.raises(Http404):
        access.state_for_viewer(viewer=coordinator, state_code="BR", roles=(Role.COORDINATOR,))
    assert (
        access.state_for_viewer(viewer=coordinator, state_code="as", roles=(Role.COORDINATOR,)).code
        == "AS"
    )


def test_role_assign_is_idempotent():
    user = UserFactory()
    for _ in range(2):
        role_assign(user=user, role=Role.TRAINER, state=state("AS"))
    assert RoleAssignment.objects.filter(user=user).count() == 1
    with pytest.raises(ValueError, match="not limited to states"):
        role_assign(user=user, role=Role.AUTHOR, state=state("AS"))


def test_learner_cannot_reach_admin_pages(client):
    learner = UserFactory()
    client.force_login(learner)
    for url in ("/admin/", "/admin/pages/", "/django-admin/", "/django-admin/accounts/user/"):
        assert client.get(url).status_code == 404, url


def test_author_reaches_wagtail_admin_but_not_django_admin(client):
    author = make_role(UserFactory(), Role.AUTHOR)
    add_totp(author)
    client.force_login(author)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 404


def test_admin_login_pages_send_everyone_to_the_site_login(client):
    for url in ("/admin/login/", "/django-admin/login/"):
        response = client.get(url, {"next": "/admin/"})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
        # Posting credentials to the admin's login is not a way around rate limits.
        user = UserFactory()
        client.post(url, {"username": user.email, "password": "x"})
        assert "_auth_user_id" not in client.session


def test_home_page_names_the_roles_and_their_states(client):
    trainer = make_role(UserFactory(), Role.TRAINER, "AS", "BR")
    add_totp(trainer)
    client.force_login(trainer)
    body = client.get("/").content.decode()
    assert "Trainer (Assam, Bihar)" in body
    assert "Learner" in body
