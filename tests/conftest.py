import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request may leave another language active in this thread; each test starts in English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
