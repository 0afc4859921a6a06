"""What operators see of the running site: a request id on every log line and in the response,
``Server-Timing``, one access line per request, and ``/metrics`` for Prometheus (request counts
shared by every process, the task queue, certificate batches, the shared cache), behind a
token."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from redis.exceptions import ConnectionError as RedisConnectionError
from wagtail import hooks

from certification.models import CertificateBatch
from certification.services import certificate_batch_create, certificate_batch_process
from lms import urls as site_urls
from lms.core import metrics
from lms.core.logging import LogContext, RedactPersonalData, StructuredFormatter
from lms.core.metrics import METRICS_HOOK, Metric, exposition, record_request
from tests.accounts.factories import UserFactory, make_role
from tests.certification.factories import completed_enrollment
from tests.core.test_settings import run_manage
from tests.core.test_shared_rate_limits import database_url, server_env
from tests.core.test_shared_rate_limits import request as server_request
from tests.core.worker_tasks import safe_to_repeat
from tests.servers import ROOT, AppServer, RedisServer

pytestmark = pytest.mark.django_db

TOKEN = "a-metrics-token-that-is-long-enough-0123456789"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
LOGIN = "/accounts/login/"
APP_LOGGER = "tests.observability"


def logging_view(request):
    logging.getLogger(APP_LOGGER).warning("inside the view")
    return HttpResponse("logged")


# The site's URLs and a view that logs (tests marked urls(__name__)).
urlpatterns = [path("logging-view/", logging_view, name="logging_view"), *site_urls.urlpatterns]


@task()
def logging_task() -> None:
    logging.getLogger(APP_LOGGER).warning("inside the task")


@pytest.fixture
def captured():
    """A function returning the lines logged so far, formatted as production writes them
    (the context and redaction filters on the handler, the structured formatter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(LogContext())
    handler.addFilter(RedactPersonalData())
    handler.setFormatter(StructuredFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: stream.getvalue().splitlines()
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def scrape(client, settings):
    """``/metrics`` with the token configured: the parsed samples of one scrape."""
    settings.METRICS_TOKEN = TOKEN

    def scrape_once() -> dict[tuple[str, frozenset], float]:
        response = client.get("/metrics", **AUTH)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
        return parse(response.content.decode())

    return scrape_once


SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(text: str) -> dict[tuple[str, frozenset], float]:
    """The samples of an exposition, each line checked against the format."""
    samples = {}
    for line in text.splitlines():
        if line.startswith("#"):
            assert re.match(r"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* \S", line), line
            continue
        match = SAMPLE.match(line)
        assert match, line
        name, labels, value = match.groups()
        key = (name, frozenset(LABEL.findall(labels or "")))
        assert key not in samples, line
        samples[key] = float(value)
    return samples


def shared():
    """The shared cache's backend itself (not Django's proxy for it)."""
    return caches["default"]


def sample(samples, name: str, **labels) -> float | None:
    return samples.get((name, frozenset(labels.items())))


# --- Request id, Server-Timing, access line ------------------------------------------------------


def test_a_well_formed_request_id_from_the_proxy_is_kept(client):
    response = client.get(LOGIN, HTTP_X_REQUEST_ID="proxy-id.0123_abc")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "proxy-id.0123_abc"


@pytest.mark.parametrize(
    "given",
    [
        "abc1234\ninjected=1",  # a newline would forge a log line
        "a" * 200,  # too long
        "short",  # too short
        "has space inside",
        'quote"inside',
        "",
    ],
)
def test_a_malformed_request_id_is_replaced(client, given):
    response = client.get(LOGIN, HTTP_X_REQUEST_ID=given)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert response["X-Request-ID"] != given


def test_each_request_gets_its_own_id_without_the_header(client):
    first = client.get(LOGIN)["X-Request-ID"]
    second = client.get(LOGIN)["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_time_django_spent_is_in_server_timing(client):
    response = client.get(LOGIN)
    assert re.fullmatch(r"app;dur=\d+\.\d", response["Server-Timing"])


@pytest.mark.urls(__name__)
def test_every_line_logged_during_a_request_names_it(client, captured):
    response = client.get("/logging-view/", HTTP_X_REQUEST_ID="req-0001-abcd")
    assert response.status_code == 200
    logging.getLogger(APP_LOGGER).warning("after the request")
    (inside,) = [line for line in captured() if "inside the view" in line]
    assert "logger=tests.observability" in inside
    assert inside.endswith("request_id=req-0001-abcd")
    (after,) = [line for line in captured() if "after the request" in line]
    assert "request_id=" not in after


@pytest.mark.urls(__name__)
def test_one_access_line_per_request(client, captured):
    client.get("/logging-view/?email=someone@example.org", HTTP_X_REQUEST_ID="req-0002-abcd")
    access = [line for line in captured() if "logger=lms.access" in line]
    assert len(access) == 1
    assert re.fullmatch(
        r"time=\S+ level=INFO logger=lms\.access msg=\"request\" method=GET "
        r"path=/logging-view/ view=logging_view status=200 duration_ms=\d+\.\d+ "
        r"request_id=req-0002-abcd",
        access[0],
    ), access[0]


def test_secrets_and_personal_data_in_a_path_stay_out_of_the_access_line(client, captured):
    client.get("/accounts/password/reset/key/3f-s3cretresetkey/")
    client.get("/verify/someone@example.org/")
    access = "\n".join(line for line in captured() if "logger=lms.access" in line)
    assert "path=/accounts/password/reset/key/[redacted]-[redacted]/" in access
    assert "s3cretresetkey" not in access
    assert "someone@example.org" not in access


def test_a_path_with_spaces_stays_one_field():
    record = logging.makeLogRecord(
        {"name": "lms.access", "levelname": "INFO", "msg": "request", "path": '/a b/"c"\n'}
    )
    line = StructuredFormatter().format(record)
    assert line.endswith("path=\"/a b/'c'\\n\"")


def test_lines_logged_by_a_task_name_it(captured, settings):
    result = logging_task.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    (inside,) = [line for line in captured() if "inside the task" in line]
    assert inside.endswith(f"task_id={result.id}")
    logging.getLogger(APP_LOGGER).warning("after the task")
    (after,) = [line for line in captured() if "after the task" in line]
    assert "task_id=" not in after


def test_the_demo_console_leaves_access_lines_out_unless_asked():
    """The demo console prints problems only (scripts/run.sh: LOG_LEVEL=WARNING), and the
    development server prints its own request lines: no access lines even at INFO; with
    LOG_LEVEL=DEBUG they show. Production writes them with the request id."""
    script = (
        "import logging, django; django.setup();"
        "from lms.core.logging import request_id; request_id.set('req-0003-abcd');"
        "logging.getLogger('lms.access').info('request', extra={'view': 'some_view'})"
    )

    def run(settings_module: str, level: str) -> str:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "LOG_LEVEL": level,
            "SECRET_KEY": "a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
            "LMS_ALLOW_SQLITE": "1",
        }
        environment.pop("DATABASE_URL", None)
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stderr

    assert "logger=lms.access" not in run("lms.settings.dev", "INFO")
    assert "view=some_view request_id=req-0003-abcd" in run("lms.settings.dev", "DEBUG")
    assert "view=some_view request_id=req-0003-abcd" in run("lms.settings.production", "INFO")


def test_metrics_settings_refuse_a_short_token_or_a_wrong_network():
    secret = {
        "SECRET_KEY": "a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        "LMS_ALLOW_SQLITE": "1",
    }
    result = run_manage("check", METRICS_TOKEN="short", **secret)
    assert result.returncode != 0
    assert "METRICS_TOKEN must be at least 32 characters" in result.stderr
    result = run_manage("check", METRICS_ALLOWED_NETWORKS="10.0.0.0/8, 10.1.2.3/16", **secret)
    assert result.returncode != 0
    assert "METRICS_ALLOWED_NETWORKS: 10.1.2.3/16 has host bits set" in result.stderr


# --- Who may scrape -------------------------------------------------------------------------------


def test_metrics_do_not_exist_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", **AUTH).status_code == 404


@pytest.mark.parametrize(
    "authorization",
    [None, f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", TOKEN, "Bearer "],
)
def test_metrics_refuse_a_missing_or_wrong_token(client, settings, authorization):
    settings.METRICS_TOKEN = TOKEN
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    response = client.get("/metrics", **headers)
    assert response.status_code == 403
    assert b"lms_" not in response.content


def test_metrics_answer_only_the_allowed_networks(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8", "2001:db8::/32"]
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7", **AUTH).status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40", **AUTH).status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::5", **AUTH).status_code == 200
    # Behind one proxy of ours, the client is the address the proxy appended.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    forwarded = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.7"}
    assert client.get("/metrics", **forwarded, **AUTH).status_code == 404


def test_metrics_are_never_cached_and_only_read(client, settings):
    settings.METRICS_TOKEN = TOKEN
    response = client.get("/metrics", **AUTH)
    assert "no-store" in response["Cache-Control"]
    assert client.post("/metrics", **AUTH).status_code == 405


# --- Request counts -------------------------------------------------------------------------------


def test_requests_are_counted_by_view_and_status_class(client, scrape):
    first = scrape()
    assert sample(first, "lms_http_requests_total", view="account_login", status="2xx") is None
    client.get(LOGIN)
    client.get(LOGIN)
    client.get("/no-such-page/")
    samples = scrape()
    assert sample(samples, "lms_http_requests_total", view="account_login", status="2xx") == 2
    assert sample(samples, "lms_http_requests_total", view="wagtail_serve", status="4xx") == 1
    labels = {"view": "account_login", "status": "2xx"}
    histogram = "lms_http_request_duration_seconds"
    assert sample(samples, f"{histogram}_count", **labels) == 2
    assert sample(samples, f"{histogram}_bucket", le="+Inf", **labels) == 2
    assert sample(samples, f"{histogram}_sum", **labels) > 0
    # The scrapes count themselves nowhere.
    assert not [key for key in samples if ("view", "metrics") in key[1]]

    client.get(LOGIN)
    assert sample(scrape(), "lms_http_requests_total", **labels) == 3


def test_the_histogram_buckets_hold_each_request_by_its_duration(scrape):
    for seconds in (0.01, 0.025, 0.03, 0.7, 30.0):
        record_request("some_view", 201, seconds)
    record_request("some_view", 503, 0.2)
    samples = scrape()
    labels = {"view": "some_view", "status": "2xx"}
    buckets = {
        le: sample(samples, "lms_http_request_duration_seconds_bucket", le=le, **labels)
        for le in ("0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf")
    }
    assert buckets == {
        "0.025": 2,  # a bound holds what equals it
        "0.05": 3,
        "0.1": 3,
        "0.25": 3,
        "0.5": 3,
        "1.0": 4,
        "2.5": 4,
        "5.0": 4,
        "10.0": 4,
        "+Inf": 5,
    }
    assert sample(samples, "lms_http_request_duration_seconds_sum", **labels) == pytest.approx(
        30.765
    )
    assert sample(samples, "lms_http_requests_total", view="some_view", status="5xx") == 1


def test_a_request_touches_no_cache_until_its_process_passes_its_counts_on(monkeypatch):
    monkeypatch.setattr(metrics, "_next_flush", float("inf"))
    with mock.patch.object(metrics, "caches") as patched:
        for _ in range(50):
            record_request("some_view", 200, 0.01)
    patched.__getitem__.assert_not_called()
    assert shared().get(metrics.TOTALS_KEY) is None
    monkeypatch.setattr(metrics, "_next_flush", 0.0)
    record_request("some_view", 200, 0.01)
    assert sum(shared().get(metrics.TOTALS_KEY)[("some_view", "2xx")][:-1]) == 51


@pytest.fixture
def flush_by_hand(monkeypatch):
    """Requests add to this process's counts, and only ``flush()`` passes them on."""
    monkeypatch.setattr(metrics, "_next_flush", float("inf"))


def test_counts_of_other_processes_are_added_to_not_overwritten(flush_by_hand):
    # Another process (another gunicorn worker or app server) passed on its counts.
    other = metrics._new_series()
    other[0], other[-1] = 7, 0.07
    shared().set(
        metrics.TOTALS_KEY, {("some_view", "2xx"): other, ("elsewhere", "3xx"): list(other)}
    )
    record_request("some_view", 200, 0.01)
    assert metrics.flush() is True
    totals = shared().get(metrics.TOTALS_KEY)
    assert sum(totals[("some_view", "2xx")][:-1]) == 8
    assert totals[("some_view", "2xx")][-1] == pytest.approx(0.08)
    assert sum(totals[("elsewhere", "3xx")][:-1]) == 7


def test_counts_wait_while_another_process_holds_the_lock(flush_by_hand):
    shared().add(metrics.LOCK_KEY, "another process", timeout=metrics.LOCK_SECONDS)
    record_request("some_view", 200, 0.01)
    assert metrics.flush() is False
    assert shared().get(metrics.TOTALS_KEY) is None
    shared().delete(metrics.LOCK_KEY)
    record_request("some_view", 200, 0.01)
    assert metrics.flush() is True
    assert sum(shared().get(metrics.TOTALS_KEY)[("some_view", "2xx")][:-1]) == 2
    assert shared().get(metrics.LOCK_KEY) is None


def test_counts_wait_while_the_cache_fails_or_serves_a_process_alone(monkeypatch, flush_by_hand):
    record_request("some_view", 200, 0.01)
    with mock.patch.object(type(shared()), "get", side_effect=RedisConnectionError("away")):
        assert metrics.flush() is False
    # Redis away: FailoverRedisCache serves this process from its own memory.
    monkeypatch.setattr(type(shared()), "serving_locally", True, raising=False)
    assert metrics.flush() is False
    assert shared().get(metrics.TOTALS_KEY) is None
    monkeypatch.setattr(type(shared()), "serving_locally", False)
    assert metrics.flush() is True
    assert sum(shared().get(metrics.TOTALS_KEY)[("some_view", "2xx")][:-1]) == 1
    assert shared().get(metrics.LOCK_KEY) is None


def test_views_beyond_the_series_limit_are_counted_as_other(monkeypatch, scrape):
    monkeypatch.setattr(metrics, "MAX_SERIES", 2)
    for view in ("first", "second", "third", "fourth"):
        record_request(view, 200, 0.01)
    samples = scrape()
    assert sample(samples, "lms_http_requests_total", view="first", status="2xx") == 1
    assert sample(samples, "lms_http_requests_total", view="second", status="2xx") == 1
    assert sample(samples, "lms_http_requests_total", view="other", status="2xx") == 2
    assert sample(samples, "lms_http_requests_total", view="third", status="2xx") is None


# --- Read when scraped ----------------------------------------------------------------------------


def test_the_queue_depth_counts_tasks_waiting_for_a_worker(scrape, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "exports"]}
    }
    samples = scrape()
    assert sample(samples, "lms_tasks_queued", queue="default") == 0
    assert sample(samples, "lms_tasks_oldest_queued_age_seconds", queue="default") == 0

    waiting = safe_to_repeat.enqueue()
    DBTaskResult.objects.filter(pk=waiting.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=2)
    )
    safe_to_repeat.enqueue()
    # Not waiting: one due tomorrow, one running, one done.
    safe_to_repeat.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    running = safe_to_repeat.enqueue()
    DBTaskResult.objects.filter(pk=running.id).update(status=TaskResultStatus.RUNNING)
    done = safe_to_repeat.enqueue()
    DBTaskResult.objects.filter(pk=done.id).update(status=TaskResultStatus.SUCCESSFUL)
    safe_to_repeat.using(queue_name="exports").enqueue()

    samples = scrape()
    assert sample(samples, "lms_tasks_queued", queue="default") == 2
    assert sample(samples, "lms_tasks_queued", queue="exports") == 1
    age = sample(samples, "lms_tasks_oldest_queued_age_seconds", queue="default")
    assert 120 <= age < 180


def test_batch_progress_counts_the_unfinished_bulk_issues(scrape):
    admin = make_role(UserFactory(), "National administrator")
    enrollments = [completed_enrollment() for _ in range(3)]
    batch = certificate_batch_create(
        enrollment_ids=[e.pk for e in enrollments], by=admin, label="Cohort"
    )
    samples = scrape()
    assert sample(samples, "lms_certificate_batches", status="queued") == 1
    assert sample(samples, "lms_certificate_batches", status="running") == 0
    assert sample(samples, "lms_certificate_batch_items", status="pending") == 3

    # A worker issued one certificate.
    first = batch.items.order_by("pk").values_list("pk", flat=True)[0]
    certificate_batch_process(batch_id=batch.pk, item_ids=[first])
    # Another batch, finished long ago, and one whose worker stopped ten minutes ago.
    CertificateBatch.objects.create(
        label="Old", created_by=admin, total=9, done=9, finished_at=timezone.now()
    )
    CertificateBatch.objects.create(
        label="Stalled",
        created_by=admin,
        total=4,
        done=1,
        failed=1,
        progressed_at=timezone.now() - timedelta(minutes=10),
    )
    samples = scrape()
    assert sample(samples, "lms_certificate_batches", status="queued") == 0
    assert sample(samples, "lms_certificate_batches", status="running") == 2
    assert samples[("lms_certificate_batches_stalled", frozenset())] == 1
    assert sample(samples, "lms_certificate_batch_items", status="pending") == 2 + 2
    assert sample(samples, "lms_certificate_batch_items", status="done") == 1 + 1
    assert sample(samples, "lms_certificate_batch_items", status="failed") == 1


def test_cache_availability_is_1_when_it_keeps_a_value(scrape):
    assert scrape()[("lms_cache_up", frozenset())] == 1


class UnreachableCache(LocMemCache):
    """A shared cache whose every call the metrics make fails, as Redis's do when it cannot
    be reached. Deleting is left working: with every cache off (LMS_CACHES=off) the site
    middleware clears Wagtail's site paths on each request, which the metrics do not use."""

    def _unreachable(self, *args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    add = get = set = incr = _unreachable


def test_cache_availability_is_0_when_the_cache_raises(scrape, settings):
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": f"{__name__}.UnreachableCache"}}
    samples = scrape()
    assert samples[("lms_cache_up", frozenset())] == 0
    up = "lms_metrics_collector_up"
    assert sample(samples, up, collector="lms.core.metrics.cache_metrics") == 1
    # The request counts live in that cache: missing from this scrape, and said so.
    assert sample(samples, up, collector="lms.core.metrics.request_metrics") == 0
    assert sample(samples, "lms_tasks_queued", queue="default") == 0


def test_a_failing_collector_is_reported_and_the_others_still_answer(scrape, caplog):
    def broken() -> list[Metric]:
        raise RuntimeError("the figures are not there")

    with hooks.register_temporarily(METRICS_HOOK, broken):
        samples = scrape()
    name = f"{broken.__module__}.{broken.__qualname__}"
    assert sample(samples, "lms_metrics_collector_up", collector=name) == 0
    for collector in (
        "lms.core.metrics.request_metrics",
        "lms.core.metrics.task_metrics",
        "lms.core.metrics.cache_metrics",
        "certification.metrics.certificate_batch_metrics",
    ):
        assert sample(samples, "lms_metrics_collector_up", collector=collector) == 1
    assert sample(samples, "lms_tasks_queued", queue="default") == 0
    assert any(
        "Metrics collector" in record.getMessage() and record.exc_info for record in caplog.records
    )


def test_a_scrape_runs_a_bounded_number_of_queries(client, settings, assert_max_statements):
    settings.METRICS_TOKEN = TOKEN
    client.get(LOGIN)
    client.get("/metrics", **AUTH)
    # The task queue and the certificate batches, one query each; and Wagtail's site row,
    # which the site cache keeps in the process unless the caches are off.
    with assert_max_statements(2 if settings.PAGE_CACHES_ENABLED else 3):
        response = client.get("/metrics", **AUTH)
    assert response.status_code == 200


def test_the_exposition_escapes_label_values_and_help():
    text = exposition(
        [
            Metric("lms_example", "gauge", "Line one\nline two \\ end").add(
                1.5, view='say "hi"\\\n'
            ),
            Metric("lms_example_total", "counter", "Plain.").add(3),
        ]
    )
    assert text == (
        "# HELP lms_example Line one\\nline two \\\\ end\n"
        "# TYPE lms_example gauge\n"
        'lms_example{view="say \\"hi\\"\\\\\\n"} 1.5\n'
        "# HELP lms_example_total Plain.\n"
        "# TYPE lms_example_total counter\n"
        "lms_example_total 3\n"
    )


# --- Several processes, several app servers -----------------------------------------------------


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("shared_cache", ["database", "redis"])
def test_app_servers_add_up_their_requests_in_one_scrape(shared_cache, tmp_path):
    """Requests answered by two app servers (one of two gunicorn workers) are counted once
    each in the scrape of either: the process scraped passes its counts on first, workers
    that stop (gunicorn stops them together) pass theirs on as they go."""
    redis = None
    servers: list[AppServer] = []
    try:
        if shared_cache == "redis":
            redis = RedisServer()
            redis.start()
            env = server_env(
                DATABASE_URL=database_url(tmp_path), REDIS_URL=redis.url, METRICS_TOKEN=TOKEN
            )
        else:
            env = server_env(DATABASE_URL=database_url(tmp_path), METRICS_TOKEN=TOKEN)
            setup = subprocess.run(
                [sys.executable, "manage.py", "createcachetable"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert setup.returncode == 0, setup.stderr
        bearer = {"Authorization": f"Bearer {TOKEN}"}

        def scrape_login_count(server: AppServer) -> float:
            status, _headers, text = server_request(server, "GET", "/metrics", headers=bearer)
            assert status == 200, text[:500]
            labels = {"view": "account_login", "status": "2xx"}
            return sample(parse(text), "lms_http_requests_total", **labels) or 0

        # The scrape passes on the counts of the process it reaches.
        scraped = AppServer(env, tmp_path, workers=1)
        other = AppServer(env, tmp_path, workers=2)
        servers = [scraped, other]
        for server in servers:
            server.wait()
        before = scrape_login_count(scraped)
        for number in range(12):
            status, headers, _text = server_request(servers[number % 2], "GET", LOGIN)
            assert status == 200
            assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
        assert all(server.pids(f"GET {LOGIN}") for server in servers)
        # Stopped as gunicorn stops the workers it replaces: each passes its counts on.
        other.stop()
        assert scrape_login_count(scraped) - before == 12
    finally:
        for server in servers:
            server.stop()
        if redis is not None:
            redis.stop()
