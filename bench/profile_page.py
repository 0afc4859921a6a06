"""Profile one page as a signed-in bench learner, in this process, through the whole
middleware stack (Django's test client), after a warm-up; standard library only (cProfile).

Prints the time per request without the profiler, where the profiled time goes by phase
(routing, the page's context, template rendering, building SQL, waiting for PostgreSQL), and
the functions with the most cumulative time.

    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… DATABASE_URL=… SECURE_SSL_REDIRECT=0 \\
        python -m bench.profile_page [--path /modules/…/lesson-slug/] [--requests 200]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time

import django

#: Phases of a request, as (label, file suffix, function name) of the function that spans it.
PHASES = [
    ("whole request (middleware included)", "django/core/handlers/base.py", "get_response"),
    ("route cache: the page in one query", "lms/core/routing.py", "route_from_cache"),
    ("Wagtail routing to the page (cache misses)", "wagtail/models/pages.py", "route_for_request"),
    (
        "lesson page: cached shell and learner's parts",
        "modules/content/rendering.py",
        "render_lesson_page",
    ),
    (
        "  of which rendering the shell (cache misses)",
        "modules/content/rendering.py",
        "_render_shell",
    ),
    (
        "  of which learning's hook (progress, actions)",
        "learning/wagtail_hooks.py",
        "lesson_progress_context",
    ),
    ("  of which filling in the learner's parts", "modules/content/rendering.py", "_fill"),
    ("template rendering", "django/template/response.py", "rendered_content"),
    ("building SQL (compiler.as_sql)", "django/db/models/sql/compiler.py", "as_sql"),
    ("building and running SQL (execute_sql)", "django/db/models/sql/compiler.py", "execute_sql"),
    ("waiting for PostgreSQL (psycopg wait)", "psycopg/connection.py", "wait"),
    ("model instances (Model.from_db)", "django/db/models/base.py", "from_db"),
    ("session and user (SessionStore.load)", "sessions/backends/db.py", "load"),
]


def phase_table(stats: pstats.Stats, requests: int) -> str:
    entries = stats.stats  # type: ignore[attr-defined]
    total = None
    lines = []
    for label, suffix, name in PHASES:
        cumulative = sum(
            value[3]
            for (filename, _line, function), value in entries.items()
            if function == name and filename.endswith(suffix)
        )
        if total is None:
            total = cumulative or 1.0
        lines.append(
            f"  {label:<45} {cumulative * 1000 / requests:6.1f} ms  {cumulative / total:4.0%}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", help="Page to request (default: a demo lesson).")
    parser.add_argument("--email", help="Bench learner to sign in as (default: the first).")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=0, help="Also list the top functions.")
    args = parser.parse_args()
    django.setup()

    from django.test import Client

    from bench.generate_data import BENCH_DOMAIN
    from lms.accounts.models import User
    from modules.content.models import LessonPage
    from modules.learning.models import Enrollment

    enrollments = Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).select_related(
        "module"
    )
    if args.email:
        user = User.objects.get(email=args.email)
    else:
        user = (
            User.objects.filter(
                email__endswith=f"@{BENCH_DOMAIN}",
                preferred_language="en",
                enrollments__status=Enrollment.Status.ACTIVE,
            )
            .order_by("email")
            .first()
        )
    path = args.path
    if path is None:
        module = enrollments.filter(user=user).first().module
        path = LessonPage.objects.live().child_of(module).order_by("path").first().url
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def fetch() -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    for _ in range(20):
        fetch()
    started = time.perf_counter()
    for _ in range(args.requests):
        fetch()
    plain = (time.perf_counter() - started) * 1000 / args.requests
    print(f"{path} as {user.email}")
    print(f"  {plain:.1f} ms per request without the profiler ({args.requests} requests)")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        fetch()
    profile.disable()
    stats = pstats.Stats(profile)
    print("\nWith the profiler, per request (phases overlap: SQL runs inside the others):")
    print(phase_table(stats, args.requests))
    if args.top:
        out = io.StringIO()
        stats.stream = out  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
