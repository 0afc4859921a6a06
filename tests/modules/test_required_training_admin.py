"""Required training in the Wagtail admin: national administrators list, add and change which
modules each cadre must hold, choosing among the modules in their source language only."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from lms.accounts.models import Cadre, Role
from modules.content.models import RequiredTraining
from tests.accounts.factories import UserFactory, add_totp, make_role
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/modules/requiredtraining/"
ADD = f"{LISTING}add/"


def admin_user(role: str):
    user = make_role(UserFactory(), role)
    add_totp(user)
    return user


@pytest.fixture
def cwc():
    return Cadre.objects.get(slug="cwc-member")


@pytest.fixture
def modules():
    """An English module and its Hindi translation."""
    module = make_module(lessons=1, code="CP-701", title="Structures")
    hindi = Locale.objects.get(language_code="hi")
    translated = module.copy_for_translation(hindi, copy_parents=True).specific
    translated.title = "संरचनाएँ"
    translated.save()
    translated.save_revision().publish()
    return module, translated


def test_the_national_administrators_group_holds_the_permissions():
    group = Group.objects.get(name=Role.NATIONAL_ADMIN)
    codenames = set(
        group.permissions.filter(content_type__app_label="modules").values_list(
            "codename", flat=True
        )
    )
    assert {
        "add_requiredtraining",
        "change_requiredtraining",
        "delete_requiredtraining",
        "view_requiredtraining",
    } <= codenames


def test_the_listing_shows_cadre_module_and_due_rule(client, cwc, modules):
    module, _translated = modules
    RequiredTraining.objects.create(
        cadre=cwc, module=module, within_months=2, due_by=datetime.date(2027, 3, 31)
    )
    client.force_login(admin_user(Role.NATIONAL_ADMIN))

    html = client.get(LISTING).content.decode()

    assert cwc.name in html
    assert "CP-701" in html
    assert "Structures" in html
    assert (
        "Within 2 months of taking up the post, or by 31 March 2027 if later; renewed on expiry"
    ) in html


def test_the_chooser_offers_only_source_modules(client, cwc, modules):
    module, translated = modules
    client.force_login(admin_user(Role.NATIONAL_ADMIN))

    html = client.get(ADD).content.decode()
    assert f'<option value="{module.pk}">CP-701 · Structures</option>' in html
    assert f'value="{translated.pk}"' not in html

    refused = client.post(
        ADD, {"cadre": cwc.pk, "module": translated.pk, "within_months": "2", "renew": "on"}
    )
    assert refused.status_code == 200
    assert not RequiredTraining.objects.exists()

    response = client.post(
        ADD, {"cadre": cwc.pk, "module": module.pk, "within_months": "2", "renew": "on"}
    )
    assert response.status_code == 302
    row = RequiredTraining.objects.get()
    assert (row.cadre, row.module_id, row.within_months, row.due_by, row.renew) == (
        cwc,
        module.pk,
        2,
        None,
        True,
    )


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.REVIEWER])
def test_other_admin_users_may_not_edit_requirements(client, cwc, modules, role):
    module, _translated = modules
    client.force_login(admin_user(role))
    for url in (LISTING, ADD):
        response = client.get(url)
        assert response.status_code == 302  # Wagtail sends them to the dashboard
    client.post(ADD, {"cadre": cwc.pk, "module": module.pk, "within_months": "2"})
    assert not RequiredTraining.objects.exists()
