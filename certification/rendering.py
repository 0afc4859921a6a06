"""PDF certificates, rendered with WeasyPrint from the certificate's frozen data alone.

A certificate stores everything its PDF shows: the recipient's name, the module, the state
and, in ``Certificate.design``, the template's text, colours, images and signatories as they
were at issue (see ``design_snapshot``). ``render_certificate`` reads nothing else, so a PDF
rendered again years later (the stored file lost, a bucket migrated) is the same document.

Rendering is sandboxed: the ``CertificateURLFetcher`` serves only the files bundled under
``certification/assets/``, the uploaded images the design names (read through Django's
default storage) and ``data:`` URIs. Anything else stops the render with ``RenderError``;
nothing is ever fetched from the network. Text from templates and names is escaped, never
evaluated, so ``<img src=…>`` or ``url(file:///etc/passwd)`` in a name prints literally.

Speed (targets and figures: docs/benchmarks.md, "PDF certificates"):

- WeasyPrint's font configuration and the parsed stylesheets are built once per process
  (``_resources``) and shared by every render. Besides saving that work on every render,
  this avoids a leak: a fresh ``FontConfiguration`` per document is never freed in WeasyPrint 70.
- The design has few elements, no tables and no floats: styling and laying out boxes is
  most of the time.
- Uploaded images are decoded and encoded for the PDF once per process (``_raster_image``),
  and the QR code is a small PNG built here (``_qr_image``), not an SVG path that WeasyPrint
  would parse in Python. Both reach WeasyPrint through its image cache.
"""

from __future__ import annotations

import atexit
import copy
import ctypes.util
import datetime
import gc
import hashlib
import io
import logging
import re
import signal
import threading
import time
import urllib.parse
import zoneinfo
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pydyf
import segno
import weasyprint
import weasyprint.urls
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from PIL import Image, ImageOps, UnidentifiedImageError
from weasyprint import DEFAULT_OPTIONS
from weasyprint.images import RasterImage
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from lms.core.cache import caches_enabled, on_reset
from lms.core.site_url import absolute_url
from lms.core.storage import StorageUnavailable, storage_errors

from .models import Certificate

if TYPE_CHECKING:
    from .models import CertificateTemplate

logger = logging.getLogger(__name__)

ASSETS_DIR = (Path(__file__).resolve().parent / "assets").resolve()
PDF_TEMPLATE = "certification/pdf/certificate.html"
INDIA = zoneinfo.ZoneInfo("Asia/Kolkata")
DEFAULT_RENDER_TIMEOUT = 20.0
#: The scheme of the URLs by which the certificate's HTML names uploaded images. It is not a
#: real protocol: only ``CertificateURLFetcher`` understands it, and only for the names listed
#: in the design being rendered.
MEDIA_SCHEME = "lms-media"
#: The URL by which the certificate's HTML names its QR code, likewise understood only by the
#: renderer (see ``_qr_image``).
QR_URL = "lms-qr:verification"
#: Uploaded images larger than this are refused: a signature or a logo never needs more,
#: and it bounds the memory of the image cache below.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: Uploaded images are scaled down to this many pixels on their longer side before they are
#: embedded: over 1,000 dpi for a 30 mm logo.
MAX_IMAGE_SIDE = 1200
DESIGN_VERSION = 1
QR_MASK = 4
QR_PIXELS = 4
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class RenderError(Exception):
    """The certificate could not be rendered: a missing or broken image, a resource outside
    the allow-list, a render over the time limit, or WeasyPrint failing."""


class _RenderTimedOut(BaseException):
    # A BaseException, so that WeasyPrint's many ``except Exception`` blocks (which turn a
    # failing image into a warning, for instance) let it through to ``render_certificate``.
    pass


# --- Fixed wording --------------------------------------------------------------------------
# The labels and month names printed on the certificate are frozen into the design at issue
# (like the template's text), so they do not come from gettext: a changed translation must
# not change a certificate re-rendered later.

MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "hi": [
        "जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून",
        "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर",
    ],
    "as": [
        "জানুৱাৰী", "ফেব্ৰুৱাৰী", "মাৰ্চ", "এপ্ৰিল", "মে'", "জুন",
        "জুলাই", "আগষ্ট", "ছেপ্তেম্বৰ", "অক্টোবৰ", "নৱেম্বৰ", "ডিচেম্বৰ",
    ],
}  # fmt: skip

LABELS = {
    "en": {
        "module": "Module",
        "version": "version",
        "issued": "Issued",
        "valid_until": "Valid until",
        "state": "Issued in",
        "score": "Score",
        "serial": "Serial no.",
        "code": "Verification code",
        "verify": "Verify this certificate by scanning the code or at",
    },
    "hi": {
        "module": "मॉड्यूल",
        "version": "संस्करण",
        "issued": "जारी",
        "valid_until": "वैधता",
        "state": "राज्य",
        "score": "अंक",
        "serial": "क्रमांक",
        "code": "सत्यापन कोड",
        "verify": "इस प्रमाणपत्र को कोड स्कैन करके या यहाँ सत्यापित करें",
    },
}

#: A duration as the site prints it (``modules.learning``'s ``duration`` filter and its
#: translations): "45 min", "1 h 10 min", "2 h". Frozen into the design like the labels.
DURATION_UNITS = {
    "en": {"minutes": "{minutes} min", "hours": "{hours} h", "both": "{hours} h {minutes} min"},
    "hi": {
        "minutes": "{minutes} मिनट",
        "hours": "{hours} घंटे",
        "both": "{hours} घंटे {minutes} मिनट",
    },
    "as": {
        "minutes": "{minutes} মিনিট",
        "hours": "{hours} ঘণ্টা",
        "both": "{hours} ঘণ্টা {minutes} মিনিট",
    },
}

DEFAULT_TEXT = {
    "en": {
        "title": "Certificate of Completion",
        "body": (
            "This is to certify that {learner_name} has successfully completed the training "
            "module “{module_title}” ({module_code}), {duration}, with a score of {score}, "
            "on {issue_date}."
        ),
    },
    "hi": {
        "title": "पूर्णता प्रमाणपत्र",
        "body": (
            "प्रमाणित किया जाता है कि {learner_name} ने प्रशिक्षण मॉड्यूल “{module_title}” "
            "({module_code}), {duration}, {score} अंकों के साथ {issue_date} को सफलतापूर्वक "
            "पूर्ण किया।"
        ),
    },
    "as": {
        "title": "সম্পূৰ্ণতাৰ প্ৰমাণপত্ৰ",
        "body": (
            "প্ৰমাণিত কৰা হয় যে {learner_name}-এ প্ৰশিক্ষণ মডিউল “{module_title}” "
            "({module_code}), {duration}, {score} নম্বৰৰ সৈতে {issue_date} তাৰিখে "
            "সফলতাৰে সম্পূৰ্ণ কৰিছে।"
        ),
    },
}

#: Sample data for the admin's preview, with a name in the template's second script.
SAMPLE_NAMES = {
    "en": "Priya Sharma",
    "hi": "प्रिया शर्मा",
    "as": "প্ৰিয়াংকা বৰুৱা",
}


def _languages(language: str) -> tuple[str, str | None]:
    """(primary, secondary) languages of a design: "en+as" → ("en", "as")."""
    primary, _plus, secondary = language.partition("+")
    return (primary if primary in MONTHS else "en"), (secondary if secondary in MONTHS else None)


def design_languages(design: dict) -> list[str]:
    """The languages a frozen design's text is written in, primary first."""
    primary, secondary = _languages(design.get("language") or "en")
    return [primary] + ([secondary] if secondary else [])


def _module_title(certificate: Certificate, language: str) -> str:
    """The module's title in ``language``: the title of its translation frozen into the
    design at issue (``module_titles``), else the title the certificate records (English)."""
    titles = (certificate.design or {}).get("module_titles") or {}
    return titles.get(language) or certificate.module_title


def _state_name(certificate: Certificate, language: str) -> str:
    """The issuing state's name in ``language`` frozen at issue (``state_names``), else the
    name the certificate records."""
    names = (certificate.design or {}).get("state_names") or {}
    return names.get(language) or certificate.issuing_state_name


# --- The design -------------------------------------------------------------------------------


def _image_name(image) -> str:
    """The storage name of an uploaded image's original file, or "" for none."""
    if image is None or not image.file:
        return ""
    return image.file.name


def design_snapshot(template: CertificateTemplate | None) -> dict:
    """Everything rendering needs from ``template``, as plain JSON, to be stored in
    ``Certificate.design`` at issue. With ``None``, the built-in English design."""
    if template is None:
        return {
            "version": DESIGN_VERSION,
            "template_id": None,
            "language": "en",
            "orientation": "landscape",
            "accent_colour": "#1d4f91",
            "title": DEFAULT_TEXT["en"]["title"],
            "body": DEFAULT_TEXT["en"]["body"],
            "secondary_title": "",
            "secondary_body": "",
            "logo_left": "",
            "logo_right": "",
            "signatories": [],
            "labels": copy.deepcopy(LABELS["en"]),
            "secondary_labels": {},
            "duration_units": {"en": copy.deepcopy(DURATION_UNITS["en"])},
        }
    primary, secondary = _languages(template.language)
    signatories = sorted(template.signatories.all(), key=lambda s: (s.sort_order or 0, s.pk or 0))
    return {
        "version": DESIGN_VERSION,
        "template_id": template.pk,
        "language": template.language,
        "orientation": template.orientation,
        "accent_colour": template.accent_colour,
        "title": template.title,
        "body": template.body,
        "secondary_title": template.secondary_title if secondary else "",
        "secondary_body": template.secondary_body if secondary else "",
        "logo_left": _image_name(template.logo_left),
        "logo_right": _image_name(template.logo_right),
        "signatories": [
            {
                "name": signatory.name,
                "designation": signatory.designation,
                "signature": _image_name(signatory.signature),
            }
            for signatory in signatories[:3]
        ],
        "labels": copy.deepcopy(LABELS.get(primary, LABELS["en"])),
        # Assamese certificates carry English labels beside the Assamese text.
        "secondary_labels": copy.deepcopy(LABELS.get(secondary, {})) if secondary else {},
        "duration_units": {
            lang: copy.deepcopy(DURATION_UNITS[lang]) for lang in (primary, secondary) if lang
        },
    }


def _design_images(design: dict) -> list[str]:
    names = [design.get("logo_left") or "", design.get("logo_right") or ""]
    names += [s.get("signature") or "" for s in design.get("signatories") or []]
    return [name for name in names if name]


# --- Text ---------------------------------------------------------------------------------


def format_date(day: datetime.date, language: str) -> str:
    months = MONTHS.get(language, MONTHS["en"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_duration(minutes: int, units: dict[str, str]) -> str:
    """``minutes`` as the site prints a duration: "45 min", "1 h 10 min", "2 h", with
    no-break spaces, so that a line never ends inside it."""
    hours, minutes = divmod(int(minutes or 0), 60)
    if not hours:
        text = units["minutes"].format(minutes=minutes)
    elif not minutes:
        text = units["hours"].format(hours=hours)
    else:
        text = units["both"].format(hours=hours, minutes=minutes)
    return text.replace(" ", "\u00a0")


def _format_score(score: Decimal | None) -> str:
    if score is None:
        return "\u2013"  # an en dash
    text = f"{Decimal(score):.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def issue_day(certificate: Certificate) -> datetime.date:
    """The issue date as printed: the day in India."""
    return certificate.issued_at.astimezone(INDIA).date()


#: Bidirectional isolates (Unicode's UAX #9): left-to-right, right-to-left and first-strong
#: isolate, and the pop that ends one.
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_FSI, _PDI = "\u2068", "\u2069"


def bidi_isolate(text: str) -> str:
    """``text`` between a first-strong isolate and its pop (U+2068 … U+2069), so that its
    direction comes from its own first letter and nothing in it can reorder the text around
    it — an Urdu name in an English sentence, or a right-to-left override in a name stored
    before names were checked for one. Within the isolate, a pop with no isolate to close
    is dropped (it would end ours early) and isolates left open are closed: any embedding
    or override the text opens ends with the isolate."""
    depth = 0
    kept = []
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    return _FSI + "".join(kept) + _PDI * depth + _PDI


#: The printed name's size steps down as it gets longer (in characters, at most
#: ``lms.accounts.validators.NAME_MAX_LENGTH``): (longest name of the step, CSS class). The
#: longest name a learner may give then wraps over a few lines and stays clear of the
#: signatures and the QR code even when a bilingual portrait certificate prints it twice
#: (a test measures it in Latin, Devanagari and Bengali). Indic scripts spend more
#: characters on a syllable, so their names are narrower than the count suggests.
NAME_SIZES = (
    (40, "recipient"),
    (80, "recipient recipient--long"),
    (120, "recipient recipient--longer"),
)
NAME_SIZE_LONGEST = "recipient recipient--longest"


def recipient_classes(name: str) -> str:
    """The CSS classes of the printed name: its size step by its length."""
    length = len(name)
    return next((css for limit, css in NAME_SIZES if length <= limit), NAME_SIZE_LONGEST)


def fill_placeholders(text: str, values: dict[str, str], *, name_class: str = "") -> SafeString:
    """``text`` as HTML paragraphs with the known ``{placeholders}`` replaced by ``values``.

    Both the text and the values are escaped; a brace pair that is not a known placeholder
    stays as it was. Replacement is one pass over the original text, so a value containing
    ``{learner_name}`` (a name typed that way) is printed as such, not substituted again.
    The name is a bidirectional isolate (``bidi_isolate``): direction marks in it cannot
    reverse the text around it. Isolate characters, not CSS: WeasyPrint 70 ignores
    ``unicode-bidi``, while Pango honours U+2068 … U+2069 in the text."""

    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            return match.group(0)
        if key != "learner_name":
            return escape(values[key])
        value = escape(bidi_isolate(values[key]))
        if name_class:
            return f'<span class="{name_class}">{value}</span>'
        return value

    escaped = escape(text)  # braces and underscores are not touched by escaping
    return mark_safe(linebreaks(_PLACEHOLDER.sub(replace, escaped), autoescape=False))  # noqa: S308


def _placeholder_values(
    certificate: Certificate, language: str, design: dict | None = None
) -> dict[str, str]:
    # Designs frozen before durations were printed the site's way carry no units.
    units = ((design or {}).get("duration_units") or {}).get(language) or DURATION_UNITS.get(
        language, DURATION_UNITS["en"]
    )
    return {
        "learner_name": certificate.recipient_name,
        "module_title": _module_title(certificate, language),
        "module_code": certificate.module_code,
        # "4.5": kept for the texts written with "{hours} hours".
        "hours": certificate.hours,
        "duration": format_duration(certificate.module_minutes, units),
        "issue_date": format_date(issue_day(certificate), language),
        "state": _state_name(certificate, language),
        "score": _format_score(certificate.score),
    }


# --- The QR code ----------------------------------------------------------------------------


def verification_url(token: str) -> str:
    """The public verification page of a certificate, as printed in its QR code."""
    # The default language, so the printed URL never depends on who triggered the render.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certification:verify", args=[token])
    return absolute_url(path)


def qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The QR code of ``url``, one row of 0 (light) and 1 (dark) modules per tuple."""
    # A fixed mask: choosing the best of the eight means building all eight on every render,
    # and any mask is a valid QR code that every reader decodes.
    qr = segno.make(url, error="m", micro=False, mask=QR_MASK)
    return tuple(tuple(1 if module else 0 for module in row) for row in qr.matrix)


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a greyscale PNG of ``QR_PIXELS`` pixels a module, no border.

    A PNG, not segno's SVG: WeasyPrint parses an SVG path in Python, which took a fifth of
    a certificate's render time, while it embeds a small image almost for free. The
    stylesheet turns interpolation off (``image-rendering: pixelated``), so viewers and
    printers keep the modules square, and the modules are several pixels wide so that a
    viewer that smooths images anyway blurs only their edges."""

    rows = qr_matrix(url)
    size = len(rows)
    image = Image.frombytes(
        "L", (size, size), bytes(0 if dark else 255 for row in rows for dark in row)
    )
    image = image.resize((size * QR_PIXELS, size * QR_PIXELS), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _qr_image(url: str):
    """WeasyPrint's image object for the QR code of ``url``, handed to it under ``QR_URL``
    through its image cache: nothing is fetched, and no data: URI is encoded and parsed."""

    data = qr_png(url)
    return RasterImage(
        Image.open(io.BytesIO(data)),
        hashlib.md5(QR_URL.encode(), usedforsecurity=False).hexdigest(),
        data,
        options=DEFAULT_OPTIONS,
    )


# --- Fetching resources -----------------------------------------------------------------------


@dataclass
class _Upload:
    """An uploaded image that was read from storage and decoded once without error."""

    data: bytes
    media_type: str
    #: WeasyPrint's image object for it, built on first use (``_raster_image``).
    raster: object | None = None


class _ImageCache:
    """Checked uploaded images by storage name, bounded, shared by the renders of a process:
    a batch of 500 certificates reads and decodes its template's logos once. Wagtail never
    rewrites an image's file under the same name, so an entry does not go stale. Only images
    that decoded without error are kept: a broken one fails every render that names it. Off
    with the caches (``LMS_CACHES=off``): every render reads and checks its images."""

    def __init__(self, limit: int = 32):
        self.limit = limit
        self._items: OrderedDict[str, _Upload] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, name: str) -> _Upload | None:
        if not caches_enabled():
            return None
        with self._lock:
            item = self._items.get(name)
            if item is not None:
                self._items.move_to_end(name)
            return item

    def put(self, name: str, item: _Upload) -> None:
        if not caches_enabled():
            return
        with self._lock:
            self._items[name] = item
            self._items.move_to_end(name)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


image_cache = _ImageCache()
on_reset(image_cache.clear)


def _load_image(name: str) -> _Upload:
    """An uploaded image, read from storage and decoded once to prove it is whole."""

    cached = image_cache.get(name)
    if cached is not None:
        return cached
    try:
        # A storage that does not answer is StorageUnavailable: the render is tried again.
        with storage_errors(f"Image {name!r}"), default_storage.open(name, "rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except (OSError, ValueError) as error:
        raise RenderError(f"Image {name!r} cannot be read: {error}") from error
    if len(data) > MAX_IMAGE_BYTES:
        raise RenderError(f"Image {name!r} is larger than {MAX_IMAGE_BYTES} bytes.")
    # A broken file must fail here: inside WeasyPrint it would only be a warning and leave a
    # hole where the signature was. WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the
    # whole process, so load() alone accepts truncated files: verify() checks the structure
    # (PNG chunks and checksums) and, for JPEG, which verify() does not check, the end marker.
    try:
        with Image.open(io.BytesIO(data)) as image:
            media_type = Image.MIME.get(image.format or "", "")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (
        OSError,
        ValueError,
        SyntaxError,
        UnidentifiedImageError,
        Image.DecompressionBombError,
    ) as error:
        raise RenderError(f"Image {name!r} is broken or not an image: {error}") from error
    if media_type == "image/jpeg" and b"\xff\xd9" not in data[-64:]:
        raise RenderError(f"Image {name!r} is broken: the JPEG data is truncated.")
    if media_type not in {"image/png", "image/jpeg", "image/gif", "image/webp"}:
        raise RenderError(f"Image {name!r} has an unsupported format ({media_type or '?'}).")
    upload = _Upload(data, media_type)
    image_cache.put(name, upload)
    return upload


def _copy_stream(stream):
    extra = pydyf.Dictionary(stream.extra)
    if isinstance(extra.get("SMask"), pydyf.Stream):
        extra["SMask"] = _copy_stream(extra["SMask"])
    return pydyf.Stream(list(stream.stream), extra, compress=stream.compress)


class _Raster(RasterImage):
    """An upload's image whose PDF streams are encoded once per process.

    WeasyPrint re-encodes a PNG for every document that shows it (to split off the
    alpha channel); this keeps the encoded data and gives each document new stream
    objects around it, since the PDF writer numbers them and replaces the mask by a
    reference."""

    def get_x_object(self, interpolate, dpi_ratio):
        key = (interpolate, dpi_ratio)
        if key not in self._x_objects:
            self._x_objects[key] = super().get_x_object(interpolate, dpi_ratio)
        return _copy_stream(self._x_objects[key])


def _raster_image(name: str, url: str):
    """WeasyPrint's image object for the checked upload ``name``, built once per process.
    Images larger than ``MAX_IMAGE_SIDE`` pixels are scaled down first: a 30 mm logo does
    not need a 12-megapixel photograph, and every PDF would carry it."""
    upload = _load_image(name)
    if upload.raster is None:
        pillow_image = Image.open(io.BytesIO(upload.data))
        data = upload.data
        if max(pillow_image.size) > MAX_IMAGE_SIDE:
            pillow_image, data = _scaled_down(pillow_image)
        raster = _Raster(
            pillow_image,
            # The identifier WeasyPrint gives the image, from its URL: stable across renders.
            hashlib.md5(url.encode(), usedforsecurity=False).hexdigest(),
            data,
            cache={},
            orientation="from-image",
            options=DEFAULT_OPTIONS,
        )
        raster._x_objects = {}
        upload.raster = raster
    return upload.raster


def _scaled_down(image):
    """``image`` no larger than ``MAX_IMAGE_SIDE`` pixels, and its encoded bytes."""

    fmt = "JPEG" if image.format in {"JPEG", "MPO"} else "PNG"
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
    if fmt == "JPEG" and image.mode not in {"RGB", "L", "CMYK"}:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
    data = buffer.getvalue()
    return Image.open(io.BytesIO(data)), data


def media_url(name: str) -> str:
    """The URL by which the certificate's HTML names an uploaded image."""
    return f"{MEDIA_SCHEME}:{urllib.parse.quote(name)}"


class _Fetcher(weasyprint.urls.URLFetcher):
    """Serves the bundled assets, the design's uploaded images and ``data:`` URIs;
    refuses everything else. Every URL asked for is kept in ``requested``."""

    def __init__(self, allowed_images: frozenset[str] = frozenset()):
        # fail_on_errors: a refused or broken resource stops the render instead of
        # being skipped with a warning. Redirects off, though nothing here follows any.
        super().__init__(allow_redirects=False, fail_on_errors=True, timeout=1)
        self.allowed_images = allowed_images
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            # urllib's DataHandler decodes the URI itself; no I/O happens.
            return super().fetch(url, headers)
        if scheme == "file":
            return self._asset(url)
        if scheme == MEDIA_SCHEME:
            name = urllib.parse.unquote(url.split(":", 1)[1])
            if name not in self.allowed_images:
                raise RenderError(f"Image {name!r} is not part of this certificate's design.")
            upload = _load_image(name)
            return weasyprint.urls.URLFetcherResponse(
                url, upload.data, {"Content-Type": upload.media_type}
            )
        raise RenderError(f"Refused to fetch {url!r}: only bundled assets may be used.")

    def _asset(self, url):
        parsed = urllib.parse.urlsplit(url)
        if parsed.netloc not in {"", "localhost"}:
            raise RenderError(f"Refused to fetch {url!r}.")
        path = Path(urllib.parse.unquote(parsed.path)).resolve()
        if not path.is_relative_to(ASSETS_DIR) or not path.is_file():
            raise RenderError(f"Refused to fetch {url!r}: not a bundled asset.")
        media_type = {
            ".css": "text/css",
            ".woff2": "font/woff2",
            ".woff": "font/woff",
            ".ttf": "font/ttf",
            ".otf": "font/otf",
            ".svg": "image/svg+xml",
            ".png": "image/png",
        }.get(path.suffix.lower(), "application/octet-stream")
        return weasyprint.urls.URLFetcherResponse(
            path.as_uri(), path.read_bytes(), {"Content-Type": media_type}
        )


def make_fetcher(allowed_images=frozenset()):
    """A fetcher limited to the bundled assets and the given uploaded images."""
    return _Fetcher(frozenset(allowed_images))


# --- Shared resources -------------------------------------------------------------------------


@dataclass
class _Resources:
    font_config: object
    stylesheets: dict[str, list]
    fetcher: object


_resources_lock = threading.Lock()
_resources_cache: _Resources | None = None


def _resources() -> _Resources:
    """The font configuration and parsed stylesheets, built once per process. Parsing the
    stylesheet with the shared font configuration loads the bundled fonts into it once."""
    global _resources_cache
    if _resources_cache is not None:
        return _resources_cache
    with _resources_lock:
        if _resources_cache is None:
            font_config = FontConfiguration()
            fetcher = make_fetcher()

            def sheet(name: str):
                return weasyprint.CSS(
                    filename=str(ASSETS_DIR / "css" / name),
                    font_config=font_config,
                    url_fetcher=fetcher,
                )

            base = sheet("certificate.css")
            # Let go of the font configuration while the interpreter is still whole: its
            # __del__ calls into modules that are gone at shutdown and prints a traceback.
            atexit.register(reset_resources)
            _resources_cache = _Resources(
                font_config=font_config,
                stylesheets={
                    "landscape": [base, sheet("landscape.css")],
                    "portrait": [base, sheet("portrait.css")],
                },
                fetcher=fetcher,
            )
    return _resources_cache


def reset_resources() -> None:
    """Forget the shared font configuration, stylesheets and image cache (tests, benchmarks)."""
    global _resources_cache
    with _resources_lock:
        _resources_cache = None
    image_cache.clear()


# --- Time limit -------------------------------------------------------------------------------


def render_timeout() -> float:
    return float(getattr(settings, "LMS_CERTIFICATE_RENDER_TIMEOUT", DEFAULT_RENDER_TIMEOUT))


@contextmanager
def _deadline(seconds: float):
    """Raise ``_RenderTimedOut`` in the block after ``seconds`` of wall time.

    Uses ``SIGALRM``, so it works only on the main thread of a process on a POSIX system:
    the ``db_worker`` and gunicorn's sync workers run requests and tasks there. Elsewhere
    (a threaded server, a thread pool) renders run without a limit, and a debug message
    says so. A timer already running (from the caller) is re-armed afterwards."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        logger.debug("Certificate render without a time limit (not on the main thread)")
        yield
        return

    def on_alarm(signum, frame):
        raise _RenderTimedOut

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            remaining = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001), previous_interval)


# --- Rendering ------------------------------------------------------------------------------


def _signatory_context(design: dict) -> list[dict]:
    return [
        {
            "name": s.get("name", ""),
            "designation": s.get("designation", ""),
            "signature_url": media_url(s["signature"]) if s.get("signature") else "",
        }
        for s in (design.get("signatories") or [])[:3]
    ]


def _facts(
    certificate: Certificate, labels: dict, secondary_labels: dict, language: str
) -> list[tuple[str, str]]:
    """(label, value) pairs of the facts row, the module first; a label reads "Issued / जारी"
    when the design has labels in a second language."""

    def label(key: str) -> str:
        second = secondary_labels.get(key)
        return f"{labels.get(key, '')} / {second}" if second else labels.get(key, "")

    module = (
        f"{certificate.module_code} \u00b7 {_module_title(certificate, language)} \u00b7 "
        f"{labels.get('version', '')} {certificate.module_version}"
    )
    facts = [
        (label("module"), module),
        (label("issued"), format_date(issue_day(certificate), language)),
    ]
    if certificate.valid_until:
        facts.append((label("valid_until"), format_date(certificate.valid_until, language)))
    facts.append((label("state"), _state_name(certificate, language)))
    if certificate.score is not None:
        facts.append((label("score"), _format_score(certificate.score)))
    return facts


def certificate_html(certificate: Certificate, *, design: dict | None = None) -> str:
    """The HTML from which the PDF is made (for tests and debugging)."""
    design = certificate.design if design is None else design
    if not design:
        design = design_snapshot(None)
    primary, secondary = _languages(design.get("language", "en"))
    accent = design.get("accent_colour", "")
    url = verification_url(certificate.token)
    labels = design.get("labels") or LABELS["en"]
    secondary_labels = design.get("secondary_labels") or {}
    name_css = recipient_classes(certificate.recipient_name)
    context = {
        "certificate": certificate,
        "lang": primary,
        "secondary_lang": secondary,
        "orientation": "portrait" if design.get("orientation") == "portrait" else "landscape",
        # Checked again here: the design is data, and the colour lands in a style attribute.
        "accent": accent if _COLOUR.match(accent or "") else "#1d4f91",
        "title": design.get("title", ""),
        "body": fill_placeholders(
            design.get("body", ""),
            _placeholder_values(certificate, primary, design),
            name_class=name_css,
        ),
        "secondary_title": design.get("secondary_title", "") if secondary else "",
        "secondary_body": (
            fill_placeholders(
                design.get("secondary_body", ""),
                _placeholder_values(certificate, secondary, design),
                name_class=name_css,
            )
            if secondary and design.get("secondary_body")
            else ""
        ),
        "labels": labels,
        "facts": _facts(certificate, labels, secondary_labels, primary),
        "logo_left": media_url(design["logo_left"]) if design.get("logo_left") else "",
        "logo_right": media_url(design["logo_right"]) if design.get("logo_right") else "",
        "signatories": _signatory_context(design),
        "created": certificate.issued_at.astimezone(INDIA).replace(microsecond=0).isoformat(),
        "verification_url": url,
        "qr_src": QR_URL,
    }
    return render_to_string(PDF_TEMPLATE, context)


def render_certificate(certificate: Certificate) -> bytes:
    """The certificate's PDF, from its frozen fields and ``design`` only.

    Raises ``RenderError`` when an image is missing or broken, a resource outside the
    allow-list is asked for, WeasyPrint fails, or the render takes longer than
    ``LMS_CERTIFICATE_RENDER_TIMEOUT`` seconds (default 20; see ``_deadline`` for where
    the limit applies)."""
    return _render(certificate, fetcher=None)


def _render(certificate: Certificate, *, fetcher=None, design: dict | None = None) -> bytes:
    design = certificate.design if design is None else design
    if not design:
        design = design_snapshot(None)
    resources = _resources()  # outside the time limit: built once, never half-built
    if fetcher is None:
        fetcher = make_fetcher(_design_images(design))
    orientation = "portrait" if design.get("orientation") == "portrait" else "landscape"
    try:
        html = certificate_html(certificate, design=design)
        with _deadline(render_timeout()):
            # Every uploaded image is asked of the fetcher as WeasyPrint would (the
            # allow-list, storage and the check that it decodes), then handed to WeasyPrint
            # already decoded through its image cache, which it consults before fetching.
            images = {QR_URL: _qr_image(verification_url(certificate.token))}
            for name in _design_images(design):
                url = media_url(name)
                fetcher.fetch(url)
                images[url] = _raster_image(name, url)
            document = weasyprint.HTML(
                string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher
            )
            return document.write_pdf(
                stylesheets=resources.stylesheets[orientation],
                font_config=resources.font_config,
                cache=images,
                # A fixed identifier: two renders of one certificate give the same bytes.
                pdf_identifier=certificate.serial.encode() or b"certificate",
            )
    except _RenderTimedOut:
        raise RenderError(
            f"Rendering took longer than {render_timeout():g} s and was stopped."
        ) from None
    except FatalURLFetchingError as error:
        cause = error.__cause__
        if isinstance(cause, StorageUnavailable):
            raise cause from None
        if isinstance(cause, RenderError):
            raise RenderError(str(cause)) from cause
        raise RenderError(str(error)) from error
    except (RenderError, StorageUnavailable):
        # A storage that did not answer is no fault of the design: the render may be retried.
        raise
    except Exception as error:
        raise RenderError(f"The PDF could not be rendered: {error}") from error


def sample_certificate(template: CertificateTemplate) -> Certificate:
    """An unsaved certificate for previewing ``template``, named in its second script."""
    return sample_certificate_of(design_snapshot(template))


def sample_certificate_of(design: dict) -> Certificate:
    """An unsaved certificate of a sample learner and module in ``design`` (a
    ``design_snapshot``), the learner named in its second script."""
    primary, secondary = _languages(design["language"])
    name = SAMPLE_NAMES.get(secondary or primary, SAMPLE_NAMES["en"])
    return Certificate(
        serial="AS-2026-000042",
        token="sample-preview-token",  # noqa: S106 - not a secret, the preview's QR
        code="7K2QMX4RTB9WCH3D",
        recipient_name=name,
        module_code="CP-101",
        module_title="Foundations of Child Protection",
        module_version="1.0",
        module_minutes=270,
        issuing_state_name="Assam",
        score=Decimal("86.5"),
        issued_at=datetime.datetime(2026, 11, 22, 10, 30, tzinfo=INDIA),
        valid_until=datetime.date(2029, 11, 21),
        design=design,
    )


def render_sample(template: CertificateTemplate) -> bytes:
    """A sample PDF of ``template`` for the admin's preview (sample learner and module)."""
    return render_certificate(sample_certificate(template))


# --- Start-up check ---------------------------------------------------------------------------


def check_subsetter() -> bool:
    """Whether HarfBuzz's font subsetter (Debian: ``libharfbuzz-subset0``) is available.

    Without it WeasyPrint subsets fonts with fontTools, which makes a certificate several
    times slower (fontTools 4.68 and later). Logs a warning when it is missing; call it once
    at start-up."""
    found = ctypes.util.find_library("harfbuzz-subset") is not None
    if not found:
        logger.warning(
            "HarfBuzz's font subsetter (libharfbuzz-subset0) is missing: PDF certificates "
            "will render several times slower. Install it, or pin fontTools below 4.68."
        )
    return found


# --- Long-running workers ---------------------------------------------------------------------

_worker_state = {"frozen": False}


def worker_housekeeping() -> None:
    """Free what a task's renders left behind, in a worker process that lives on (the
    certificate tasks call it when they finish; web requests never do).

    WeasyPrint's documents leave reference cycles that only a full collection frees, and
    Python rarely runs one by itself: without this a worker's memory grows much faster
    (docs/benchmarks.md, "Worker memory"). The first call moves everything alive by then
    (Django, the fonts and stylesheets loaded for the first render) out of the collector's
    sight (``gc.freeze``), so that each later full collection looks at a task's leftovers
    only."""
    gc.collect()
    if not _worker_state["frozen"]:
        gc.freeze()
        _worker_state["frozen"] = True
