from __future__ import annotations

from urllib.parse import urlencode

from allauth.core.exceptions import RateLimited
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .access import can_access_wagtail_admin, prime_from_session, requires_mfa

# Paths a signed-in user may always reach: signing out, the account pages themselves
# (including MFA setup and the profile step), language switching and public assets.
#: Paths no redirect to a setup step may hide: the account pages themselves, and the help,
#: contact and accessibility pages someone stuck on a step is looking for.
_ALWAYS_OPEN = (
    "/accounts/",
    "/i18n/",
    "/static/",
    "/media/",
    "/favicon.ico",
    "/help/",
    "/contact/",
    "/accessibility/",
)


def _redirect_with_next(request: HttpRequest, url_name: str) -> HttpResponseRedirect:
    url = reverse(url_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)


class RateLimitedMiddleware:
    """allauth refuses some steps by raising ``RateLimited`` (sending a verification code to a
    number again within its limit: a double-clicked sign-up, a second sign-in before the first
    code arrived). Answer those with the "too many attempts" page (429) rather than a server
    error; nothing was sent or written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, RateLimited):
            return render(request, "429.html", status=429)
        return None


class RoleCacheMiddleware:
    """Load the signed-in user's roles from the session when current (see
    ``access.prime_from_session``), before anything asks about them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        prime_from_session(request)
        return self.get_response(request)


class UserLanguageMiddleware:
    """Use a signed-in user's preferred language until they pick one with the switcher
    (except where the URL fixes the language: CMS pages and ``/hi/…`` paths)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.interface_languages = set(settings.LMS_INTERFACE_LANGUAGES)

    def __call__(self, request: HttpRequest):
        user = request.user
        if (
            user.is_authenticated
            and not getattr(request, "language_from_url", False)
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language in self.interface_languages
            and user.preferred_language != request.LANGUAGE_CODE
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class RequireMFAMiddleware:
    """Send admins, authors, reviewers, trainers and coordinators to set up an authenticator
    app before anything else (when ``LMS_REQUIRE_MFA`` is on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = request.user
        if (
            settings.LMS_REQUIRE_MFA
            and user.is_authenticated
            and not request.path_info.startswith(_ALWAYS_OPEN)
            and requires_mfa(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _(
                    "Your role needs two-factor authentication. Set up an authenticator app "
                    "to continue."
                ),
            )
            return _redirect_with_next(request, "mfa_activate_totp")
        return self.get_response(request)


class RequireProfileMiddleware:
    """Until a learner has completed the profile and accepted the current data-use notice,
    the learner pages redirect to that step."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_prefixes = _ALWAYS_OPEN + tuple(settings.LMS_ADMIN_URL_PREFIXES)

    def __call__(self, request: HttpRequest):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_superuser
            and user.needs_profile
            and not request.path_info.startswith(self.open_prefixes)
        ):
            return _redirect_with_next(request, "accounts:profile")
        return self.get_response(request)


class AdminScopeMiddleware:
    """A signed-in person without admin access gets a 404 from the admin URLs, instead of
    the admins' redirect to a login page they are already past."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = request.user
        if user.is_authenticated:
            path = request.path_info
            if path.startswith("/admin/") and not can_access_wagtail_admin(user):
                raise Http404
            if path.startswith("/django-admin/") and not (user.is_active and user.is_staff):
                raise Http404
        return self.get_response(request)
