"""Entry points on the home page, contributed by each app.

An app registers a function with the Wagtail hook ``ENTRY_POINTS_HOOK`` in its
``wagtail_hooks.py``; the function takes the request and returns the ``EntryPoint`` items that
this user should see. Cards with a fixed address are declared once, as ``Card``s that say who
sees each, and the function returns ``cards_for(request, cards)``. The home page (``lms.home``)
knows no app above it: apps come to it. The hook lives in the core so that every app, the
accounts below the home page included, can contribute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from wagtail import hooks

ENTRY_POINTS_HOOK = "lms_home_entry_points"


@dataclass(frozen=True)
class EntryPoint:
    title: str
    description: str
    url: str
    #: Lower numbers come first.
    order: int = 100
    #: Groups cards under a heading, e.g. "Learning", "Training", "Administration".
    section: str = ""


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


@dataclass(frozen=True)
class Card:
    """An entry point as an app declares it, at import: its words (lazy translations), the
    name of its URL, and who sees it (``shown_to(user)``)."""

    title: str | Promise
    description: str | Promise
    url_name: str
    order: int
    section: str | Promise
    #: Asked with the request's user; a truthy answer shows the card.
    shown_to: Callable[[Any], object] = everyone


def cards_for(request: HttpRequest, cards: Iterable[Card]) -> list[EntryPoint]:
    """The ``cards`` the request's user sees, as entry points in the request's language."""
    return [
        EntryPoint(
            title=str(card.title),
            description=str(card.description),
            url=reverse(card.url_name),
            order=card.order,
            section=str(card.section),
        )
        for card in cards
        if card.shown_to(request.user)
    ]


def register_cards(*cards: Card) -> None:
    """Puts ``cards`` on the home page, each for the people it is ``shown_to``. An app calls
    it once, from its Wagtail hooks module."""
    hooks.register(ENTRY_POINTS_HOOK, lambda request: cards_for(request, cards))


def entry_points_for(request: HttpRequest) -> list[EntryPoint]:
    items: list[EntryPoint] = []
    for fn in hooks.get_hooks(ENTRY_POINTS_HOOK):
        items.extend(fn(request))
    return sorted(items, key=lambda item: (item.order, item.title))
