"""The site header in a real browser: at most about 110 px on a 360 px phone, its "Menu"
opened and walked by keyboard, the links of each role, and the links in a row on a wide
screen."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from lms.accounts.models import Role
from tests.accounts.factories import PASSWORD, UserFactory, add_totp, make_role
from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def log_in(page, live_server, user, secret=None):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("Sign In", re.I)).click()
    if secret:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        # A code is good for its 30-second period only: never type one about to expire.
        if 30 - time.time() % 30 < 5:
            time.sleep(30 - time.time() % 30 + 0.5)
        page.locator("input[name=code]").fill(
            format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        )
        page.locator("main").get_by_role("button").first.click()
    page.wait_for_url(f"{live_server.url}/")


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def test_a_learner_opens_the_menu_by_keyboard_on_a_phone(live_server, page, artifacts):
    learner = UserFactory()
    page.set_viewport_size(PHONE)
    log_in(page, live_server, learner)

    assert header_height(page) <= 120
    nav = main_nav(page)
    assert not nav.get_by_role("link", name="My learning").is_visible()
    # The page's content starts right under the header.
    assert page.get_by_role("main").bounding_box()["y"] <= 120
    page.screenshot(path=str(artifacts / "navigation-learner-360.png"), full_page=True)
    # The header stays compact in Hindi and Assamese too, the platform's name translated.
    for language in ("hi", "as"):
        page.context.add_cookies(
            [{"name": "lms_language", "value": language, "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/learning/")
        assert header_height(page) <= 120, language
    page.context.add_cookies([{"name": "lms_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/")

    toggle = nav.locator("summary")
    toggle.focus()
    page.keyboard.press("Enter")
    assert nav.locator("details").evaluate("d => d.open")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Home"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-current')") == "page"
    links = [text.strip() for text in nav.get_by_role("link").all_inner_texts()]
    assert links == ["Home", "My learning", "Modules", "My profile", "Security"]
    assert nav.get_by_role("button", name="Log out").is_visible()
    page.screenshot(path=str(artifacts / "navigation-learner-360-open.png"), full_page=True)
    assert_accessible(page, "home page, menu open")

    # Space closes it again.
    toggle.focus()
    page.keyboard.press(" ")
    assert not nav.locator("details").evaluate("d => d.open")
    assert not nav.get_by_role("link", name="Modules").is_visible()

    page.keyboard.press("Enter")  # open again, and follow a link
    nav.get_by_role("link", name="My learning").click()
    page.wait_for_url(re.compile(r"/learning/$"))
    assert (
        main_nav(page)
        .get_by_role("link", name="My learning", include_hidden=True)
        .get_attribute("aria-current")
        == "page"
    )

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/")
    assert not nav.locator("summary").is_visible()
    for name in ("Home", "My learning", "Modules", "My profile", "Security"):
        assert nav.get_by_role("link", name=name).is_visible(), name
    assert nav.get_by_role("link", name="Cohorts").count() == 0
    page.screenshot(path=str(artifacts / "navigation-learner-1366.png"), full_page=True)
    assert_accessible(page, "home page, wide")


def test_a_coordinator_finds_their_areas_in_the_menu(live_server, page, artifacts):
    user = make_role(UserFactory(), Role.COORDINATOR, "AS")
    secret = add_totp(user)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, user, secret)

    assert header_height(page) <= 120
    nav = main_nav(page)
    nav.locator("summary").click()
    links = [text.strip() for text in nav.get_by_role("link").all_inner_texts()]
    assert links == [
        "Home",
        "My learning",
        "Modules",
        "Cohorts",
        "Trainer groups",
        "Certificates",
        "Scorecard",
        "My profile",
        "Security",
    ]
    page.screenshot(path=str(artifacts / "navigation-coordinator-360-open.png"), full_page=True)
    nav.get_by_role("link", name="Cohorts").click()
    page.wait_for_url(re.compile(r"/trainers/$"))
    assert (
        main_nav(page)
        .get_by_role("link", name="Cohorts", include_hidden=True)
        .get_attribute("aria-current")
        == "page"
    )

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/")
    assert nav.get_by_role("link", name="Scorecard").is_visible()
    page.screenshot(path=str(artifacts / "navigation-coordinator-1366.png"), full_page=True)
    assert_accessible(page, "coordinator's home page, wide")


def test_a_visitor_sees_a_short_header_and_the_footer_pages(live_server, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    assert header_height(page) <= 120
    main = page.get_by_role("main")
    assert main.get_by_role("link", name="Browse the modules").is_visible()
    assert main.get_by_role("link", name="Verify a certificate").is_visible()
    footer = page.get_by_role("contentinfo")
    for name, path in (
        ("Help", "/help/"),
        ("Contact", "/contact/"),
        ("Accessibility", "/accessibility/"),
    ):
        footer.get_by_role("link", name=name).click()
        page.wait_for_url(re.compile(rf"{path}$"))
        assert_accessible(page, name)
