"""Writes to the geography reference data: the bundled list and the LGD districts download.

States and districts are never deleted: users, cohorts and certificates point at them. A district
that disappears from the official list is marked inactive instead.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.utils.translation import gettext as _

from lms.core.lookup import lookup_key
from lms.core.spreadsheets import SpreadsheetError, csv_lines, decode_csv

from .models import District, State

REFERENCE_PATH = Path(__file__).resolve().parent / "data" / "india.json"
NAMES_PATH = Path(__file__).resolve().parent / "data" / "names.json"

# How many non-blank rows may precede the header (the portal sometimes adds a title row).
_HEADER_SEARCH_ROWS = 10
# The largest value a PositiveIntegerField holds on every supported database.
_MAX_CODE = 2_147_483_647


class GeographyImportError(Exception):
    """A file was rejected; ``errors`` holds one ``"line N: reason"`` message per problem."""

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


# --- the bundled reference list --------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceDistrict:
    name: str
    lgd_code: int | None
    #: Former names and common spellings (``District.aliases``).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferenceState:
    code: str
    name: str
    kind: str
    lgd_code: int | None
    districts: tuple[ReferenceDistrict, ...]


@dataclass(frozen=True)
class LoadResult:
    states_created: int = 0
    states_updated: int = 0
    districts_created: int = 0
    districts_updated: int = 0
    # Districts without an LGD code, left out of a state that an LGD import already governs.
    districts_skipped: int = 0


def name_key(name: str) -> str:
    """The comparison form of a place name: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("&", " and ")
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"\s+district$", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _optional_code(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where}: lgd_code must be a positive integer or null")
    return value


def _aliases(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise ValueError(f"{where}: aliases must be a list of non-blank names")
    return tuple(" ".join(a.split()) for a in value)


def reference_read(path: Path | None = None) -> tuple[ReferenceState, ...]:
    """Parse and check the bundled ``india.json``. Pure: no database access.

    Shared with the data migrations, so it must keep working with the file's current format.
    """
    raw = json.loads((path or REFERENCE_PATH).read_text(encoding="utf-8"))
    states = []
    for item in raw["states"]:
        code = item["code"]
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"state code {code!r} is not two capital letters")
        if item["kind"] not in {"state", "ut"}:
            raise ValueError(f"{code}: kind must be 'state' or 'ut'")
        districts = tuple(
            ReferenceDistrict(
                name=" ".join(d["name"].split()),
                lgd_code=_optional_code(d.get("lgd_code"), f"{code} {d['name']}"),
                aliases=_aliases(d.get("aliases"), f"{code} {d['name']}"),
            )
            for d in item["districts"]
        )
        keys = [name_key(d.name) for d in districts]
        if not all(keys) or len(set(keys)) != len(keys):
            raise ValueError(f"{code}: district names must be non-blank and distinct")
        # A district's name is what people are asked to write: an alias may be shared by two
        # districts (the importer then asks which one) but never be another district's name.
        names = {lookup_key(d.name) for d in districts}
        for d in districts:
            alias_keys = [lookup_key(a) for a in d.aliases]
            if not all(alias_keys) or len(set(alias_keys)) != len(alias_keys):
                raise ValueError(f"{code} {d.name}: aliases must contain letters and differ")
            if names.intersection(alias_keys):
                raise ValueError(f"{code} {d.name}: an alias is the name of a district")
        states.append(
            ReferenceState(
                code=code,
                name=" ".join(item["name"].split()),
                kind=item["kind"],
                lgd_code=_optional_code(item.get("lgd_code"), code),
                districts=districts,
            )
        )
    if len({s.code for s in states}) != len(states):
        raise ValueError("state codes must be distinct")
    return tuple(states)


def reference_upsert(
    *,
    state_model: Any,
    district_model: Any,
    reference: Iterable[ReferenceState],
    using: str = DEFAULT_DB_ALIAS,
) -> LoadResult:
    """Create or update states and districts from ``reference``; never delete.

    Takes the model classes so the data migrations can pass their historical models. States
    are matched by code, districts by LGD code, then by name within their state. Reference
    aliases are added to a district's own (those added in the admin are kept); a historical
    model from before ``District.aliases`` existed gets none. The caller owns the transaction.
    """
    reference = tuple(reference)
    states_qs = state_model._default_manager.using(using)
    districts_qs = district_model._default_manager.using(using)
    with_aliases = any(f.name == "aliases" for f in district_model._meta.get_fields())

    existing_states = {s.code: s for s in states_qs.all()}
    new_states, changed_states = [], []
    for ref in reference:
        state = existing_states.get(ref.code)
        wanted = {"name": ref.name, "kind": ref.kind, "lgd_code": ref.lgd_code}
        if state is None:
            new_states.append(state_model(code=ref.code, **wanted))
        elif any(getattr(state, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(state, k, v)
            changed_states.append(state)
    states_qs.bulk_create(new_states)
    states_qs.bulk_update(changed_states, ["name", "kind", "lgd_code"])
    state_ids = dict(states_qs.values_list("code", "id"))

    existing = list(districts_qs.all())
    by_code = {d.lgd_code: d for d in existing if d.lgd_code is not None}
    by_name = {(d.state_id, name_key(d.name)): d for d in existing}
    # Once an LGD import has coded a state's districts, the official list governs its names:
    # an uncoded reference name there is an old spelling, not a new district.
    lgd_governed = {d.state_id for d in existing if d.lgd_code is not None}

    new_districts, changed_districts, skipped = [], {}, 0
    for ref in reference:
        state_id = state_ids[ref.code]
        for item in ref.districts:
            district = by_code.get(item.lgd_code) if item.lgd_code else None
            matched_by_code = district is not None
            district = district or by_name.get((state_id, name_key(item.name)))
            if district is None:
                if item.lgd_code is None and state_id in lgd_governed:
                    skipped += 1
                    continue
                extra = {"aliases": list(item.aliases)} if with_aliases else {}
                new_districts.append(
                    district_model(
                        state_id=state_id, name=item.name, lgd_code=item.lgd_code, **extra
                    )
                )
                continue
            if district.state_id != state_id:
                district.state_id = state_id
                changed_districts[district.pk] = district
            if item.lgd_code and district.lgd_code != item.lgd_code:
                district.lgd_code = item.lgd_code
                changed_districts[district.pk] = district
            if matched_by_code and name_key(district.name) != name_key(item.name):
                district.name = item.name
                changed_districts[district.pk] = district
            if with_aliases:
                own = list(district.aliases or [])
                known = {lookup_key(a) for a in own}
                missing = [a for a in item.aliases if lookup_key(a) not in known]
                if missing:
                    district.aliases = own + missing
                    changed_districts[district.pk] = district
    districts_qs.bulk_create(new_districts, batch_size=500)
    districts_qs.bulk_update(
        list(changed_districts.values()),
        ["state", "name", "lgd_code", *(["aliases"] if with_aliases else [])],
        batch_size=500,
    )
    return LoadResult(
        states_created=len(new_states),
        states_updated=len(changed_states),
        districts_created=len(new_districts),
        districts_updated=len(changed_districts),
        districts_skipped=skipped,
    )


@transaction.atomic
def reference_names_apply(
    *, state_model=State, district_model=District, using: str = DEFAULT_DB_ALIAS, path=None
) -> int:
    """Give states and districts the names in other languages of the bundled names.json
    (``names``). A language an entry already has a name in keeps it: names corrected in the
    admin are not overwritten. Returns how many entries changed."""
    data = json.loads(Path(path or NAMES_PATH).read_text(encoding="utf-8"))
    changed = []
    for state in state_model.objects.using(using).filter(code__in=data["states"]):
        changed += _names_filled(state, data["states"][state.code])
    districts = data["districts"]
    for district in (
        district_model.objects.using(using)
        .filter(state__code__in=districts)
        .select_related("state")
    ):
        changed += _names_filled(district, districts[district.state.code].get(district.name, {}))
    for entry in changed:
        entry.save(using=using, update_fields=["names"])
    return len(changed)


def _names_filled(entry, names: dict[str, str]) -> list:
    missing = {code: text for code, text in names.items() if not (entry.names or {}).get(code)}
    if not missing:
        return []
    entry.names = {**(entry.names or {}), **missing}
    return [entry]


def geography_load_reference(*, path: Path | None = None) -> LoadResult:
    """Load the bundled list of states, union territories and districts, and their names in
    other languages. Safe to repeat."""
    result = reference_upsert(
        state_model=State, district_model=District, reference=reference_read(path)
    )
    reference_names_apply()
    return result


# --- the Local Government Directory districts download -----------------------------------------

# Header spellings seen in LGD downloads, compared in name_key form ("State Name(In English)",
# "State Name (In English)" and "state_name_in_english" are the same column).
_COLUMNS = {
    "state_code": {"statecode", "statelgdcode", "lgdstatecode", "statecodelgd"},
    "state_name": {"statenameinenglish", "statename", "statenameenglish"},
    "district_code": {"districtcode", "districtlgdcode", "lgddistrictcode", "districtcodelgd"},
    "district_name": {
        "districtnameinenglish",
        "districtname",
        "districtnameenglish",
        "nameofdistrict",
    },
}
_COLUMN_TITLES = {
    "state_code": "State Code",
    "district_code": "District Code",
    "district_name": "District Name (In English)",
}


@dataclass(frozen=True)
class DistrictChange:
    state: str
    name: str
    lgd_code: int | None
    detail: str = ""


@dataclass(frozen=True)
class ImportResult:
    dry_run: bool
    rows: int
    created: tuple[DistrictChange, ...] = ()
    updated: tuple[DistrictChange, ...] = ()
    deactivated: tuple[DistrictChange, ...] = ()
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)


@dataclass
class _Row:
    line: int
    state: State
    code: int
    name: str


@dataclass
class _Plan:
    creates: list[tuple[_Row, District]] = field(default_factory=list)
    updates: dict[int, tuple[District, list[str]]] = field(default_factory=dict)
    deactivations: list[District] = field(default_factory=list)
    unchanged: int = 0


def _line_error(line: int, message: str) -> str:
    return _("line %(line)d: %(message)s") % {"line": line, "message": message}


def _unreadable(error: SpreadsheetError) -> GeographyImportError:
    """The shared reader's refusal of the file, in this importer's terms."""
    if error.code == "encoding":
        message = _("the file is neither UTF-8 nor Windows-1252 text")
        return GeographyImportError([_line_error(error.line, message)])
    return GeographyImportError([error.message])


def _read_text(file: str | Path | IO[bytes] | IO[str]) -> str:
    if isinstance(file, str | Path):
        data: bytes | str = Path(file).read_bytes()
    else:
        data = file.read()
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        text, _encoding = decode_csv(data)
    except SpreadsheetError as error:
        raise _unreadable(error) from None
    return text


def _find_columns(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = name_key(cell)
        for column, spellings in _COLUMNS.items():
            if key in spellings and column not in found:
                found[column] = index
    return found


def _has_required(columns: dict[str, int]) -> bool:
    return (
        "district_code" in columns
        and "district_name" in columns
        and ("state_code" in columns or "state_name" in columns)
    )


def _missing_columns_error(line: int, columns: dict[str, int]) -> GeographyImportError:
    missing = [
        title
        for column, title in _COLUMN_TITLES.items()
        if column not in columns and not (column == "state_code" and "state_name" in columns)
    ]
    return GeographyImportError(
        [
            _line_error(
                line,
                _("missing required column(s): %(columns)s") % {"columns": ", ".join(missing)},
            )
        ]
    )


def _cell(cells: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    if index is None or index >= len(cells):
        return ""
    return " ".join(cells[index].split())


def _parse_rows(text: str, states: list[State]) -> list[_Row]:
    """Validate every row; raise with all problems found, or return the rows."""
    by_code = {s.lgd_code: s for s in states if s.lgd_code is not None}
    by_name = {name_key(s.name): s for s in states}
    errors: list[str] = []
    rows: list[_Row] = []
    columns: dict[str, int] | None = None
    first_line, first_columns, seen = 0, {}, 0
    code_lines: dict[int, int] = {}
    name_lines: dict[tuple[int, str], int] = {}
    line = 0
    try:
        for line, cells in csv_lines(text):
            if not any(cells):
                continue
            if columns is None:
                found = _find_columns(cells)
                if _has_required(found):
                    columns = found
                    continue
                if not seen:
                    first_line, first_columns = line, found
                seen += 1
                if seen >= _HEADER_SEARCH_ROWS:
                    break
                continue

            row_errors = []
            code_text, name = (
                _cell(cells, columns, "district_code"),
                _cell(cells, columns, "district_name"),
            )
            if not code_text:
                row_errors.append(_("district code is blank"))
            elif not code_text.isdigit():
                row_errors.append(
                    _("district code “%(value)s” is not a number") % {"value": code_text}
                )
            if not name:
                row_errors.append(_("district name is blank"))

            state = None
            state_code, state_name = (
                _cell(cells, columns, "state_code"),
                _cell(cells, columns, "state_name"),
            )
            if state_code:
                if not state_code.isdigit():
                    row_errors.append(
                        _("state code “%(value)s” is not a number") % {"value": state_code}
                    )
                elif (state := by_code.get(int(state_code))) is None:
                    row_errors.append(_("unknown state code %(value)s") % {"value": state_code})
            elif state_name:
                if (state := by_name.get(name_key(state_name))) is None:
                    row_errors.append(_("unknown state “%(value)s”") % {"value": state_name})
            else:
                row_errors.append(_("state code and state name are blank"))

            if not row_errors:
                code = int(code_text)
                if not 0 < code <= _MAX_CODE:
                    row_errors.append(_("district code %(code)d is out of range") % {"code": code})
                elif code in code_lines:
                    row_errors.append(
                        _("duplicate district code %(code)d (also on line %(other)d)")
                        % {"code": code, "other": code_lines[code]}
                    )
                elif (state.pk, name_key(name)) in name_lines:
                    row_errors.append(
                        _("duplicate district “%(name)s” in %(state)s (also on line %(other)d)")
                        % {
                            "name": name,
                            "state": state.name,
                            "other": name_lines[(state.pk, name_key(name))],
                        }
                    )
                else:
                    code_lines[code] = line
                    name_lines[(state.pk, name_key(name))] = line
                    rows.append(_Row(line=line, state=state, code=code, name=name))
            errors.extend(_line_error(line, message) for message in row_errors)
    except SpreadsheetError as error:
        raise _unreadable(error) from None

    if columns is None:
        if not seen:
            raise GeographyImportError([_line_error(1, _("the file is empty"))])
        raise _missing_columns_error(first_line, first_columns)
    if errors:
        raise GeographyImportError(errors)
    if not rows:
        raise GeographyImportError([_line_error(line, _("the file has no district rows"))])
    return rows


def _plan(rows: list[_Row], existing: list[District]) -> tuple[_Plan, list[str]]:
    """Decide what each row does to the database; report conflicts the constraints would reject."""
    plan = _Plan()
    file_codes = {row.code for row in rows}
    by_code = {d.lgd_code: d for d in existing if d.lgd_code is not None}
    by_name = {(d.state_id, name_key(d.name)): d for d in existing}
    claimed: dict[int, _Row] = {}

    pending = []
    for row in rows:
        district = by_code.get(row.code)
        if district is not None:
            claimed[district.pk] = row
        else:
            pending.append(row)
    for row in pending:
        district = by_name.get((row.state.pk, name_key(row.name)))
        # A district coded with another code of this file belongs to that other row.
        if (
            district is not None
            and district.pk not in claimed
            and (district.lgd_code is None or district.lgd_code not in file_codes)
        ):
            claimed[district.pk] = row
        else:
            plan.creates.append((row, District(state=row.state, name=row.name, lgd_code=row.code)))

    states_in_file = {row.state.pk for row in rows}
    for district in existing:
        row = claimed.get(district.pk)
        if row is None:
            if district.state_id in states_in_file and district.is_active:
                plan.deactivations.append(district)
            continue
        notes = []
        if district.state_id != row.state.pk:
            notes.append(_("moved to %(state)s") % {"state": row.state.name})
            district.state = row.state
        if name_key(district.name) != name_key(row.name):
            notes.append(_("renamed from %(old)s") % {"old": district.name})
            district.name = row.name
        if district.lgd_code != row.code:
            if district.lgd_code is None:
                notes.append(_("LGD code attached"))
            else:
                notes.append(_("LGD code was %(old)d") % {"old": district.lgd_code})
            district.lgd_code = row.code
        if not district.is_active:
            notes.append(_("reactivated"))
            district.is_active = True
        if notes:
            plan.updates[district.pk] = (district, notes)
        else:
            plan.unchanged += 1

    # The database allows one district of a name per state; check the outcome as a whole.
    lines = {pk: row.line for pk, row in claimed.items()}
    final: dict[tuple[int, str], list[tuple[int | None, District]]] = {}
    for district in existing:
        final.setdefault((district.state_id, district.name), []).append(
            (lines.get(district.pk), district)
        )
    for row, district in plan.creates:
        final.setdefault((row.state.pk, district.name), []).append((row.line, district))
    errors = []
    for (_state_id, name), holders in final.items():
        if len(holders) > 1:
            line = min((ln for ln, _d in holders if ln is not None), default=0)
            errors.append(
                _line_error(
                    line,
                    _("%(state)s would have two districts named “%(name)s”")
                    % {"state": holders[0][1].state.name, "name": name},
                )
            )
    return plan, sorted(errors)


def _change(district: District, detail: str = "") -> DistrictChange:
    return DistrictChange(
        state=district.state.name, name=district.name, lgd_code=district.lgd_code, detail=detail
    )


@transaction.atomic
def districts_import_lgd_csv(
    *, file: str | Path | IO[bytes] | IO[str], dry_run: bool = False
) -> ImportResult:
    """Bring districts in line with a Local Government Directory "districts" CSV download.

    Every row is checked first; any bad row rejects the whole file with
    :class:`GeographyImportError` and nothing is written. Districts are matched by LGD code, then
    by name within their state (attaching the code); districts of the file's states that the file
    does not list are marked inactive, never deleted. With ``dry_run`` nothing is written.
    """
    text = _read_text(file)
    states = list(State.objects.all())
    rows = _parse_rows(text, states)
    existing = list(District.objects.select_related("state"))
    plan, errors = _plan(rows, existing)
    if errors:
        raise GeographyImportError(errors)

    if not dry_run:
        for district in plan.deactivations:
            district.is_active = False
        try:
            with transaction.atomic():
                District.objects.bulk_update(
                    [d for d, _notes in plan.updates.values()] + plan.deactivations,
                    ["state", "name", "lgd_code", "is_active"],
                    batch_size=500,
                )
                District.objects.bulk_create([d for _row, d in plan.creates], batch_size=500)
        except IntegrityError as exc:
            raise GeographyImportError(
                [_("the changes conflict with existing districts: %(error)s") % {"error": exc}]
            ) from exc

    return ImportResult(
        dry_run=dry_run,
        rows=len(rows),
        created=tuple(_change(d) for _row, d in plan.creates),
        updated=tuple(_change(d, "; ".join(notes)) for d, notes in plan.updates.values()),
        deactivated=tuple(_change(d) for d in plan.deactivations),
        unchanged=plan.unchanged,
    )
