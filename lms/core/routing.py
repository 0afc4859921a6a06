"""A cache of Wagtail routes: URL path → page, checked against the database on every use.

Wagtail walks the tree for each request, one query per URL segment (plus the site's root page
and the active locale), and then asks for the page's view restrictions in two more queries.
For page types that opt in (``CachedRouteMixin``), the first successful route of a path is
remembered in the "pages" cache, and later requests for that path load the page in **one query**
that also checks everything the walk would have: that the page still has the same tree
position and URL, that it and each ancestor below the site root are live, and that no view
restriction applies to it or any ancestor, and, for an English page standing in at another
language's address for a translation that is not live (``/as/…``, see ``lms.core.i18n``), that
no live translation into that language has appeared since. Any doubt (a moved, renamed,
unpublished or deleted page or ancestor, a new restriction, an alias, a new translation) falls
back to Wagtail's walk, which then refreshes the entry.

Page types may also ask for a **fingerprint of their neighbourhood** (``route_fingerprint``):
the ids, live revisions and tree positions of the live pages above them and beside them
(siblings), computed by the database in that same query. A page that caches HTML showing its
neighbours (a lesson's list of lessons, its breadcrumbs and previous/next links) keys the cache
by it, so a sibling published, unpublished, renamed or moved shows at once.

Nothing is invalidated by signals, on purpose: each server process has its own "pages" cache
(with ``REDIS_URL`` too; see the settings), and a signal handled in the process that published
a page cannot reach the others. Checking the entry in the same query that loads the page keeps
every process right.

The query is written out as SQL (building it with the ORM on every request cost the lesson
page more than running it) and the page is loaded from its row with ``Model.from_db()``, the
fields left out deferred, its values converted as the ORM would (``lms.core.django_internals``,
the one use of Django's private API). Wagtail is handed the route through
``lms.core.wagtail_request``. Entries live in the "pages" cache; with the caches switched off
(``LMS_CACHES=off``) nothing is kept and Wagtail routes every path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from .cache import caches_enabled, process_memo
from .django_internals import row_converter
from .i18n import attach_locale, locale_by_id
from .wagtail_request import request_route, set_request_route

#: Entries are checked on every use; the lifetime only bounds how long unused paths linger.
ROUTE_TTL_SECONDS = 6 * 60 * 60
_KEY_VERSION = 2


def _quoted(name: str) -> str:
    # Table and column names come from the models, never from a request.
    return f'"{name}"'


def _in_list(ids: list[int]) -> str:
    return ", ".join(["%s"] * len(ids)) or "NULL"


@dataclass(frozen=True)
class _PageSelect:
    """How the route query reads a page of one model: its columns but those left out
    (``cached_route_defer``), the tables they come from, the page table first, their
    ``Model.from_db`` names and the ORM's conversion of the row."""

    columns: str
    tables: str
    names: tuple[str, ...]
    convert: Callable


@process_memo
def _page_select(model, vendor: str) -> _PageSelect:
    # Kept per backend (``vendor``), whose converters it holds. From the documented model API
    # (concrete fields in the model's order, their columns and the models that hold them), but
    # for the conversion of values (lms.core.django_internals).
    page_table = Page._meta.db_table
    fields = [
        field
        for field in model._meta.get_fields()
        if field.concrete
        and not field.many_to_many  # kept in tables of their own
        and field.name not in model.cached_route_defer
    ]
    joins = [_quoted(page_table)]
    for field in fields:
        table = field.model._meta.db_table
        if field.primary_key and table != page_table:  # a child table's link to the page
            joins.append(
                f"INNER JOIN {_quoted(table)} ON {_quoted(table)}.{_quoted(field.column)}"
                f" = {_quoted(page_table)}.{_quoted('id')}"
            )
    return _PageSelect(
        columns=", ".join(
            f"{_quoted(field.model._meta.db_table)}.{_quoted(field.column)}" for field in fields
        ),
        tables=" ".join(joins),
        names=tuple(field.attname for field in fields),
        convert=row_converter(fields, connection),
    )


def _route_query(model, entry: dict, select: _PageSelect) -> tuple[str, list]:
    """The route query for ``entry``: the page's row if it is still live at the same place and
    URL, followed by its checks — an ancestor taken down, a view restriction and, for page
    types that ask for it, the neighbourhood's fingerprint text (``id:live revision:path`` of
    each live page in the chain above or beside the page, joined by the database in no
    particular order; ``fingerprint_digest`` sorts) and, for a page standing in for its
    translation, whether a live translation into the address's language exists. Only table
    and column names are formatted into the SQL; every value is a parameter."""
    page = _quoted(Page._meta.db_table)
    restrictions = _quoted(PageViewRestriction._meta.db_table)
    chain, guarded = entry["chain"], entry["guarded"]
    selects = [
        select.columns,
        f"EXISTS (SELECT 1 FROM {page} down WHERE NOT down.live"  # noqa: S608
        f" AND down.id IN ({_in_list(chain)}))",
        f"EXISTS (SELECT 1 FROM {restrictions} restriction"  # noqa: S608
        f" WHERE restriction.page_id IN ({_in_list(guarded)}))",
    ]
    params: list = [*chain, *guarded]
    if model.route_fingerprint:
        join = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
        path = entry["path"]
        parent, depth = path[: -Page.steplen], len(path) // Page.steplen
        selects.append(
            f"(SELECT {join}(CAST(near.id AS TEXT) || ':'"  # noqa: S608
            " || COALESCE(CAST(near.live_revision_id AS TEXT), '') || ':' || near.path, ',')"
            f" FROM {page} near WHERE near.live AND (near.id IN ({_in_list(chain)})"
            " OR (near.depth = %s AND near.path LIKE %s)))"
        )
        params += [*chain, depth, parent + "%"]  # tree paths hold only digits and capitals
    if entry.get("untranslated"):
        locales = _quoted(Locale._meta.db_table)
        selects.append(
            f"EXISTS (SELECT 1 FROM {page} translated WHERE translated.live"  # noqa: S608
            f" AND translated.translation_key = {page}.translation_key"
            f" AND translated.locale_id IN (SELECT id FROM {locales} WHERE language_code = %s))"
        )
        params.append(entry["untranslated"])
    sql = (
        f"SELECT {', '.join(selects)} FROM {select.tables}"  # noqa: S608 - names only, values are parameters
        f" WHERE {page}.id = %s AND {page}.path = %s AND {page}.url_path = %s AND {page}.live"
    )
    params += [entry["id"], entry["path"], entry["url_path"]]
    return sql, params


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
        if getattr(self, "lms_no_view_restrictions", False):
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
        and caches_enabled()
    )


def route_from_cache(request: HttpRequest, site) -> bool:
    """Route ``request`` from the cache if its entry still holds: hands Wagtail the page as
    the request's route and returns ``True``. One query."""
    if not _cacheable_request(request):
        return False
    entry = caches["pages"].get(_key(request, site.pk))
    if entry is None:
        return False
    model = apps.get_model(entry["model"])
    select = _page_select(model, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(*_route_query(model, entry, select))
        row = cursor.fetchone()
    if row is None:
        return False
    loaded = len(select.names)
    chain_down, restricted, *checks = row[loaded:]
    untranslated = entry.get("untranslated")
    if chain_down or restricted or (untranslated and checks[-1]):
        return False
    page = model.from_db(DEFAULT_DB_ALIAS, select.names, select.convert(row[:loaded], connection))
    attach_locale(page)
    page.lms_no_view_restrictions = True
    if model.route_fingerprint:
        request.lms_route_fingerprint = fingerprint_digest(checks[0])
    if untranslated:
        # Asked for by the address's language check, the redirect and the notice.
        request.lms_live_translations = {(page.pk, untranslated): None}
    set_request_route(request, page)
    request.lms_route_cached = True
    return True


def _page_language(page: Page) -> str:
    # The routers load the locale with the page; locale_by_id is the fallback.
    if Page._meta.get_field("locale").is_cached(page):
        return page.locale.language_code
    return locale_by_id(page.locale_id).language_code


def remember_route(request: HttpRequest, site) -> None:
    """After Wagtail routed ``request`` the usual way, keep the result for next time when the
    page type opts in and the path led to the page itself. One query, on a miss only."""
    if not _cacheable_request(request) or getattr(request, "lms_route_cached", False):
        return
    result = request_route(request)
    if result is None:
        return
    page, args, kwargs = result
    if args or kwargs or not getattr(page, "cache_route", False) or page.alias_of_id:
        return
    ancestors = list(Page.objects.ancestor_of(page).values_list("id", "depth", "alias_of_id"))
    if any(alias_of for _id, _depth, alias_of in ancestors):
        return  # aliases take their view restrictions from elsewhere: let Wagtail decide
    root_depth = site.root_page.depth
    language = translation.get_language()
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
            # An English page at another language's address stands in for a translation
            # that is not live: the route holds until one is.
            "untranslated": language if _page_language(page) != language else None,
        },
        ROUTE_TTL_SECONDS,
    )
