"""Content languages of CMS pages: which language a visitor prefers, and sending them to the
translation in that language when one is live."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from wagtail.models import Locale, Page

from .cache import process_memo


def content_language_codes() -> set[str]:
    return {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def preferred_content_language(request: HttpRequest) -> str | None:
    """The language a visitor asked for: the switcher's cookie, else their profile."""
    codes = content_language_codes()
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in codes:
        return cookie
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in codes:
        return user.preferred_language
    return None


def language_name(code: str):
    # Django's own language list lacks some content languages (Assamese); ours has them all.
    # Lazy: named in whatever language is active where it is shown.
    return dict(settings.LANGUAGES).get(code, code)


def preferred_translation_redirect(page: Page, request: HttpRequest) -> HttpResponseRedirect | None:
    """From an English page, send a visitor who prefers another language to the live
    translation in that language, when there is one."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return None
    if page.locale.language_code != settings.LANGUAGE_CODE or "original" in request.GET:
        return None
    language = preferred_content_language(request)
    if not language or language == settings.LANGUAGE_CODE:
        return None
    translation = page.get_translations().live().filter(locale__language_code=language).first()
    if translation is None:
        return None
    url = translation.get_url(request=request)
    if not url:
        return None
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


@process_memo
def _locale_fields(locale_id: int) -> str:
    return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)


def locale_by_id(locale_id: int) -> Locale:
    """A page's locale without a query after the first in this process (with the caches on):
    a locale's language code never changes (Wagtail offers no way to), and each caller gets
    its own object."""
    return Locale(pk=locale_id, language_code=_locale_fields(locale_id))


def attach_locale(page: Page) -> Page:
    """Give ``page`` its locale from ``locale_by_id`` instead of a join or a query."""
    page.locale = locale_by_id(page.locale_id)
    return page
