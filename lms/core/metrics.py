"""The figures behind ``/metrics``, in Prometheus's text exposition format (0.0.4).

**Where the request counts live.** The site runs as several gunicorn processes on several app
servers behind a load balancer. Counts kept in a process's memory would be wrong twice over:
a scrape reaches one process of one server and sees its share alone, and the share vanishes
whenever gunicorn replaces the process. There are two ways to add the processes up:

- prometheus_client's multiprocess mode: each process writes its numbers to files in a
  directory (``PROMETHEUS_MULTIPROC_DIR``) and a scrape adds up that machine's files. Nothing
  crosses the network per request, but every app server must then be scraped on its own (a
  scrape through the load balancer reaches one of them), the directory must be emptied at every
  start and gunicorn told of each process that exits, and the platform takes on a dependency.
- the shared ``default`` cache (Redis in production), where every process of every server adds
  to the same totals: one scrape through the site's own address sees the whole deployment, and
  a process that is replaced has already passed its counts on.

The platform takes the second, without a round trip per request. A request adds itself to the
counts in its process's memory (``record_request``: a dictionary update under a lock, no I/O);
at most every ``FLUSH_SECONDS`` the request that finds the time passed adds them to the
totals (``flush``), one value read and written under a lock taken with ``cache.add`` (atomic on
Redis, the database cache and memcached alike), so that two processes never overwrite each
other's additions: four cache calls per process every ``FLUSH_SECONDS``, none on other
requests. A scrape first passes on its own process's counts; the others' reach it within
``FLUSH_SECONDS``. A process that exits passes on what it has (``atexit``, waiting its turn
for the lock when gunicorn stops its workers together); one killed outright loses at most
those seconds. While Redis cannot be reached (``FailoverRedisCache`` serving from the
process's memory) the counts wait in the process. If the totals are lost (Redis restarted, a
culled database cache), they start again from zero, which Prometheus's ``rate()`` reads as a
counter reset. Labels are bounded: views by name (never paths), statuses by class, and no
more than ``MAX_SERIES`` pairs of them (further views are counted as ``other``).

**Everything else** is read when Prometheus scrapes, so it is the same whichever process
answers: the task queue (``django_tasks_db``'s table), the shared cache's round trip, and what
the apps above the core contribute through the Wagtail hook ``METRICS_HOOK`` (a function
without arguments returning ``Metric``s; certification reports its batches so). A collector
that fails is logged and reported as ``lms_metrics_collector_up{collector=…} 0``; the others
still answer.
"""

from __future__ import annotations

import atexit
import bisect
import hmac
import ipaddress
import logging
import math
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db.models import Case, Count, F, Min, When
from django.http import HttpRequest
from django.utils import timezone
from django_tasks_db.compat import DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail import hooks

from .cache import check_shared, on_reset
from .ratelimit import client_address

logger = logging.getLogger(__name__)

#: The Wagtail hook through which apps add metrics: ``@hooks.register(METRICS_HOOK)`` on a
#: function without arguments that returns an iterable of ``Metric``.
METRICS_HOOK = "lms_metrics"
#: The URL name of the scrape (lms/urls.py), which the counts and the access log leave out.
METRICS_VIEW_NAME = "metrics"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

#: Upper bounds (seconds) of the latency histogram's buckets; ``+Inf`` follows.
LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: A process passes its counts on at most this often (seconds).
FLUSH_SECONDS = 10.0
#: After a flush that could not take the lock or reach the cache, the next try waits this long.
RETRY_SECONDS = 1.0
#: A flush holds the lock for a few milliseconds; one that died holding it frees it after this.
LOCK_SECONDS = 5
#: At most this many (view, status class) series are counted; further views count as OTHER.
MAX_SERIES = 1000
OTHER_VIEW = "other"
#: A process logs a failed flush at most this often (seconds).
WARN_SECONDS = 60.0

CACHE_ALIAS = "default"
TOTALS_KEY = "metrics:requests:v1"
LOCK_KEY = "metrics:requests:lock"


# --- Metrics and their text ----------------------------------------------------------------------


@dataclass
class Metric:
    """One metric family: its name, type (``counter``, ``gauge`` or ``histogram``), help text
    and samples, each ``(name suffix, labels, value)``."""

    name: str
    kind: str
    help: str
    samples: list[tuple[str, tuple[tuple[str, str], ...], float]] = field(default_factory=list)

    def add(self, value: float, suffix: str = "", **labels: str) -> Metric:
        self.samples.append((suffix, tuple(labels.items()), value))
        return self


def _number(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    return repr(float(value))


def _label_value(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def exposition(metrics: Iterable[Metric]) -> str:
    """The metrics in Prometheus's text format, version 0.0.4."""
    lines = []
    for metric in metrics:
        help_text = metric.help.replace("\\", "\\\\").replace("\n", "\\n")
        lines.append(f"# HELP {metric.name} {help_text}")
        lines.append(f"# TYPE {metric.name} {metric.kind}")
        for suffix, labels, value in metric.samples:
            pairs = ",".join(f'{name}="{_label_value(str(text))}"' for name, text in labels)
            selector = f"{{{pairs}}}" if pairs else ""
            lines.append(f"{metric.name}{suffix}{selector} {_number(value)}")
    return "\n".join(lines) + "\n"


# --- Request counts: per process, passed on to the shared totals ---------------------------------

# A series: the requests in each latency bucket (the last beyond the largest bound), then the
# sum of their durations in seconds.
_Series = list[float]
_Counts = dict[tuple[str, str], _Series]

_lock = threading.Lock()
_pending: _Counts = {}
_next_flush = 0.0
_warned_at: float | None = None


def _new_series() -> _Series:
    return [0] * (len(LATENCY_BUCKETS) + 2)


def _add_into(counts: _Counts, others: _Counts) -> None:
    for (view, status), series in others.items():
        key = (view, status)
        if key not in counts and len(counts) >= MAX_SERIES:
            key = (OTHER_VIEW, status)
        target = counts.setdefault(key, _new_series())
        for index, value in enumerate(series):
            target[index] += value


def record_request(view: str, status_code: int, seconds: float) -> None:
    """Count one request, answered by ``view`` with ``status_code`` in ``seconds``; pass the
    process's counts on when ``FLUSH_SECONDS`` have passed since it last did."""
    key = (view, f"{status_code // 100}xx")
    bucket = bisect.bisect_left(LATENCY_BUCKETS, seconds)
    with _lock:
        series = _pending.get(key)
        if series is None:
            if len(_pending) >= MAX_SERIES:
                key = (OTHER_VIEW, key[1])
            series = _pending.setdefault(key, _new_series())
        series[bucket] += 1
        series[-1] += seconds
        due = time.monotonic() >= _next_flush
    if due:
        flush()


def _serving_locally(cache) -> bool:
    # FailoverRedisCache while Redis is away: what it keeps stays in this process.
    return bool(getattr(cache, "serving_locally", False))


def _take_lock(cache, *, wait: float) -> bool:
    deadline = time.monotonic() + wait
    # The value names the holder, for whoever looks at the cache.
    while not cache.add(LOCK_KEY, f"{socket.gethostname()}:{os.getpid()}", timeout=LOCK_SECONDS):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True


def flush(*, wait: float = 0.0) -> bool:
    """Add this process's counts to the shared totals, waiting up to ``wait`` seconds for
    another process's flush to end. True when they were passed on (or there were none); False
    when they wait for the next try (the lock was taken, the cache failed or Redis is away).
    Never raises: counting must not break a request."""
    global _pending, _next_flush, _warned_at
    with _lock:
        pending, _pending = _pending, {}
        _next_flush = time.monotonic() + FLUSH_SECONDS
    if not pending:
        return True
    cache = caches[CACHE_ALIAS]
    passed = False
    try:
        if not _serving_locally(cache) and _take_lock(cache, wait=wait):
            try:
                totals = cache.get(TOTALS_KEY) or {}
                _add_into(totals, pending)
                cache.set(TOTALS_KEY, totals, timeout=None)
                passed = not _serving_locally(cache)
            finally:
                cache.delete(LOCK_KEY)
    except Exception:
        now = time.monotonic()
        if _warned_at is None or now - _warned_at >= WARN_SECONDS:
            _warned_at = now
            logger.warning("Request counts could not be passed on to the cache", exc_info=True)
    if not passed:
        with _lock:
            _add_into(_pending, pending)
            _next_flush = time.monotonic() + RETRY_SECONDS
    return passed


@on_reset
def forget_pending() -> None:
    """Drop the counts this process has not passed on (between tests)."""
    global _pending, _next_flush, _warned_at
    with _lock:
        _pending, _next_flush, _warned_at = {}, 0.0, None


# gunicorn stops its workers together (a restart, a reload): each waits its turn.
atexit.register(flush, wait=LOCK_SECONDS)


def request_metrics() -> list[Metric]:
    """Requests by view and status class, counted and timed, from the shared totals."""
    flush()
    totals: _Counts = caches[CACHE_ALIAS].get(TOTALS_KEY) or {}
    requests = Metric(
        "lms_http_requests_total",
        "counter",
        "Requests answered, by view name and status class, on every app server.",
    )
    durations = Metric(
        "lms_http_request_duration_seconds",
        "histogram",
        "Time from the request entering Django's middleware to the response leaving it, "
        "by view name and status class.",
    )
    for (view, status), series in sorted(totals.items()):
        count = sum(series[:-1])
        requests.add(count, view=view, status=status)
        cumulative = 0
        for bound, in_bucket in zip(LATENCY_BUCKETS, series, strict=False):
            cumulative += in_bucket
            durations.add(cumulative, "_bucket", view=view, status=status, le=repr(bound))
        durations.add(count, "_bucket", view=view, status=status, le="+Inf")
        durations.add(series[-1], "_sum", view=view, status=status)
        durations.add(count, "_count", view=view, status=status)
    return [requests, durations]


# --- Read when scraped ---------------------------------------------------------------------------


def task_metrics() -> list[Metric]:
    """Tasks waiting for a worker (due to run, not yet claimed) and how long the oldest has
    waited, per queue; the default queue is always reported. One query (the table's index of
    waiting tasks)."""
    now = timezone.now()
    # A task queued to run later waits from then on, not from when it was queued.
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
    )
    rows = (
        DBTaskResult.objects.ready()
        .order_by()
        .values("queue_name")
        .annotate(waiting=Count("pk"), oldest=Min(waiting_since))
    )
    queues = {DEFAULT_TASK_QUEUE_NAME: (0, None)}
    queues.update({row["queue_name"]: (row["waiting"], row["oldest"]) for row in rows})
    depth = Metric(
        "lms_tasks_queued", "gauge", "Tasks due to run that no worker has started yet, by queue."
    )
    age = Metric(
        "lms_tasks_oldest_queued_age_seconds",
        "gauge",
        "How long the longest-waiting task has been due to run, by queue (0 with none waiting).",
    )
    for queue, (waiting, oldest) in sorted(queues.items()):
        depth.add(waiting, queue=queue)
        waited = max(now - oldest, timedelta(0)) if oldest is not None else timedelta(0)
        age.add(round(waited.total_seconds(), 3), queue=queue)
    return [depth, age]


def cache_metrics() -> list[Metric]:
    """Whether the shared cache keeps a value and gives it back (in Redis itself: not the
    stand-in a process serves from while Redis is away)."""
    try:
        check_shared(CACHE_ALIAS)
    except Exception:
        logger.warning("The shared cache failed its round trip", exc_info=True)
        up = 0
    else:
        up = 1
    return [
        Metric(
            "lms_cache_up",
            "gauge",
            "Whether the shared cache (default) kept a value and gave it back: 1 yes, 0 no.",
        ).add(up)
    ]


def collectors() -> list[Callable[[], Iterable[Metric]]]:
    """The core's collectors, then those the apps registered with ``METRICS_HOOK``."""
    return [request_metrics, task_metrics, cache_metrics, *hooks.get_hooks(METRICS_HOOK)]


def collect() -> list[Metric]:
    """Every collector's metrics, and whether each collector answered."""
    metrics: list[Metric] = []
    up = Metric(
        "lms_metrics_collector_up",
        "gauge",
        "Whether a collector of metrics answered this scrape: 1 yes, 0 no (see the log).",
    )
    for collector in collectors():
        name = f"{collector.__module__}.{collector.__qualname__}"
        try:
            produced = list(collector())
        except Exception:
            logger.exception("Metrics collector %s failed", name)
            up.add(0, collector=name)
        else:
            metrics.extend(produced)
            up.add(1, collector=name)
    return [*metrics, up]


# --- Who may scrape ------------------------------------------------------------------------------


def scrape_enabled() -> bool:
    """Whether ``/metrics`` exists at all: only with a token configured (``METRICS_TOKEN``)."""
    return bool(settings.METRICS_TOKEN)


def network_allowed(request: HttpRequest) -> bool:
    """Whether the client (as ``lms.core.ratelimit.client_address`` sees it, behind the
    trusted proxies) is in ``METRICS_ALLOWED_NETWORKS``; any client when that is empty."""
    networks = settings.METRICS_ALLOWED_NETWORKS
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network) for network in networks)


def token_matches(request: HttpRequest) -> bool:
    """Whether the request carries ``Authorization: Bearer <METRICS_TOKEN>`` (compared in
    constant time)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), settings.METRICS_TOKEN.encode())
