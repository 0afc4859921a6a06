"""Content languages of CMS pages: which language a visitor prefers, sending them to the
translation in that language when one is live, and the English source standing in for a
translation that does not exist (yet).

Every CMS address exists in every content language: ``/as/…`` serves the live Assamese
translation of the page when there is one, and otherwise its English source with the "not yet
translated" notice, as the unprefixed English address does for a visitor who prefers
Assamese. Wagtail itself only falls back at the top (``Page.localized`` gives the English
root when a language has no translation of it); ``source_translation`` lets a translated tree
fall back to the English one below that, page by page (``lms.home.models.HomePage.route``),
and ``serve_in_url_language`` decides what an address of one language may show."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Locale, Page

from .cache import process_memo


def content_language_codes() -> set[str]:
    return {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def url_content_language(request: HttpRequest) -> str | None:
    """The language a CMS page's address asks for (``/as/…``; English without a prefix), set
    active by ``ContentLanguageLocaleMiddleware``; ``None`` for other pages."""
    if not getattr(request, "is_cms_page", False):
        return None
    return translation.get_language()


def preferred_content_language(request: HttpRequest) -> str | None:
    """The language a visitor asked for: a CMS page's language prefix (``/as/…``), else the
    switcher's cookie, else their profile."""
    codes = content_language_codes()
    from_url = url_content_language(request)
    if from_url in codes and from_url != settings.LANGUAGE_CODE:
        return from_url
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
    return _redirect_to(live_translation(page, language, request), request)


def _redirect_to(page: Page | None, request: HttpRequest) -> HttpResponseRedirect | None:
    url = page.get_url(request=request) if page is not None else None
    if not url or url == request.path:
        return None
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def live_translation(page: Page, language: str, request: HttpRequest | None = None) -> Page | None:
    """The live translation of ``page`` into ``language``, or ``None``. Asked once per request
    and page (the redirect, the notice and ``serve_in_url_language`` share the answer); the
    route cache answers it in its own query (``lms.core.routing``)."""
    known = getattr(request, "lms_live_translations", None)
    if known is None:
        known = {}
        if request is not None:
            request.lms_live_translations = known
    key = (page.pk, language)
    if key not in known:
        known[key] = page.get_translations().live().filter(locale__language_code=language).first()
    return known[key]


def source_translation(page: Page) -> Page | None:
    """The live English (source) translation of a translated page, as the page's own class;
    ``None`` for an English page. The tree a translated tree falls back to."""
    if locale_by_id(page.locale_id).language_code == settings.LANGUAGE_CODE:
        return None
    return (
        type(page)
        ._default_manager.live()
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )


def serve_in_url_language(page: Page, request: HttpRequest) -> HttpResponseRedirect | None:
    """Whether ``page`` may be served at the address it was routed from. A page in the
    address's language is served. At another language's address (``/as/…``) the English
    source stands in for a translation that is not live, with the notice; when a live
    translation is at another address, the visitor is sent there. A page of a third language
    never is (404)."""
    language = translation.get_language()
    page_language = page.locale.language_code
    if page_language == language:
        return None
    if page_language != settings.LANGUAGE_CODE or language not in content_language_codes():
        raise Http404
    return _redirect_to(live_translation(page, language, request), request)


def cms_address_in_language(url: str, language: str) -> str | None:
    """The address of the same CMS page in another content language, its query kept:
    ``/as/modules/…`` from ``/modules/…`` or ``/hi/modules/…``; ``None`` for a URL that is not
    a CMS page's local address. What the language switcher sends a visitor to: Django's
    ``translate_url`` resolves a prefixed address in the language active when switching,
    which a visitor who followed a link to ``/as/…`` may not have, and would answer
    ``/hi/as/…``."""
    codes = content_language_codes()
    parts = urlsplit(url)
    if language not in codes or parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = parts.path
    prefix = path.split("/", 2)[1]
    if prefix in codes and prefix != settings.LANGUAGE_CODE:
        path = path[len(prefix) + 1 :]
    if not is_cms_path(path):
        return None
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def is_cms_path(path: str) -> bool:
    """Whether an unprefixed path is a CMS page's address (served by Wagtail)."""
    # Wagtail's views module loads models: not importable while this one is (home's models).
    from wagtail.views import serve as wagtail_serve  # noqa: PLC0415

    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return match.func is wagtail_serve


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
