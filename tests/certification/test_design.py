"""The demo certificates look like real ones: the emblem and the signatures drawn for the
demo are uploaded images embedded in the PDF, the signatories are named, the scheme is
Mission Vatsalya, durations read as on the site, and the page has no empty band."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from django.utils import translation
from wagtail.images.models import Image as WagtailImage

from certification import demo, rendering
from certification.models import CertificateTemplate, Signatory
from modules.learning.templatetags.learning_tags import duration

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # points in a millimetre


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def demo_certificate(name: str, *, minutes: int = 70, language: str | None = None):
    demo.templates_ensure()
    template = CertificateTemplate.objects.get(name=name)
    if language:
        template.language = language
        template.title, template.body = template.secondary_title, template.secondary_body
    cert = rendering.sample_certificate(template)
    cert.module_minutes = minutes
    return template, cert


def pdf_text(pdf: bytes) -> str:
    return flat(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


def page_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """(bottom, top) in points of every run of text and every image on the first page."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    boxes = []

    def on_text(text, cm, tm, font, size):
        if text.strip():
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = size * abs(tm[3] * cm[3])
            boxes.append((baseline - 0.3 * em, baseline + 0.9 * em))

    def on_operator(operator, operands, cm, tm):
        if operator == b"Do":
            boxes.append((min(cm[5], cm[5] + cm[3]), max(cm[5], cm[5] + cm[3])))

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return boxes


def largest_gap(boxes: list[tuple[float, float]]) -> float:
    """The tallest horizontal band with nothing in it, between the highest and lowest box."""
    gap, reached = 0.0, None
    for bottom, top in sorted(boxes, key=lambda box: -box[1]):
        if reached is not None and bottom < reached:
            gap = max(gap, reached - top)
        reached = bottom if reached is None else min(reached, bottom)
    return gap


@pytest.mark.parametrize("name", [spec["name"] for spec in demo.TEMPLATES])
def test_demo_certificate_embeds_emblem_and_signatures_and_names_signatories(name):
    template, cert = demo_certificate(name)
    html = rendering.certificate_html(cert)
    design = cert.design
    uploads = [design["logo_left"]] + [s["signature"] for s in design["signatories"]]
    assert all(uploads), uploads
    for upload in uploads:
        assert f'src="{rendering.media_url(upload)}"' in html
    # Sandboxed as before: the page names only uploads and the renderer's QR code.
    sources = re.findall(r'src="([^"]+)"', html)
    assert all(s.startswith((f"{rendering.MEDIA_SCHEME}:", rendering.QR_URL)) for s in sources)

    pdf = rendering.render_certificate(cert)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    # The emblem, two signatures and the QR code.
    assert len(page.images) == 4
    text = flat(page.extract_text())
    signatories = list(template.signatories.order_by("sort_order"))
    assert len(signatories) == 2
    for signatory in signatories:
        assert flat(signatory.name) in text
        assert signatory.signature is not None


@pytest.mark.parametrize("name", [spec["name"] for spec in demo.TEMPLATES])
def test_demo_certificate_prints_the_duration_as_the_site_does(name):
    _template, cert = demo_certificate(name, minutes=70)
    with translation.override("en"):
        site = duration(70 * 60)
    assert site == "1 h 10 min"
    text = flat(
        pypdf.PdfReader(io.BytesIO(rendering.render_certificate(cert))).pages[0].extract_text()
    )
    assert flat(site) in text
    assert "1.2hours" not in text
    assert "1.2" not in flat(rendering.certificate_html(cert))


@pytest.mark.parametrize("minutes", [0, 45, 60, 70, 120, 270])
@pytest.mark.parametrize("language", ["en", "hi", "as"])
def test_durations_use_the_units_of_the_sites_translations(minutes, language):
    printed = rendering.format_duration(minutes, rendering.DURATION_UNITS[language])
    with translation.override(language):
        assert printed.replace("\u00a0", " ") == duration(minutes * 60)
    assert " " not in printed  # no line break inside a duration


def test_hindi_text_shows_the_duration_in_hindi():
    _template, cert = demo_certificate(demo.TEMPLATES[0]["name"], minutes=270)
    html = rendering.certificate_html(cert)
    assert "4\u00a0घंटे\u00a030\u00a0मिनट" in html
    assert "4\u00a0h\u00a030\u00a0min" in html


def test_demo_wording_names_mission_vatsalya_not_icps_alone():
    for spec in demo.TEMPLATES:
        for field in ("body", "secondary_body"):
            assert not re.search(r"\bICPS\b", spec[field]), spec["name"]
        assert "Mission Vatsalya" in spec["body"]
    hindi = demo.TEMPLATES[0]["secondary_body"]
    assert "मिशन वात्सल्य" in hindi
    _template, cert = demo_certificate(demo.TEMPLATES[0]["name"])
    text = flat(
        pypdf.PdfReader(io.BytesIO(rendering.render_certificate(cert))).pages[0].extract_text()
    )
    assert "MissionVatsalya(formerlytheIntegratedChildProtectionScheme)" in text


@pytest.mark.parametrize(
    ("name", "language", "limit_mm"),
    [
        (demo.TEMPLATES[0]["name"], None, 30),
        (demo.TEMPLATES[1]["name"], None, 30),
        # One language alone has less text: the space is shared out around it.
        (demo.TEMPLATES[0]["name"], "hi", 40),
    ],
)
def test_the_page_has_no_empty_band(name, language, limit_mm):
    _template, cert = demo_certificate(name, language=language)
    boxes = page_boxes(rendering.render_certificate(cert))
    top = max(t for _b, t in boxes)
    bottom = min(b for b, _t in boxes)
    # The content reaches from near the top of the A4 landscape sheet to near its bottom.
    assert top > 595 - 40 * MM
    assert bottom < 40 * MM
    assert largest_gap(boxes) < limit_mm * MM, f"{largest_gap(boxes) / MM:.0f} mm"


def test_seeding_again_restores_the_demo_templates_without_duplicates():
    demo.templates_ensure()
    counts = (CertificateTemplate.objects.count(), Signatory.objects.count())
    images = WagtailImage.objects.count()
    template = CertificateTemplate.objects.get(name=demo.TEMPLATES[0]["name"])
    template.body = "Edited {learner_name}"
    template.logo_left = None
    template.save()
    template.signatories.all().delete()

    demo.templates_ensure()

    assert (CertificateTemplate.objects.count(), Signatory.objects.count()) == counts
    assert WagtailImage.objects.count() == images == len(demo.DEMO_IMAGES)
    template.refresh_from_db()
    assert template.body == demo.TEMPLATES[0]["body"]
    assert template.logo_left is not None
    assert [s.name for s in template.signatories.order_by("sort_order")] == [
        name for name, _designation, _signature in demo.TEMPLATES[0]["signatories"]
    ]
