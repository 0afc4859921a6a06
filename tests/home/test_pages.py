"""The help, contact and accessibility pages, the footer that links them, the home page for
visitors, and the contact link of the verify-your-email page."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from lms.accounts.models import Role
from lms.home.models import HomePage
from tests.accounts.factories import UserFactory, add_totp, make_role
from tests.trainers.factories import coordinator

pytestmark = pytest.mark.django_db

PAGES = ["/help/", "/contact/", "/accessibility/"]


def footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["en", "hi", "as"])
def test_the_pages_answer_in_every_interface_language(client, path, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_answer_a_signed_in_learner(client, path):
    client.force_login(UserFactory())
    assert client.get(path).status_code == 200


def test_the_pages_have_names_by_which_templates_link_them():
    assert [reverse(f"home:{name}") for name in ("help", "contact", "accessibility")] == PAGES


def test_the_footer_links_help_contact_accessibility_data_use_and_scorecard(client):
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer(client.get("/").content.decode()))
    assert links == [
        ("/help/", "Help"),
        ("/contact/", "Contact"),
        ("/accessibility/", "Accessibility"),
        ("/accounts/data-use-notice/", "How we use your data"),
        ("/scorecard/", "Scorecard"),
    ]


def help_sections(html: str) -> list[str]:
    return re.findall(r'<section class="prose" id="([a-z-]+)"', html)


def test_help_puts_the_readers_own_role_first(client):
    client.force_login(coordinator("AS"))
    html = client.get("/help/").content.decode()
    assert help_sections(html) == [
        "coordinator",
        "learner",
        "trainer",
        "district-officer",
        "national-admin",
    ]
    # The coordinator's and the learner's.
    assert re.findall(r'href="#([a-z-]+)">[^<]+</a> <span class="badge">your role', html) == [
        "coordinator",
        "learner",
    ]


def test_help_for_a_national_administrator_starts_with_theirs(client):
    admin = make_role(UserFactory(), Role.NATIONAL_ADMIN)
    add_totp(admin)
    client.force_login(admin)
    assert help_sections(client.get("/help/").content.decode())[:2] == [
        "national-admin",
        "learner",
    ]


def test_help_for_a_visitor_follows_the_usual_order_and_claims_no_role(client):
    html = client.get("/help/").content.decode()
    assert help_sections(html) == [
        "learner",
        "trainer",
        "coordinator",
        "district-officer",
        "national-admin",
    ]
    assert '<span class="badge">' not in html


def test_contact_names_the_grievance_officer_when_there_is_one(client, settings):
    settings.LMS_GRIEVANCE_EMAIL = "grievance@cp.example.org"
    html = client.get("/contact/").content.decode()
    assert '<a href="mailto:grievance@cp.example.org">grievance@cp.example.org</a>' in html
    assert "State Child Protection Society" not in html


def test_contact_without_a_grievance_officer_says_where_to_write(client, settings):
    settings.LMS_GRIEVANCE_EMAIL = ""
    html = client.get("/contact/").content.decode()
    assert "mailto:" not in html
    assert "State Child Protection Society of your state" in html


def test_the_accessibility_statement_names_its_target_its_gaps_and_how_to_report(client):
    html = client.get("/accessibility/").content.decode()
    assert "WCAG) 2.1 at level AA" in html
    assert "aria-input-field-name" in html
    assert "Wagtail" in html
    assert 'href="/contact/"' in html


def test_the_home_page_offers_visitors_the_catalogue_and_verification(client):
    html = client.get("/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert 'href="/modules/"' in main
    assert 'href="/verify/"' in main


def test_the_home_page_says_its_introduction_once(client):
    home = HomePage.objects.get()
    html = client.get("/").content.decode()
    assert html.count(escape(home.intro)) == 1
    # The standard words stand in only for a page without its own.
    assert "Learn at your own pace on your phone" not in html
    HomePage.objects.filter(pk=home.pk).update(intro="")
    html = client.get("/").content.decode()
    assert html.count("Learn at your own pace on your phone") == 1


def test_the_verify_your_email_page_links_the_contact_page(client):
    html = client.get(reverse("account_email_verification_sent")).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert '<a href="/contact/">contact us</a>' in main
