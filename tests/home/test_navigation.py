"""The site navigation: each role's links and no one else's, the current page marked, the
language switcher inside the header, and no query for any of it."""

import re

import pytest
from django.test import RequestFactory

from lms.accounts.access import roles_of
from lms.accounts.context_processors import access
from lms.accounts.models import Role
from tests.accounts.factories import (
    UserFactory,
    add_totp,
    district_of,
    make_district_officer,
    make_role,
)
from tests.trainers.factories import coordinator, trainer

pytestmark = pytest.mark.django_db

ACCOUNT = ["My profile", "Security", "Log out"]
ROLE_LINKS = {"Cohorts", "Trainer groups", "Certificates", "Scorecard", "Admin"}


def site_nav(html: str) -> str:
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


def nav_links(html: str) -> list[str]:
    """The navigation's link texts and buttons, in order."""
    return [
        text.strip()
        for text in re.findall(r"<(?:a|button)\b[^>]*>([^<]+)</(?:a|button)>", site_nav(html))
    ]


def current(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', site_nav(html))


def page_for(client, user, path="/help/"):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_learner_sees_their_learning_and_no_staff_links(client):
    html = page_for(client, UserFactory())
    assert nav_links(html) == ["Home", "My learning", "Modules", *ACCOUNT]
    assert 'href="/learning/"' in site_nav(html)
    assert 'href="/modules/"' in site_nav(html)


def test_a_trainer_also_sees_cohorts_and_certificates(client):
    links = nav_links(page_for(client, trainer("AS")))
    assert links == ["Home", "My learning", "Modules", "Cohorts", "Certificates", *ACCOUNT]


def test_a_coordinator_also_sees_trainer_groups_and_the_scorecard(client):
    links = nav_links(page_for(client, coordinator("AS")))
    assert links == [
        "Home",
        "My learning",
        "Modules",
        "Cohorts",
        "Trainer groups",
        "Certificates",
        "Scorecard",
        *ACCOUNT,
    ]


def test_a_district_officer_sees_cohorts_and_the_scorecard_only(client):
    officer = make_district_officer(UserFactory(), district_of("AS"))
    add_totp(officer)
    links = nav_links(page_for(client, officer))
    assert links == ["Home", "My learning", "Modules", "Cohorts", "Scorecard", *ACCOUNT]


def test_a_national_administrator_sees_every_area_and_the_admin(client):
    admin = make_role(UserFactory(), Role.NATIONAL_ADMIN)
    add_totp(admin)
    links = nav_links(page_for(client, admin))
    assert links == [
        "Home",
        "My learning",
        "Modules",
        "Cohorts",
        "Certificates",
        "Scorecard",
        "Admin",
        *ACCOUNT,
    ]


def test_a_visitor_is_offered_the_modules_and_signing_in(client):
    html = client.get("/help/").content.decode()
    assert nav_links(html) == ["Home", "Modules", "Log in", "Sign up"]
    assert not ROLE_LINKS.intersection(nav_links(html))


def test_the_current_page_is_marked(client):
    user = UserFactory()
    assert current(page_for(client, user, "/learning/")) == ["My learning"]
    assert current(page_for(client, user, "/")) == ["Home"]
    assert current(page_for(client, user, "/accounts/profile/")) == ["My profile"]
    assert current(page_for(client, user, "/help/")) == []


def test_the_role_links_cost_no_query(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = make_district_officer(UserFactory(), district_of("AS"))
    roles_of(request.user)  # as the role cache middleware does on every request
    with django_assert_num_queries(0):
        links = access(request)["nav"]()
    assert links == {"cohorts": True, "trainer_groups": False, "certificates": False}


def test_the_menu_is_a_disclosure_inside_the_named_navigation(client):
    nav = site_nav(client.get("/help/").content.decode())
    assert '<details class="site-menu">' in nav
    assert '<summary class="site-menu__toggle">Menu</summary>' in nav


def test_the_language_switcher_sits_in_the_header(client):
    html = client.get("/help/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'class="lang-switch"' in header
    assert 'name="language"' in header
    assert html.count('class="lang-switch"') == 1


def test_every_navigation_region_is_named(client):
    html = page_for(client, coordinator("AS"), "/help/")
    for tag in re.findall(r"<(?:nav|aside)\b[^>]*>", html):
        assert "aria-label" in tag, tag
