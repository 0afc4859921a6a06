"""Demo certificates: templates, the demo learners' certificates (one revoked, one expired)
and a verification link to try at once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lms.accounts.demo import DEMO_DOMAIN, LEARNERS, demo_email
from lms.accounts.models import User
from lms.core.demo import demo_seeder
from lms.core.site_url import site_url
from lms.geography.models import State
from modules.learning.models import Enrollment

from .models import Certificate, CertificateTemplate, Signatory
from .services import certificate_issue, certificate_revoke

TEMPLATES = [
    {
        "name": "National default (English and Hindi)",
        "is_default": True,
        "language": CertificateTemplate.Language.ENGLISH_HINDI,
        "title": "Certificate of Completion",
        "body": (
            "This is to certify that {learner_name} has successfully completed the training "
            "module {module_code} {module_title} ({hours} hours) under the Integrated Child "
            "Protection Scheme, with a score of {score}, on {issue_date}."
        ),
        "secondary_title": "प्रमाण पत्र",
        "secondary_body": (
            "प्रमाणित किया जाता है कि {learner_name} ने एकीकृत बाल संरक्षण योजना के अंतर्गत "
            "प्रशिक्षण मॉड्यूल {module_code} {module_title} ({hours} घंटे) {issue_date} को "
            "सफलतापूर्वक पूरा किया है।"
        ),
        "signatories": [
            ("Director, Child Protection", "Ministry of Women and Child Development"),
        ],
    },
    {
        "name": "Assam (English and Assamese)",
        "state": "AS",
        "language": CertificateTemplate.Language.ENGLISH_ASSAMESE,
        "accent_colour": "#0f6b5c",
        "title": "Certificate of Completion",
        "body": (
            "This is to certify that {learner_name} has successfully completed the training "
            "module {module_code} {module_title} ({hours} hours), issued in {state} on "
            "{issue_date}."
        ),
        "secondary_title": "প্ৰমাণপত্ৰ",
        "secondary_body": (
            "এই মৰ্মে প্ৰমাণিত কৰা হয় যে {learner_name}-এ প্ৰশিক্ষণ মডিউল {module_code} "
            "{module_title} ({hours} ঘণ্টা) সফলতাৰে সম্পূৰ্ণ কৰিছে।"
        ),
        "signatories": [
            ("Mission Director", "Assam State Child Protection Society"),
            ("Programme Manager", "State Project Support Unit, Assam"),
        ],
    },
]


def _templates() -> None:
    for spec in TEMPLATES:
        spec = dict(spec)
        signatories = spec.pop("signatories")
        state_code = spec.pop("state", None)
        if state_code:
            spec["state"] = State.objects.get(code=state_code)
        template, created = CertificateTemplate.objects.get_or_create(
            name=spec.pop("name"), defaults=spec
        )
        if created:
            for order, (name, designation) in enumerate(signatories):
                Signatory.objects.create(
                    template=template, name=name, designation=designation, sort_order=order
                )


@demo_seeder(order=50)
def seed_certification() -> list[str]:
    _templates()
    completed = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED,
        module__awards_certificate=True,
        user__email__in=[demo_email(person) for person in LEARNERS],
    ).order_by("pk")
    certificates = [certificate_issue(enrollment_id=e.pk) for e in completed]
    admin = User.objects.filter(email=f"admin@{DEMO_DOMAIN}").first()
    if len(certificates) >= 3:
        revoked, expired = certificates[1], certificates[2]
        if revoked.revoked_at is None:
            certificate_revoke(
                certificate=revoked,
                by=admin,
                reason="Demo: issued to the wrong account and replaced by a trainer.",
            )
        if expired.valid_until is None or expired.valid_until >= timezone.localdate():
            # Backdate one certificate so the expired status can be seen; its PDF is made
            # again from the backdated facts.
            with transaction.atomic():
                issued = timezone.now() - datetime.timedelta(days=3 * 365 + 10)
                Certificate.objects.filter(pk=expired.pk).update(
                    issued_at=issued,
                    valid_until=timezone.localdate(issued) + datetime.timedelta(days=3 * 365),
                    pdf="",
                )
    valid = next(
        (
            c
            for c in Certificate.objects.filter(pk__in=[c.pk for c in certificates])
            if c.status == Certificate.Status.VALID
        ),
        None,
    )
    lines = [
        f"Certification: {Certificate.objects.count()} certificates "
        "(one revoked, one expired); templates: national default and Assam"
    ]
    if valid is not None:
        base = site_url()
        lines.append(
            f"  verify one: {base}{reverse('certification:verify', args=[valid.token])} "
            f"(or type {valid.grouped_code} at {base}{reverse('certification:verify_form')})"
        )
    return lines
