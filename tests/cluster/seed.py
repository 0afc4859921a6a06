"""The cluster test's data, written through the cluster's own settings (run by ``tests.cluster``
as ``python -m tests.cluster.seed <what> <file>``):

- ``people``: a published two-lesson module that awards a certificate; LEARNERS learners with a
  mobile number and no email (the virtual learners, who sign in by a code sent by SMS); GRADUATES
  learners who completed the module and have no certificate yet (for the bulk issue); an
  administrator and an account to lock out, both with a password. Writes what the load needs to
  know as JSON.
- ``batch``: a bulk certificate issue of every graduate, queued for the workers; writes its id.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from certification.services import certificate_batch_create, certificate_batch_enqueue  # noqa: E402
from lms.accounts.models import Cadre, Consent, Role, User  # noqa: E402
from lms.geography.models import District, State  # noqa: E402
from modules.content.models import LessonPage, TrainingModulePage  # noqa: E402
from modules.learning.models import Enrollment  # noqa: E402
from tests.modules.factories import make_module  # noqa: E402

LEARNERS = 200
GRADUATES = 120
PASSWORD = "cluster-test-passphrase-not-a-secret"
DOMAIN = "cluster.example.org"


def _people(count: int, *, phone_prefix: str | None, email_prefix: str | None) -> list[User]:
    assam = State.objects.get(code="AS")
    district = District.objects.filter(state=assam, is_active=True).order_by("name").first()
    cadre = Cadre.objects.get(slug="cci-staff")
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"{email_prefix}{n:04d}@{DOMAIN}" if email_prefix else None,
            phone=f"{phone_prefix}{n:04d}" if phone_prefix else None,
            phone_verified=bool(phone_prefix),
            password="!",  # unusable: they sign in by code
            full_name=f"Learner {n:04d}",
            cadre=cadre,
            cadre_since=now.date(),
            designation="Caregiver",
            state=assam,
            district=district,
            profile_completed_at=now,
            consent_version=settings.LMS_DATA_USE_NOTICE_VERSION,
        )
        for n in range(count)
    )
    if any(user.pk is None for user in users):  # SQLite before RETURNING
        field = "phone" if phone_prefix else "email"
        wanted = [getattr(user, field) for user in users]
        users = list(User.objects.filter(**{f"{field}__in": wanted}).order_by("pk"))
    learners = Group.objects.get(name=Role.LEARNER)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=learners.pk) for user in users
    )
    Consent.objects.bulk_create(
        Consent(user_id=user.pk, notice_version=settings.LMS_DATA_USE_NOTICE_VERSION)
        for user in users
    )
    if email_prefix:
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
            for user in users
        )
    return users


def _with_password(email: str, **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user


@transaction.atomic
def people() -> dict:
    module = make_module(code="CL-101", title="Caring for children in a home", lessons=2)
    module = TrainingModulePage.objects.get(pk=module.pk)  # awards a certificate by default
    lessons = list(LessonPage.objects.child_of(module).live().order_by("path"))
    learners = _people(LEARNERS, phone_prefix="+91700000", email_prefix=None)
    graduates = _people(GRADUATES, phone_prefix=None, email_prefix="graduate")
    now = timezone.now()
    Enrollment.objects.bulk_create(
        Enrollment(
            user_id=user.pk,
            module_id=module.pk,
            source=Enrollment.Source.SELF,
            status=Enrollment.Status.COMPLETED,
            enrolled_at=now,
            completed_at=now,
            last_activity_at=now,
            progress=100,
        )
        for user in graduates
    )
    admin = _with_password(f"admin@{DOMAIN}", full_name="Cluster Administrator")
    admin.is_superuser = admin.is_staff = True
    admin.profile_completed_at = now
    admin.consent_version = settings.LMS_DATA_USE_NOTICE_VERSION
    admin.save()
    Consent.objects.create(user=admin, notice_version=admin.consent_version)
    _with_password(f"locked@{DOMAIN}", full_name="Locked Out")
    return {
        "module_id": module.pk,
        "module_url": module.url,
        "lessons": [{"id": lesson.pk, "url": lesson.url} for lesson in lessons],
        "phones": [user.phone for user in learners],
        "admin": admin.email,
        "locked": f"locked@{DOMAIN}",
        "password": PASSWORD,
    }


def batch() -> dict:
    module = TrainingModulePage.objects.get(code="CL-101")
    ids = list(
        Enrollment.objects.filter(
            module=module, status=Enrollment.Status.COMPLETED, user__email__startswith="graduate"
        ).values_list("pk", flat=True)
    )
    admin = User.objects.get(email=f"admin@{DOMAIN}")
    created = certificate_batch_create(enrollment_ids=ids, by=admin, label="Cluster test")
    certificate_batch_enqueue(batch=created)
    return {"batch_id": str(created.pk), "items": len(ids)}


if __name__ == "__main__":
    what, out = sys.argv[1], Path(sys.argv[2])
    out.write_text(json.dumps({"people": people, "batch": batch}[what]()))
