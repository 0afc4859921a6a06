"""Demo posts: every active district of Assam and Bihar, and each state's own units (the State
Child Protection Society), with posts sanctioned and filled for the main cadres in the current
month and the same month six and twelve months before.

The figures follow the units' usual staffing (a DCPU of one DCPO, one to three protection
officers for institutional care, one for non-institutional care, a legal-cum-probation officer,
a counsellor, two social workers, two or three outreach workers and a data analyst; a CWC of a
chairperson and four members; a JJB's two social-worker members; the SJPU's officers, its two
social workers and a child welfare police officer per police station; the staff of the district's
child care institutions; the district's child helpline unit). They are made from each district's
name, so every run gives the same figures; most districts have a few vacancies and a few are
badly staffed.
"""

from __future__ import annotations

import random

from django.utils import timezone

from lms.accounts.models import Cadre
from lms.core.dates import add_months, month_start
from lms.core.demo import demo_seeder
from lms.geography.models import District, State

from .models import PostCount

STATES = ("AS", "BR")
#: The months reported, counted back from the current one.
MONTHS_BACK = (12, 6, 0)
#: Districts staffed far below their sanction (a third to a half of the posts filled).
BADLY_STAFFED = {
    "AS": ("Dima Hasao", "South Salmara Mankachar", "Hailakandi", "Majuli"),
    "BR": ("Sheohar", "Kishanganj", "Araria", "Supaul"),
}
#: State-level posts of the SCPS (sanctioned, filled a year ago, filled now).
STATE_POSTS = {"AS": (18, 9, 12), "BR": (24, 11, 15)}


def _sanctioned(rng: random.Random) -> dict[str, int]:
    """One district's posts per cadre slug."""
    police_stations = rng.randint(8, 28)
    institutions = rng.randint(1, 4)
    return {
        "dcpo": 1,
        "po-institutional": rng.randint(1, 3),
        "po-non-institutional": 1,
        "legal-probation-officer": 1,
        "counsellor": 1 + institutions,  # the DCPU's and one per institution
        "social-worker": 2 + 2,  # the DCPU's two and the SJPU's two
        "outreach-worker": rng.randint(2, 3),
        "data-analyst": 1,
        "cwc-member": 5,
        "jjb-member": 2,
        "sjpu-officer": rng.randint(2, 4),
        "cwpo": police_stations,
        "cci-superintendent": institutions,
        "cci-staff": institutions * rng.randint(6, 10),
        "child-helpline": 8,
    }


def _filled(rng: random.Random, sanctioned: int, *, share: float) -> int:
    """Posts filled now: ``share`` of the sanction, give or take one."""
    filled = round(sanctioned * share) + rng.choice((-1, 0, 0, 0, 1))
    return max(0, min(sanctioned, filled))


def district_posts(state_code: str, district_name: str) -> dict[str, list[tuple[int, int]]]:
    """Per cadre slug, ``(sanctioned, filled)`` for each month of ``MONTHS_BACK`` (oldest
    first): the same figures on every run."""
    rng = random.Random(f"posts/{state_code}/{district_name}")  # noqa: S311 - demo figures
    badly = district_name in BADLY_STAFFED[state_code]
    posts = {}
    for slug, sanctioned in _sanctioned(rng).items():
        share = rng.uniform(0.3, 0.5) if badly else rng.uniform(0.75, 1.0)
        now = _filled(rng, sanctioned, share=share)
        # A year ago a post or two fewer were sanctioned or filled; half a year ago, in between.
        then_sanctioned = max(1, sanctioned - (1 if sanctioned > 4 and rng.random() < 0.3 else 0))
        year_ago = min(then_sanctioned, max(0, now - rng.choice((0, 1, 1, 2))))
        half_year_ago = min(sanctioned, max(year_ago, now - rng.choice((0, 0, 1))))
        posts[slug] = [(then_sanctioned, year_ago), (sanctioned, half_year_ago), (sanctioned, now)]
    return posts


@demo_seeder(order=25)
def seed_workforce() -> list[str]:
    this_month = month_start(timezone.localdate())
    months = [add_months(this_month, -back) for back in MONTHS_BACK]
    cadres = dict(Cadre.objects.values_list("slug", "pk"))
    states = {state.code: state for state in State.objects.filter(code__in=STATES)}
    districts = District.objects.filter(state__code__in=STATES, is_active=True).select_related(
        "state"
    )
    existing = set(
        PostCount.objects.filter(state__code__in=STATES, as_of__in=months).values_list(
            "district_id", "cadre_id", "as_of"
        )
    )
    rows = []

    def add(state, district, slug, month, sanctioned, filled):
        if (district.pk if district else None, cadres[slug], month) in existing:
            return
        rows.append(
            PostCount(
                state=state,
                district=district,
                cadre_id=cadres[slug],
                as_of=month,
                sanctioned=sanctioned,
                filled=filled,
                source=PostCount.Source.DEMO,
                note="Demonstration figures",
            )
        )

    for district in districts:
        for slug, figures in district_posts(district.state.code, district.name).items():
            for month, (sanctioned, filled) in zip(months, figures, strict=True):
                add(district.state, district, slug, month, sanctioned, filled)
    for code, (sanctioned, year_ago, now) in STATE_POSTS.items():
        filled_by_month = (year_ago, (year_ago + now) // 2, now)
        for month, filled in zip(months, filled_by_month, strict=True):
            add(states[code], None, "scps-staff", month, sanctioned, filled)
    PostCount.objects.bulk_create(rows, batch_size=1000)
    total = PostCount.objects.filter(source=PostCount.Source.DEMO, as_of=this_month)
    district_count = total.exclude(district=None).values("district").distinct().count()
    return [
        f"Workforce: posts of {district_count} districts of Assam and Bihar and of both "
        f"states' SCPS, reported for {', '.join(f'{m:%b %Y}' for m in months)}"
        + (f" ({len(rows)} new figures)" if rows else "")
    ]
