"""The importer reads cadres and districts as people write them — display name, slug, LGD code
or a known alternative spelling, whatever the case, spacing and punctuation — through the
owner apps' lookups, says in the preview how each was read, and never guesses."""

from __future__ import annotations

import csv
import io

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.accounts.models import Cadre, User
from lms.geography.models import District
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, trainer
from trainers import imports
from trainers.models import CohortImport, CohortMember

pytestmark = pytest.mark.django_db

HEADER = ["Full name", "Email", "Mobile number", "Cadre", "Designation", "District"]
CWC = "Child Welfare Committee (CWC) member"


@pytest.fixture
def cohort():
    return make_cohort("AS", modules=[make_module(lessons=1)])


@pytest.fixture
def owner(cohort):
    return trainer("AS", group=cohort.trainer_group)


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def row(n: int, *, cadre: str = "", district: str = "Kamrup Metropolitan") -> list[str]:
    return [f"Learner {chr(64 + n)}", f"learner{n}@example.org", "", cadre, "", district]


def check(cohort, owner, rows) -> CohortImport:
    return imports.import_check(cohort=cohort, by=owner, data=csv_bytes(rows), filename="l.csv")


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "members": CohortMember.objects.count(),
    }


@pytest.mark.parametrize(
    ("written", "how"),
    [
        (CWC, None),  # exactly as listed: nothing to explain
        ("child welfare committee (CWC)  MEMBER", "name"),
        ("Child Welfare Committee CWC member", "name"),
        ("cwc-member", "slug"),
        ("CWC Member", "slug"),  # the trial's spelling, refused before
        ("C.W.C. member", "slug"),
        ("cwc_member", "slug"),
        ("CWC", "alias"),
        ("Child Welfare Committee member", "alias"),
    ],
)
def test_each_way_of_writing_a_cadre(cohort, owner, written, how):
    cohort_import = check(cohort, owner, [row(1, cadre=written)])
    summary = imports.import_summary(cohort_import)
    assert summary.ok, summary.errors
    assert summary.new[0]["cadre_id"] == Cadre.objects.get(slug="cwc-member").pk
    # Cells are read with runs of spaces as one.
    expected = [] if how is None else [(" ".join(written.split()), CWC, how)]
    assert [(m["value"], m["label"], m["how"]) for m in summary.matches] == expected


@pytest.mark.parametrize(
    ("written", "label", "how"),
    [
        ("Kamrup Metropolitan", "Kamrup Metropolitan", None),
        ("KAMRUP  METROPOLITAN", "Kamrup Metropolitan", "name"),
        ("kamrup metropolitan district", "Kamrup Metropolitan", "name"),
        ("Kamrup Metro", "Kamrup Metropolitan", "alias"),
        ("kamrup-metro", "Kamrup Metropolitan", "alias"),
        ("Karimganj", "Sribhumi", "alias"),  # renamed in 2024: the old name still reads
        ("Kamrup", "Kamrup", None),  # a name beats a look-alike
        ("__LGD__", "Kamrup Metropolitan", "code"),
    ],
)
def test_each_way_of_writing_a_district(cohort, owner, written, label, how):
    District.objects.filter(state=cohort.state, name="Kamrup Metropolitan").update(lgd_code=99901)
    if written == "__LGD__":
        written = "99901"
    cohort_import = check(cohort, owner, [row(1, district=written)])
    summary = imports.import_summary(cohort_import)
    assert summary.ok, summary.errors
    assert summary.new[0]["district_id"] == District.objects.get(state=cohort.state, name=label).pk
    expected = [] if how is None else [(" ".join(written.split()), label, how)]
    assert [(m["value"], m["label"], m["how"]) for m in summary.matches] == expected


def test_the_preview_says_how_each_spelling_was_read(client, cohort, owner):
    cohort_import = check(
        cohort,
        owner,
        [
            row(1, cadre="cwc-member", district="Kamrup Metro"),
            row(2, cadre="cwc-member", district="Kamrup Metro"),
            row(3, cadre="Counselor", district="Karimganj"),
            row(4, cadre=CWC, district="Kamrup Metropolitan"),
        ],
    )
    client.force_login(owner)
    page = client.get(
        reverse("trainers:import_detail", args=[cohort.pk, cohort_import.pk])
    ).content.decode()
    assert "Cadres and districts as read" in page
    assert f"Cadre: {CWC} ← “<bdi>cwc-member</bdi>” (slug) · 2 rows" in page
    assert "Cadre: Counsellor ← “<bdi>Counselor</bdi>” (alternative spelling)</li>" in page
    assert (
        "District: Kamrup Metropolitan ← “<bdi>Kamrup Metro</bdi>” (alternative spelling) · 2 rows"
        in page
    )
    assert "District: Sribhumi ← “<bdi>Karimganj</bdi>” (alternative spelling)</li>" in page
    # Values written exactly as listed are not explained.
    assert "“<bdi>Kamrup Metropolitan</bdi>”" not in page
    assert "The file is correct: 4 learners" in page


def test_an_unknown_cadre_is_an_error_on_its_line_and_nothing_is_written(cohort, owner):
    before = counts()
    cohort_import = check(cohort, owner, [row(1, cadre="CWC"), row(2, cadre="Astronaut")])
    summary = imports.import_summary(cohort_import)
    assert [(e["line"], e["column"], e["value"], e["message"]) for e in summary.errors] == [
        (3, "cadre", "Astronaut", "Unknown cadre: use one of the template's list.")
    ]
    with pytest.raises(ValidationError):
        imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert counts() == before


def test_a_spelling_that_fits_two_districts_is_an_error_not_a_guess(client, cohort, owner):
    District.objects.filter(state=cohort.state, name__in=["Kamrup", "Kamrup Metropolitan"]).update(
        aliases=["Kamrup Area"]
    )
    before = counts()
    cohort_import = check(cohort, owner, [row(1, district="kamrup area")])
    summary = imports.import_summary(cohort_import)
    assert [(e["line"], e["column"], e["message"]) for e in summary.errors] == [
        (
            2,
            "district",
            "“kamrup area” could mean several: Kamrup; Kamrup Metropolitan. "
            "Write one of them in full.",
        )
    ]
    assert summary.new == []
    with pytest.raises(ValidationError):
        imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert counts() == before


def test_a_district_of_another_state_is_named_with_its_state(cohort, owner):
    cohort_import = check(cohort, owner, [row(1, district="patna district"), row(2, district="X")])
    messages = [e["message"] for e in imports.import_summary(cohort_import).errors]
    assert messages == [
        "patna district is a district of Bihar, not of Assam.",
        "Unknown district of Assam.",
    ]
