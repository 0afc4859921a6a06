"""One way to sign in: allauth's login, with its rate limits, two-factor authentication and
audit. Every other login or password page the site answers — Wagtail's front-end login, the
Wagtail and Django admins', whatever a package adds — redirects to allauth's, keeping a local
``next``. The pages are read from the resolver, so a package upgrade that adds one fails here
until it is replaced or reviewed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import Group
from django.urls import resolve
from django.utils import translation
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.models import PageViewRestriction

from lms.core.views import site_login
from tests.accounts.factories import PASSWORD, UserFactory, add_totp
from tests.core.urlwalk import Route, routes, sample_url
from tests.modules.factories import catalogue

pytestmark = pytest.mark.django_db

WORDS = ("login", "logon", "signin", "sign_in", "sign-in", "password", "passwd", "authenticate")
AUTH_VIEWS = (
    auth_views.LoginView,
    auth_views.PasswordChangeView,
    auth_views.PasswordChangeDoneView,
    auth_views.PasswordResetView,
    auth_views.PasswordResetDoneView,
    auth_views.PasswordResetConfirmView,
    auth_views.PasswordResetCompleteView,
)

#: allauth's own pages, each reviewed: the one login (with its second step and the codes it
#: mails), re-authentication before sensitive changes, and password change, set and reset.
ALLAUTH_PAGES = {
    "account_login",
    "account_request_login_code",
    "account_confirm_login_code",
    "mfa_authenticate",
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "mfa_reauthenticate",
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
}

#: Not sign-ins: the shared password of a private page or document (Wagtail's privacy option
#: "a password"). No account is involved and nobody is signed in: a right answer lets this
#: browser session view that one page (or document) and its children, nothing else.
SHARED_PASSWORD_FORMS = {
    "wagtailcore_authenticate_with_password",
    "wagtaildocs_authenticate_with_password",
}

#: Not a sign-in: a Django admin with the change-user permission sets another account's
#: password. The admin has signed in through allauth to get here; the account's owner still
#: signs in through allauth, with their second factor.
ADMIN_TOOLS = {"auth_user_password_change"}

NEXT = "/modules/"


def is_login_or_password_page(route: Route) -> bool:
    view_class = getattr(route.callback, "view_class", None)
    if isinstance(view_class, type) and issubclass(view_class, AUTH_VIEWS):
        return True
    callback = getattr(route.callback, "__name__", "")
    text = f"{route.route} {route.name} {callback}".lower()
    return any(word in text for word in WORDS)


def is_allauth(route: Route) -> bool:
    return route.callback.__module__.startswith("allauth.")


def login_pages() -> list[Route]:
    return [route for route in routes() if is_login_or_password_page(route)]


def replaced_pages() -> list[Route]:
    return [
        route
        for route in login_pages()
        if not is_allauth(route) and route.name not in SHARED_PASSWORD_FORMS | ADMIN_TOOLS
    ]


def test_the_walk_finds_every_kind_of_login_page():
    """The test below is only as good as this list: it must see the pages it guards."""
    found = {route.route for route in login_pages()}
    for route in (
        "_util/login/",
        "hi/_util/login/",
        "as/_util/login/",
        "admin/login/",
        "admin/password_reset/",
        "admin/password_reset/confirm/<uidb64>/<token>/",
        "django-admin/login/",
        "django-admin/password_change/",
        "accounts/login/",
        "accounts/password/reset/",
    ):
        assert route in found, route


def test_allauth_pages_are_the_reviewed_ones():
    unknown = {r.name or r.route for r in login_pages() if is_allauth(r)} - ALLAUTH_PAGES
    assert not unknown, f"allauth pages to review and add to ALLAUTH_PAGES: {sorted(unknown)}"


@pytest.mark.parametrize("route", replaced_pages(), ids=lambda route: route.route)
def test_every_other_login_or_password_page_redirects_to_allauth(client, route):
    url = sample_url(route.route)
    with translation.override(route.language):
        match = resolve(url)
    assert match.func is site_login, f"{url} is served by {match.func!r}, not the one login"

    response = client.get(url, {"next": NEXT})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert resolve(target.path).url_name in ALLAUTH_PAGES
    assert parse_qs(target.query) == {"next": [NEXT]}


@pytest.mark.parametrize("route", replaced_pages(), ids=lambda route: route.route)
def test_no_other_page_signs_anyone_in(client, route):
    user = UserFactory(is_staff=True, is_superuser=True)
    credentials = {"username": user.email, "login": user.email, "password": PASSWORD}
    response = client.post(sample_url(route.route), credentials)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/_util/login/", "/hi/_util/login/", "/as/_util/login/"])
def test_wagtail_front_end_login_gives_no_session_without_the_second_factor(client, path):
    """A staff member with an authenticator who knows the password gets nothing from
    Wagtail's login form: it is allauth's login that asks for the code."""
    user = UserFactory(is_staff=True, is_superuser=True)
    add_totp(user)
    response = client.post(path, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/profile/").status_code == 302  # still anonymous


@pytest.mark.parametrize(
    "target",
    [
        "https://elsewhere.example/",
        "//elsewhere.example/",
        "/\\elsewhere.example/",
        "http:/elsewhere.example",
        "javascript:alert(1)",
    ],
)
@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/", "/django-admin/login/"])
def test_an_off_site_next_is_dropped(client, path, target):
    response = client.get(path, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


def test_a_signed_in_person_sent_to_a_login_page_gets_404(client):
    client.force_login(UserFactory())
    assert client.get("/_util/login/", {"next": NEXT}).status_code == 404


def test_django_admin_password_change_is_allauths(client):
    user = UserFactory(is_staff=True)
    add_totp(user)
    client.force_login(user)
    response = client.get("/django-admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/change/"


def test_a_private_page_sends_visitors_to_allauths_login(client):
    page = catalogue()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/accounts/login/"
    assert parse_qs(target.query) == {"next": [page.url]}


def test_a_page_for_other_groups_answers_404_to_a_signed_in_person(client):
    """Not a redirect to the login page: allauth sends a signed-in person straight back to
    ``next``, which would send them to the login page again, for ever."""
    page = catalogue()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    group = Group.objects.create(name="Private readers")
    restriction.groups.add(group)
    user = UserFactory()
    client.force_login(user)
    assert client.get(page.url).status_code == 404
    user.groups.add(group)
    assert client.get(page.url).status_code == 200


def test_a_page_password_is_still_asked_of_a_signed_in_person(client):
    page = catalogue()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="shared secret"
    )
    client.force_login(UserFactory())
    response = client.get(page.url)
    assert response.status_code == 200
    assert b"authenticate_with_password" in response.content


def test_no_new_shared_password_can_be_set_on_a_page_or_a_collection():
    # A shared password is a second password form with no rate limit, account or audit: the
    # privacy forms of pages and document collections no longer offer it.
    page_form = PageViewRestrictionForm(private_page_options=["password", "groups", "login"])
    collection_form = CollectionViewRestrictionForm()
    for form in (page_form, collection_form):
        kinds = {value for value, _label in form.fields["restriction_type"].choices}
        assert PageViewRestriction.PASSWORD not in kinds
        assert PageViewRestriction.LOGIN in kinds
        assert "password" not in form.fields
