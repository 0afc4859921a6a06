"""How long one certificate PDF takes, against a bare one-line PDF rendered in the same run,
and how much a worker's memory grows over many certificates.

    .venv/bin/python -m bench.certificates       # 50 timed renders a case, 1,000 for memory
    .venv/bin/python -m bench.certificates --renders 100 --memory-renders 2000

Cases (each a median of ``--renders`` renders after two warm-up renders):

- *bare*: ``weasyprint.HTML(string="<p>…</p>").write_pdf()`` with default arguments;
- *certificate*: ``certification.rendering.render_certificate`` as the issue task calls it
  (shared FontConfiguration and pre-parsed stylesheets), a bilingual English + Hindi design
  with two logos and two signature images, a Hindi name, a new token (QR code) each time;
  uploaded images are decoded once per process, as in a worker;
- *certificate, nothing reused*: the same, but the font configuration, stylesheets and
  image cache are built afresh for every render (what default WeasyPrint calls do).

Memory: the worker's resident set (``/proc/self/statm``) after the warm-up and after
``--memory-renders`` certificates, in a fresh process per case. In the shared case the
process does what a worker does after each task of a bulk issue (20 certificates):
``rendering.worker_housekeeping()``. Renders run on this process's
main thread, so the render time limit (SIGALRM) is armed as it is in a worker.

The settings are the test settings (in-memory file storage; nothing touches the database).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import subprocess
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from certification import rendering  # noqa: E402
from certification.models import Certificate  # noqa: E402
from certification.services import BATCH_CHUNK, new_token  # noqa: E402

MIB = 1024 * 1024
TIMES = "\N{MULTIPLICATION SIGN}"


def rss() -> int:
    with open("/proc/self/statm") as statm:  # noqa: PTH123
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def png(size: tuple[int, int]) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size[0] - 4, size[1] - 4), outline=(29, 79, 145, 255), width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def make_design() -> dict:
    logo = default_storage.save("original_images/bench-logo.png", ContentFile(png((300, 200))))
    signature = default_storage.save(
        "original_images/bench-signature.png", ContentFile(png((400, 120)))
    )
    design = rendering.design_snapshot(None)
    design.update(
        language="en+hi",
        secondary_title=rendering.DEFAULT_TEXT["hi"]["title"],
        secondary_body=rendering.DEFAULT_TEXT["hi"]["body"],
        secondary_labels=rendering.LABELS["hi"],
        logo_left=logo,
        logo_right=logo,
        signatories=[
            {"name": "A. Kumar", "designation": "Director, SCPS", "signature": signature},
            {"name": "B. Das", "designation": "Member Secretary", "signature": signature},
        ],
    )
    return design


def make_certificate(design: dict, number: int) -> Certificate:
    """The admin's sample certificate in ``design`` (a Hindi name in "en+hi"), with its own
    serial and a new token as issued (128 bits)."""
    certificate = rendering.sample_certificate_of(design)
    certificate.serial = f"AS-2026-{number:06d}"
    certificate.token = new_token()
    return certificate


def bare() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>Certificate of Completion</p>").write_pdf()


def certificate_shared(design: dict, number: int) -> bytes:
    return rendering.render_certificate(make_certificate(design, number))


def certificate_fresh(design: dict, number: int) -> bytes:
    rendering.reset_resources()
    return rendering.render_certificate(make_certificate(design, number))


def median_ms(function, renders: int) -> float:
    for _ in range(2):
        function()
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def memory(case: str, renders: int) -> None:
    """Run in a child process: print the RSS growth over ``renders`` certificates."""
    design = make_design()
    render = certificate_shared if case == "shared" else certificate_fresh
    for number in range(3):
        render(design, number)
    if case == "shared":  # as a worker does after each task (a chunk of a bulk issue)
        rendering.worker_housekeeping()
    before = rss()
    for number in range(renders):
        render(design, number)
        if case == "shared" and number % BATCH_CHUNK == BATCH_CHUNK - 1:
            rendering.worker_housekeeping()
    after = rss()
    print(f"{before} {after}")


def run_memory(case: str, renders: int) -> tuple[float, float]:
    output = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "bench.certificates",
            "--memory-case",
            case,
            "--memory-renders",
            str(renders),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    before, after = int(output[-2]), int(output[-1])
    return before / MIB, after / MIB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=50, help="timed renders per case")
    parser.add_argument("--memory-renders", type=int, default=1000)
    parser.add_argument("--fresh-memory-renders", type=int, default=50)
    parser.add_argument("--memory-case", choices=["shared", "fresh"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_case:
        memory(args.memory_case, args.memory_renders)
        return

    import weasyprint

    design = make_design()
    counter = iter(range(10**9))
    bare_ms = median_ms(bare, args.renders)
    shared_ms = median_ms(lambda: certificate_shared(design, next(counter)), args.renders)
    fresh_ms = median_ms(lambda: certificate_fresh(design, next(counter)), args.renders)
    size = len(certificate_shared(design, 0))

    print(
        f"WeasyPrint {weasyprint.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, HarfBuzz subsetter: "
        f"{'yes' if rendering.check_subsetter() else 'NO'}; certificate PDF {size / 1024:.0f} KiB"
    )
    print()
    print("| case | median ms | ÷ bare |")
    print("| --- | ---: | ---: |")
    for label, ms in (
        ("bare one-line PDF", bare_ms),
        ("certificate (shared fonts and stylesheet)", shared_ms),
        ("certificate, nothing reused", fresh_ms),
    ):
        print(f"| {label} | {ms:.1f} | {ms / bare_ms:.1f}{TIMES} |")
    print()
    print("| memory case | renders | RSS before MiB | RSS after MiB | growth MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for case, renders in (
        ("shared", args.memory_renders),
        ("fresh", args.fresh_memory_renders),
    ):
        before, after = run_memory(case, renders)
        label = "shared (as the worker runs)" if case == "shared" else "nothing reused"
        print(f"| {label} | {renders} | {before:.1f} | {after:.1f} | {after - before:+.1f} |")


if __name__ == "__main__":
    main()
