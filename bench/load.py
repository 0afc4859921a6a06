"""Load generator for the learner's pages (docs/benchmarks.md). Standard library only.

Virtual learners sign in once (allauth's login form, with its CSRF token) before anything is
measured, then each scenario runs them all in a closed loop, without think time, for a
warm-up and a measured window:

    ceiling       GET  /bench/ceiling/           middleware, session and user; no page logic
    lesson        GET  a lesson page
    beacon        POST /learning/lessons/<id>/time/       (a minute visible, as the page
                  reports it: modules.learning.services.BEACON_SECONDS)
    attempt_page  GET  an attempt in progress
    assessment    POST start -> GET the attempt -> POST answers (picked at random)
    journey       the next lesson not yet completed: its page, the "opened" beacon, a time
                  beacon, complete; after a module's last lesson, an assessment attempt
    complete      POST /learning/lessons/<id>/complete/   (as htmx sends it): lessons not yet
                  completed first, then ones completed already (the idempotent path)

The journey runs before "complete" so that it gets the lessons still to complete; each
attempt started uses up one of the learner's attempts, so the plan lists learners with many.

Each request opens its own connection and asks the server to close it (gunicorn's sync
workers close after every response anyway). Session and CSRF cookies are kept by hand, so
the production ``Secure`` flag does not stop them going back over plain HTTP on loopback.

    python bench/load.py --base http://127.0.0.1:8765 --plan plan.json --users 50 \
        --warmup 10 --duration 60 [--server-pid PID] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

SCENARIOS = ["ceiling", "lesson", "beacon", "attempt_page", "assessment", "journey", "complete"]
#: The visible seconds a lesson page reports at a time (modules.learning.services.BEACON_SECONDS).
BEACON_SECONDS = 60
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE_INPUT = re.compile(rb'<input type="(radio|checkbox)" name="q-([^"]+)" value="([^"]+)"')
ATTEMPT_URL = re.compile(r"/learning/attempts/(\d+)/$")
TIMING = re.compile(r"(\w+);dur=([\d.]+)(?:;desc=\"(\d+)\")?")


# --- HTTP -----------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.headers.get(name)
        return values[-1] if values else None


def _dechunk(body: bytes) -> bytes:
    out, rest = [], body
    while rest:
        size_line, _sep, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(out)


class Server:
    def __init__(self, base: str, timeout: float):
        parts = urlsplit(base)
        if parts.scheme != "http":
            raise SystemExit("Only http:// is supported (a local server).")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.host_header = parts.netloc
        self.timeout = timeout

    def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str],
        form: dict | list | None = None,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> Response:
        body = urlencode(form, doseq=True).encode() if form is not None else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host_header}",
            "Connection: close",
            "User-Agent: lms-bench",
            "Accept: text/html,application/json",
        ]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        lines.extend(f"{name}: {value}" for name, value in headers)
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
            sock.sendall(raw)
            chunks = []
            while True:
                data = sock.recv(262144)
                if not data:
                    break
                chunks.append(data)
        head, _sep, payload = b"".join(chunks).partition(b"\r\n\r\n")
        if not head:
            raise ConnectionError("empty response")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        response_headers: dict[str, list[str]] = defaultdict(list)
        for line in header_lines:
            name, _colon, value = line.partition(":")
            response_headers[name.strip().lower()].append(value.strip())
        if "chunked" in ",".join(response_headers.get("transfer-encoding", [])).lower():
            payload = _dechunk(payload)
        response = Response(int(status_line.split(" ", 2)[1]), response_headers, payload)
        for cookie in response_headers.get("set-cookie", []):
            pair, *attributes = cookie.split(";")
            name, _eq, value = pair.strip().partition("=")
            expired = any(a.strip().lower() == "max-age=0" for a in attributes)
            if expired:
                cookies.pop(name, None)
            else:
                cookies[name] = value
        return response


# --- Virtual learners -----------------------------------------------------------------------


@dataclass
class Account:
    """One signed-in bench learner and what the plan says about their modules."""

    email: str
    lessons: list[tuple[int, str, int]]  # (lesson id, url, module id), module by module
    todo: list[int]  # lessons not completed yet
    attempts_left: dict[int, int]  # module id -> attempts the learner may still start
    assessments: dict[int, int]  # module id -> assessment page id
    cookies: dict[str, str] = field(default_factory=dict)
    open_attempt: str | None = None  # path of an attempt in progress
    cursor: int = 0

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def next_lesson(self) -> tuple[int, str, int]:
        lesson = self.lessons[self.cursor % len(self.lessons)]
        self.cursor += 1
        return lesson

    def next_lesson_to_study(self) -> tuple[tuple[int, str, int], bool]:
        """The next lesson not completed (else the next in rotation), and whether it is the
        last one of its module to study, after which the learner takes the assessment."""
        if self.todo:
            lesson_id = self.todo.pop(0)
            lesson = next(item for item in self.lessons if item[0] == lesson_id)
            last = not any(item[2] == lesson[2] for item in self.lessons if item[0] in self.todo)
            return lesson, last
        lesson = self.next_lesson()
        following = self.lessons[self.cursor % len(self.lessons)]
        return lesson, following[2] != lesson[2] or len(self.lessons) == 1


def accounts_from_plan(plan: dict) -> list[Account]:
    accounts = []
    for learner in plan["learners"]:
        lessons, todo, left, assessments = [], [], {}, {}
        for item in learner["modules"]:
            module = plan["modules"][str(item["module_id"])]
            lessons += [(ls["id"], ls["url"], item["module_id"]) for ls in module["lessons"]]
            todo += item["lessons_todo"]
            if module["assessment"]:
                assessments[item["module_id"]] = module["assessment"]["id"]
                left[item["module_id"]] = item["attempts_left"]
        accounts.append(Account(learner["email"], lessons, todo, left, assessments))
    return accounts


@dataclass
class Sample:
    name: str
    start: float
    end: float
    error: str | None
    timing: str | None


class VirtualLearner:
    def __init__(self, number: int, server: Server, accounts: list[Account], seed: int):
        self.number = number
        self.server = server
        self.accounts = accounts
        self.rng = random.Random(seed + number)
        self.samples: list[Sample] = []
        self.turn = 0
        self.note: str | None = None

    # Each call is one measured request.
    def call(
        self,
        name: str,
        account: Account,
        method: str,
        path: str,
        *,
        form=None,
        htmx: bool = False,
        expect: int = 200,
        location: re.Pattern | None = None,
    ) -> Response | None:
        headers = (("HX-Request", "true"),) if htmx else ()
        start = time.perf_counter()
        try:
            response = self.server.request(
                method, path, cookies=account.cookies, form=form, headers=headers
            )
        except OSError as error:
            failed = Sample(name, start, time.perf_counter(), type(error).__name__, None)
            self.samples.append(failed)
            return None
        end = time.perf_counter()
        error = None
        if response.status != expect:
            error = f"HTTP {response.status}"
        elif location is not None and not location.search(response.header("location") or ""):
            error = f"redirect to {response.header('location')}"
        self.samples.append(Sample(name, start, end, error, response.header("server-timing")))
        return response if error is None else None

    def account(self) -> Account:
        account = self.accounts[self.turn % len(self.accounts)]
        self.turn += 1
        return account

    def form(self, account: Account, **fields) -> dict:
        return {"csrfmiddlewaretoken": account.csrf, **fields}

    # --- Steps ---

    def ceiling(self) -> None:
        self.call("ceiling", self.account(), "GET", "/bench/ceiling/")

    def lesson(self) -> None:
        account = self.account()
        _id, url, _module = account.next_lesson()
        self.call("lesson page", account, "GET", url)

    def complete(self) -> None:
        account = self.account()
        if account.todo:
            lesson_id, name = account.todo.pop(0), "complete (first time)"
        else:
            lesson_id, name = account.next_lesson()[0], "complete (again)"
        self.call(
            name,
            account,
            "POST",
            f"/learning/lessons/{lesson_id}/complete/",
            form=self.form(account),
            htmx=True,
        )

    def beacon(
        self, seconds: int = BEACON_SECONDS, account: Account | None = None, lesson_id=None
    ) -> None:
        account = account or self.account()
        lesson_id = lesson_id or account.next_lesson()[0]
        self.call(
            "beacon (opened)" if seconds == 0 else "beacon (time)",
            account,
            "POST",
            f"/learning/lessons/{lesson_id}/time/",
            form=self.form(account, seconds=seconds),
        )

    def attempt_page(self) -> None:
        account = self.account()
        if account.open_attempt is None:
            self.note = f"{account.email} has no attempt in progress"
            return
        self.call("attempt page", account, "GET", account.open_attempt)

    def _with_attempts(self) -> tuple[Account, int] | None:
        for _ in range(len(self.accounts)):
            account = self.account()
            for module_id, left in account.attempts_left.items():
                if left > 0:
                    return account, module_id
        return None

    def assessment(self, account: Account | None = None, module_id: int | None = None) -> bool:
        if account is None or module_id is None:
            found = self._with_attempts()
            if found is None:
                self.note = "ran out of assessment attempts"
                return False
            account, module_id = found
        assessment_id = account.assessments[module_id]
        account.attempts_left[module_id] -= 1
        started = self.call(
            "attempt start",
            account,
            "POST",
            f"/learning/assessments/{assessment_id}/start/",
            form=self.form(account),
            expect=302,
            location=ATTEMPT_URL,
        )
        last = self.samples[-1]
        if last.error and last.error.startswith("redirect to"):
            # The rules refused: random answers sometimes pass, and a passed assessment
            # takes no more attempts. Not a fault, so counted apart.
            last.name, last.error = "attempt start (refused)", None
        if started is None:
            account.attempts_left[module_id] = 0
            return True
        path = urlsplit(started.header("location")).path
        page = self.call("attempt page", account, "GET", path)
        if page is None:
            return True
        questions: dict[str, tuple[str, list[str]]] = {}
        for kind, qid, option in CHOICE_INPUT.findall(page.body):
            questions.setdefault(qid.decode(), (kind.decode(), []))[1].append(option.decode())
        answers = []
        for qid, (kind, options) in questions.items():
            picked = (
                [self.rng.choice(options)]
                if kind == "radio"
                else self.rng.sample(options, self.rng.randint(1, len(options)))
            )
            answers += [(f"q-{qid}", option) for option in picked]
        self.call(
            "attempt submit",
            account,
            "POST",
            path,
            form=[("csrfmiddlewaretoken", account.csrf), *answers],
            expect=302,
            location=re.compile(r"/result/$"),
        )
        if account.open_attempt == path:
            account.open_attempt = None
        return True

    def journey(self) -> None:
        account = self.account()
        (lesson_id, url, module_id), closes_module = account.next_lesson_to_study()
        if self.call("lesson page", account, "GET", url) is None:
            return
        self.beacon(0, account, lesson_id)
        self.beacon(BEACON_SECONDS, account, lesson_id)
        self.call(
            "complete",
            account,
            "POST",
            f"/learning/lessons/{lesson_id}/complete/",
            form=self.form(account),
            htmx=True,
        )
        if closes_module and account.attempts_left.get(module_id, 0) > 0:
            self.assessment(account, module_id)

    def run(self, scenario: str, stop_at: float) -> None:
        step = getattr(self, scenario)
        while time.perf_counter() < stop_at:
            if step() is False:
                return


# --- Setting up -----------------------------------------------------------------------------


def sign_in(server: Server, account: Account, password: str) -> str | None:
    """Sign in through the login form; returns an error message or None."""
    try:
        page = server.request("GET", "/accounts/login/", cookies=account.cookies)
        match = CSRF_FIELD.search(page.body)
        if page.status != 200 or match is None:
            return f"login page answered {page.status}"
        done = server.request(
            "POST",
            "/accounts/login/",
            cookies=account.cookies,
            form={
                "csrfmiddlewaretoken": match.group(1).decode(),
                "login": account.email,
                "password": password,
            },
        )
    except OSError as error:
        return f"{type(error).__name__}: {error}"
    if done.status != 302 or "sessionid" not in account.cookies:
        return f"login answered {done.status}"
    return None


def start_open_attempts(server: Server, learners: list[VirtualLearner]) -> int:
    """Give every account an attempt in progress, for the attempt page scenario."""

    def begin(account: Account) -> bool:
        for module_id, left in account.attempts_left.items():
            if left <= 0:
                continue
            account.attempts_left[module_id] -= 1
            response = server.request(
                "POST",
                f"/learning/assessments/{account.assessments[module_id]}/start/",
                cookies=account.cookies,
                form={"csrfmiddlewaretoken": account.csrf},
            )
            target = urlsplit(response.header("location") or "").path
            if response.status == 302 and ATTEMPT_URL.search(target):
                account.open_attempt = target
                return True
            account.attempts_left[module_id] = 0
        return False

    accounts = [account for learner in learners for account in learner.accounts]
    with ThreadPoolExecutor(8) as pool:
        return sum(pool.map(begin, accounts))


# --- Measuring ------------------------------------------------------------------------------


def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) jiffies of the whole machine, from /proc/stat (Linux)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _server_seconds(pid: int | None) -> float | None:
    """CPU seconds used so far by the children (workers) of process ``pid`` (Linux)."""
    if not pid:
        return None
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0
        for child in children:
            stat = Path(f"/proc/{child}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    except OSError:
        return None
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class Usage:
    wall: float
    machine: tuple[int, int] | None
    client: float
    server: float | None


def _usage(pid: int | None) -> Usage:
    return Usage(time.perf_counter(), _cpu_ticks(), time.process_time(), _server_seconds(pid))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def summarise(samples: list[Sample], begin: float, end: float) -> dict[str, dict]:
    window = end - begin
    by_name: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        if sample.start >= begin and sample.end <= end:
            by_name[sample.name].append(sample)
    rows = {}
    for name, items in by_name.items():
        latencies = [(s.end - s.start) * 1000 for s in items]
        errors: dict[str, int] = defaultdict(int)
        for sample in items:
            if sample.error:
                errors[sample.error] += 1
        timing = defaultdict(float)
        timed = 0
        for sample in items:
            if sample.timing:
                timed += 1
                for key, value, count in TIMING.findall(sample.timing):
                    timing[key] += float(value)
                    if count:
                        timing["queries"] += int(count)
        rows[name] = {
            "requests": len(items),
            "rps": len(items) / window,
            "p50_ms": _percentile(latencies, 0.5),
            "p95_ms": _percentile(latencies, 0.95),
            "errors": sum(errors.values()),
            "error_kinds": dict(errors),
            "server_ms": timing["app"] / timed if timed else None,
            "server_cpu_ms": timing["cpu"] / timed if timed else None,
            "db_ms": timing["db"] / timed if timed else None,
            "queries": timing["queries"] / timed if timed else None,
        }
    return rows


def run_scenario(
    scenario: str, learners: list[VirtualLearner], warmup: float, duration: float, pid
) -> dict:
    for learner in learners:
        learner.samples, learner.note = [], None
    t0 = time.perf_counter()
    begin, end = t0 + warmup, t0 + warmup + duration
    threads = [
        threading.Thread(target=learner.run, args=(scenario, end), daemon=True)
        for learner in learners
    ]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, begin - time.perf_counter()))
    before = _usage(pid)
    time.sleep(max(0.0, end - time.perf_counter()))
    after = _usage(pid)
    for thread in threads:
        thread.join()
    elapsed = after.wall - before.wall
    usage = {"client_cpu": (after.client - before.client) / elapsed}
    if before.machine and after.machine:
        busy = after.machine[0] - before.machine[0]
        total = after.machine[1] - before.machine[1]
        usage["machine_busy"] = busy / total if total else None
    if before.server is not None and after.server is not None:
        usage["server_cpu"] = (after.server - before.server) / elapsed
    samples = [sample for learner in learners for sample in learner.samples]
    notes = sorted({learner.note for learner in learners if learner.note})
    return {
        "scenario": scenario,
        "endpoints": summarise(samples, begin, end),
        "usage": usage,
        "notes": notes,
    }


# --- Report ---------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def table(results: list[dict], cpus: int) -> str:
    ceiling = next(
        (r["endpoints"]["ceiling"]["rps"] for r in results if "ceiling" in r["endpoints"]), None
    )
    lines = [
        "| scenario | endpoint | req/s | p50 ms | p95 ms | errors | ÷ ceiling "
        "| server ms | server CPU ms | DB ms | queries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        endpoints = result["endpoints"]
        alone = len(endpoints) == 1
        for name, row in sorted(endpoints.items(), key=lambda item: -item[1]["requests"]):
            ratio = "-"
            if ceiling and alone:
                ratio = f"{row['rps'] / ceiling:.0%}"
            lines.append(
                f"| {result['scenario']} | {name} | {row['rps']:.1f} | {row['p50_ms']:.0f} "
                f"| {row['p95_ms']:.0f} | {row['errors']} | {ratio} | {_ms(row['server_ms'])} "
                f"| {_ms(row['server_cpu_ms'])} | {_ms(row['db_ms'])} "
                f"| {_ms(row['queries'])} |"
            )
        if ceiling and not alone:
            total = sum(row["rps"] for row in endpoints.values())
            lines.append(
                f"| {result['scenario']} | all requests | {total:.1f} | | | "
                f"{sum(row['errors'] for row in endpoints.values())} | {total / ceiling:.0%} "
                "| | | | |"
            )
    lines += [
        "",
        "| scenario | machine busy | load generator | gunicorn workers | notes |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for result in results:
        usage = result["usage"]
        busy = usage.get("machine_busy")
        server = usage.get("server_cpu")
        lines.append(
            f"| {result['scenario']} | {'-' if busy is None else f'{busy:.0%}'} "
            f"| {usage['client_cpu'] / cpus:.0%} "
            f"| {'-' if server is None else f'{server / cpus:.0%}'} "
            f"| {'; '.join(result['notes']) or ''} |"
        )
    lines.append("")
    lines.append(f"CPU shares are of the whole machine ({cpus} cores).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--plan", required=True, help="JSON written by bench/plan.py")
    parser.add_argument("--users", type=int, default=50, help="Concurrent virtual learners.")
    parser.add_argument(
        "--accounts-per-user",
        type=int,
        default=6,
        help="Bench learners each virtual learner signs in as (their attempts run out).",
    )
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--server-pid", type=int, help="gunicorn's master, to read CPU use")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="Write the results here as well.")
    args = parser.parse_args()

    scenarios = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"Unknown scenarios: {', '.join(sorted(unknown))}")
    plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    server = Server(args.base, args.timeout)
    wanted = args.users * args.accounts_per_user
    accounts = accounts_from_plan(plan)[:wanted]
    if len(accounts) < wanted:
        raise SystemExit(f"The plan lists {len(accounts)} learners; {wanted} are needed.")

    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        failures = [
            (account.email, error)
            for account, error in zip(
                accounts,
                pool.map(lambda a: sign_in(server, a, plan["password"]), accounts),
                strict=True,
            )
            if error
        ]
    if failures:
        for email, error in failures[:5]:
            print(f"  sign-in failed for {email}: {error}", file=sys.stderr)
        raise SystemExit(f"{len(failures)} of {len(accounts)} sign-ins failed.")
    print(f"Signed in {len(accounts)} learners in {time.perf_counter() - started:.0f} s.")

    learners = [
        VirtualLearner(n, server, accounts[n :: args.users], args.seed) for n in range(args.users)
    ]
    if "attempt_page" in scenarios:
        opened = start_open_attempts(server, learners)
        print(f"Opened {opened} attempts for the attempt page scenario.")

    results = []
    for scenario in scenarios:
        print(
            f"Running {scenario}: {args.users} learners, {args.warmup:.0f} s warm-up, "
            f"{args.duration:.0f} s measured…",
            flush=True,
        )
        result = run_scenario(scenario, learners, args.warmup, args.duration, args.server_pid)
        results.append(result)
    cpus = os.cpu_count() or 1
    print()
    print(table(results, cpus))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "base": args.base,
                    "users": args.users,
                    "warmup": args.warmup,
                    "duration": args.duration,
                    "cpus": cpus,
                    "results": results,
                },
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
