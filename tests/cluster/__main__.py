"""The cluster test (``make cluster-test``): the platform as a state runs it, on one machine over
loopback, started from the files in deploy/ — two app servers (gunicorn, deploy/systemd/
lms-web@.service and deploy/gunicorn.conf.py) behind nginx (deploy/nginx/lms.conf, its TLS
server and locations), two task workers (lms-worker@.service, with the commands it runs before
starting), a Redis of its own, an S3 API server (moto_server, from PyPI) holding the files, and
a PostgreSQL database of its own — then, under a bounded load:

1. a lock-out after wrong passwords holds on both app servers;
2. a few hundred virtual learners sign in through the proxy by a code sent by SMS (read from
   the database, where the text message is recorded), enrol, and read lessons for a minute,
   their time beacons written as they go; each session carries on whichever server answers;
3. one app server is killed (SIGKILL) mid-load, and started again later;
4. Redis is stopped for ten seconds, and the site keeps serving;
5. a bulk certificate issue runs on both workers; one worker is killed mid-batch and started
   again as its unit starts it; the batch completes with no certificate twice and none missing,
   and every PDF downloads through either app server.

Writes the load made and was told succeeded are then looked for in the database: one missing
is a lost write. A request that fails is an error — except a write whose server was killed
while it was in flight (the proxy never resends a POST a server had received), and a page whose
server was killed while its answer was already on its way (the proxy cannot start it again once
part of it reached the client, so the answer is cut short): the virtual learner sends it again,
as the lesson page does its next beacon and a reader reloads a broken page, and it counts as
retried.
Ends with one line, ``cluster: <n> requests, <e> errors, <l> lost writes, failover ok`` (or
what failed), and exits non-zero on any error, lost write or failed check.

Needs nginx, redis-server and PostgreSQL (PGHOST, PGPORT, PGUSER: 127.0.0.1, 5432, postgres).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import boto3
import psycopg
import requests

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV = ROOT / ".venv" / "bin"
LOAD_SECONDS = int(os.environ.get("CLUSTER_LOAD_SECONDS", "60"))
VIRTUAL_LEARNERS = 200


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def log(message: str) -> None:
    say(f"[{time.strftime('%H:%M:%S')}] {message}")


# --- The deployment files, read as systemd and nginx would ---------------------------------


def unit_commands(unit: str, key: str, instance: str = "") -> list[list[str]]:
    """The ``ExecStart=`` (or ``ExecStartPre=``) command lines of a systemd unit in deploy/,
    with the release's paths (/srv/lms) pointed at this checkout."""
    commands = []
    for line in (DEPLOY / "systemd" / unit).read_text().splitlines():
        if line.startswith(f"{key}="):
            command = line.split("=", 1)[1].replace("%i", instance)
            command = command.replace("/srv/lms/.venv/bin/", f"{VENV}/")
            command = command.replace("/srv/lms/deploy/", f"{DEPLOY}/")
            commands.append(shlex.split(command))
    return commands


def unit_environment(unit: str, instance: str = "") -> dict[str, str]:
    environment = {}
    for line in (DEPLOY / "systemd" / unit).read_text().splitlines():
        if line.startswith("Environment="):
            name, value = line.split("=", 1)[1].replace("%i", instance).split("=", 1)
            environment[name] = value
    return environment


def nginx_config(work: Path, *, port: int, app_ports: list[int]) -> Path:
    """deploy/nginx/lms.conf as it is, with its paths, certificate and ports for this machine:
    the TLS server on ``port``, the upstream on ``app_ports``; the plain-HTTP redirect server
    dropped. Adds a response header naming the app server that answered (for the test)."""
    site = (DEPLOY / "nginx" / "lms.conf").read_text()
    site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
    site = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", site)
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
    site = site.replace("/etc/letsencrypt/live/training.example.org/", f"{work}/tls/")
    servers = re.findall(r"server 127\.0\.0\.1:\d+ [^;]*;", site)
    for server, app_port in zip(servers, app_ports, strict=True):
        site = site.replace(server, re.sub(r":\d+ ", f":{app_port} ", server), 1)
    for name in ("lms-locations.conf", "lms-proxy.conf"):
        text = (DEPLOY / "nginx" / name).read_text()
        text = text.replace("/srv/lms/deploy/nginx/", f"{work}/nginx/")
        text = text.replace("/srv/lms/", f"{work}/srv/")
        (work / "nginx" / name).write_text(text)
    site = site.replace("/srv/lms/deploy/nginx/", f"{work}/nginx/")
    (work / "nginx" / "site.conf").write_text(site)
    temp = work / "nginx" / "temp"
    main = work / "nginx" / "nginx.conf"
    main.write_text(
        f"""daemon off;
pid {work}/nginx/nginx.pid;
error_log {work}/nginx/error.log warn;
worker_processes 1;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    types {{ text/css css; application/javascript js; }}
    add_header X-Upstream $upstream_addr always;
    include {work}/nginx/site.conf;
}}
"""
    )
    return main


# --- Processes ------------------------------------------------------------------------------


class Cluster:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.processes: dict[str, subprocess.Popen] = {}
        self.proxy_port = free_port()
        self.app_ports = [free_port(), free_port()]
        self.redis_port = free_port()
        self.s3_port = free_port()
        self.database = f"lms_cluster_{int(time.time())}_{os.getpid()}"
        self.pg = (
            f"postgres://{os.environ.get('PGUSER', 'postgres')}@"
            f"{os.environ.get('PGHOST', '127.0.0.1')}:{os.environ.get('PGPORT', '5432')}"
        )
        self.url = f"https://127.0.0.1:{self.proxy_port}"
        #: The proxy's certificate (made for the test): clients check the TLS against it.
        self.ca = str(work / "tls" / "fullchain.pem")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": "cluster-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.url,
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            # nginx, and in front of it the load's "clients", each with an address of its own
            # in X-Forwarded-For, as a load balancer in front of nginx would give.
            "TRUSTED_PROXY_COUNT": "2",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": f"{self.pg}/{self.database}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "STORAGE_URL": (
                f"s3://cluster:cluster-secret@127.0.0.1:{self.s3_port}/lms-cluster?secure=false"
            ),
            "SMS_URL": "console://",
            "EMAIL_URL": f"file://{work}/mail",
            "LMS_REQUIRE_MFA": "0",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "3",
            "PYTHONPATH": str(ROOT),
        }

    def start(self, name: str, command: list[str], *, env=None, log_to=None) -> None:
        out = (self.work / f"{log_to or name}.log").open("ab")
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def run(self, command: list[str], *, env=None, timeout: float = 600) -> None:
        with (self.work / "setup.log").open("ab") as out:
            subprocess.run(  # noqa: S603
                command,
                cwd=ROOT,
                env=env or self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=timeout,
            )

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def wait_for(self, url: str, *, what: str, timeout: float = 60, **kwargs) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(url, timeout=2, verify=self.ca, **kwargs).status_code < 500:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{what} did not answer at {url}")

    # The parts, each as its deployment file starts it.

    def start_redis(self) -> None:
        self.start(
            "redis",
            [
                "redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no",
            ],
        )  # fmt: skip
        for _ in range(100):
            probe = subprocess.run(  # noqa: S603
                ["redis-cli", "-p", str(self.redis_port), "ping"],  # noqa: S607
                capture_output=True,
                check=False,
            )
            if probe.stdout.strip() == b"PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def start_s3(self) -> None:
        self.start("s3", [f"{VENV}/moto_server", "-H", "127.0.0.1", "-p", str(self.s3_port)])
        self.wait_for(f"http://127.0.0.1:{self.s3_port}/", what="the S3 server")
        boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster-secret",
            region_name="us-east-1",
        ).create_bucket(Bucket="lms-cluster")

    def create_database(self) -> None:
        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')

    def drop_database(self) -> None:
        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def migrate(self) -> None:
        env = {**self.env, **unit_environment("lms-migrate.service")}
        for command in unit_commands("lms-migrate.service", "ExecStart"):
            self.run(command, env=env)

    def start_web(self, number: int) -> None:
        port = str(self.app_ports[number - 1])
        env = {**self.env, **unit_environment("lms-web@.service", port)}
        [command] = unit_commands("lms-web@.service", "ExecStart", port)
        self.start(f"web{number}", command, env=env, log_to=f"web{number}")
        self.wait_for(f"http://127.0.0.1:{port}/healthz", what=f"app server {number}")

    def start_worker(self, number: int) -> None:
        env = {**self.env, **unit_environment("lms-worker@.service", str(number))}
        for command in unit_commands("lms-worker@.service", "ExecStartPre", str(number)):
            self.run(command, env=env)
        [command] = unit_commands("lms-worker@.service", "ExecStart", str(number))
        self.start(f"worker{number}", command, env=env, log_to=f"worker{number}")

    def start_proxy(self) -> None:
        (self.work / "nginx" / "temp").mkdir(parents=True)
        (self.work / "tls").mkdir()
        (self.work / "srv").mkdir()
        (self.work / "srv" / "staticfiles").symlink_to(ROOT / "staticfiles")
        (self.work / "srv" / "media").mkdir()
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", str(self.work / "tls" / "privkey.pem"),
                "-out", str(self.work / "tls" / "fullchain.pem"),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        config = nginx_config(self.work, port=self.proxy_port, app_ports=self.app_ports)
        self.start("nginx", ["nginx", "-c", str(config), "-p", str(self.work / "nginx")])
        self.wait_for(f"{self.url}/healthz", what="nginx")

    def seed(self, what: str) -> dict:
        out = self.work / f"{what}.json"
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "lms.settings.production"}
        self.run([f"{VENV}/python", "-m", "tests.cluster.seed", what, str(out)], env=env)
        return json.loads(out.read_text())

    def sql(self, query: str, params=()) -> list[tuple]:
        with psycopg.connect(f"{self.pg}/{self.database}") as connection:
            return connection.execute(query, params).fetchall()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM if name == "nginx" else signal.SIGKILL)


# --- The load ---------------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.errors: list[str] = []
        self.retried = 0
        self.acked_enrolments: set[str] = set()
        self.acked_beacons: set[tuple[str, int]] = set()
        self.servers_per_learner: dict[str, set[str]] = {}
        self.signed_out = 0

    def count(self, response: requests.Response | None, phone: str = "") -> None:
        with self.lock:
            self.requests += 1
            if response is not None and phone:
                upstream = response.headers.get("X-Upstream", "")
                if upstream:
                    self.servers_per_learner.setdefault(phone, set()).add(upstream.split(",")[-1])

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


class VirtualLearner(threading.Thread):
    def __init__(self, cluster: Cluster, seed: dict, phone: str, tally: Tally, until: float):
        super().__init__(daemon=True)
        self.cluster, self.seed_data, self.phone, self.tally, self.until = (
            cluster,
            seed,
            phone,
            tally,
            until,
        )
        self.session = requests.Session()
        self.session.verify = cluster.ca
        self.session.trust_env = False
        number = int(phone[-4:])
        # Each virtual learner comes from an address of its own (a front load balancer's
        # X-Forwarded-For), so per-address limits apply to each as to a real phone.
        self.session.headers.update(
            {
                "X-Forwarded-For": f"10.{number // 250}.{number % 250}.7",
                "Origin": cluster.url,
                "Referer": f"{cluster.url}/",
            }
        )

    def request(self, method: str, path: str, *, write: bool = False, **kwargs):
        """One request; a write that failed with a 502 (its app server died with it in hand),
        and any request that got no answer or one cut short, is sent once more, as the page
        (or its reader) would. A read answered 5xx is an error: the proxy resends reads itself."""
        for attempt in (1, 2):
            try:
                response = self.session.request(
                    method, self.cluster.url + path, timeout=30, allow_redirects=False, **kwargs
                )
            except requests.RequestException as error:
                response, failure, cut_short = None, type(error).__name__, True
            else:
                failure = "" if response.status_code < 500 else str(response.status_code)
                cut_short = False
            self.tally.count(response, self.phone)
            if not failure:
                return response
            if (write or cut_short) and attempt == 1:
                with self.tally.lock:
                    self.tally.retried += 1
                time.sleep(0.5)
                continue
            self.tally.error(f"{method} {path}: {failure}")
            return None
        return None

    def csrf(self) -> str:
        return self.session.cookies.get("csrftoken", "")

    def post(self, path: str, data: dict, **kwargs):
        return self.request(
            "POST", path, write=True, data={**data, "csrfmiddlewaretoken": self.csrf()}, **kwargs
        )

    def sign_in(self) -> bool:
        self.request("GET", "/accounts/login/code/")
        response = self.post("/accounts/login/code/", {"phone": self.phone[3:]})
        if response is None or response.status_code != 302:
            self.tally.error(
                f"code request for {self.phone}: {getattr(response, 'status_code', '')}"
            )
            return False
        code = None
        for _ in range(50):
            rows = self.cluster.sql(
                'SELECT text FROM sms_smsmessage WHERE "to" = %s ORDER BY id DESC LIMIT 1',
                (self.phone,),
            )
            if rows:
                code = re.search(r"\b(\d{6})\b", rows[0][0]).group(1)
                break
            time.sleep(0.1)
        response = self.post("/accounts/login/code/confirm/", {"code": code or ""})
        if response is None or response.status_code != 302:
            self.tally.error(f"sign-in by code for {self.phone}")
            return False
        return True

    def run(self) -> None:
        if not self.sign_in():
            return
        module_id = self.seed_data["module_id"]
        response = self.post(f"/learning/modules/{module_id}/enroll/", {})
        if response is not None and response.status_code == 302:
            with self.tally.lock:
                self.tally.acked_enrolments.add(self.phone)
        lessons = self.seed_data["lessons"]
        while time.monotonic() < self.until:
            lesson = random.choice(lessons)
            page = self.request("GET", lesson["url"])
            if page is not None and page.status_code != 200:
                with self.tally.lock:
                    self.tally.signed_out += 1
                self.tally.error(f"GET {lesson['url']}: {page.status_code} (session lost?)")
            # As the lesson page's script does: "opened" (recorded at once), then the time.
            beacon = f"/learning/lessons/{lesson['id']}/time/"
            opened = self.post(beacon, {"seconds": "0"})
            if opened is not None and opened.status_code == 200:
                with self.tally.lock:
                    self.tally.acked_beacons.add((self.phone, lesson["id"]))
            time.sleep(random.uniform(0.5, 1.0))
            self.post(beacon, {"seconds": "15"})
            time.sleep(random.uniform(0.5, 2.0))


# --- The checks -------------------------------------------------------------------------------


def https_session(cluster: Cluster) -> requests.Session:
    """A client of the proxy that checks its TLS against the test's certificate (and not the
    machine's CA bundle, which the environment may name)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = cluster.ca
    return session


def check_lockout(cluster: Cluster, seed: dict, problems: list[str]) -> int:
    """Twenty wrong passwords through the proxy, from twenty addresses (each answered with the
    form again); then the right one, straight to each app server: both refuse it, saying the
    account is locked."""
    requests_made = 0
    session = https_session(cluster)
    session.headers.update({"Referer": f"{cluster.url}/accounts/login/", "Origin": cluster.url})
    for attempt in range(20):
        session.get(f"{cluster.url}/accounts/login/", timeout=30)
        answer = session.post(
            f"{cluster.url}/accounts/login/",
            data={
                "login": seed["locked"],
                "password": "wrong password",
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            },
            headers={"X-Forwarded-For": f"10.99.0.{attempt}"},
            allow_redirects=False,
            timeout=30,
        )
        requests_made += 2
        if answer.status_code != 200 or "password" not in answer.text:
            problems.append(f"wrong password {attempt + 1} was answered {answer.status_code}")
            return requests_made
    for port in cluster.app_ports:
        direct = requests.Session()
        direct.trust_env = False
        base = f"http://127.0.0.1:{port}"
        # As the proxy passes a request on (deploy/nginx/lms-proxy.conf).
        direct.headers.update(
            {
                "Host": f"127.0.0.1:{cluster.proxy_port}",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "10.98.0.1, 127.0.0.1",
                "Referer": f"{cluster.url}/accounts/login/",
                "Origin": cluster.url,
            }
        )
        page = direct.get(f"{base}/accounts/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = direct.post(
            f"{base}/accounts/login/",
            data={
                "login": seed["locked"],
                "password": seed["password"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Cookie": f"csrftoken={page.cookies.get('csrftoken')}"},
            allow_redirects=False,
            timeout=30,
        )
        requests_made += 2
        if answer.status_code != 200 or "Too many failed login attempts" not in answer.text:
            problems.append(
                f"the lock-out did not hold on the app server at port {port} "
                f"(the right password was answered {answer.status_code})"
            )
    return requests_made


def admin_session(cluster: Cluster, seed: dict) -> requests.Session:
    session = https_session(cluster)
    session.headers.update({"Referer": f"{cluster.url}/", "X-Forwarded-For": "10.97.0.1"})
    session.get(f"{cluster.url}/accounts/login/")
    answer = session.post(
        f"{cluster.url}/accounts/login/",
        data={
            "login": seed["admin"],
            "password": seed["password"],
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise RuntimeError("the administrator could not sign in")
    return session


def check_batch(cluster: Cluster, seed: dict, problems: list[str]) -> int:
    """A bulk issue on both workers; worker 1 killed mid-batch and started again as its unit
    starts it; then every PDF through each app server in turn."""
    batch = cluster.seed("batch")
    batch_id, items = batch["batch_id"], batch["items"]
    deadline = time.monotonic() + 240
    killed = False
    while time.monotonic() < deadline:
        [(done, finished)] = cluster.sql(
            "SELECT done, finished_at IS NOT NULL FROM certification_certificatebatch "
            "WHERE id = %s",
            (batch_id,),
        )
        if not killed and done >= items // 4:
            log(f"killing worker 1 mid-batch ({done} of {items} issued)")
            cluster.kill("worker1")
            cluster.start_worker(1)
            killed = True
        if finished:
            break
        time.sleep(0.5)
    else:
        problems.append("the bulk issue did not finish within four minutes")
    if not killed:
        problems.append("the batch finished before a worker could be killed in it")
    [(certificates, enrollments)] = cluster.sql(
        "SELECT count(*), count(DISTINCT c.enrollment_id) FROM certification_certificate c "
        "JOIN certification_certificatebatchitem i ON i.enrollment_id = c.enrollment_id "
        "WHERE i.batch_id = %s",
        (batch_id,),
    )
    if enrollments != items:
        problems.append(f"the batch issued {enrollments} of {items} certificates (a gap)")
    if certificates != enrollments:
        problems.append(f"{certificates - enrollments} certificates were issued twice")
    workers = cluster.sql(
        "SELECT count(DISTINCT w) FROM django_tasks_database_dbtaskresult, "
        "jsonb_array_elements_text(worker_ids) AS w WHERE task_path LIKE %s",
        ("%issue_certificate_chunk%",),
    )[0][0]
    if workers < 2:
        problems.append(f"the batch ran on {workers} worker(s), not both")

    session = admin_session(cluster, seed)
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    ids = [row[0] for row in cluster.sql(
        "SELECT c.id FROM certification_certificate c JOIN certification_certificatebatchitem i "
        "ON i.enrollment_id = c.enrollment_id WHERE i.batch_id = %s",
        (batch_id,),
    )]  # fmt: skip
    made = 0
    for index, certificate_id in enumerate(ids):
        port = cluster.app_ports[index % 2]
        answer = requests.get(
            f"http://127.0.0.1:{port}/certificates/{certificate_id}/pdf/",
            headers={
                "Host": f"127.0.0.1:{cluster.proxy_port}",
                "Cookie": cookie,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "10.97.0.1, 127.0.0.1",
            },
            allow_redirects=False,
            timeout=30,
        )
        made += 1
        if answer.status_code == 302:  # a short-lived signed address in the bucket
            answer = requests.get(answer.headers["Location"], timeout=30)
            made += 1
        if answer.status_code != 200 or not answer.content.startswith(b"%PDF"):
            problems.append(f"certificate {certificate_id} did not download from port {port}")
    return made


def main() -> int:
    for tool in ("nginx", "redis-server", "redis-cli", "openssl"):
        if shutil.which(tool) is None:
            say(f"cluster: {tool} is missing (deploy/README.md lists the packages)")
            return 2
    work = Path(tempfile.mkdtemp(prefix="lms-cluster-"))
    cluster = Cluster(work)
    problems: list[str] = []
    tally = Tally()
    started = time.monotonic()
    try:
        log(f"starting Redis, the S3 server and a database ({work})")
        cluster.start_redis()
        cluster.start_s3()
        cluster.create_database()
        log("migrating (deploy/systemd/lms-migrate.service)")
        cluster.migrate()
        seed = cluster.seed("people")
        log("starting two app servers, two workers and nginx (deploy/)")
        cluster.start_web(1)
        cluster.start_web(2)
        cluster.start_worker(1)
        cluster.start_worker(2)
        cluster.start_proxy()

        tally.requests += check_lockout(cluster, seed, problems)

        log(f"{VIRTUAL_LEARNERS} virtual learners for {LOAD_SECONDS} s")
        until = time.monotonic() + LOAD_SECONDS
        learners = [
            VirtualLearner(cluster, seed, phone, tally, until)
            for phone in seed["phones"][:VIRTUAL_LEARNERS]
        ]
        for learner in learners:
            learner.start()
            time.sleep(0.02)
        time.sleep(LOAD_SECONDS * 0.3)
        log("killing app server 1 (SIGKILL)")
        cluster.kill("web1")
        time.sleep(LOAD_SECONDS * 0.15)
        log("stopping Redis for ten seconds")
        cluster.kill("redis")
        time.sleep(10)
        cluster.start_redis()
        log("Redis is back; starting app server 1 again")
        cluster.start_web(1)
        for learner in learners:
            learner.join(timeout=LOAD_SECONDS + 60)

        served_by_both = sum(1 for s in tally.servers_per_learner.values() if len(s) > 1)
        if served_by_both == 0:
            problems.append("no session was served by both app servers")
        lost = 0
        enrolled = {
            row[0]
            for row in cluster.sql(
                "SELECT u.phone FROM learning_enrollment e JOIN accounts_user u "
                "ON u.id = e.user_id WHERE e.module_id = %s",
                (seed["module_id"],),
            )
        }
        lost += len(tally.acked_enrolments - enrolled)
        recorded = set(
            cluster.sql(
                "SELECT u.phone, p.lesson_id FROM learning_lessonprogress p JOIN "
                "learning_enrollment e ON e.id = p.enrollment_id JOIN accounts_user u "
                "ON u.id = e.user_id"
            )
        )
        lost += len(tally.acked_beacons - recorded)
        for phone in sorted(tally.acked_enrolments - enrolled)[:5]:
            say(f"  lost: the enrolment of {phone}")
        for phone, lesson in sorted(tally.acked_beacons - recorded)[:5]:
            say(f"  lost: {phone} opening lesson {lesson}")
        log(
            f"load: {tally.requests} requests, {len(tally.errors)} errors, "
            f"{tally.retried} requests sent again after their server died, {lost} lost writes; "
            f"{served_by_both} of {len(tally.servers_per_learner)} sessions served by both "
            "app servers"
        )

        log("bulk certificate issue on both workers")
        tally.requests += check_batch(cluster, seed, problems)
    except Exception as error:  # reported in the last line, whatever it was
        problems.append(f"{type(error).__name__}: {error}")
        lost = locals().get("lost", 0)
    finally:
        cluster.stop_all()
        with contextlib.suppress(psycopg.Error):
            cluster.drop_database()
    for error, count in Counter(tally.errors).most_common(10):
        say(f"  error (x{count}): {error}")
    for problem in problems:
        say(f"  failed: {problem}")
    outcome = "failover ok" if not problems and not tally.errors and not lost else "FAILED"
    say(
        f"cluster: {tally.requests} requests, {len(tally.errors)} errors, {lost} lost writes, "
        f"{outcome} ({time.monotonic() - started:.0f} s; logs in {work})"
    )
    if outcome == "failover ok":
        shutil.rmtree(work, ignore_errors=True)
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
