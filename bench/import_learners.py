"""Time a spreadsheet import of learners on PostgreSQL: build a valid 5,000-row XLSX and CSV,
check both, then confirm the XLSX (accounts, cohort members, enrolments in three modules,
invitations: mails, and text messages to the learners given a mobile number alone) and print
the seconds of each phase.

    .venv/bin/python -m bench.import_learners              # 5,000 rows, database lms_import_tmp
    .venv/bin/python -m bench.import_learners --rows 2000 --existing 500 --keep

It creates the throwaway database ``--db`` on ``BENCH_PG`` (default
postgres://postgres@127.0.0.1:5432), migrates it, runs, and drops it (unless ``--keep``). The
test settings are used: mail goes to the in-memory outbox and text messages to
``lms.sms.outbox`` (rendering and recording the invitations is measured, SMTP and the SMS
gateway are not) and the background task runs as soon as it is queued, through the same code
path as a worker.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TIMES: list[tuple[str, float]] = []


@contextmanager
def phase(name: str):
    start = time.perf_counter()
    yield
    TIMES.append((name, time.perf_counter() - start))


def _database(pg: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def _rows(count: int, districts: list[str], cadres: list[str], existing: list[str]):
    """Valid rows, with the variety of a real file: Devanagari and Assamese names, phones
    typed several ways, some cells left empty, some learners with a mobile number and no
    email (invited by SMS), some rows naming existing accounts."""
    names = ["Anita Sharma", "अनीता शर्मा", "অনামিকা বৰুৱা", "Rahul Das", "Priya Nath", "Md. Ali"]
    phone_forms = ["98{:08d}", "+91 98{:08d}", "098{:08d}", ""]
    rows = []
    for n in range(count):
        email = existing[n] if n < len(existing) else f"bench.learner{n}@example.org"
        phone = phone_forms[n % 4]
        if phone and n >= len(existing) and n % 5 == 0:
            email = ""  # known by the mobile number alone
        rows.append(
            [
                names[n % len(names)],
                email.upper() if n % 7 == 0 else email,
                phone.format(n) if phone and n >= len(existing) else "",
                cadres[n % len(cadres)] if n % 3 else "",
                "Protection Officer" if n % 2 else "",
                districts[n % len(districts)],
            ]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--existing", type=int, default=0, help="rows naming existing learners")
    parser.add_argument("--db", default="lms_import_tmp")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    os.environ["DATABASE_URL"] = f"{pg}/{args.db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    _database(pg, args.db)
    try:
        _run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _database(pg, args.db, drop_only=True)


def _run(args) -> None:
    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from openpyxl import Workbook

    from lms import sms

    with phase("migrate (setup, not the import)"):
        call_command("migrate", verbosity=0)
    mail.outbox = []

    from lms.accounts.models import Cadre
    from lms.accounts.services import Invitee, users_invite_many
    from lms.geography.models import District
    from modules.learning.models import Enrollment
    from tests.accounts.factories import state
    from tests.modules.factories import make_module
    from tests.trainers.factories import make_cohort, trainer
    from trainers import imports
    from trainers.imports import service
    from trainers.models import CohortImport, CohortMember

    modules = [make_module(lessons=2) for _ in range(3)]
    cohort = make_cohort("AS", modules=modules, name="Bench cohort")
    owner = trainer("AS", group=cohort.trainer_group)
    districts = list(
        District.objects.filter(state__code="AS", is_active=True).values_list("name", flat=True)
    )
    cadres = list(Cadre.objects.values_list("name", flat=True))
    existing = [f"bench.existing{n}@example.org" for n in range(args.existing)]
    if existing:
        users_invite_many(
            people=[
                Invitee(email=e, full_name="Existing Learner", district_id=None) for e in existing
            ],
            state=state("AS"),
            by=None,
            send=False,
        )
    header = ["Full name", "Email", "Mobile number", "Cadre", "Designation", "District"]
    rows = _rows(args.rows, districts, cadres, existing)

    with phase(f"build XLSX ({args.rows:,} rows)"):
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        xlsx = output.getvalue()
    with phase("build CSV"):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        data = buffer.getvalue().encode("utf-8")

    with phase(f"check CSV ({len(data) / 1e6:.1f} MB): read, validate, store"):
        checked_csv = imports.import_check(cohort=cohort, by=owner, data=data, filename="b.csv")
    with phase(f"check XLSX ({len(xlsx) / 1e6:.1f} MB): read, validate, store"):
        checked = imports.import_check(cohort=cohort, by=owner, data=xlsx, filename="b.xlsx")
    for item in (checked_csv, checked):
        summary = imports.import_summary(item)
        if not summary.ok:
            raise SystemExit(f"the generated file has errors: {summary.errors[:5]}")

    # Time the invitations apart from the transaction that makes the accounts.
    real_send = service.invitations_send_many

    def timed_send(**kwargs):
        with phase("  of which: invitations (after commit: mails, one connection; SMS)"):
            return real_send(**kwargs)

    service.invitations_send_many = timed_send
    with phase("confirm XLSX: accounts, members, enrolments, invitations"):
        done = imports.import_confirm(cohort_import=checked, by=owner)
    if done.status != CohortImport.Status.DONE:
        raise SystemExit(f"the import failed: {done.error}")
    members = CohortMember.objects.filter(cohort=cohort).count()
    enrolments = Enrollment.objects.filter(module__in=modules).count()
    if members != args.rows:
        raise SystemExit(f"{members} members, expected {args.rows}")

    print(f"\nImporting {args.rows:,} learners ({args.existing:,} existing), 3 modules")
    print("| phase | seconds |\n| --- | ---: |")
    for name, seconds in TIMES:
        print(f"| {name} | {seconds:.2f} |")
    check_and_confirm = sum(s for n, s in TIMES if n.startswith(("check XLSX", "confirm XLSX")))
    print(f"| **check + confirm (XLSX)** | **{check_and_confirm:.2f}** |")
    print(
        f"\n{done.created_accounts:,} accounts created, {members:,} members, "
        f"{enrolments:,} enrolments, {len(mail.outbox):,} mails, {len(sms.outbox):,} SMS"
    )


if __name__ == "__main__":
    main()
