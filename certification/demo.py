"""Demo certificates: templates, the demo learners' certificates (one revoked, one expired)
and a verification link to try at once."""

from __future__ import annotations

import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from lms.accounts.demo import DEMO_DOMAIN, LEARNERS, demo_email
from lms.accounts.models import User
from lms.core.demo import demo_seeder
from lms.core.site_url import site_url
from lms.geography.models import State
from modules.learning.models import Enrollment

from .models import Certificate, CertificateTemplate, Signatory
from .services import certificate_issue, certificate_revoke

#: Drawn for the demo (see assets/demo/README.md): an emblem of our own, never a government
#: one, and signatures marked "DEMO SIGNATURE".
DEMO_ASSETS = Path(__file__).resolve().parent / "assets" / "demo"
DEMO_IMAGES = {
    "emblem-blue": ("Demo emblem (blue)", "demo-emblem-blue.png"),
    "emblem-teal": ("Demo emblem (teal)", "demo-emblem-teal.png"),
    "signature-1": ("Demo signature 1", "demo-signature-1.png"),
    "signature-2": ("Demo signature 2", "demo-signature-2.png"),
}

TEMPLATES = [
    {
        "name": "National default (English and Hindi)",
        "is_default": True,
        "language": CertificateTemplate.Language.ENGLISH_HINDI,
        "title": "Certificate of Completion",
        "body": (
            "This is to certify that {learner_name} has successfully completed the training "
            "module {module_code} {module_title} ({duration}) under Mission Vatsalya "
            "(formerly the Integrated Child Protection Scheme), with a score of {score}, "
            "on {issue_date}."
        ),
        "secondary_title": "पूर्णता प्रमाणपत्र",
        "secondary_body": (
            "प्रमाणित किया जाता है कि {learner_name} ने मिशन वात्सल्य (पूर्व में एकीकृत बाल "
            "संरक्षण योजना) के अंतर्गत प्रशिक्षण मॉड्यूल {module_code} {module_title} "
            "({duration}) {issue_date} को सफलतापूर्वक पूरा किया है।"
        ),
        "logo_left": "emblem-blue",
        "signatories": [
            (
                "Dr. Kavita Rao",
                "Director, Child Protection, Ministry of Women and Child Development",
                "signature-1",
            ),
            ("Arjun Menon", "National Programme Manager, Mission Vatsalya", "signature-2"),
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
            "module {module_code} {module_title} ({duration}) under Mission Vatsalya, "
            "issued in {state} on {issue_date}."
        ),
        "secondary_title": "প্ৰমাণপত্ৰ",
        "secondary_body": (
            "এই মৰ্মে প্ৰমাণিত কৰা হয় যে {learner_name}-এ প্ৰশিক্ষণ মডিউল {module_code} "
            "{module_title} ({duration}) সফলতাৰে সম্পূৰ্ণ কৰিছে।"
        ),
        "logo_left": "emblem-teal",
        "signatories": [
            (
                "Ritu Baruah",
                "Mission Director, Assam State Child Protection Society",
                "signature-1",
            ),
            (
                "Dipankar Saikia",
                "Programme Manager, State Project Support Unit, Assam",
                "signature-2",
            ),
        ],
    },
]


def _demo_images() -> dict[str, object]:
    """The demo's emblem and signatures as uploaded images, created on first use."""
    model = get_image_model()
    images = {}
    for key, (title, filename) in DEMO_IMAGES.items():
        image = model.objects.filter(title=title).order_by("pk").first()
        if image is None:
            image = model(
                title=title,
                file=ImageFile(BytesIO((DEMO_ASSETS / filename).read_bytes()), filename),
            )
            image.save()
        images[key] = image
    return images


def templates_ensure() -> None:
    """The demo templates as described above: created, or brought back to that description
    (the text, the logo and the signatories) when seeding again."""
    images = _demo_images()
    for spec in TEMPLATES:
        spec = dict(spec)
        signatories = spec.pop("signatories")
        state_code = spec.pop("state", None)
        if state_code:
            spec["state"] = State.objects.get(code=state_code)
        spec["logo_left"] = images[spec["logo_left"]]
        template, _created = CertificateTemplate.objects.update_or_create(
            name=spec.pop("name"), defaults=spec
        )
        wanted = [
            (name, designation, images[signature].pk)
            for name, designation, signature in signatories
        ]
        current = list(
            template.signatories.order_by("sort_order").values_list(
                "name", "designation", "signature_id"
            )
        )
        if current != wanted:
            template.signatories.all().delete()
            Signatory.objects.bulk_create(
                Signatory(
                    template=template,
                    name=name,
                    designation=designation,
                    signature_id=signature_id,
                    sort_order=order,
                )
                for order, (name, designation, signature_id) in enumerate(wanted)
            )


@demo_seeder(order=50)
def seed_certification() -> list[str]:
    templates_ensure()
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
