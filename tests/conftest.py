import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters and kept pages live in the caches; each test starts from nothing.
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request may leave another language active in this thread; each test starts in English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def assert_max_statements():
    """Like ``django_assert_max_num_queries``, but without SAVEPOINT/RELEASE statements: the
    test's own transaction turns a view's ``atomic()`` into savepoints that a real request
    (where it is the outermost transaction) does not issue."""
    from contextlib import contextmanager

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    @contextmanager
    def check(limit: int):
        with CaptureQueriesContext(connection) as context:
            yield context
        statements = [
            query["sql"]
            for query in context.captured_queries
            if not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
        assert len(statements) <= limit, (
            f"{len(statements)} statements, expected at most {limit}:\n" + "\n".join(statements)
        )

    return check
