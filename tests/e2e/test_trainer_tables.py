"""The trainers' wide tables on a phone and on a laptop: the page itself never scrolls
sideways; a wide table scrolls inside its own labelled, focusable container, its name column
stays in view, and every status column (a module, a session) can be reached with its cells."""

import datetime
import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from lms.accounts.models import User
from tests.accounts.factories import UserFactory, district_of, state
from tests.e2e.test_trainer_journey import staff_log_in, trainer_with_secret
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, make_group
from trainers.models import Attendance
from trainers.sessions import attendance_mark, session_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"phone": (360, 740), "laptop": (1366, 900)}

#: Screenshots go outside the checkout, to a directory named by LMS_E2E_SCREENSHOTS or a new
#: temporary one.
SCREENSHOTS = Path(os.environ.get("LMS_E2E_SCREENSHOTS") or tempfile.mkdtemp(prefix="e2e-"))

# What a table's scroll container must be: scrolling sideways, positioned (so that text
# hidden for screen readers inside it is clipped by it, not by the page), focusable and named.
CONTAINER = """
(header) => {
  const box = header.closest('.table-scroll');
  if (!box) return null;
  const style = getComputedStyle(box);
  const table = header.closest('table');
  const column = header.cellIndex;
  const rows = [...table.tBodies[0].rows];
  const cells = rows.filter((row) => {
    const cell = row.cells[column];
    return cell && box.contains(cell) && cell.textContent.trim() !== '';
  }).length;
  return {
    overflow: style.overflowX,
    position: style.position,
    tabindex: box.getAttribute('tabindex'),
    named: Boolean(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')),
    role: box.getAttribute('role'),
    rows: rows.length,
    cells: cells,
    boxRight: box.getBoundingClientRect().right,
  };
}
"""

# After the container is scrolled to the header: whether the header is within the container's
# visible part and the first (name) column still shows beside it.
REACHED = """
(header) => {
  const box = header.closest('.table-scroll');
  header.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const b = box.getBoundingClientRect();
  const h = header.getBoundingClientRect();
  const row = header.closest('table').tBodies[0].rows[0];
  const name = row.querySelector('th[scope=row]');
  const n = name ? name.getBoundingClientRect() : null;
  return {
    inside: h.left >= b.left - 1 && h.right <= b.right + 1,
    nameShown: n === null
      || (n.left >= b.left - 1 && n.right <= b.right + 1 && n.right <= h.left + 1),
  };
}
"""


def no_sideways_scroll(page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert widths[0] <= widths[1], widths
    assert widths[2] <= widths[1], widths


def check_columns(page, headers, *, name: str, width: int) -> None:
    """Each of ``headers`` sits in a proper scroll container with a filled cell in every row,
    and scrolling the container brings it into view beside the name column."""
    assert headers.count() > 0, name
    for index in range(headers.count()):
        header = headers.nth(index)
        box = header.evaluate(CONTAINER)
        assert box is not None, (name, index)
        assert box["overflow"] in {"auto", "scroll"}, (name, box)
        assert box["position"] != "static", (name, box)
        assert box["tabindex"] == "0", (name, box)
        assert box["named"], (name, box)
        assert box["role"] == "region", (name, box)
        assert box["rows"] > 0, (name, box)
        assert box["cells"] == box["rows"], (name, index, box)
        assert box["boxRight"] <= width + 1, (name, box)
        reached = header.evaluate(REACHED)
        assert reached["inside"], (name, index, reached)
        assert reached["nameShown"], (name, index, reached)
    no_sideways_scroll(page)


def shoot(page, label: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{label}.png"), full_page=True)


@pytest.fixture
def wide_cohort():
    """An Assam cohort of six modules, seven learners with long names and three sessions
    with attendance taken: wider than any laptop's screen."""
    modules = [
        make_module(code=f"CP-90{n}", title=f"Casework module {n}", lessons=2) for n in range(6)
    ]
    group = make_group("AS", name="Assam State Core Trainer Group")
    cohort = make_cohort("AS", group=group, modules=modules, learners=7, district=district_of("AS"))
    names = [
        "Anupam Borah",
        "Rita Kalita",
        "Mousumi Das",
        "Chandrakanta Bhattacharyya-Barooah",
        "Dipen Kalita",
        "Esha Nath",
        "Pranjal Hazarika",
    ]
    people = list(User.objects.filter(cohort_memberships__cohort=cohort).order_by("pk"))
    for user, full_name in zip(people, names, strict=True):
        User.objects.filter(pk=user.pk).update(full_name=full_name)
    sessions = []
    for n in range(3):
        starts = timezone.now() - datetime.timedelta(days=3 - n)
        session = session_create(
            cohort=cohort,
            module=modules[n],
            title=f"Day {n + 1}: case conferences and follow-up",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            venue="DCPU hall, Guwahati",
            by=None,
        )
        statuses = [Attendance.Status.PRESENT, Attendance.Status.ABSENT]
        attendance_mark(
            session=session,
            marks={user.pk: statuses[i % 2] for i, user in enumerate(people[:-1])},
            by=None,
        )
        sessions.append(session)
    trainer, secret = trainer_with_secret("AS", group)
    UserFactory(state=state("AS"))  # someone not in the cohort
    return {
        "cohort": cohort,
        "modules": modules,
        "sessions": sessions,
        "trainer": trainer,
        "secret": secret,
    }


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_wide_tables_scroll_inside_their_box_and_never_the_page(
    live_server, browser, wide_cohort, viewport
):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-IN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    cohort = wide_cohort["cohort"]
    base = f"{live_server.url}/trainers/cohorts/{cohort.pk}"
    try:
        staff_log_in(page, live_server, wide_cohort["trainer"], wide_cohort["secret"])

        # The progress matrix: a column per module, each reachable with its cells.
        page.goto(f"{base}/progress/")
        matrix = page.locator("table.progress-matrix")
        matrix.wait_for()
        shoot(page, f"{viewport}-progress")
        codes = [m.code for m in wide_cohort["modules"]]
        headers = matrix.locator("thead th").filter(has_text="CP-90")
        assert headers.all_inner_texts() == codes
        check_columns(page, headers, name="progress", width=width)
        for column in ("Progress", "Last activity", "At risk"):
            check_columns(
                page,
                matrix.locator("thead th").filter(has_text=column).first,
                name=column,
                width=width,
            )
        shoot(page, f"{viewport}-progress-scrolled")
        # A keyboard user can reach the container and scroll it.
        box = page.locator(".table-scroll").filter(has=matrix)
        box.evaluate("e => { e.scrollLeft = 0; }")
        box.focus()
        assert page.evaluate("() => document.activeElement.classList.contains('table-scroll')")
        before = box.evaluate("e => e.scrollLeft")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("End")
        page.wait_for_timeout(300)
        if box.evaluate("e => e.scrollWidth > e.clientWidth"):
            assert box.evaluate("e => e.scrollLeft") > before

        # The cohort's learners.
        page.goto(f"{base}/")
        members = page.locator(".table-scroll").filter(has_text="Chandrakanta")
        members.wait_for()
        assert members.get_attribute("aria-labelledby") == "members-title"
        shoot(page, f"{viewport}-learners")
        check_columns(page, members.locator("thead th"), name="learners", width=width)

        # The attendance grid of one session: every choice of every learner within the screen.
        session = wide_cohort["sessions"][0]
        page.goto(f"{base}/sessions/{session.pk}/")
        page.locator("[data-attendance-row]").first.wait_for()
        shoot(page, f"{viewport}-session")
        no_sideways_scroll(page)
        rights = page.locator(".attendance-choice").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)"
        )
        assert len(rights) == 7 * 3
        assert max(rights) <= width, rights

        # The attendance sheet: a column per session, each reachable with its cells.
        page.goto(f"{base}/attendance/")
        sheet = page.locator("table.attendance-sheet")
        sheet.wait_for()
        shoot(page, f"{viewport}-attendance")
        sessions = sheet.locator("thead th.attendance-sheet__session")
        assert sessions.count() == 3
        check_columns(page, sessions, name="attendance", width=width)
        check_columns(
            page,
            sheet.locator("thead th").filter(has_text="attended"),
            name="attendance shares",
            width=width,
        )
        shoot(page, f"{viewport}-attendance-scrolled")
    finally:
        context.close()
