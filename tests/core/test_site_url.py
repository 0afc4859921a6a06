"""Absolute links (emails, the certificates' QR codes) start from the one public address,
SITE_URL, whatever address the request or the demo's server came in on."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from wagtail.models import Page, Site

from certification import rendering
from certification.models import Certificate
from lms.accounts.services import invitation_send
from lms.core.management.commands.seed_demo import _site_follows_site_url
from lms.core.site_url import absolute_url, site_url
from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://training.example.org"


@pytest.fixture
def public_site(settings):
    # As lms.settings.base sets it from SITE_URL (checked separately below).
    settings.WAGTAILADMIN_BASE_URL = PUBLIC + "/"
    return PUBLIC


def sample_certificate() -> Certificate:
    return Certificate(
        serial="AS-2026-000042",
        token="tok3n-for-the-site-url-test",
        code="7K2QMX4RTB9WCH3D",
        recipient_name="Priya Sharma",
        module_code="CP-101",
        module_title="Foundations of Child Protection",
        module_version="1.0",
        module_minutes=70,
        issuing_state_name="Assam",
        score=Decimal("86.5"),
        issued_at=datetime.datetime(2026, 11, 22, 10, 30, tzinfo=datetime.UTC),
        design=rendering.design_snapshot(None),
    )


def test_absolute_urls_start_from_the_site_url(public_site):
    assert site_url() == PUBLIC
    assert absolute_url("/learning/") == PUBLIC + "/learning/"


def test_certificate_qr_code_and_printed_address_use_the_site_url(public_site):
    cert = sample_certificate()
    url = rendering.verification_url(cert.token)
    assert url == f"{PUBLIC}/verify/{cert.token}/"
    assert url in rendering.certificate_html(cert)
    pdf = rendering.render_certificate(cert)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert "training.example.org" in "".join(page.extract_text().split())
    assert "127.0.0.1" not in page.extract_text()

    # The code printed is the code of the public address, module for module.
    def pixels(png: bytes) -> bytes:
        return Image.open(io.BytesIO(png)).convert("L").tobytes()

    codes = [image.image.convert("L").tobytes() for image in page.images]
    assert pixels(rendering.qr_png(url)) in codes
    assert pixels(rendering.qr_png(f"http://127.0.0.1:8000/verify/{cert.token}/")) not in codes


@pytest.mark.django_db
def test_invitation_email_links_to_the_site_url(public_site, mailoutbox):
    user = UserFactory(email="asha@example.org")
    invitation_send(user=user, invited_by=None)
    (message,) = mailoutbox
    assert f"{PUBLIC}/accounts/password/reset/key/" in message.body
    assert "127.0.0.1" not in message.body


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [(PUBLIC, PUBLIC), ("", "http://127.0.0.1:8000")],
)
def test_the_setting_comes_from_site_url(site_url, expected):
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url:
        environment["SITE_URL"] = site_url
    environment["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from lms.core.site_url import site_url; "
            "print(site_url())",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.django_db
def test_demo_seeding_points_wagtails_page_links_at_the_site_url(public_site):
    # Wagtail's moderation emails link to pages by their site's root URL.
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.full_url.startswith("http://localhost")
    _site_follows_site_url()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("training.example.org", 443)
    assert Page.objects.get(pk=site.root_page_id).full_url.startswith(PUBLIC + "/")
