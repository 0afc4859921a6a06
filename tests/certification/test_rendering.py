"""The certificate PDF: content, fonts, QR code, sandboxing, determinism, limits, preview."""

from __future__ import annotations

import datetime
import gc
import io
import re
import time
from decimal import Decimal

import pypdf
import pytest
import segno
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
from wagtail.images.models import Image as WagtailImage

from certification import rendering
from certification.models import Certificate, CertificateTemplate, Signatory
from certification.rendering import (
    INDIA,
    RenderError,
    certificate_html,
    design_snapshot,
    fill_placeholders,
    render_certificate,
    render_sample,
    verification_url,
)
from lms.accounts.models import Role
from lms.accounts.validators import NAME_MAX_LENGTH, validate_person_name
from tests.accounts.factories import UserFactory, add_totp, make_role

TOKEN = "Zq3yXv9T0bWm4Lk8Hc2Rf7Pd1Sa6Ne5Gj0Ui3Oo4Yt8"


def certificate(**overrides) -> Certificate:
    fields = {
        "serial": "AS-2026-000042",
        "token": TOKEN,
        "code": "7K2QMX4RTB9WCH3D",
        "recipient_name": "Priya Sharma",
        "module_code": "CP-101",
        "module_title": "Foundations of Child Protection",
        "module_version": "1.2",
        "module_minutes": 270,
        "issuing_state_name": "Assam",
        "score": Decimal("86.50"),
        "issued_at": datetime.datetime(2026, 11, 22, 23, 50, tzinfo=INDIA),
        "valid_until": datetime.date(2029, 11, 21),
        "design": design_snapshot(None),
    }
    fields.update(overrides)
    return Certificate(**fields)


def design(**overrides) -> dict:
    value = design_snapshot(None)
    value.update(overrides)
    return value


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    # Text extraction breaks lines where the PDF does; compare without whitespace.
    return re.sub(r"\s+", "", text)


def font_names(pdf: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            # Subset fonts are named "ABCDEF+Family"; keep the family.
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def png_bytes(size=(120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 40, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _fresh_image_cache():
    rendering.image_cache.clear()
    yield
    rendering.image_cache.clear()


class RecordingFetcher:
    """Wraps the renderer's fetcher and records every URL WeasyPrint asks for."""

    def __init__(self, allowed_images=()):
        self.inner = rendering.make_fetcher(allowed_images)

    @property
    def requested(self):
        return self.inner.requested


# --- Content ----------------------------------------------------------------------------------


def test_pdf_shows_name_module_serial_code_and_dates():
    pdf = render_certificate(certificate())
    text = flat(pdf_text(pdf))
    for expected in (
        "PriyaSharma",
        "FoundationsofChildProtection",
        "CP-101",
        "1.2",
        "AS-2026-000042",
        "7K2Q-MX4R-TB9W-CH3D",
        "Assam",
        "86.5%",
        "4h30min",
        # 23:50 in India is still the 22nd there (18:20 UTC).
        "22November2026",
        "21November2029",
    ):
        assert expected in text, expected
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1


def test_issue_date_is_the_day_in_india():
    # 20:00 UTC on the 21st is 01:30 on the 22nd in India.
    issued = datetime.datetime(2026, 11, 21, 20, 0, tzinfo=datetime.UTC)
    assert "22November2026" in flat(pdf_text(render_certificate(certificate(issued_at=issued))))


def test_qr_code_encodes_the_verification_url():
    cert = certificate()
    url = verification_url(TOKEN)
    assert url == f"http://testserver/verify/{TOKEN}/"
    pdf = render_certificate(cert)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    # A certificate without logos or signatures has one image: segno's code of exactly that
    # URL, QR_PIXELS pixels a module, no border …
    (image,) = page.images
    pixels = image.image.convert("L")
    expected = [
        [bool(module) for module in row]
        for row in segno.make(url, error="m", micro=False, mask=rendering.QR_MASK).matrix
    ]
    size, scale = len(expected), rendering.QR_PIXELS
    assert pixels.size == (size * scale, size * scale)
    modules = [
        [
            pixels.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]
    assert modules == expected
    # … drawn without interpolation, so that the modules stay square however it is scaled.
    (x_object,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert x_object["/Interpolate"].value is False
    # The URL itself is printed under the code, for people without a scanner.
    assert flat(url) in flat(pdf_text(pdf))
    # Nothing is fetched for it: the renderer hands WeasyPrint the image.
    recorder = RecordingFetcher()
    rendering._render(cert, fetcher=recorder.inner)
    assert recorder.requested == []


def test_a_shorter_token_makes_a_smaller_qr_code():
    old = segno.make(verification_url("a" * 43), error="m", micro=False, mask=4)
    new = segno.make(verification_url("a" * 22), error="m", micro=False, mask=4)
    assert new.version < old.version


def test_hindi_and_assamese_names_use_the_bundled_noto_fonts():
    hindi = render_certificate(
        certificate(
            recipient_name="प्रिया शर्मा",
            design=design(
                language="en+hi",
                secondary_title="पूर्णता प्रमाणपत्र",
                secondary_body=rendering.DEFAULT_TEXT["hi"]["body"],
            ),
        )
    )
    fonts = font_names(hindi)
    assert "Cert-Noto-Sans-Devanagari" in fonts or "Cert-Noto-Sans-Devanagari-Bold" in fonts
    assert not any("DejaVu" in name for name in fonts), fonts

    assamese = render_certificate(
        certificate(
            recipient_name="প্ৰিয়াংকা বৰুৱা",
            design=design(
                language="en+as",
                secondary_title="সম্পূৰ্ণতাৰ প্ৰমাণপত্ৰ",
                secondary_body=rendering.DEFAULT_TEXT["as"]["body"],
            ),
        )
    )
    fonts = font_names(assamese)
    assert {"Cert-Noto-Sans-Bengali", "Cert-Noto-Sans-Bengali-Bold"} & fonts
    assert not any("DejaVu" in name for name in fonts), fonts
    # The Assamese-only letter ৰ (ra) made it into the text layer.
    assert "ৰ" in pdf_text(assamese)


def test_placeholders_are_substituted_and_unknown_ones_left():
    cert = certificate(
        recipient_name="Anil {module_code} Das",
        design=design(
            body="{learner_name} finished {module_title} in {state} ({hours} h, {score}) "
            "on {issue_date}. {unknown} {learner_name!r} {{module_code}} {",
        ),
    )
    text = flat(pdf_text(render_certificate(cert)))
    assert "Anil{module_code}Das" in text  # a brace in a name is not substituted again
    assert "finishedFoundationsofChildProtectioninAssam(4.5h,86.5%)on22November2026." in text
    assert "{unknown}{learner_name!r}{CP-101}{" in text


def test_fill_placeholders_escapes_text_and_values():
    html = fill_placeholders(
        "<b>Hi</b> {learner_name}\n\nnext", {"learner_name": "<script>x</script>"}
    )
    assert "<b>" not in html
    assert "&lt;b&gt;Hi&lt;/b&gt;" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert html.count("<p>") == 2


# --- Hostile input ----------------------------------------------------------------------------

HOSTILE = [
    '<img src="http://127.0.0.1:9/x.png">',
    "<style>@import url(file:///etc/passwd);</style>",
    "url(file:///etc/passwd)",
    "http://127.0.0.1/admin/",
    '"><link rel=stylesheet href=file:///etc/passwd>',
    "{{ settings.SECRET_KEY }} {% debug %}",
    "مریم احمد Мария שרה",  # right-to-left and mixed scripts
    "A" * 200,
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_print_literally_and_fetch_nothing(name):
    recorder = RecordingFetcher()
    cert = certificate(
        recipient_name=name,
        module_title=name[:255],
        issuing_state_name=name[:100],
        design=design(title=name, body="Awarded to {learner_name}. " + name),
    )
    pdf = rendering._render(cert, fetcher=recorder.inner)
    assert recorder.requested == []
    html = certificate_html(cert)
    assert '/etc/passwd"' not in html
    assert '<img src="http' not in html
    assert "<style>@import" not in html
    text = pdf_text(pdf)
    if name.isascii():
        # Long words wrap; the text is all there.
        assert flat(name) in flat(text)
    assert "root:" not in text
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1


# --- Long names and direction marks -----------------------------------------------------------

SIGNATORY = {"name": "Signatory Name", "designation": "Director of Training"}


def _name_of_length(words: str, length: int = NAME_MAX_LENGTH) -> str:
    """``words`` over and over, to exactly ``length`` characters (the last word cut short)."""
    text = " ".join([words] * 10)[:length]
    return text[:-1] + words[0] if text.endswith(" ") else text


LONGEST_NAMES = {
    "latin": _name_of_length(
        "Kanchipuram Venkataraghavan Srinivasa Raghavachari Ramanujam Parthasarathy"
    ),
    "devanagari": _name_of_length("वेंकटरमण सुब्रह्मण्यम राघवेंद्र लक्ष्मीनारायण श्रीनिवास"),
    "bengali": _name_of_length("প্ৰিয়াংকা চৌধুৰী হাজৰিকা বৰদলৈ গোস্বামী শৰ্মা বৰুৱা"),
}
# The tallest footer (three signatures) with the name twice; and the usual bilingual sheet.
TALL_DESIGNS = {
    "en+as portrait": {
        "language": "en+as",
        "orientation": "portrait",
        "secondary_title": "সম্পূৰ্ণতাৰ প্ৰমাণপত্ৰ",
        "secondary_body": rendering.DEFAULT_TEXT["as"]["body"],
    },
    "en+hi landscape": {
        "language": "en+hi",
        "secondary_title": "पूर्णता प्रमाणपत्र",
        "secondary_body": rendering.DEFAULT_TEXT["hi"]["body"],
    },
}


def page_layout(pdf: bytes) -> tuple[list[tuple[float, float, str]], list[tuple[float, float]]]:
    """The first page's runs of text as (bottom, top, text) and its images as (bottom, top),
    in points from the bottom of the page. A run's box is taken generously: from 0.45 em
    under its baseline (Indic vowel signs reach below) to 1 em over it."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    runs, images = [], []

    def on_text(text, cm, tm, font, size):
        if text.strip():
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = size * abs(tm[3] * cm[3])
            runs.append((baseline - 0.45 * em, baseline + em, text))

    def on_operator(operator, operands, cm, tm):
        if operator == b"Do":  # an image fills the unit square of the current matrix
            images.append((min(cm[5], cm[5] + cm[3]), max(cm[5], cm[5] + cm[3])))

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return runs, images


@pytest.mark.parametrize("design_name", TALL_DESIGNS)
@pytest.mark.parametrize("script", LONGEST_NAMES)
def test_a_name_of_the_longest_length_stays_clear_of_signatures_and_qr_code(script, design_name):
    name = LONGEST_NAMES[script]
    assert len(name) == NAME_MAX_LENGTH
    validate_person_name(name)
    sign = default_storage.save("original_images/sign.png", ContentFile(png_bytes((200, 60))))
    cert = certificate(
        recipient_name=name,
        serial="AS-2031-000042",  # no digits shared with the dates in the text
        design=design(
            **TALL_DESIGNS[design_name], signatories=[{**SIGNATORY, "signature": sign}] * 3
        ),
    )
    pdf = render_certificate(cert)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    footer = [
        SIGNATORY["name"],
        SIGNATORY["designation"],
        cert.design["labels"]["serial"],
        cert.serial,
        cert.design["labels"]["code"],
        cert.grouped_code,
        cert.design["labels"]["verify"],
        verification_url(cert.token),
    ]

    def in_footer(text: str) -> bool:
        text = " ".join(text.split())
        return len(text) >= 3 and any(text in line for line in footer)

    runs, images = page_layout(pdf)
    content = [(bottom, text) for bottom, _top, text in runs if not in_footer(text)]
    # The facts, under the names, are among the text checked; the Latin name can be read back
    # whole, twice (text extraction reorders Indic vowel signs).
    assert any("21 November 2029" in text for _bottom, text in content)
    if script == "latin":
        assert flat("".join(text for _bottom, text in content)).count(flat(name)) == 2
    # The signatures and the QR code (the page has no other images), and the footer's text.
    assert len(images) == 4
    footer_top = max(
        [top for _bottom, top in images] + [top for _b, top, text in runs if in_footer(text)]
    )
    lowest, text = min(content)
    assert lowest > footer_top, f"{text!r} reaches {lowest:.0f} pt, the footer {footer_top:.0f} pt"


def test_the_printed_name_steps_down_in_size_with_its_length():
    assert rendering.recipient_classes("Priya Sharma") == "recipient"
    assert rendering.recipient_classes("A" * 40) == "recipient"
    assert rendering.recipient_classes("A" * 41) == "recipient recipient--long"
    assert rendering.recipient_classes("A" * 81) == "recipient recipient--longer"
    assert rendering.recipient_classes("A" * 150) == "recipient recipient--longest"
    html = certificate_html(certificate(recipient_name="A" * 150))
    assert '<span class="recipient recipient--longest">' in html
    stylesheet = (rendering.ASSETS_DIR / "css" / "certificate.css").read_text()
    for step in ("long", "longer", "longest"):
        assert f".recipient--{step} {{ font-size:" in stylesheet


def test_bidi_isolate_keeps_direction_marks_inside():
    fsi, pdi, rlo, rli = "\u2068", "\u2069", "\u202e", "\u2067"
    assert rendering.bidi_isolate("Priya") == f"{fsi}Priya{pdi}"
    # A pop with nothing to close would end the isolate early: dropped.
    assert rendering.bidi_isolate(f"{pdi}{rlo}Das") == f"{fsi}{rlo}Das{pdi}"
    # An isolate left open inside is closed before ours.
    assert rendering.bidi_isolate(f"{rli}Das") == f"{fsi}{rli}Das{pdi}{pdi}"
    assert rendering.bidi_isolate(f"{rli}Da{pdi}s") == f"{fsi}{rli}Da{pdi}s{pdi}"


def test_placeholders_isolate_the_name():
    html = fill_placeholders("{learner_name} has passed", {"learner_name": "\u202eAnil Das"})
    assert html == "<p>\u2068\u202eAnil Das\u2069 has passed</p>"


@pytest.mark.parametrize("name", ["Anil \u202eDas", "\u2069\u202eAnil Das", "Anil\u202b Das"])
def test_a_stored_name_with_direction_controls_is_printed_isolated(name):
    # Stored before names were checked for direction controls.
    cert = certificate(recipient_name=name)
    html = certificate_html(cert)
    assert f'<span class="recipient">{rendering.bidi_isolate(name)}</span>' in html
    text = flat(pdf_text(render_certificate(cert)))
    # Everything printed after the name reads in its own order.
    for unchanged in (
        "hassuccessfullycompletedthetrainingmodule",
        "“FoundationsofChildProtection”(CP-101),4h30min,withascoreof86.5%,on22November2026.",
        "CP-101·FoundationsofChildProtection·version",
        "AS-2026-000042",
        "7K2Q-MX4R-TB9W-CH3D",
    ):
        assert unchanged in text, unchanged


def test_hostile_template_colour_is_not_injected():
    cert = certificate(design=design(accent_colour="red; background: url(http://127.0.0.1/)"))
    recorder = RecordingFetcher()
    rendering._render(cert, fetcher=recorder.inner)
    assert recorder.requested == []
    assert "127.0.0.1" not in certificate_html(cert)


def test_fetcher_allows_only_assets_named_images_and_data_uris(tmp_path):
    name = default_storage.save("original_images/seal.png", ContentFile(png_bytes()))
    fetcher = rendering.make_fetcher({name})
    assert fetcher.fetch(rendering.media_url(name)).read() == png_bytes()
    font = (rendering.ASSETS_DIR / "fonts" / "noto-sans-latin-400-normal.woff2").as_uri()
    assert fetcher.fetch(font).read()[:4] == b"wOF2"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    for url in (
        "file:///etc/passwd",
        secret.as_uri(),
        (rendering.ASSETS_DIR / ".." / "models.py").as_uri(),
        "http://127.0.0.1/",
        "https://example.org/logo.png",
        "ftp://127.0.0.1/x",
        rendering.media_url("original_images/other.png"),
        rendering.media_url("../../etc/passwd"),
    ):
        with pytest.raises(RenderError):
            fetcher.fetch(url)


def test_design_images_are_fetched_through_storage_and_nothing_else():
    logo = default_storage.save("original_images/logo.png", ContentFile(png_bytes()))
    sign = default_storage.save("original_images/sign.png", ContentFile(png_bytes((200, 60))))
    cert = certificate(
        design=design(
            logo_left=logo,
            logo_right=logo,
            signatories=[{"name": "A. Kumar", "designation": "Director", "signature": sign}],
        )
    )
    recorder = RecordingFetcher({logo, sign})
    pdf = rendering._render(cert, fetcher=recorder.inner)
    assert set(recorder.requested) == {rendering.media_url(logo), rendering.media_url(sign)}
    assert "A. Kumar" in pdf_text(pdf)
    images = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images
    assert len(images) >= 2


def test_broken_image_fails_the_render():
    name = default_storage.save("original_images/broken.png", ContentFile(png_bytes()[:60]))
    with pytest.raises(RenderError, match="broken"):
        render_certificate(certificate(design=design(logo_left=name)))


@pytest.mark.needs_caches
def test_a_broken_image_fails_every_render_and_a_good_one_is_decoded_once(monkeypatch):
    good = default_storage.save("original_images/good.png", ContentFile(png_bytes()))
    broken = default_storage.save("original_images/bad.png", ContentFile(png_bytes()[:60]))
    render_certificate(certificate(design=design(logo_left=good)))
    # Both renders fail: a broken image is never kept, so the check runs again each time.
    for _ in range(2):
        with pytest.raises(RenderError, match="broken"):
            render_certificate(certificate(design=design(logo_left=good, logo_right=broken)))
    assert rendering.image_cache.get(broken) is None
    # The good one was read and decoded once, whatever the number of renders.
    opened = []
    real_open = default_storage.open
    monkeypatch.setattr(
        default_storage, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k)
    )
    for _ in range(3):
        render_certificate(certificate(design=design(logo_left=good, logo_right=good)))
    assert opened == []


def test_images_cached_or_not_give_the_same_bytes():
    logo = default_storage.save("original_images/logo.png", ContentFile(png_bytes()))
    rgba = io.BytesIO()
    Image.new("RGBA", (200, 60), (20, 40, 90, 128)).save(rgba, "PNG")
    sign = default_storage.save("original_images/sign.png", ContentFile(rgba.getvalue()))
    cert = certificate(
        design=design(
            logo_left=logo,
            signatories=[{"name": "A. Kumar", "designation": "Director", "signature": sign}],
        )
    )
    cold = render_certificate(cert)
    assert render_certificate(cert) == cold  # from the process's image cache
    rendering.reset_resources()
    assert render_certificate(cert) == cold
    # Both images and the signature's transparency (a soft mask) are in the PDF.
    page = pypdf.PdfReader(io.BytesIO(cold)).pages[0]
    x_objects = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert len(x_objects) == 3  # the logo, the signature and the QR code
    assert sum("/SMask" in x for x in x_objects) == 1


def test_large_images_are_scaled_down_before_they_are_embedded():
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1000), (20, 40, 90)).save(buffer, "JPEG")
    logo = default_storage.save("original_images/photo.jpg", ContentFile(buffer.getvalue()))
    pdf = render_certificate(certificate(design=design(logo_left=logo)))
    sizes = sorted(
        (x["/Width"], x["/Height"])
        for x in (
            ref.get_object()
            for ref in pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"].values()
        )
    )
    assert sizes[-1] == (rendering.MAX_IMAGE_SIDE, rendering.MAX_IMAGE_SIDE // 3)


def test_missing_image_fails_the_render():
    cert = certificate(
        design=design(signatories=[{"name": "X", "designation": "Y", "signature": "nope.png"}])
    )
    with pytest.raises(RenderError, match=r"nope\.png"):
        render_certificate(cert)


def test_truncated_jpeg_fails_the_render():
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (200, 10, 10)).save(buffer, "JPEG")
    name = default_storage.save("original_images/cut.jpg", ContentFile(buffer.getvalue()[:-200]))
    with pytest.raises(RenderError, match="broken"):
        render_certificate(certificate(design=design(logo_left=name)))


def test_not_an_image_fails_the_render():
    name = default_storage.save("original_images/evil.png", ContentFile(b"<svg onload=x>"))
    with pytest.raises(RenderError):
        render_certificate(certificate(design=design(logo_right=name)))


# --- Determinism and limits -------------------------------------------------------------------


def test_rendering_twice_gives_the_same_bytes():
    cert = certificate(recipient_name="प्रिया शर्मा", design=design(language="en+hi"))
    first = render_certificate(cert)
    assert render_certificate(cert) == first
    info = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert info["/CreationDate"].startswith("D:20261122235000")


def test_rendering_ignores_the_live_template(db):
    template = CertificateTemplate.objects.create(
        name="Assam", title="Certificate of Training", body="Trained: {learner_name}."
    )
    cert = certificate(design=design_snapshot(template), template=template)
    before = render_certificate(cert)
    template.title = "Changed later"
    template.body = "Something else"
    template.save()
    after = render_certificate(cert)
    assert after == before
    assert "CertificateofTraining" in flat(pdf_text(after))


def test_render_over_the_time_limit_fails_cleanly(settings):
    rendering.render_certificate(certificate())  # shared resources built outside the limit
    settings.LMS_CERTIFICATE_RENDER_TIMEOUT = 0.001
    started = time.monotonic()
    with pytest.raises(RenderError, match="longer than"):
        render_certificate(certificate())
    assert time.monotonic() - started < 5
    # The shared font configuration survives an interrupted render.
    settings.LMS_CERTIFICATE_RENDER_TIMEOUT = 20
    assert "PriyaSharma" in flat(pdf_text(render_certificate(certificate())))


# --- Templates ----------------------------------------------------------------------------------


def wagtail_image(title: str, data: bytes) -> WagtailImage:
    return WagtailImage.objects.create(
        title=title, file=ContentFile(data, name=f"{title}.png"), width=120, height=60
    )


def test_design_snapshot_freezes_the_template(db):
    logo = wagtail_image("logo", png_bytes())
    signature = wagtail_image("signature", png_bytes((200, 60)))
    template = CertificateTemplate.objects.create(
        name="Bilingual",
        title="Certificate of Completion",
        body="{learner_name}",
        secondary_title="पूर्णता प्रमाणपत्र",
        secondary_body="{learner_name} ने पूर्ण किया",
        language=CertificateTemplate.Language.ENGLISH_HINDI,
        orientation=CertificateTemplate.Orientation.PORTRAIT,
        accent_colour="#7a1f5c",
        logo_left=logo,
    )
    Signatory.objects.create(template=template, name="Second", designation="B", sort_order=1)
    Signatory.objects.create(
        template=template, name="First", designation="A", signature=signature, sort_order=0
    )
    snapshot = design_snapshot(template)
    assert snapshot["template_id"] == template.pk
    assert snapshot["language"] == "en+hi"
    assert snapshot["orientation"] == "portrait"
    assert snapshot["logo_left"] == logo.file.name
    assert snapshot["logo_right"] == ""
    assert [s["name"] for s in snapshot["signatories"]] == ["First", "Second"]
    assert snapshot["signatories"][0]["signature"] == signature.file.name
    assert snapshot["secondary_labels"]["serial"] == "क्रमांक"

    pdf = render_sample(template)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert height > width  # portrait A4
    assert round(float(width) / 72 * 25.4) == 210
    assert "प्रिया" in reader.pages[0].extract_text() or "Cert-Noto-Sans-Devanagari-Bold" in (
        font_names(pdf)
    )


def test_default_design_is_english_landscape():
    snapshot = design_snapshot(None)
    assert snapshot["language"] == "en"
    assert "{learner_name}" in snapshot["body"]
    pdf = render_certificate(certificate(design={}))
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height


# --- The admin ------------------------------------------------------------------------------------


@pytest.fixture
def template(db):
    template = CertificateTemplate.objects.create(
        name="National", title="Certificate of Completion", body="{learner_name} passed."
    )
    Signatory.objects.create(template=template, name="A. Kumar", designation="Director")
    return template


def admin_user(role: str):
    user = make_role(UserFactory(), role)
    add_totp(user)
    return user


def test_national_administrator_previews_a_template(client, template):
    client.force_login(admin_user(Role.NATIONAL_ADMIN))
    response = client.get(f"/admin/certification/templates/{template.pk}/preview.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    assert "PriyaSharmapassed." in text
    assert "A.Kumar" in text

    listing = client.get("/admin/snippets/certification/certificatetemplate/")
    assert listing.status_code == 200
    assert f"/admin/certification/templates/{template.pk}/preview.pdf" in listing.content.decode()
    edit = client.get(f"/admin/snippets/certification/certificatetemplate/edit/{template.pk}/")
    assert edit.status_code == 200
    assert "Preview PDF" in edit.content.decode()


def test_preview_uses_the_templates_script_for_the_sample_name(client, template):
    template.language = CertificateTemplate.Language.ENGLISH_ASSAMESE
    template.save()
    client.force_login(admin_user(Role.NATIONAL_ADMIN))
    response = client.get(f"/admin/certification/templates/{template.pk}/preview.pdf")
    assert {"Cert-Noto-Sans-Bengali", "Cert-Noto-Sans-Bengali-Bold"} & font_names(response.content)


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.REVIEWER])
def test_other_admin_users_may_not_preview_or_edit_templates(client, template, role):
    client.force_login(admin_user(role))
    # Wagtail's admin answers "permission denied" by sending the user to the dashboard.
    for url in (
        f"/admin/certification/templates/{template.pk}/preview.pdf",
        f"/admin/snippets/certification/certificatetemplate/edit/{template.pk}/",
        "/admin/snippets/certification/certificatetemplate/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"


def test_learners_cannot_reach_the_preview(client, template):
    client.force_login(UserFactory())
    response = client.get(f"/admin/certification/templates/{template.pk}/preview.pdf")
    # The site hides the admin from learners (404), as for anything out of scope.
    assert response.status_code in (302, 403, 404)
    assert not response.get("Content-Type", "").startswith("application/pdf")
    client.logout()
    response = client.get(f"/admin/certification/templates/{template.pk}/preview.pdf")
    assert response.status_code == 302


def test_preview_of_a_template_with_a_broken_image_says_so(client, template):
    broken = wagtail_image("broken", png_bytes()[:50])
    template.logo_left = broken
    template.save()
    client.force_login(admin_user(Role.NATIONAL_ADMIN))
    response = client.get(f"/admin/certification/templates/{template.pk}/preview.pdf")
    assert response.status_code == 422
    assert "broken" in response.content.decode()


def test_subsetter_check_reports_a_boolean(caplog):
    assert isinstance(rendering.check_subsetter(), bool)


def test_worker_housekeeping_freezes_once_then_collects(monkeypatch):

    monkeypatch.setitem(rendering._worker_state, "frozen", False)
    try:
        rendering.worker_housekeeping()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert rendering._worker_state["frozen"] is True
        collected = []
        monkeypatch.setattr(gc, "collect", lambda *args: collected.append(args) or 0)
        rendering.worker_housekeeping()
        assert collected == [()]  # a full collection, and nothing frozen again
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
