"""A spreadsheet of a state's posts: its columns and limits, the template to fill in, and the
check of every row. The file is read by ``lms.core.spreadsheets`` (like every spreadsheet people
upload); nothing here writes — ``services.posts_import_check`` and ``posts_import_confirm`` do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Cadre
from lms.accounts.selectors import cadre_lookup
from lms.core.lookup import HOW_LABELS, AmbiguousName, Match, NameLookup, lookup_key
from lms.core.spreadsheets import Choices, Column, Sheet, Template, read_sheet
from lms.geography.models import District, State
from lms.geography.selectors import district_lookup

#: Files above this size are refused before they are read.
IMPORT_MAX_BYTES = 1024 * 1024
#: Rows per file: a state's largest (75 districts and its own units) by every cadre fits.
IMPORT_MAX_ROWS = 5_000
#: More posts of one cadre in one district than this is a typing error, not a report.
MAX_POSTS = 10_000
NOTE_MAX_LENGTH = 300

#: What the district column holds for the state's own units (besides a blank cell), compared
#: as ``lookup_key`` compares names.
STATE_LEVEL_WORDS = ("State", "State level", "State-level", "SCPS", "राज्य", "ৰাজ্য")
_STATE_LEVEL_KEYS = frozenset(lookup_key(word) for word in STATE_LEVEL_WORDS)

COLUMNS = (
    Column(
        key="district",
        heading="District",
        label=gettext_lazy("District"),
        required=True,
        help=gettext_lazy(
            "A district of the state, by name or LGD code. Leave it blank or write “State” "
            "for the state's own units (the State Child Protection Society)."
        ),
        aliases=("district", "district name", "lgd code", "जिला", "ज़िला", "জিলা"),
    ),
    Column(
        key="cadre",
        heading="Cadre",
        label=gettext_lazy("Cadre"),
        required=True,
        help=gettext_lazy("One of the cadres listed below, written as shown."),
        aliases=("cadre", "post", "कैडर", "संवर्ग", "पद"),
    ),
    Column(
        key="sanctioned",
        heading="Sanctioned",
        label=gettext_lazy("Sanctioned"),
        required=True,
        help=gettext_lazy("The number of posts sanctioned: a whole number, 0 or more."),
        aliases=("sanctioned", "posts sanctioned", "sanctioned posts", "स्वीकृत", "स्वीकृत पद"),
    ),
    Column(
        key="filled",
        heading="Filled",
        label=gettext_lazy("Filled"),
        required=True,
        help=gettext_lazy(
            "The number of those posts filled: a whole number, at most the number sanctioned."
        ),
        aliases=("filled", "posts filled", "filled posts", "भरे", "भरे गए पद", "भरे पद"),
    ),
    Column(
        key="note",
        heading="Note",
        label=gettext_lazy("Note"),
        required=False,
        help=gettext_lazy("Optional. Where the figures come from, e.g. the order's number."),
        aliases=("note", "notes", "remarks", "source", "टिप्पणी"),
    ),
)
COLUMN_KEYS = [column.key for column in COLUMNS]


def read_posts(*, data: bytes, filename: str) -> Sheet:
    """Read an uploaded spreadsheet of posts; ``SpreadsheetError`` for anything that makes it
    unusable as a whole. The rows are not checked here."""
    return read_sheet(
        data=data,
        filename=filename,
        columns=COLUMNS,
        max_rows=IMPORT_MAX_ROWS,
        max_bytes=IMPORT_MAX_BYTES,
        no_rows=_("The file has no posts in it."),
    )


def template_file(*, state: State, fmt: str) -> tuple[bytes, str]:
    """The template to fill in as (content, content type), ``fmt`` "csv" or "xlsx": the
    headings and the instructions — each column, the cadres, the districts of ``state``."""
    cadres = list(Cadre.objects.order_by("sort_order", "name").values_list("name", flat=True))
    districts = list(
        District.objects.filter(state=state, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    template = Template(
        title=str(_("Posts")),
        columns=COLUMNS,
        notes=[
            _(
                "One row per district and cadre, under the headings. Lines starting with # "
                "are ignored."
            ),
            _("The month the figures describe is chosen when you upload the file."),
            _("Nothing is saved until you have checked the preview and confirmed it."),
        ],
        choices=[
            Choices(title=str(_("Cadres")), values=cadres, column="cadre", width=40),
            Choices(
                title=str(_("Districts of %(state)s") % {"state": state.name}),
                values=["State", *districts],
                column="district",
            ),
        ],
        widths=(28, 36, 14, 14, 40),
        rows=IMPORT_MAX_ROWS,
    )
    return template.render(fmt)


# --- Checking the rows ----------------------------------------------------------------------


@dataclass
class CheckedRow:
    """A row of the file that passed every check, as it will be written."""

    line: int
    district_id: int | None
    district: str
    cadre_id: int
    cadre: str
    sanctioned: int
    filled: int
    note: str
    #: The figures in force for the month before this file (sanctioned, filled), if any.
    before: tuple[int, int] | None = None

    @property
    def vacant(self) -> int:
        return self.sanctioned - self.filled

    @property
    def change(self) -> str:
        """ "new" (no figures yet), "changed" or "same", against ``before``."""
        if self.before is None:
            return "new"
        return "same" if self.before == (self.sanctioned, self.filled) else "changed"


@dataclass
class CheckedFile:
    rows: list[CheckedRow] = field(default_factory=list)
    #: {line, column, heading, value, message}
    errors: list[dict] = field(default_factory=list)
    #: Districts and cadres written otherwise than their names, as read (one per spelling):
    #: {column, value, label, how_label, rows}
    matches: list[dict] = field(default_factory=list)


class _Lookups:
    """Everything the rows are checked against, fetched in a fixed number of queries."""

    def __init__(self, *, state: State):
        self.state = state
        self.cadres = cadre_lookup()
        self.districts = district_lookup(state=state)
        self._elsewhere: NameLookup | None = None

    @property
    def elsewhere(self) -> NameLookup:
        """Districts of every state, to say where an unknown district is (asked only then)."""
        if self._elsewhere is None:
            self._elsewhere = district_lookup()
        return self._elsewhere


def parse_count(value: str) -> int:
    """A count of posts as written in a cell; ``ValueError`` with the reason to show."""
    text = value.strip().replace(",", "").replace(" ", "")
    if not text:
        raise ValueError(_("Enter a number."))
    if text.startswith("-") and text[1:].isdigit():
        raise ValueError(_("A number of posts cannot be negative."))
    if not (text.isascii() and text.isdigit()):
        raise ValueError(_("Write a whole number of posts, e.g. 3."))
    number = int(text)
    if number > MAX_POSTS:
        raise ValueError(
            _("%(number)s posts is more than a unit has (at most %(max)s): check the figure.")
            % {"number": text[:12], "max": f"{MAX_POSTS:,}"}
        )
    return number


def _district_elsewhere(value: str, lookups: _Lookups) -> str:
    """The message for a district not of the state: the state it is in, if any."""
    state = lookups.state.name
    try:
        other = lookups.elsewhere.find(value)
        others = [other.context] if other else []
    except AmbiguousName as ambiguous:
        others = sorted({match.context for match in ambiguous.matches})
    if not others:
        return _("Unknown district of %(state)s.") % {"state": state}
    return _("%(district)s is a district of %(other)s, not of %(state)s.") % {
        "district": value,
        "other": " / ".join(others),
        "state": state,
    }


def check_rows(*, sheet: Sheet, state: State, before: dict) -> CheckedFile:
    """Check every row of ``sheet`` for ``state``: each value, and the same district and
    cadre on two lines. ``before`` holds the figures in force ({(district id or None,
    cadre id): (sanctioned, filled)}) for the preview's changes. Every problem is reported
    with its line and column; a row with any problem is not among the checked rows."""
    lookups = _Lookups(state=state)
    result = CheckedFile()
    seen: dict[tuple, int] = {}
    matches: dict[tuple, dict] = {}

    for source in sheet.rows:
        line, values = source.line, source.values
        errors: list[dict] = []

        def error(column: str, value: str, message, errors=errors, line=line) -> None:
            errors.append(
                {
                    "line": line,
                    "column": column,
                    "heading": sheet.headings.get(column, ""),
                    "value": value[:100],
                    "message": str(message),
                }
            )

        formulas = {key for key in COLUMN_KEYS if values.get(key, "").startswith("=")}
        for key in formulas:
            error(key, values[key], _("Formulas are not accepted: type the value itself."))
        if source.outside_columns:
            error("", "", _("This line has values outside the named columns."))

        def find(
            column: str, lookup: NameLookup, unknown, values=values, error=error
        ) -> Match | None:
            value = values.get(column, "")
            try:
                match = lookup.find(value)
            except AmbiguousName as ambiguous:
                error(
                    column,
                    value,
                    _("“%(value)s” could mean several: %(choices)s. Write one of them in full.")
                    % {"value": value, "choices": "; ".join(ambiguous.labels)},
                )
                return None
            if match is None:
                error(column, value, unknown())
                return None
            if match.how != "name" or value != match.label:
                key = (column, value, match.label, match.how)
                noted = matches.setdefault(
                    key,
                    {
                        "column": column,
                        "value": value[:100],
                        "label": match.label,
                        "how_label": str(HOW_LABELS[match.how]),
                        "rows": 0,
                    },
                )
                noted["rows"] += 1
            return match

        # District: blank or "State" for the state's own units.
        district_text = values.get("district", "")
        district: Match | None = None
        state_level = False
        if "district" not in formulas:
            if not district_text or lookup_key(district_text) in _STATE_LEVEL_KEYS:
                state_level = True
            else:
                district = find(
                    "district",
                    lookups.districts,
                    lambda text=district_text: _district_elsewhere(text, lookups),
                )

        cadre: Match | None = None
        cadre_text = values.get("cadre", "")
        if "cadre" not in formulas:
            if not cadre_text:
                error("cadre", "", _("Enter the cadre."))
            else:
                cadre = find(
                    "cadre",
                    lookups.cadres,
                    lambda: _("Unknown cadre: use one of the template's list."),
                )

        counts: dict[str, int] = {}
        for column in ("sanctioned", "filled"):
            if column in formulas:
                continue
            try:
                counts[column] = parse_count(values.get(column, ""))
            except ValueError as reason:
                error(column, values.get(column, ""), str(reason))
        if len(counts) == 2 and counts["filled"] > counts["sanctioned"]:
            error(
                "filled",
                values.get("filled", ""),
                _("More posts filled (%(filled)d) than sanctioned (%(sanctioned)d).") % counts,
            )

        note = values.get("note", "")
        if "note" not in formulas and len(note) > NOTE_MAX_LENGTH:
            error("note", note, _("Too long: at most %(n)d characters.") % {"n": NOTE_MAX_LENGTH})

        place_known = state_level or district is not None
        if place_known and cadre is not None:
            key = (None if state_level else district.pk, cadre.pk)
            earlier = seen.setdefault(key, line)
            if earlier != line:
                error(
                    "cadre",
                    cadre_text,
                    _("The same place and cadre are on line %(line)d.") % {"line": earlier},
                )

        if errors:
            result.errors.extend(errors)
            continue
        key = (None if state_level else district.pk, cadre.pk)
        result.rows.append(
            CheckedRow(
                line=line,
                district_id=key[0],
                district=district.label if district else "",
                cadre_id=cadre.pk,
                cadre=cadre.label,
                sanctioned=counts["sanctioned"],
                filled=counts["filled"],
                note=note,
                before=before.get(key),
            )
        )
    order = {key: index for index, key in enumerate(COLUMN_KEYS)}
    result.matches = sorted(matches.values(), key=lambda m: (order[m["column"]], m["label"]))
    return result
