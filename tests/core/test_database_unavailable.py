"""When the database is unreachable, frozen or too slow, pages answer 503 quickly (with
Retry-After) instead of hanging until gunicorn kills the worker or answering 500."""

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    connection,
)
from django.utils import translation

from lms.core.middleware import SiteCacheMiddleware
from lms.core.views import RETRY_AFTER_SECONDS, database_unavailable

ROOT = Path(__file__).resolve().parents[2]
# A generous bound for a liveness property (no hang), not a performance measurement: the
# connection gives up after its 1 s timeout, which psycopg raises to 2 s.
NO_HANG_SECONDS = 10

# Requests made inside a Django process started with the given environment; it prints, per
# path, the status, the seconds the request took, the Retry-After header and the body.
REQUESTS = """
import json, time
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path in PATHS:
    started = time.monotonic()
    response = client.get(path, **HEADERS)
    answers[path] = {
        "status": response.status_code,
        "seconds": time.monotonic() - started,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


def requests_in_a_process(paths, *, headers=None, **env) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "SECRET_KEY", "DEBUG"))
    }
    environment.update(env)
    code = f"PATHS = {paths!r}\nHEADERS = {headers or {}!r}\n" + REQUESTS
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def frozen_postgresql():
    """A server that accepts TCP connections on a PostgreSQL port and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], held
    stop.set()
    thread.join()
    for held_connection in held:
        held_connection.close()
    server.close()


def test_pages_answer_503_quickly_when_the_database_never_answers(frozen_postgresql):
    port, held = frozen_postgresql
    answers = requests_in_a_process(
        ["/", "/accounts/login/"],
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=f"postgres://lms@127.0.0.1:{port}/lms",
        DATABASE_CONNECT_TIMEOUT="1",
    )
    assert held, "the page never reached the database"
    for path, answer in answers.items():
        assert answer["status"] == 503, path
        assert answer["retry_after"] == str(RETRY_AFTER_SECONDS), path
        assert "The site is unavailable for a moment" in answer["body"], path
        assert answer["seconds"] < NO_HANG_SECONDS, path


def test_probes_answer_503_under_production_settings_when_the_database_never_answers(
    frozen_postgresql, tmp_path
):
    # As the balancer probes a backend: plain HTTP, its address as the host.
    port, held = frozen_postgresql
    answers = requests_in_a_process(
        ["/healthz", "/readyz"],
        headers={"HTTP_HOST": "10.0.0.7"},
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        MEDIA_ROOT=str(tmp_path),
        DATABASE_URL=f"postgres://lms:hunter2@127.0.0.1:{port}/lms",
        DATABASE_CONNECT_TIMEOUT="1",
    )
    assert held
    health, ready = answers["/healthz"], answers["/readyz"]
    assert health["status"] == 503
    assert json.loads(health["body"]) == {"status": "unavailable", "failed": ["database"]}
    assert ready["status"] == 503
    ready_body = json.loads(ready["body"])
    assert ready_body["status"] == "unavailable"
    assert ready_body["failed"][0] == "database"
    # A shared cache kept in the same database fails with it; nothing else does.
    assert set(ready_body["failed"]) <= {"database", "cache"}
    assert ready_body["checks"]["storage"] == "ok"
    for name, state in ready_body["checks"].items():
        assert state == ("failed" if name in ready_body["failed"] else "ok"), name
    for answer in answers.values():
        assert answer["seconds"] < NO_HANG_SECONDS
        assert "hunter2" not in answer["body"]
        assert "127.0.0.1" not in answer["body"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db
def test_statement_timeout_cancels_a_slow_statement():
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    code = (
        "from django.db import connection\n"
        "from lms.core.views import database_unavailable\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('SHOW statement_timeout')\n"
        "print(cursor.fetchone()[0])\n"
        "try:\n"
        "    cursor.execute('SELECT pg_sleep(1)')\n"
        "except Exception as error:\n"
        "    print(type(error).__module__, type(error).__name__, database_unavailable(error))\n"
        "    print(error)\n"
        "else:\n"
        "    print('finished')\n"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=url,
        DATABASE_STATEMENT_TIMEOUT="100",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()[-3:]
    assert lines[0] == "100ms"
    assert lines[1] == "django.db.utils OperationalError True"
    assert "statement timeout" in lines[2]


@pytest.fixture
def site_not_cached():
    # The site row is kept per process; without it every request asks the database first.
    SiteCacheMiddleware.clear()
    yield
    SiteCacheMiddleware.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_failure_answers_503_with_retry_after_and_is_logged(
    client, site_not_cached, caplog, error
):
    client.raise_request_exception = False
    with mock.patch.object(connection, "cursor", side_effect=error("server closed the connection")):
        response = client.get("/accounts/login/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "The site is unavailable for a moment" in response.content.decode()
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert record.levelname == "ERROR"
    assert record.exc_info[0] is error


@pytest.mark.django_db
def test_the_503_page_speaks_the_visitors_language(client, settings, site_not_cached):
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    with translation.override("hi"):
        wait = translation.gettext("Please wait a few minutes and try again.")
    assert wait != "Please wait a few minutes and try again."
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("timeout")):
        response = client.get("/accounts/login/")
    assert response.status_code == 503
    assert '<html lang="hi"' in response.content.decode()
    assert wait in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("error", [ProgrammingError("no such column"), RuntimeError("bug")])
def test_other_errors_stay_500(client, site_not_cached, error):
    client.raise_request_exception = False
    with mock.patch.object(connection, "cursor", side_effect=error):
        response = client.get("/accounts/login/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    page = response.content.decode()
    assert "Sorry, something went wrong" in page
    assert "The site is unavailable" not in page


def test_database_unavailable_follows_the_cause():
    timeout = OperationalError("canceling statement due to statement timeout")
    wrapped = RuntimeError("rendering failed")
    wrapped.__cause__ = timeout
    assert database_unavailable(timeout)
    assert database_unavailable(wrapped)
    assert not database_unavailable(DatabaseError("other"))
    assert not database_unavailable(ValueError("other"))
    assert not database_unavailable(None)
