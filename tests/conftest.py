import pytest
from django.core.cache import caches

from tests.helpers import max_statements


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
    """``max_statements`` from ``tests.helpers``: like ``django_assert_max_num_queries``, but
    without SAVEPOINT/RELEASE statements (a view's ``atomic()`` becomes a savepoint only
    inside the test's own transaction)."""
    return max_statements
