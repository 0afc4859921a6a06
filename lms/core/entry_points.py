"""Entry points on the home page, contributed by each app.

An app registers a function with the Wagtail hook ``ENTRY_POINTS_HOOK`` in its
``wagtail_hooks.py``; the function takes the request and returns the ``EntryPoint`` items that
this user should see. The home page (``lms.home``) knows no app above it: apps come to it.
The hook lives in the core so that every app, the accounts below the home page included, can
contribute.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
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


def entry_points_for(request: HttpRequest) -> list[EntryPoint]:
    items: list[EntryPoint] = []
    for fn in hooks.get_hooks(ENTRY_POINTS_HOOK):
        items.extend(fn(request))
    return sorted(items, key=lambda item: (item.order, item.title))
