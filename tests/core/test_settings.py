import ast
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings.env import email_settings, sms_settings, sms_templates

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            # The suite may run on PostgreSQL: each test names the database it means.
            "DATABASE_URL",
            "LMS_ALLOW_SQLITE",
        }
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "lms.settings.production"
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", SECRET_KEY="x" * 60, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL="postgres://lms@db.example.org:5432/lms",
        SMS_URL="https://lms:secret@sms.example.org/send?sender=CPTRNG",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checklist_warns_when_codes_would_be_printed_instead_of_sent():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL="postgres://lms@db.example.org:5432/lms",
    )
    assert result.returncode != 0
    assert "sms.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_database_url():
    """Production never falls back to SQLite by itself: without DATABASE_URL it refuses to
    start, and says how to opt in for a small pilot."""
    result = run_manage(
        "check",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
    )
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr
    assert "LMS_ALLOW_SQLITE=1" in result.stderr
    result = run_manage(
        "check",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        LMS_ALLOW_SQLITE="0",
    )
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_production_runs_a_pilot_on_sqlite_only_when_asked():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        LMS_ALLOW_SQLITE="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.sqlite3"


def test_seed_demo_refuses_production_settings():
    result = run_manage(
        "seed_demo",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        DATABASE_URL="sqlite:////nonexistent/never-created.sqlite3",
    )
    assert result.returncode != 0
    assert "refuses to run" in result.stderr


def test_email_url_forms():
    smtp = email_settings(
        "smtp://mailer:p%40ss@mail.example.org:2525?from=Training%20<t@example.org>"
    )
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert smtp["EMAIL_USE_TLS"] is True
    assert smtp["DEFAULT_FROM_EMAIL"] == "Training <t@example.org>"
    assert email_settings("smtps://h.example.org")["EMAIL_PORT"] == 465
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_settings(None) == {}
    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://coop")


def test_sms_url_forms():
    assert sms_settings(None) == {}
    assert sms_settings("console://") == {"SMS_BACKEND": "lms.sms.backends.ConsoleBackend"}
    assert sms_settings("locmem://") == {"SMS_BACKEND": "lms.sms.backends.LocmemBackend"}
    gateway = sms_settings(
        "https://cpt%40state:p%40ss@sms.example.in:8443/api/v2/send?account=7&sender=CPTRNG"
    )
    assert gateway == {
        "SMS_BACKEND": "lms.sms.backends.HttpBackend",
        # The gateway's own query parameters stay in its address; the platform's go.
        "SMS_GATEWAY_URL": "https://sms.example.in:8443/api/v2/send?account=7",
        "SMS_GATEWAY_USER": "cpt@state",
        "SMS_GATEWAY_PASSWORD": "p@ss",
        "SMS_GATEWAY_AUTH": "basic",
        "SMS_SENDER": "CPTRNG",
        "SMS_TIMEOUT": 10.0,
    }
    bearer = sms_settings("http://:s3cret@127.0.0.1/send?auth=bearer&timeout=2.5")
    assert bearer["SMS_GATEWAY_AUTH"] == "bearer"
    assert bearer["SMS_GATEWAY_PASSWORD"] == "s3cret"
    assert bearer["SMS_TIMEOUT"] == 2.5
    assert bearer["SMS_SENDER"] == ""


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("smpp://gateway.example.in:2775", "scheme 'smpp' is not supported"),
        ("sms.example.in/send", "scheme '' is not supported"),
        ("https:///send", "must name the gateway's host"),
        ("https://sms.example.in/send?auth=digest", "auth must be basic or bearer"),
        ("https://sms.example.in/send?timeout=soon", "timeout must be a number"),
        ("https://sms.example.in/send?timeout=0", "between 0 and 60"),
    ],
)
def test_bad_sms_urls_are_refused(url, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        sms_settings(url)


def test_sms_template_ids():
    assert sms_templates(None) == {}
    assert sms_templates(" code=1107000000000000001, invitation = 1107000000000000002 ,") == {
        "code": "1107000000000000001",
        "invitation": "1107000000000000002",
    }
    for bad in ("code", "code=", "=1107", "code=TEMPLATE-1", "code=1,code=2"):
        with pytest.raises(ImproperlyConfigured, match="SMS_TEMPLATE_IDS"):
            sms_templates(bad)


def database_options(**env) -> dict:
    """The database OPTIONS the production settings derive from ``env``."""
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(repr(settings.DATABASES['default']['OPTIONS']))",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_postgresql_statements_are_prepared_unless_switched_off():
    url = "postgres://lms@db.example.org:5432/lms"
    options = database_options(DATABASE_URL=url)
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5
    assert "-c jit=off" in options["options"]
    options = database_options(DATABASE_URL=url, DATABASE_PREPARED="0")
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_postgresql_connect_and_statement_timeouts():
    url = "postgres://lms@db.example.org:5432/lms"
    options = database_options(DATABASE_URL=url)
    assert options["connect_timeout"] == 5
    assert "-c statement_timeout=10000" in options["options"]
    # A process with other needs (workers, migrations) sets its own; 0 is no limit.
    options = database_options(
        DATABASE_URL=url, DATABASE_CONNECT_TIMEOUT="1", DATABASE_STATEMENT_TIMEOUT="0"
    )
    assert options["connect_timeout"] == 1
    assert "-c statement_timeout=0" in options["options"]
    assert "-c jit=off" in options["options"]
    # Options in DATABASE_URL win.
    options = database_options(
        DATABASE_URL=url + "?connect_timeout=9&options=-c%20statement_timeout%3D250",
        DATABASE_CONNECT_TIMEOUT="1",
        DATABASE_STATEMENT_TIMEOUT="100",
    )
    assert options["connect_timeout"] == 9
    assert options["options"].count("statement_timeout") == 1
    assert "-c statement_timeout=250" in options["options"]


def test_database_timeouts_must_be_whole_numbers():
    result = run_manage(
        "check",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        DATABASE_URL="postgres://lms@db.example.org:5432/lms",
        DATABASE_STATEMENT_TIMEOUT="10s",
    )
    assert result.returncode != 0
    assert "DATABASE_STATEMENT_TIMEOUT must be a whole number, not '10s'" in result.stderr


def test_certificate_renders_do_not_flood_the_production_log():
    # WeasyPrint logs every step of every render at INFO; a bulk issue would bury the log.
    result = run_manage(
        "shell",
        "-c",
        "import logging; print(logging.getLogger('weasyprint.progress').getEffectiveLevel())",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL="postgres://lms@db.example.org:5432/lms",
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) == logging.WARNING


def test_the_demo_console_shows_problems_not_every_task_the_worker_runs():
    """The task worker sets its loggers to INFO whatever the settings say: with the demo's
    LOG_LEVEL=WARNING (scripts/run.sh), the console handler still drops those lines and keeps
    warnings."""
    script = (
        "import logging, django; django.setup();"
        "worker = logging.getLogger('django_tasks'); worker.setLevel(logging.INFO);"
        "worker.info('task ran'); worker.warning('task failed')"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"}
    environment.pop("DATABASE_URL", None)
    runs = {
        level: subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**environment, "LOG_LEVEL": level},
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stderr
        for level in ("WARNING", "INFO")
    }
    assert "task failed" in runs["WARNING"]
    assert "task ran" not in runs["WARNING"]
    assert "task ran" in runs["INFO"]
