"""The text messages in the Wagtail admin: national administrators read them, nobody edits."""

import pytest
from django.contrib.auth.models import Group

from lms.accounts.models import Role
from lms.sms.models import SmsMessage
from tests.accounts.factories import UserFactory, add_totp, make_role

pytestmark = pytest.mark.django_db

LISTING = "/admin/sms_messages/"


def admin_user(role: str | None = None, **fields):
    user = UserFactory(**fields)
    if role:
        make_role(user, role)
    add_totp(user)
    return user


@pytest.fixture
def messages():
    return [
        SmsMessage.objects.create(
            to="+919876543210", kind="code", text="Your code is 482913", status="sent"
        ),
        SmsMessage.objects.create(
            to="+919812340007",
            kind="reminder",
            text="Asha, tomorrow",
            status="failed",
            error="HTTP 400",
        ),
    ]


def test_the_national_administrators_group_may_view_and_nothing_else():
    group = Group.objects.get(name=Role.NATIONAL_ADMIN)
    codenames = set(
        group.permissions.filter(content_type__app_label="sms").values_list("codename", flat=True)
    )
    assert codenames == {"view_smsmessage"}


def test_a_national_administrator_reads_the_list_with_numbers_masked(
    client, messages, assert_max_statements
):
    client.force_login(admin_user(Role.NATIONAL_ADMIN))
    with assert_max_statements(30):
        response = client.get(LISTING)
    assert response.status_code == 200
    html = response.content.decode()
    assert "•••3210" in html
    assert "•••0007" in html
    assert "Sign-in or verification code" in html
    assert "Failed" in html
    assert "HTTP 400" in html
    for private in ("9876543210", "9812340007", "482913", "Asha"):
        assert private not in html
    # Read-only: no link to add or edit.
    assert f"{LISTING}new/" not in html
    assert f"{LISTING}edit/" not in html


def test_the_list_filters_by_status(client, messages):
    client.force_login(admin_user(Role.NATIONAL_ADMIN))
    html = client.get(LISTING, {"status": "failed"}).content.decode()
    assert "•••0007" in html
    assert "•••3210" not in html


@pytest.mark.parametrize("role", [Role.TRAINER, Role.AUTHOR, None])
def test_other_roles_cannot_read_it(client, messages, role):
    client.force_login(admin_user(role))
    response = client.get(LISTING)
    assert response.status_code in (302, 403, 404)
    assert "•••3210" not in response.content.decode()


@pytest.mark.parametrize("superuser", [False, True])
def test_nobody_adds_or_edits_a_message(client, messages, superuser):
    user = admin_user(Role.NATIONAL_ADMIN, is_superuser=superuser, is_staff=superuser)
    client.force_login(user)
    message = messages[0]
    assert client.get(f"{LISTING}new/").status_code in (302, 403, 404)
    assert client.post(f"{LISTING}new/", {}).status_code in (302, 403, 404)
    assert client.get(f"{LISTING}edit/{message.pk}/").status_code in (302, 403, 404)
    assert client.post(f"{LISTING}delete/{message.pk}/").status_code in (302, 403, 404)
    assert SmsMessage.objects.count() == 2
    message.refresh_from_db()
    assert message.text == "Your code is 482913"


def test_the_menu_shows_the_list_to_those_who_may_read_it(client):
    client.force_login(admin_user(Role.NATIONAL_ADMIN))
    assert LISTING in client.get("/admin/").content.decode()
    client.force_login(admin_user(Role.AUTHOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert LISTING not in response.content.decode()
