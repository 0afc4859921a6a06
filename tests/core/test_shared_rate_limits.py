"""Rate limits hold across processes: failed logins sent to two app servers (two gunicorn
processes, as two workers or two machines would be) add up to one lock-out, with the shared
cache in the database (no ``REDIS_URL``) and in Redis. A cache in each process's memory let
thirty wrong passwords through without locking the account."""

from __future__ import annotations

import http.client
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from tests.accounts.factories import PASSWORD, UserFactory
from tests.servers import ROOT, AppServer, RedisServer

pytestmark = [
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOGIN = "/accounts/login/"
LOCKED = "Too many failed login attempts"
#: ACCOUNT_RATE_LIMITS["login_failed"]: twenty per account and address in thirty minutes.
FAILED_LOGINS_ALLOWED = 20


def database_url(tmp_path: Path) -> str:
    """A database the app servers can open holding what this test committed: a copy of the
    in-memory SQLite test database, or the PostgreSQL test database itself."""
    if connection.vendor == "sqlite":
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{quote(db['USER'])}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def server_env(**env: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DATABASE_URL",
            "REDIS_URL",
            "TRUSTED_PROXY_COUNT",
            "SECRET_KEY",
            "DEBUG",
        }
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.server_settings",
        SECRET_KEY="a-throwaway-secret-key-for-app-servers-started-by-tests-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LMS_ALLOW_SQLITE="1",
        LOG_LEVEL="WARNING",
        **env,
    )
    return environment


def request(server: AppServer, method: str, path: str, *, body=None, headers=None):
    """One request on a connection of its own; (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        conn.close()


def csrf_token(server: AppServer) -> str:
    status, headers, _text = request(server, "GET", LOGIN)
    assert status == 200
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie"):
        cookies.load(header)
    return cookies["csrftoken"].value


def login(server: AppServer, email: str, password: str, csrf: str) -> tuple[int, str]:
    form = {"login": email, "password": password, "csrfmiddlewaretoken": csrf}
    status, _headers, text = request(
        server,
        "POST",
        LOGIN,
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
        },
    )
    return status, text


@pytest.mark.parametrize("shared_cache", ["database", "redis"])
def test_failed_logins_on_two_app_servers_lock_the_account(shared_cache, tmp_path):
    user = UserFactory()
    redis = None
    servers: list[AppServer] = []
    try:
        if shared_cache == "redis":
            redis = RedisServer()
            redis.start()
            env = server_env(DATABASE_URL=database_url(tmp_path), REDIS_URL=redis.url)
            setup = None
        else:
            env = server_env(DATABASE_URL=database_url(tmp_path))
            # As scripts/run.sh and the README's production commands do after migrating.
            setup = subprocess.Popen(
                [sys.executable, "manage.py", "createcachetable"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        servers = [AppServer(env, tmp_path), AppServer(env, tmp_path)]
        if setup is not None:
            output, _ = setup.communicate(timeout=120)
            assert setup.returncode == 0, output
        for server in servers:
            server.wait()
        csrf = csrf_token(servers[0])

        # The account, its password and both servers work.
        assert login(servers[1], user.email, PASSWORD, csrf)[0] == 302
        # Wrong passwords, each on a new connection, to one server and then the other.
        for attempt in range(FAILED_LOGINS_ALLOWED):
            status, text = login(servers[attempt % 2], user.email, "not the password", csrf)
            assert status == 200
            assert LOCKED not in text
        # Each server saw half of them; together they lock the account on both.
        for server in servers:
            status, text = login(server, user.email, PASSWORD, csrf)
            assert status == 429 or (status == 200 and LOCKED in text), (status, text[:500])

        answered = [server.pids(f"POST {LOGIN}") for server in servers]
        assert all(answered)
        assert answered[0].isdisjoint(answered[1])
    finally:
        for server in servers:
            server.stop()
        if redis is not None:
            redis.stop()
