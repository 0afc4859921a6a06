"""The one place that touches Wagtail's per-request attributes, which are not public API.

Wagtail keeps a request's site in ``request._wagtail_site`` (``Site.find_for_request``) and
its route in ``request._wagtail_route_for_request`` (``Page.route_for_request``, which
Wagtail's ``serve`` view calls), and offers no public way to hand it either. The site cache
(``lms.core.middleware.SiteCacheMiddleware``) and the route cache (``lms.core.routing``) must
hand it both, or Wagtail would look them up again. Written for Wagtail ``WRITTEN_FOR``;
``tests/core/test_wagtail_request.py`` checks the behaviour and fails as soon as Wagtail's
version changes, so that someone reads Wagtail's ``Site.find_for_request`` and
``Page.route_for_request`` again before moving the pin.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

#: The Wagtail release (major, minor) this module was written and checked for.
WRITTEN_FOR = (8, 0)


def set_request_site(request: HttpRequest, site: Site) -> None:
    """Make ``Site.find_for_request(request)`` answer ``site`` without a query."""
    request._wagtail_site = site


def set_request_route(request: HttpRequest, page: Page) -> None:
    """Make ``Page.route_for_request(request, …)`` (and so Wagtail's ``serve``) answer
    ``page`` itself, with no further path, without walking the tree."""
    request._wagtail_route_for_request = RouteResult(page)


def request_route(request: HttpRequest) -> RouteResult | None:
    """The route Wagtail found for ``request``, if it routed it; never routes it."""
    return getattr(request, "_wagtail_route_for_request", None)
