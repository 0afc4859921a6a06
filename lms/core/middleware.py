from __future__ import annotations

import time
from typing import ClassVar

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from wagtail.models import Site

from .cache import caches_enabled, on_reset
from .i18n import is_cms_path
from .routing import remember_route, route_from_cache
from .views import health, ready
from .wagtail_request import set_request_site


class HealthProbeMiddleware:
    """Answer the load balancer's probes before any other middleware runs. Probes come over
    plain HTTP from the proxy, often with its own address as the host, and carry no session:
    the HTTPS redirect, the host check, the site lookup (a database query) and the sign-in
    steps would turn them into redirects, 400s or 500s. First in ``MIDDLEWARE``."""

    # The same paths as in lms/urls.py.
    probes: ClassVar[dict] = {"/healthz": health, "/readyz": ready}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        probe = self.probes.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)


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
            request.is_cms_page = is_cms_path(path)
            super().process_request(request)
            return
        if is_cms_path(path):
            request.is_cms_page = True
            language = settings.LANGUAGE_CODE
        else:
            request.language_from_url = False
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SiteCacheMiddleware:
    """Wagtail looks up the ``Site`` for every request, though sites change rarely. Keep the
    matching row per host and port for a minute in this process (cleared here at once when a
    site is saved or deleted), with the class of its root page. Each request still gets its
    own ``Site`` object, handed to Wagtail through ``lms.core.wagtail_request``.

    With the caches switched off (``LMS_CACHES=off``) nothing is kept: every request looks the
    site up in the database, as Wagtail does, and Wagtail's site root paths, which it keeps
    in the shared cache, are dropped first so that they are read from the database too."""

    ttl_seconds = 60
    _rows: ClassVar[dict[tuple[str, int], tuple[float, dict, type]]] = {}

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def clear(cls, **kwargs) -> None:
        cls._rows.clear()

    def __call__(self, request: HttpRequest):
        if caches_enabled():
            self._find_site(request)
        else:
            # As a miss that keeps nothing: the site from the database, as Wagtail finds it.
            Site.clear_site_root_paths_cache()
            Site.find_for_request(request)
        return self.get_response(request)

    def _find_site(self, request: HttpRequest) -> None:
        key = (request.get_host(), request.get_port())
        entry = self._rows.get(key)
        if entry is not None and entry[0] > time.monotonic():
            _expires, fields, root_model = entry
            site = Site(**fields)
            # The route cache loads the root page as its class when it has to (one query;
            # Wagtail would take two) and only then: a cached route does not need it.
            site.lms_root_page_class = root_model
            set_request_site(request, site)
            return
        site = Site.find_for_request(request)
        if site is not None:
            self._rows[key] = (
                time.monotonic() + self.ttl_seconds,
                {
                    field.attname: getattr(site, field.attname)
                    for field in Site._meta.get_fields()
                    if field.concrete and not field.many_to_many
                },
                site.root_page.specific_class or type(site.root_page),
            )


on_reset(SiteCacheMiddleware.clear)


class RouteCacheMiddleware:
    """Route CMS pages from the route cache (``lms.core.routing``) in one query when the path's
    entry still holds, whoever found the request's site (the site cache or Wagtail); keep the
    route of a page that Wagtail routed. After ``SiteCacheMiddleware``, whose root-page class
    it uses when Wagtail must walk the tree."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        site = None
        if getattr(request, "is_cms_page", False):
            site = Site.find_for_request(request)
            if site is not None and not route_from_cache(request, site):
                root_class = getattr(site, "lms_root_page_class", None)
                root = root_class and root_class.objects.filter(pk=site.root_page_id).first()
                if root is not None:
                    site.root_page = root
        response = self.get_response(request)
        if site is not None and response.status_code == 200:
            remember_route(request, site)
        return response
