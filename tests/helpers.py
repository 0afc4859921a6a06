"""Helpers shared by the tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def captured_statements(*, savepoints: bool = False) -> Iterator[list[str]]:
    """The SQL statements run inside the block, filled in when it ends. SAVEPOINT and RELEASE
    statements are left out unless ``savepoints``: the test's own transaction turns a view's
    ``atomic()`` into savepoints that a real request (where it is the outermost transaction)
    does not issue."""
    statements: list[str] = []
    with CaptureQueriesContext(connection) as context:
        yield statements
    statements.extend(
        query["sql"]
        for query in context.captured_queries
        if savepoints or not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    )


@contextmanager
def max_statements(limit: int) -> Iterator[list[str]]:
    """Fail when the block runs more than ``limit`` statements (``captured_statements``);
    the message lists them."""
    with captured_statements() as statements:
        yield statements
    assert len(statements) <= limit, (
        f"{len(statements)} statements, expected at most {limit}:\n" + "\n".join(statements)
    )
