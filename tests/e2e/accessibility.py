"""Accessibility checks for the browser tests: axe-core's WCAG 2.1 A/AA rules on the page as the
browser shows it, and the reflow rule axe cannot see (WCAG 1.4.10: no page scrolls sideways at
320 CSS px of width; the tests use a 360 px phone).

axe-core is vendored under ``tests/e2e/vendor/axe-core`` (from npm, MPL-2.0; see
``scripts/vendor-assets.sh``). It is evaluated through the DevTools protocol, which the
site's Content Security Policy does not apply to, so the pages are audited exactly as served.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"

#: What the bar is: WCAG 2.0 and 2.1, levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Impacts that fail a test. Minor and moderate findings are printed by ``findings`` for a
#: person to judge, but the bar is "no serious or critical violation".
FAILING = {"serious", "critical"}

#: Violations that wait on another project, by rule and the page path they occur under, with
#: the upstream issue. Nothing of the site's own is excused here.
UPSTREAM = {
    # Wagtail's page editor: the Draftail rich-text editor's textbox has no accessible name.
    ("aria-input-field-name", "/admin/pages/"): "wagtail/wagtail#14205",
}


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def findings(page) -> list[dict]:
    """axe-core's violations of ``TAGS`` on the current page, each with its impact, rule,
    help text and the first few offending elements."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async (tags) => {
            const found = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return found.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary),
            }));
        }""",
        TAGS,
    )


def _excused(rule: str, path: str) -> bool:
    return any(rule == r and path.startswith(prefix) for (r, prefix) in UPSTREAM)


def assert_accessible(page, label: str = "") -> None:
    """No serious or critical axe violation on the current page (bar the upstream ones named
    in ``UPSTREAM``), and no sideways scrolling at the current width."""
    path = page.evaluate("() => location.pathname")
    failing = [v for v in findings(page) if v["impact"] in FAILING and not _excused(v["id"], path)]
    where = f"{label or path} at {page.viewport_size['width']} px"
    assert not failing, f"{where}: " + "; ".join(
        f"{v['impact']} {v['id']} ({v['help']}): {' | '.join(v['nodes'])}" for v in failing
    )
    assert_no_sideways_scroll(page, where)


def assert_no_sideways_scroll(page, where: str = "") -> None:
    """The page is no wider than the window (WCAG 1.4.10 reflow): wide tables scroll inside
    their own containers, never the page."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    page_width, window_width, body_width = widths
    assert max(page_width, body_width) <= window_width, (
        f"{where or page.url}: the page is {max(page_width, body_width)} px wide"
        f" in a {window_width} px window"
    )
