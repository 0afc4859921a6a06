"""The images and documents that module files describe as data (``assets.yaml``), made into
Wagtail images and documents: an image is a box diagram drawn with Pillow, a document a short
page printed to PDF with WeasyPrint. Each is created once and found again by its title."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from weasyprint import HTML


def diagram_png(rows: list[list[str]]) -> bytes:
    """Draw rows of labelled boxes, top to bottom, joined by lines: a structure chart."""
    width, box_h, gap = 1200, 90, 50
    height = gap + len(rows) * (box_h + gap)
    canvas = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 22)
    except OSError:
        font = ImageFont.load_default()
    centres_above: list[int] = []
    for index, row in enumerate(rows):
        top = gap + index * (box_h + gap)
        box_w = (width - gap * (len(row) + 1)) // len(row)
        centres = []
        for column, label in enumerate(row):
            left = gap + column * (box_w + gap)
            draw.rectangle(
                [left, top, left + box_w, top + box_h], outline="#0b3954", width=3, fill="#e8f1f6"
            )
            centre = left + box_w // 2
            centres.append(centre)
            _centred_text(draw, label, centre, top + box_h // 2, box_w - 20, font)
            for above in centres_above:
                draw.line([above, top - gap, centre, top], fill="#0b3954", width=2)
        centres_above = centres
        for centre in centres:
            draw.line([centre, top + box_h, centre, top + box_h], fill="#0b3954")
    out = BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _centred_text(draw, text: str, x: int, y: int, max_width: int, font) -> None:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= max_width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    height = 26 * len(lines)
    for number, content in enumerate(lines):
        width = draw.textlength(content, font=font)
        draw.text((x - width / 2, y - height / 2 + number * 26), content, fill="#0b3954", font=font)


def document_pdf(title: str, html: str) -> bytes:
    """``html`` (checked by ``modules.content.read_assets``) as an A4 page."""
    page = (
        "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:2cm}"
        "body{font-family:sans-serif;font-size:11pt;line-height:1.4}h1{font-size:18pt}"
        f"</style><title>{escape(title)}</title></head><body>{html}</body></html>"
    )
    return HTML(string=page).write_pdf()


def assets_ensure(assets: dict[str, dict], names: Iterable[tuple[str, str]]) -> tuple[dict, list]:
    """The database ids of the assets ``names`` (``(kind, name)`` pairs described in
    ``assets``), creating those that do not exist yet. Returns the ids by ``(kind, name)`` and
    the objects created, whose files a caller that rolls back should delete."""
    ids: dict[tuple[str, str], int] = {}
    created: list = []
    for kind, name in sorted(set(names)):
        spec = assets[name]
        model = get_image_model() if kind == "image" else get_document_model()
        existing = model.objects.filter(title=spec["title"]).order_by("pk").first()
        if existing is None:
            if kind == "image":
                png = diagram_png(spec["diagram"]["boxes"])
                existing = model(title=spec["title"], file=ImageFile(BytesIO(png), f"{name}.png"))
            else:
                pdf = document_pdf(spec["title"], spec["html"])
                existing = model(title=spec["title"], file=ContentFile(pdf, name=f"{name}.pdf"))
            existing.save()
            created.append(existing)
        ids[(kind, name)] = existing.pk
    return ids, created
