"""A cache of Wagtail routes: URL path → page, checked against the database on every use.

Wagtail walks the tree for each request, one query per URL segment (plus the site's root page
and the active locale), and then asks for the page's view restrictions in two more queries.
For page types that opt in (``CachedRouteMixin``), the first successful route of a path is
remembered in the "pages" cache, and later requests for that path load the page in **one query**
that also checks everything the walk would have: that the page still has the same tree
position and URL, that it and each ancestor below the site root are live, and that no view
restriction applies to it or any ancestor. Any doubt (a moved, renamed, unpublished or deleted
page or ancestor, a new restriction, an alias) falls back to Wagtail's walk, which then
refreshes the entry.

Page types may also ask for a **fingerprint of their neighbourhood** (``route_fingerprint``):
the ids, live revisions and tree positions of the live pages above them and beside them
(siblings), computed by the database in that same query. A page that caches HTML showing its
neighbours (a lesson's list of lessons, its breadcrumbs and previous/next links) keys the cache
by it, so a sibling published, unpublished, renamed or moved shows at once.

Nothing is invalidated by signals, on purpose: each server process has its own "pages" cache
(with ``REDIS_URL`` too; see the settings), and a signal handled in the process that published
a page cannot reach the others. Checking the entry in the same query that loads the page keeps
every process right.
"""

from __future__ import annotations

import hashlib
import threading

from django.apps import apps
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BooleanField, TextField
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from .i18n import attach_locale

#: Entries are checked on every use; the lifetime only bounds how long unused paths linger.
ROUTE_TTL_SECONDS = 6 * 60 * 60
_KEY_VERSION = 1


def _in_list(ids: list[int]) -> str:
    return ", ".join(["%s"] * len(ids)) or "NULL"


def _entry_checks(entry: dict, fingerprint: bool, vendor: str) -> dict[str, RawSQL]:
    """The route query's checks as SQL written out (the ORM's expressions cost more to build,
    on every request, than the database takes to run them): an ancestor taken down, a view
    restriction, and the neighbourhood's fingerprint text — ``id:live revision:path`` of each
    live page in the chain above or beside the page, joined by the database in no particular
    order (``fingerprint_digest`` sorts).

    Only table names and placeholders are formatted into the SQL; every value is a parameter."""
    page_table = Page._meta.db_table
    chain, guarded = entry["chain"], entry["guarded"]
    checks = {
        "_chain_down": RawSQL(  # noqa: S611
            f"EXISTS (SELECT 1 FROM {page_table} WHERE NOT live AND id IN ({_in_list(chain)}))",  # noqa: S608
            chain,
            output_field=BooleanField(),
        ),
        "_restricted": RawSQL(  # noqa: S611
            f"EXISTS (SELECT 1 FROM {PageViewRestriction._meta.db_table}"  # noqa: S608
            f" WHERE page_id IN ({_in_list(guarded)}))",
            guarded,
            output_field=BooleanField(),
        ),
    }
    if fingerprint:
        join = "STRING_AGG" if vendor == "postgresql" else "GROUP_CONCAT"
        path = entry["path"]
        parent, depth = path[: -Page.steplen], len(path) // Page.steplen
        checks["_neighbours"] = RawSQL(  # noqa: S611
            f"SELECT {join}(CAST(id AS TEXT) || ':' || COALESCE(CAST(live_revision_id AS TEXT),"  # noqa: S608
            f" '') || ':' || path, ',') FROM {page_table} WHERE live AND"
            f" (id IN ({_in_list(chain)}) OR (depth = %s AND path LIKE %s))",
            [*chain, depth, parent + "%"],  # tree paths hold only digits and capitals
            output_field=TextField(),
        )
    return checks


def fingerprint_digest(parts: str | None) -> str:
    """A short digest of the neighbourhood's text, the same whatever the database's order."""
    return hashlib.sha256(",".join(sorted((parts or "").split(","))).encode()).hexdigest()[:24]


class CachedRouteMixin:
    """For page types whose ``route()`` serves the page itself when every page between the
    site root and it is live (the module pages do), so that the route may be cached."""

    cache_route = True
    #: Fields left out when the page comes from the route cache because its view has them
    #: from a cache of its own (a lesson's body); read, they are loaded in one more query.
    cached_route_defer: tuple[str, ...] = ()
    #: Whether the route's query also takes the fingerprint of the page's neighbourhood, set
    #: as ``request.lms_route_fingerprint`` (see the module's docstring).
    route_fingerprint = False

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


class _CompiledRoute:
    """An entry's route query, built by the ORM once and kept as SQL for this process and
    database connection: the query has the same shape and values for every request to the
    path, and building it (a multi-table page model, its deferred body, the checks) cost the
    lesson page more than running it. ``fetch`` loads the page as the ORM would."""

    def __init__(self, model, entry: dict, using: str):
        queryset = (
            model.objects.using(using)
            .filter(pk=entry["id"], path=entry["path"], url_path=entry["url_path"], live=True)
            .defer(*model.cached_route_defer)
            .annotate(**_entry_checks(entry, model.route_fingerprint, connections[using].vendor))
            .order_by()[:1]
        )
        compiler = queryset.query.get_compiler(using=using)
        self.sql, self.params = compiler.as_sql()
        self.model = model
        self.using = using
        fields = compiler.klass_info["select_fields"]
        self.model_slice = slice(fields[0], fields[-1] + 1)
        self.field_names = [
            expression.target.attname
            for expression, _sql, _alias in compiler.select[self.model_slice]
        ]
        self.annotations = dict(compiler.annotation_col_map)
        self.converters = compiler.get_converters(
            [expression for expression, _sql, _alias in compiler.select]
        )

    def fetch(self):
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for position, (functions, expression) in self.converters.items():
            for function in functions:
                row[position] = function(row[position], expression, connection)
        page = self.model.from_db(self.using, self.field_names, row[self.model_slice])
        for name, position in self.annotations.items():
            setattr(page, name, row[position])
        return page


#: Compiled route queries, per thread (each has its own database connection) and entry.
_compiled = threading.local()
_COMPILED_MAX = 2000


def _compiled_route(model, entry: dict) -> _CompiledRoute:
    routes = getattr(_compiled, "routes", None)
    if routes is None:
        routes = _compiled.routes = {}
    key = (
        model._meta.label,
        entry["id"],
        entry["path"],
        entry["url_path"],
        tuple(entry["chain"]),
        tuple(entry["guarded"]),
    )
    route = routes.get(key)
    if route is None:
        if len(routes) >= _COMPILED_MAX:
            routes.clear()
        route = routes[key] = _CompiledRoute(model, entry, DEFAULT_DB_ALIAS)
    return route


def route_from_cache(request: HttpRequest, site) -> bool:
    """Route ``request`` from the cache if its entry still holds: sets Wagtail's per-request
    route (``request._wagtail_route_for_request``) and returns ``True``. One query."""
    if not _cacheable_request(request):
        return False
    entry = caches["pages"].get(_key(request, site.pk))
    if entry is None:
        return False
    model = apps.get_model(entry["model"])
    page = _compiled_route(model, entry).fetch()
    if page is None or page._chain_down or page._restricted:
        return False
    attach_locale(page)
    page._no_view_restrictions = True
    if model.route_fingerprint:
        request.lms_route_fingerprint = fingerprint_digest(page._neighbours)
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
    caches["pages"].set(
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
