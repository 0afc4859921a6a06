"""Servers that tests start as processes of their own: a Redis to stop and start at will, app
servers (gunicorn) to show what holds across processes, and an S3 server for file storage.
Each is stopped by the test (or fixture) that started it, and only that one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import boto3
import pytest
import redis

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it listened")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on port {port} within {timeout} s")


def require(program: str) -> str:
    """The path of ``program``; CI must have it (.ci/run installs it), elsewhere the test is
    skipped with the Debian package to install."""
    path = shutil.which(program)
    if path is None:
        message = f"{program} is not installed (Debian package: redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class RedisServer:
    """A redis-server of the test's own on a free port, keeping nothing on disk."""

    def __init__(self) -> None:
        self.executable = require("redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                self.executable,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
                *("--loglevel", "warning"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process, timeout=10, what="redis-server")

    def stop(self) -> None:
        """Kill it, as a crash would (its data is gone: nothing is saved)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def pause(self) -> None:
        """Stop it answering while it keeps its data and its port (a network fault)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def client(self):

        return redis.Redis.from_url(self.url, socket_timeout=2)


class AppServer:
    """``gunicorn lms.wsgi`` with the settings in ``env`` on a free port, its access log
    naming the worker process that answered each request."""

    def __init__(self, env: dict[str, str], log_dir: Path, *, workers: int = 1) -> None:
        self.port = free_port()
        self.access_log = log_dir / f"access-{self.port}.log"
        self.error_log = log_dir / f"error-{self.port}.log"
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "lms.wsgi",
                *("--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"),
                *("--access-logfile", str(self.access_log)),
                *("--access-logformat", "%(p)s %(r)s %(s)s"),
                *("--error-logfile", str(self.error_log), "--timeout", "60"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait(self) -> None:
        try:
            wait_for_port(self.port, process=self.process, timeout=60, what="gunicorn")
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{self.error_log.read_text()}") from None

    def pids(self, request_line: str) -> set[str]:
        """The worker pids that answered requests starting with ``request_line``."""
        return {
            line.split(" ", 1)[0]
            for line in self.access_log.read_text().splitlines()
            if line.split(" ", 1)[1].startswith(request_line)
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class S3Server:
    """moto's S3 server (``moto_server``, a dev dependency) on a free port, with one bucket
    laid out as production's: ``media/`` whose images anyone may read (the bucket's policy),
    ``private/`` that only signed requests may. It keeps everything in memory."""

    BUCKET = "lms-media"
    REGION = "ap-south-1"
    ACCESS_KEY = "AKIATESTSTORAGE00001"
    SECRET_KEY = "test/secret+key"  # a / and a + that STORAGE_URL must percent-encode

    def __init__(self) -> None:
        executable = Path(sys.executable).with_name("moto_server")
        if not executable.exists():
            message = "moto_server is not installed (pip install -e '.[dev]')"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [str(executable), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process, timeout=30, what="moto_server")
        client = self.client()
        client.create_bucket(
            Bucket=self.BUCKET, CreateBucketConfiguration={"LocationConstraint": self.REGION}
        )
        public = [f"arn:aws:s3:::{self.BUCKET}/media/{folder}/*" for folder in PUBLIC_MEDIA]
        client.put_bucket_policy(
            Bucket=self.BUCKET,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": public,
                        }
                    ],
                }
            ),
        )

    def storage_url(self, *, port: int | None = None) -> str:
        """``STORAGE_URL`` for this server's bucket (or for ``port``, where nothing answers)."""
        secret = urllib.parse.quote(self.SECRET_KEY, safe="")
        return (
            f"s3://{self.ACCESS_KEY}:{secret}@127.0.0.1:{port or self.port}/{self.BUCKET}"
            f"?region={self.REGION}&secure=false"
        )

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=self.REGION,
            aws_access_key_id=self.ACCESS_KEY,
            aws_secret_access_key=self.SECRET_KEY,
        )

    def keys(self, prefix: str = "") -> set[str]:
        listing = self.client().list_objects_v2(Bucket=self.BUCKET, Prefix=prefix)
        return {entry["Key"] for entry in listing.get("Contents", ())}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


#: The folders of ``media/`` that the bucket's policy lets anyone read: Wagtail's images, as
#: nginx serves them from the local disk (docs/operations.md). Documents go through Wagtail's
#: view.
PUBLIC_MEDIA = ("images", "original_images")
