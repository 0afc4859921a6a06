"""A cache of Wagtail routes: URL path → page, checked against the database on every use.

Wagtail walks the tree for each request, one query per URL segment (plus the site's root page
and the active locale), and then asks for the page's view restrictions in two more queries.
For page types that opt in (``CachedRouteMixin``), the first successful route of a path is
remembered in Django's cache, and later requests for that path load the page in **one query**
that also checks everything the walk would have: that the page still has the same tree
position and URL, that it and each ancestor below the site root are live, and that no view
restriction applies to it or any ancestor. Any doubt (a moved, renamed, unpublished or deleted
page or ancestor, a new restriction, an alias) falls back to Wagtail's walk, which then
refreshes the entry.

Nothing is invalidated by signals, on purpose: without ``REDIS_URL`` each server process has
its own cache, and a signal handled in the process that published a page cannot reach the
others. Checking the entry in the same query that loads the page keeps every process right.
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db.models import Exists
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from .i18n import attach_locale

#: Entries are checked on every use; the lifetime only bounds how long unused paths linger.
ROUTE_TTL_SECONDS = 6 * 60 * 60
_KEY_VERSION = 1


class CachedRouteMixin:
    """For page types whose ``route()`` serves the page itself when every page between the
    site root and it is live (the module pages do), so that the route may be cached."""

    cache_route = True
    #: Fields left out when the page comes from the route cache because its view has them
    #: from a cache of its own (a lesson's body); read, they are loaded in one more query.
    cached_route_defer: tuple[str, ...] = ()

    def get_view_restrictions(self):
        # The cached route's query has just checked that no restriction applies to this page
        # or its ancestors; Wagtail's serve hook would ask again in two queries.
        if getattr(self, "_no_view_restrictions", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _key(request: HttpRequest, site_id: int) -> str:
    # Paths may be long or hold any character; the cache key is a digest of them.
    digest = hashlib.sha256(request.path_info.encode()).hexdigest()[:40]
    return f"lms:route:{_KEY_VERSION}:{site_id}:{translation.get_language()}:{digest}"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and getattr(request, "is_cms_page", False)
        # Wagtail's preview runs the middleware on a dummy request, then serves the draft.
        and not getattr(request, "is_dummy", False)
    )


def route_from_cache(request: HttpRequest, site) -> bool:
    """Route ``request`` from the cache if its entry still holds: sets Wagtail's per-request
    route (``request._wagtail_route_for_request``) and returns ``True``. One query."""
    if not _cacheable_request(request):
        return False
    entry = cache.get(_key(request, site.pk))
    if entry is None:
        return False
    model = apps.get_model(entry["model"])
    page = (
        model.objects.filter(
            pk=entry["id"], path=entry["path"], url_path=entry["url_path"], live=True
        )
        .defer(*model.cached_route_defer)
        .annotate(
            _chain_down=Exists(Page.objects.filter(pk__in=entry["chain"], live=False)),
            _restricted=Exists(PageViewRestriction.objects.filter(page_id__in=entry["guarded"])),
        )
        .first()
    )
    if page is None or page._chain_down or page._restricted:
        return False
    attach_locale(page)
    page._no_view_restrictions = True
    request._wagtail_route_for_request = RouteResult(page)
    request._lms_route_cached = True
    return True


def remember_route(request: HttpRequest, site) -> None:
    """After Wagtail routed ``request`` the usual way, keep the result for next time when the
    page type opts in and the path led to the page itself. One query, on a miss only."""
    if not _cacheable_request(request) or getattr(request, "_lms_route_cached", False):
        return
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is None:
        return
    page, args, kwargs = result
    if args or kwargs or not getattr(page, "cache_route", False) or page.alias_of_id:
        return
    ancestors = list(Page.objects.ancestor_of(page).values_list("id", "depth", "alias_of_id"))
    if any(alias_of for _id, _depth, alias_of in ancestors):
        return  # aliases take their view restrictions from elsewhere: let Wagtail decide
    root_depth = site.root_page.depth
    cache.set(
        _key(request, site.pk),
        {
            "model": page._meta.label,
            "id": page.pk,
            "path": page.path,
            "url_path": page.url_path,
            # Pages that must stay live for the route to hold: those below the site root (the
            # module pages check it as they route) and the root itself, whose translation
            # Wagtail routes from in other languages.
            "chain": [pk for pk, depth, _alias in ancestors if depth >= root_depth],
            # Pages whose view restrictions apply to this one.
            "guarded": [*(pk for pk, _depth, _alias in ancestors), page.pk],
        },
        ROUTE_TTL_SECONDS,
    )
