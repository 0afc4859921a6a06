import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

import lms.sms
from lms.core.cache import reset_process_caches
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
def _process_caches(request):
    # The in-process caches (site rows, locales, the route query's columns) start empty too.
    # Tests marked needs_caches count hits or queries that only the caches make possible.
    if request.node.get_closest_marker("needs_caches") and not settings.PAGE_CACHES_ENABLED:
        pytest.skip(
            "counts cache hits or the queries they save; the caches are off (LMS_CACHES=off)"
        )
    reset_process_caches()
    yield
    reset_process_caches()


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    # Like Django's mail.outbox: each test sees only the text messages it sent.
    lms.sms.outbox.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request may leave another language active in this thread; each test starts in English.

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def assert_max_statements():
    """``max_statements`` from ``tests.helpers``: like ``django_assert_max_num_queries``, but
    without SAVEPOINT/RELEASE statements (a view's ``atomic()`` becomes a savepoint only
    inside the test's own transaction)."""
    return max_statements
