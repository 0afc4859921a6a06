"""A national workforce for the scorecard's benchmark (docs/benchmarks.md): by default 300,000
people in every district of every state, 1,500,000 enrolments and about 700,000 certificates,
with posts for every district and required training for every cadre.

    DATABASE_URL=postgres://… .venv/bin/python -m bench.generate_workforce [--people 300000]

PostgreSQL only: the rows are written with COPY (a few minutes for the default size, where
``bulk_create`` would take far longer). The scorecard reads enrolments and certificates, not
lesson progress or attempts, so none are made; ``bench.generate_data`` makes those for the
learner's pages. The demo modules come from ``seed_demo``, which runs first when they are
missing. The people cannot sign in (unusable passwords).
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import sys
import time
import uuid

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from bench.generate_data import (
    CADRE_WEIGHTS,
    NAMES,
    STATE_REGION,
    demo_data_allowed,
    report,
)
from certification.models import Certificate
from lms.accounts.models import Cadre, User
from lms.core.dates import add_months
from lms.geography.models import District
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining, TrainingModulePage
from modules.learning.models import Enrollment

WORKFORCE_DOMAIN = "workforce.bench.example.org"
#: Required modules per cadre slug (module codes of the demo package), and the months allowed.
REQUIRED = {
    "cwc-member": (["CP-101", "CP-102"], 2),
    "jjb-member": (["CP-101", "CP-102"], 2),
    "dcpo": (["CP-101", "CP-103"], 6),
    "po-institutional": (["CP-101", "CP-104"], 6),
    "po-non-institutional": (["CP-101", "CP-104"], 6),
    "legal-probation-officer": (["CP-101"], 6),
    "counsellor": (["CP-101", "CP-105"], 12),
    "social-worker": (["CP-101"], 12),
    "outreach-worker": (["CP-101"], 12),
    "sjpu-officer": (["CP-101"], 6),
    "cwpo": (["CP-101"], 6),
    "cci-staff": (["CP-101"], 12),
}


def _copy(model, columns: list[str], rows) -> int:
    """Write ``rows`` (tuples in the order of ``columns``) into ``model``'s table with COPY."""
    table = model._meta.db_table
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f'COPY "{table}" ({", ".join(f"{c!s}" for c in columns)}) FROM STDIN'
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        # The table name is the model's own, never input.
        sql = f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT COALESCE(MAX(id), 1) FROM \"{table}\"))"  # noqa: E501, S608
        cursor.execute(sql)


class Workforce:
    def __init__(self, *, seed: int, people: int, per_person: int) -> None:
        self.rng = random.Random(seed)
        self.people = people
        self.per_person = per_person
        self.now = timezone.now()
        self.today = timezone.localdate()

    def run(self) -> None:
        if not TrainingModulePage.objects.filter(code="CP-101").exists():
            started = time.perf_counter()
            call_command("seed_demo", stdout=io.StringIO())
            report("seed_demo", started)
        self.modules = list(
            TrainingModulePage.objects.filter(
                locale__language_code="en", code__startswith="CP-"
            ).order_by("code")
        )
        self.cadres = {cadre.slug: cadre for cadre in Cadre.objects.all()}
        self.districts = list(District.objects.filter(is_active=True).select_related("state"))
        with transaction.atomic():
            self.requirements()
            self.posts()
            self.write_people()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def requirements(self) -> None:
        by_code = {module.code: module for module in self.modules}
        RequiredTraining.objects.bulk_create(
            [
                RequiredTraining(
                    cadre=self.cadres[slug], module=by_code[code], within_months=months
                )
                for slug, (codes, months) in REQUIRED.items()
                for code in codes
                if code in by_code and slug in self.cadres
            ],
            ignore_conflicts=True,
        )

    def posts(self) -> None:
        started = time.perf_counter()
        month = self.today.replace(day=1)
        # The demo's own districts have their posts already.
        reported = set(PostCount.objects.values_list("district_id", "cadre_id", "as_of"))
        rows = []
        for district in self.districts:
            for slug, (_codes, _months) in REQUIRED.items():
                sanctioned = {"cwc-member": 5, "jjb-member": 2, "social-worker": 2}.get(
                    slug, self.rng.randint(1, 6)
                )
                for back in (0, 6, 12):
                    filled = max(0, sanctioned - self.rng.randint(0, 2))
                    as_of = add_months(month, -back)
                    if (district.pk, self.cadres[slug].pk, as_of) in reported:
                        continue
                    rows.append(
                        (
                            district.state_id, district.pk, self.cadres[slug].pk,
                            as_of, sanctioned, filled, "demo", "", self.now,
                        )
                    )  # fmt: skip
        count = _copy(
            PostCount,
            ["state_id", "district_id", "cadre_id", "as_of", "sanctioned", "filled", "source",
             "note", "recorded_at"],
            rows,
        )  # fmt: skip
        report(f"{count:,} post counts", started)

    def write_people(self) -> None:
        rng = self.rng
        slugs = list(CADRE_WEIGHTS)
        weights = [CADRE_WEIGHTS[slug] for slug in slugs]
        first_user = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        first_enrollment = (
            Enrollment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        people = []
        for number in range(self.people):
            district = self.districts[number % len(self.districts)]
            region = STATE_REGION.get(district.state.code, "north")
            given, family = NAMES[region]
            name = f"{rng.choice(given.split())} {rng.choice(family.split())}"
            joined = self.now - datetime.timedelta(days=rng.randint(0, 3 * 365))
            people.append(
                (
                    first_user + number,
                    district,
                    self.cadres[rng.choices(slugs, weights)[0]].pk,
                    name,
                    joined,
                )
            )
        started = time.perf_counter()
        count = _copy(
            User,
            ["id", "email", "password", "full_name", "phone", "phone_verified", "notices_by_sms",
             "cadre_id", "cadre_since", "designation", "state_id", "district_id", "organisation",
             "preferred_language", "consent_version", "roles_version", "is_staff", "is_active",
             "is_superuser", "date_joined"],
            (
                (pk, f"w{pk}@{WORKFORCE_DOMAIN}", "!", name, None, False, False, cadre_id,
                 timezone.localdate(joined), "", district.state_id, district.pk, "",
                 rng.choice(("en", "en", "hi", "as")), "", 0, False, True, False, joined)
                for pk, district, cadre_id, name, joined in people
            ),
        )  # fmt: skip
        _reset_sequence(User)
        report(f"{count:,} people", started)

        started = time.perf_counter()
        enrollments = []
        pk = first_enrollment
        for user_id, district, _cadre, name, joined in people:
            for module in rng.sample(self.modules, min(self.per_person, len(self.modules))):
                enrolled = joined + datetime.timedelta(days=rng.randint(0, 60))
                if enrolled > self.now:
                    enrolled = self.now
                done = rng.random() < 0.55
                completed = enrolled + datetime.timedelta(days=rng.randint(1, 90)) if done else None
                if completed and completed > self.now:
                    completed = self.now
                enrollments.append((pk, user_id, module, enrolled, completed, district, name))
                pk += 1
        count = _copy(
            Enrollment,
            ["id", "user_id", "module_id", "source", "status", "enrolled_at", "completed_at",
             "last_activity_at", "progress", "cycle"],
            (
                (pk, user_id, module.pk, "import", "completed" if completed else "active",
                 enrolled, completed, completed or enrolled, 100 if completed else 40, 1)
                for pk, user_id, module, enrolled, completed, _district, _name in enrollments
            ),
        )  # fmt: skip
        _reset_sequence(Enrollment)
        report(f"{count:,} enrolments", started)

        started = time.perf_counter()
        certificates = 0

        def rows():
            nonlocal certificates
            for pk, user_id, module, _enrolled, completed, district, name in enrollments:
                if completed is None or rng.random() < 0.15:
                    continue
                certificates += 1
                valid_until = None
                if module.certificate_validity_months:
                    valid_until = add_months(
                        timezone.localdate(completed), module.certificate_validity_months
                    )
                revoked = rng.random() < 0.01
                yield (
                    uuid.uuid4(), pk, 1, f"BN-{certificates:09d}",
                    f"bench-{certificates:037d}", f"B{certificates:015d}", user_id, name,
                    module.pk, module.code, module.title, module.version, 60,
                    district.state_id, district.state.name, completed, valid_until, "{}", "",
                    self.now if revoked else None, "Bench revocation" if revoked else "",
                )  # fmt: skip

        count = _copy(
            Certificate,
            ["id", "enrollment_id", "cycle", "serial", "token", "code", "recipient_id",
             "recipient_name", "module_id", "module_code", "module_title", "module_version",
             "module_minutes", "issuing_state_id", "issuing_state_name", "issued_at",
             "valid_until", "design", "pdf", "revoked_at", "revocation_reason"],
            rows(),
        )  # fmt: skip
        report(f"{count:,} certificates", started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--enrolments-each", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args(argv)
    if not demo_data_allowed():
        return 2
    if connection.vendor != "postgresql":
        print("bench.generate_workforce writes with COPY: use PostgreSQL.", file=sys.stderr)
        return 2
    if User.objects.filter(email__endswith=f"@{WORKFORCE_DOMAIN}").exists():
        print("The bench workforce exists already; nothing to do.")
        return 0
    started = time.perf_counter()
    Workforce(seed=options.seed, people=options.people, per_person=options.enrolments_each).run()
    report("the workforce", started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
