""" "Required for your role" on My learning: each module the learner's cadre requires, with where
they stand by the scorecard's rules (``reports.standing``), in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from certification.models import Certificate
from certification.services import certificate_issue
from lms.accounts.models import Cadre
from lms.core.dates import add_months
from modules.content.models import RequiredTraining
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_create
from reports import learner
from reports.learner import required_for
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment
from tests.helpers import captured_statements
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db

MY_LEARNING = "/learning/"
PANEL = "Required for your role"


@pytest.fixture
def cwc():
    return Cadre.objects.get(slug="cwc-member")


@pytest.fixture
def today():
    return timezone.localdate()


def require(cadre, module=None, *, within_months=2, due_by=None, renew=True, **module_fields):
    if module is None:
        if module_fields.get("awards_certificate", True):
            module_fields.setdefault("certificate_validity_months", 24)
        module = make_module(lessons=1, **module_fields)
    RequiredTraining.objects.create(
        cadre=cadre, module=module, within_months=within_months, due_by=due_by, renew=renew
    )
    return module


def only_row(user):
    [row] = required_for(user=user)
    return row


def certified(user, module):
    enrollment = completed_enrollment(user=user, module=module)
    return certificate_issue(enrollment_id=enrollment.pk)


def ends_on(certificate, day):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=day)


def test_held_until_the_certificate_ends(cwc, today):
    module = require(cwc)
    user = UserFactory(cadre=cwc, cadre_since=today - datetime.timedelta(days=400))
    certificate = certified(user, module)
    certificate.refresh_from_db()

    row = only_row(user)

    assert row.status == learner.HELD
    assert row.held_until == certificate.valid_until
    assert row.held_until > today + datetime.timedelta(days=90)
    assert row.due is None
    assert (row.code, row.page.pk) == (module.code, module.pk)


def test_expiring_within_90_days(cwc, today):
    module = require(cwc)
    user = UserFactory(cadre=cwc)
    certificate = certified(user, module)
    ends_on(certificate, today + datetime.timedelta(days=30))

    row = only_row(user)

    assert row.status == learner.EXPIRING
    assert row.held_until == today + datetime.timedelta(days=30)

    ends_on(certificate, today + datetime.timedelta(days=91))
    assert only_row(user).status == learner.HELD


def test_overdue_after_the_months_of_the_post(cwc, today):
    require(cwc, within_months=2)
    since = today - datetime.timedelta(days=100)
    user = UserFactory(cadre=cwc, cadre_since=since)

    row = only_row(user)

    assert row.status == learner.OVERDUE
    assert row.due == add_months(since, 2)


def test_not_yet_overdue_within_the_months_of_the_post(cwc, today):
    module = require(cwc, within_months=2)
    since = today - datetime.timedelta(days=10)
    user = UserFactory(cadre=cwc, cadre_since=since)
    assert (only_row(user).status, only_row(user).due) == (
        learner.NOT_STARTED,
        add_months(since, 2),
    )

    enrollment_create(user=user, module=module, source=Enrollment.Source.SELF)
    assert only_row(user).status == learner.IN_PROGRESS


def test_a_date_in_the_future_is_when_it_is_due(cwc, today):
    due_by = today + datetime.timedelta(days=60)
    require(cwc, within_months=None, due_by=due_by)
    # In the post for years: without the date it would be long overdue.
    user = UserFactory(cadre=cwc, cadre_since=today - datetime.timedelta(days=2000))

    row = only_row(user)

    assert (row.status, row.due) == (learner.NOT_STARTED, due_by)


def test_renewal_after_an_expired_certificate(cwc, today):
    module = require(cwc, within_months=2, renew=True)
    user = UserFactory(cadre=cwc, cadre_since=today - datetime.timedelta(days=1000))
    certificate = certified(user, module)

    # Expired yesterday: due again today, not overdue yet.
    ends_on(certificate, today - datetime.timedelta(days=1))
    row = only_row(user)
    assert row.status == learner.IN_PROGRESS  # enrolled, the certificate no longer held
    assert row.due == today
    assert row.expired_on == today - datetime.timedelta(days=1)
    assert row.held_until is None

    # Expired ten days ago: overdue since the day after it was due again.
    ends_on(certificate, today - datetime.timedelta(days=10))
    row = only_row(user)
    assert row.status == learner.OVERDUE
    assert row.due == today - datetime.timedelta(days=9)
    assert row.expired_on == today - datetime.timedelta(days=10)


def test_module_without_certificate_is_held_when_completed(cwc, today):
    module = require(cwc, awards_certificate=False)
    user = UserFactory(cadre=cwc, cadre_since=today - datetime.timedelta(days=400))
    assert only_row(user).status == learner.OVERDUE

    completed_enrollment(user=user, module=module)

    row = only_row(user)
    assert row.status == learner.HELD
    assert (row.held_until, row.completed) == (None, True)
    assert not Certificate.objects.filter(recipient=user).exists()


def test_the_page_shows_each_status_and_sets_overdue_apart(client, cwc, today):
    held = require(cwc, code="RQ-101", title="Structures")
    require(cwc, code="RQ-102", title="Care plans")
    user = UserFactory(cadre=cwc, cadre_since=today - datetime.timedelta(days=400))
    certificate = certified(user, held)
    certificate.refresh_from_db()
    client.force_login(user)

    html = client.get(MY_LEARNING).content.decode()

    assert PANEL in html
    assert html.index(PANEL) < html.index("In progress")  # at the top of the page
    assert f"Held until {certificate.valid_until:%-d %B %Y}" in html
    overdue_due = add_months(user.cadre_since, 2)
    assert f"it was due by {overdue_due:%-d %B %Y}" in html
    assert "1 required module is past its due date." in html
    assert 'class="message message--error"' in html
    assert f'href="{held.url}"' in html


def test_the_link_opens_the_translation_in_the_learners_language(client, cwc):
    module = require(cwc, code="RQ-103", title="Structures")
    hindi = Locale.objects.get(language_code="hi")
    translated = module.copy_for_translation(hindi, copy_parents=True).specific
    translated.title = "संरचनाएँ"
    translated.save()
    translated.save_revision().publish()
    user = UserFactory(cadre=cwc, preferred_language="hi")

    [row] = required_for(user=user, language="hi")
    assert (row.page.pk, row.title) == (translated.pk, "संरचनाएँ")
    [row] = required_for(user=user, language="as")  # no Assamese translation: the source
    assert row.page.pk == module.pk

    client.force_login(user)
    html = client.get(MY_LEARNING).content.decode()
    assert translated.get_url() in html
    assert "/hi/" in translated.get_url()


def test_a_module_not_live_is_listed_without_a_link(cwc):
    require(cwc, make_module(lessons=1, publish=False, code="RQ-104"))
    row = only_row(UserFactory(cadre=cwc))
    assert (row.page, row.code) == (None, "RQ-104")


def test_a_new_cadre_shows_its_own_requirements(client, cwc):
    require(cwc, code="RQ-105", title="For CWC members")
    social_worker = Cadre.objects.get(slug="social-worker")
    require(social_worker, code="RQ-106", title="For social workers")
    user = UserFactory(cadre=cwc)
    assert [row.code for row in required_for(user=user)] == ["RQ-105"]

    user.cadre = social_worker
    user.save(update_fields=["cadre"])
    assert [row.code for row in required_for(user=user)] == ["RQ-106"]
    client.force_login(user)
    html = client.get(MY_LEARNING).content.decode()
    assert "For social workers" in html
    assert "For CWC members" not in html


def test_no_cadre_or_no_requirements_no_panel(client, cwc):
    require(cwc)
    for user in (UserFactory(cadre=None), UserFactory()):  # the second: a social worker
        with captured_statements() as statements:
            assert required_for(user=user) == []
        assert len(statements) <= 1
        client.force_login(user)
        assert PANEL not in client.get(MY_LEARNING).content.decode()


def test_the_panel_costs_a_fixed_number_of_queries(client, cwc, today):
    user = UserFactory(cadre=cwc, cadre_since=today - datetime.timedelta(days=400))
    certified(user, require(cwc))

    with captured_statements() as statements:
        required_for(user=user, language="hi")
    assert len(statements) <= 4
    client.force_login(user)
    client.get(MY_LEARNING)  # the site's rows and the session, read once
    with captured_statements() as one_module:
        assert PANEL in client.get(MY_LEARNING).content.decode()

    for _ in range(3):
        module = require(cwc)
        certified(user, module)
    require(cwc)  # not started
    with captured_statements() as statements:
        assert len(required_for(user=user, language="hi")) == 5
    assert len(statements) <= 4
    with captured_statements() as five_modules:
        assert PANEL in client.get(MY_LEARNING).content.decode()
    # My learning's own cards grow with the enrolments; the panel adds nothing per module.
    assert len(five_modules) == len(one_module)
