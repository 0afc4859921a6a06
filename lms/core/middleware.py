from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.views import serve as wagtail_serve


class SiteCSPMiddleware(CSPMiddleware):
    """A strict Content Security Policy on the public site, and the looser one the Wagtail and
    Django admins need (inline scripts and styles) under their URL prefixes only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.LMS_ADMIN_URL_PREFIXES)
        ):
            parts.config = settings.LMS_ADMIN_CSP
        return parts


class ContentLanguageLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, adapted to CMS pages served under ``i18n_patterns`` with no
    prefix for English.

    - A language prefix in the path (``/hi/…``) decides, as usual.
    - An unprefixed CMS page is English content, so English is active (Wagtail routes into
      the tree of the active language); the page itself redirects to a translation in the
      visitor's preferred language when one is live.
    - Every other unprefixed URL (accounts, trainer pages, …) follows the visitor's choice:
      the language cookie, then the browser's Accept-Language.
    """

    def process_request(self, request: HttpRequest) -> None:
        path = request.path_info
        # Whether the URL fixed the language; if not, later middleware may use the signed-in
        # person's preference.
        request.language_from_url = True
        if translation.get_language_from_path(path):
            super().process_request(request)
            return
        if self._is_cms_page(path):
            language = settings.LANGUAGE_CODE
        else:
            request.language_from_url = False
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    @staticmethod
    def _is_cms_page(path: str) -> bool:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                match = resolve(path)
            except Resolver404:
                return False
        return match.func is wagtail_serve
