"""Every URL pattern the site answers, read from the resolver, for tests that must cover each
one (a package upgrade that adds a page is covered the day it lands)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as written, prefixes joined ("admin/login/")
    pattern: URLPattern
    language: str  # the language active when the route was read (i18n_patterns' prefix)

    @property
    def name(self) -> str:
        return self.pattern.name or ""

    @property
    def callback(self):
        return self.pattern.callback

    @property
    def converters(self) -> dict:
        return self.pattern.pattern.converters


def _walk(resolver: URLResolver, prefix: str) -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, route)
        else:
            yield route, entry


def routes() -> list[Route]:
    """Every pattern, once per language prefix of ``i18n_patterns`` (``/hi/…``, ``/as/…``)."""
    seen: set[str] = set()
    found = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for route, pattern in _walk(get_resolver(), ""):
                if route not in seen:
                    seen.add(route)
                    found.append(Route(route, pattern, language))
    return found


def resolver_converters() -> Iterator[tuple[str, str, object]]:
    """(route, parameter, converter) for every converter of every pattern and include."""

    def walk(resolver: URLResolver, prefix: str):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            for name, converter in entry.pattern.converters.items():
                yield route, name, converter, entry
            if isinstance(entry, URLResolver):
                yield from walk(entry, route)

    yield from walk(get_resolver(), "")


_SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}
_CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<\w+>[^()]*\)")


def sample_url(route: str, value_for=None) -> str:
    """A URL that ``route`` matches: each parameter replaced by a sample value
    (``value_for(kind)`` first, when given)."""

    def replace(match: re.Match) -> str:
        kind = match.group("kind") or "str"
        if value_for is not None and (value := value_for(kind)) is not None:
            return value
        return _SAMPLES.get(kind, "1")

    url = _CONVERTER.sub(replace, route)
    url = _GROUP.sub("x", url).replace("^", "").replace("$", "")
    return "/" + url
