"""Demo data, contributed by each app.

``manage.py seed_demo`` runs every function registered with the Wagtail hook
``SEED_DEMO_HOOK`` in ascending ``order`` (set as an attribute by ``demo_seeder``). Each seeder
is idempotent and returns the lines it wants printed (logins, URLs to try).
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail import hooks

SEED_DEMO_HOOK = "lms_seed_demo"
#: The password of every demo account. The demo refuses to run under production settings.
DEMO_PASSWORD = "child-protection-demo"  # noqa: S105

Seeder = Callable[[], list[str]]


def demo_seeder(order: int) -> Callable[[Seeder], Seeder]:
    """Register a seeder to run at ``order`` (geography 10, accounts 20, modules 30, …)."""

    def register(fn: Seeder) -> Seeder:
        fn.demo_order = order  # type: ignore[attr-defined]
        hooks.register(SEED_DEMO_HOOK, fn)
        return fn

    return register


def seeders() -> list[Seeder]:
    return sorted(hooks.get_hooks(SEED_DEMO_HOOK), key=lambda fn: getattr(fn, "demo_order", 100))
