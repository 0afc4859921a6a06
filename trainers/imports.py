"""Importing learners into a cohort from a spreadsheet (CSV or XLSX).

Two steps. ``import_check`` reads the whole file, checks every row and stores the result in a
``CohortImport`` — rows to create, rows matching existing accounts, errors by line and column —
without writing anything else. ``import_confirm`` then writes an error-free import all or
nothing: accounts (through accounts' bulk service), cohort members, enrollments in the
cohort's modules (through learning's bulk service), invitations on commit. Large files go to
a background task whose progress the page polls.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, connections, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Cadre, User
from lms.accounts.selectors import cadre_lookup
from lms.accounts.services import Invitee, invitations_send_many, users_invite_many
from lms.accounts.validators import normalise_indian_mobile, validate_person_name
from lms.core.audit import audit
from lms.core.lookup import HOW_LABELS, AmbiguousName, Match, NameLookup
from lms.geography.models import District
from lms.geography.selectors import district_lookup
from modules.learning.models import Enrollment
from modules.learning.services import LearningError, enrollments_create_many

from . import access
from .models import Cohort, CohortImport, CohortMember
from .services import cohort_modules

logger = logging.getLogger(__name__)

#: Files above this size are refused before they are read.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
#: An XLSX is a zip: refuse one that would expand beyond this (a "zip bomb").
IMPORT_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
#: Learners per file; more must be split (a state's yearly intake fits in a few files).
IMPORT_MAX_ROWS = 10_000
#: Imports of more rows run as a background task with a progress bar.
IMPORT_INLINE_LIMIT = 200
#: Rows written per step of an import (and per progress report).
IMPORT_CHUNK = 500

#: Audit actions of imports, registered by ``trainers/wagtail_hooks.py``.
IMPORT_LOG_ACTIONS = [
    ("trainers.import.checked", gettext_lazy("Spreadsheet of learners checked")),
    ("trainers.import.confirmed", gettext_lazy("Spreadsheet import confirmed")),
    ("trainers.import.done", gettext_lazy("Learners imported from a spreadsheet")),
    ("trainers.import.failed", gettext_lazy("Spreadsheet import failed")),
]


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translation
    required: bool
    help: object
    #: Headings accepted for this column, compared after ``_heading()``.
    aliases: tuple[str, ...]


COLUMNS = (
    Column(
        "full_name",
        gettext_lazy("Full name"),
        True,
        gettext_lazy(
            "As it should appear on certificates: letters of any script (Hindi, Assamese, "
            "English…), spaces, full stops, apostrophes and hyphens."
        ),
        ("full name", "name", "fullname", "learner name", "पूरा नाम", "नाम", "সম্পূৰ্ণ নাম", "নাম"),
    ),
    Column(
        "email",
        gettext_lazy("Email"),
        True,
        gettext_lazy("The person's own address: the invitation to set a password goes there."),
        ("email", "e mail", "email address", "e mail address", "mail", "ईमेल", "ई मेल", "ইমেইল"),
    ),
    Column(
        "phone",
        gettext_lazy("Mobile number"),
        False,
        gettext_lazy("Optional. A 10-digit Indian mobile number, with or without +91."),
        (
            "mobile number",
            "mobile",
            "mobile no",
            "phone",
            "phone number",
            "contact number",
            "मोबाइल",
            "मोबाइल नंबर",
            "फ़ोन",
            "फोन",
            "ম'বাইল",
        ),
    ),
    Column(
        "cadre",
        gettext_lazy("Cadre"),
        False,
        gettext_lazy("Optional. One of the cadres listed below, written as shown."),
        ("cadre", "कैडर", "संवर्ग"),
    ),
    Column(
        "designation",
        gettext_lazy("Designation"),
        False,
        gettext_lazy("Optional. The person's post, e.g. Protection Officer."),
        ("designation", "post", "पद", "पदनाम"),
    ),
    Column(
        "district",
        gettext_lazy("District"),
        True,
        gettext_lazy("A district of the cohort's state, written as listed below."),
        ("district", "जिला", "ज़िला", "জিলা"),
    ),
)
COLUMN_KEYS = [column.key for column in COLUMNS]
#: Headings of the template (English, so a file stays valid whatever language it is used in).
TEMPLATE_HEADINGS = ["Full name", "Email", "Mobile number", "Cadre", "Designation", "District"]
MAX_LENGTHS = {"full_name": 150, "email": 254, "designation": 150}


class ImportFileError(ValidationError):
    """The file as a whole cannot be used (wrong type, too big, wrong headings…)."""


# --- Reading files --------------------------------------------------------------------------


def _heading(text: str) -> str:
    """A heading as compared: NFC (so both spellings of ज़ match), case-folded, without
    required/optional marks and with runs of spaces, dashes and underscores as one space."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"\((required|optional|आवश्यक|वैकल्पिक)\)|[*:]", " ", text)
    return " ".join(re.sub(r"[\s_\-.]+", " ", text).split())


_ALIASES = {
    unicodedata.normalize("NFC", alias): column.key
    for column in COLUMNS
    for alias in (*column.aliases, column.key.replace("_", " "))
}


def _cell(value) -> str:
    """A cell as text: numbers typed into a phone column come back as 9876543210, not
    9876543210.0; non-breaking spaces count as spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).replace("\u00a0", " ").split())


def _not_utf8(line: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Line %(line)d is not valid UTF-8: save the file as UTF-8 (CSV UTF-8) and upload "
            "it again."
        )
        % {"line": line},
        code="encoding",
    )


def _not_utf16(line: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Line %(line)d is not valid UTF-16 text: save the sheet as CSV UTF-8 or XLSX and "
            "upload it again."
        )
        % {"line": line},
        code="encoding",
    )


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of an uploaded CSV file and the encoding it was read in — all of the file in
    one encoding, or ``ImportFileError`` naming the first line that does not fit. Never a
    guess that turns letters into other letters:

    - a byte-order mark decides: UTF-8 ("CSV UTF-8" from Excel) or UTF-16 (Excel's "Unicode
      text"); a line that does not decode is an error;
    - otherwise the file must be UTF-8 as a whole;
    - a file that is not UTF-8 is read as Windows-1252 (what Excel on Windows saves as plain
      "CSV") only when that reading is unambiguous: no line of it is valid UTF-8 with letters
      beyond ASCII (a file with both is UTF-8 with a damaged line, and reading it as
      Windows-1252 would garble every Indian name in it), and every byte is a Windows-1252
      character. The preview then says which encoding was used.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data, "utf-8-sig", _not_utf8), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strict(data, "utf-16", _not_utf16), "utf-16"
    if b"\x00" in data:
        raise ImportFileError(
            _("This file is not a CSV spreadsheet. Save the sheet as CSV or XLSX.")
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = data.count(b"\n", 0, error.start) + 1
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        raise _not_utf8(first_bad)  # UTF-8 elsewhere in the file: a damaged line
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _not_utf8(first_bad) from None


def _decode_strict(data: bytes, encoding: str, error) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as failure:
        # The line is counted in the text before the failure, in the file's own encoding.
        before = data[: failure.start].decode(encoding, errors="replace")
        raise error(before.count("\n") + 1) from None


def _rows_from_csv(text: str) -> Iterator[tuple[int, list[str]]]:
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise ImportFileError(
            _("This file is not a CSV spreadsheet. Save the sheet as CSV or XLSX.")
        )
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes ";" where the decimal separator is a comma, and tabs for "text" files.
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, [_cell(value) for value in row]
    except csv.Error as error:
        raise ImportFileError(
            _("This CSV file is damaged near line %(line)d.") % {"line": reader.line_num}
        ) from error


def _rows_from_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    not_a_workbook = _("This file is not an Excel workbook (.xlsx). Save the sheet as XLSX or CSV.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ImportFileError(not_a_workbook) from None
    if unzipped > IMPORT_MAX_UNZIPPED_BYTES:
        raise ImportFileError(_("This workbook is too large to import."))
    try:
        # Not data_only: a formula comes back as its text ("=…") and is refused, rather than
        # importing a cached value the trainer never saw or one a script never computed.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # any failure to parse an untrusted file means the same to the trainer
        raise ImportFileError(not_a_workbook) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(not_a_workbook)
        sheet = workbook.worksheets[0]
        # The stored dimensions may be wrong (files written by other programs); read it all.
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(value) for value in values]
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(not_a_workbook) from None
    finally:
        workbook.close()


@dataclass
class Sheet:
    #: column index → column key, for the columns used
    columns: dict[int, str]
    #: column key → the heading as written in the file (shown with errors)
    headings: dict[str, str]
    #: (line number, {column key: text}); blank lines and "#" notes left out
    rows: list[tuple[int, dict[str, str]]]
    #: (line number, message) for lines with more cells than headings
    extra_cells: list[tuple[int, str]]
    #: How a CSV file was decoded ("utf-8", "utf-16", "cp1252"); "" for a workbook
    encoding: str = ""


def read_sheet(*, data: bytes, filename: str) -> Sheet:
    """Parse an uploaded spreadsheet; ``ImportFileError`` for anything that cannot be used as
    a whole. Rows are not checked here."""
    if len(data) > IMPORT_MAX_BYTES:
        raise ImportFileError(too_large_message())
    name = filename.lower()
    encoding = ""
    if data.startswith(b"PK\x03\x04"):
        rows = _rows_from_xlsx(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV and upload it again.")
        )
    elif name.endswith(".xlsx"):
        raise ImportFileError(
            _("This file is not an Excel workbook (.xlsx). Save the sheet as XLSX or CSV.")
        )
    elif name.endswith((".csv", ".txt")):
        text, encoding = decode_csv(data)
        rows = _rows_from_csv(text)
    else:
        raise ImportFileError(_("Upload a CSV or XLSX file."))

    header: list[str] | None = None
    columns: dict[int, str] = {}
    headings: dict[str, str] = {}
    sheet_rows: list[tuple[int, dict[str, str]]] = []
    extra: list[tuple[int, str]] = []
    for number, values in rows:
        if not any(values) or values[0].startswith("#"):
            continue  # blank lines, and the template's instruction lines
        if header is None:
            header = values
            columns, headings = _match_header(values)
            continue
        if len(sheet_rows) >= IMPORT_MAX_ROWS:
            raise ImportFileError(
                _(
                    "The file has more than %(limit)s learners. Split it into files of at most "
                    "%(limit)s rows and import them one after the other."
                )
                % {"limit": f"{IMPORT_MAX_ROWS:,}"}
            )
        if any(value for index, value in enumerate(values) if index not in columns):
            extra.append((number, _("This line has values outside the named columns.")))
        sheet_rows.append(
            (number, {key: values[i] if i < len(values) else "" for i, key in columns.items()})
        )
    if header is None or not sheet_rows:
        raise ImportFileError(_("The file has no learners in it."))
    return Sheet(
        columns=columns, headings=headings, rows=sheet_rows, extra_cells=extra, encoding=encoding
    )


def too_large_message() -> str:
    return _("The file is larger than %(size)d MB. Split it, or remove other sheets.") % {
        "size": IMPORT_MAX_BYTES // (1024 * 1024)
    }


def _match_header(values: list[str]) -> tuple[dict[int, str], dict[str, str]]:
    columns: dict[int, str] = {}
    headings: dict[str, str] = {}
    unknown: list[str] = []
    for index, text in enumerate(values):
        if not text:
            continue  # an unnamed column; values in it are reported per line
        key = _ALIASES.get(_heading(text))
        if key is None:
            unknown.append(text)
        elif key in headings:
            raise ImportFileError(
                _("Two columns are headed “%(heading)s”: keep one.") % {"heading": text}
            )
        else:
            columns[index] = key
            headings[key] = text
    expected = ", ".join(TEMPLATE_HEADINGS)
    if unknown:
        raise ImportFileError(
            _(
                "Unknown column “%(heading)s”. The first row must name the columns: "
                "%(expected)s. Download the template to see them."
            )
            % {"heading": unknown[0][:60], "expected": expected}
        )
    missing = [str(c.label) for c in COLUMNS if c.required and c.key not in headings]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(missing)s. The columns are: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": expected}
        )
    return columns, headings


# --- Checking rows --------------------------------------------------------------------------


def _chunks(items: list, size: int = 1000) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Lookups:
    """Everything the rows are checked against, fetched in a fixed number of queries.

    Accounts are looked up among those ``by`` may add to the cohort only
    (``access.addable_accounts``): an address or number of anyone else is, to the check, an
    address no account uses — the preview must not tell a trainer who has an account in
    another state."""

    def __init__(self, *, cohort: Cohort, by, emails: list[str], phones: list[str]):
        self.cohort = cohort
        self.cadres = cadre_lookup()
        self.districts = district_lookup(state=cohort.state)
        self._elsewhere: NameLookup | None = None
        addable = access.addable_accounts(by=by, target=cohort)
        fields = ("pk", "email", "phone", "full_name")
        self.by_email: dict[str, tuple] = {}
        for chunk in _chunks(emails):
            for row in (
                addable.annotate(address=Lower("email"))
                .filter(address__in=chunk)
                .values_list(*fields)
            ):
                self.by_email[row[1].lower()] = row
        self.by_phone: dict[str, list[tuple]] = {}
        for chunk in _chunks(phones):
            for row in addable.filter(phone__in=chunk).values_list(*fields):
                self.by_phone.setdefault(row[2], []).append(row)
        found = {row[0] for row in self.by_email.values()} | {
            row[0] for rows in self.by_phone.values() for row in rows
        }
        self.members: set[int] = set()
        for chunk in _chunks(sorted(found)):
            self.members.update(
                CohortMember.objects.filter(
                    cohort=cohort, user_id__in=chunk, removed_at__isnull=True
                ).values_list("user_id", flat=True)
            )

    @property
    def elsewhere(self) -> NameLookup:
        """Districts of every state, to say where an unknown district is (only asked then)."""
        if self._elsewhere is None:
            self._elsewhere = district_lookup()
        return self._elsewhere


def _error(errors: list, column: str, value: str, message) -> None:
    errors.append({"column": column, "value": value[:100], "message": str(message)})


def _check_row(values: dict[str, str], lookups: _Lookups) -> tuple[dict, list[dict]]:
    errors: list[dict] = []
    row: dict = {}
    for key in COLUMN_KEYS:
        value = values.get(key, "")
        if value.startswith("="):
            _error(errors, key, value, _("Formulas are not accepted: type the value itself."))
            values[key] = ""
        elif key in MAX_LENGTHS and len(value) > MAX_LENGTHS[key]:
            _error(
                errors,
                key,
                value,
                _("Too long: at most %(n)d characters.") % {"n": MAX_LENGTHS[key]},
            )
            values[key] = ""
    name = values.get("full_name", "")
    if not name:
        if not any(e["column"] == "full_name" for e in errors):
            _error(errors, "full_name", "", _("Enter the person's full name."))
    else:
        try:
            validate_person_name(name)
        except ValidationError as error:
            _error(errors, "full_name", name, error.messages[0])
    row["full_name"] = name

    email = values.get("email", "").lower()
    try:
        if not email:
            raise ValidationError(_("Enter the person's email address."))
        validate_email(email)
    except ValidationError as error:
        if not any(e["column"] == "email" for e in errors):
            _error(errors, "email", values.get("email", ""), error.messages[0])
    row["email"] = email

    phone = values.get("phone", "")
    row["phone"] = ""
    if phone:
        try:
            row["phone"] = normalise_indian_mobile(phone)
        except ValidationError as error:
            _error(errors, "phone", phone, error.messages[0])

    cadre = values.get("cadre", "")
    row["cadre_id"] = None
    if cadre:
        match = _find(
            row,
            errors,
            "cadre",
            cadre,
            lookups.cadres,
            unknown=lambda: _("Unknown cadre: use one of the template's list."),
        )
        row["cadre_id"] = match.pk if match else None

    row["designation"] = values.get("designation", "")

    district = values.get("district", "")
    row["district_id"] = None
    if not district:
        if not any(e["column"] == "district" for e in errors):
            _error(errors, "district", "", _("Enter the district."))
    else:
        match = _find(
            row,
            errors,
            "district",
            district,
            lookups.districts,
            unknown=lambda: _district_elsewhere(district, lookups),
        )
        row["district_id"] = match.pk if match else None
    return row, errors


def _district_elsewhere(district: str, lookups: _Lookups) -> str:
    """The error for a district not of the cohort's state: where it is, if anywhere."""
    state = lookups.cohort.state.name
    try:
        other = lookups.elsewhere.find(district)
        others = [other.context] if other else []
    except AmbiguousName as ambiguous:
        others = sorted({match.context for match in ambiguous.matches})
    if not others:
        return _("Unknown district of %(state)s.") % {"state": state}
    return _("%(district)s is a district of %(other)s, not of %(state)s.") % {
        "district": district,
        "other": " / ".join(others),
        "state": state,
    }


def _find(
    row: dict, errors: list[dict], column: str, value: str, lookup: NameLookup, *, unknown
) -> Match | None:
    """The entry ``value`` names in ``lookup``, or None with an error on the row: ``unknown()``
    when nothing fits, the candidates when several do (never a guess). A value written
    otherwise than the entry's name is noted on the row, so that the preview can say how it
    was read ("Kamrup Metropolitan ← “Kamrup Metro” (alternative spelling)")."""
    try:
        match = lookup.find(value)
    except AmbiguousName as ambiguous:
        _error(
            errors,
            column,
            value,
            _("“%(value)s” could mean several: %(choices)s. Write one of them in full.")
            % {"value": value, "choices": "; ".join(ambiguous.labels)},
        )
        return None
    if match is None:
        _error(errors, column, value, unknown())
        return None
    if match.how != "name" or value != match.label:
        row.setdefault("matched", []).append(
            {"column": column, "value": value[:100], "label": match.label, "how": match.how}
        )
    return match


def _match(row: dict, errors: list[dict], lookups: _Lookups) -> None:
    """Match the row with an existing account: by email, then by mobile number."""
    row["user_id"], row["match"], row["account_name"] = None, "new", ""
    found = lookups.by_email.get(row["email"]) if row["email"] else None
    how = "email"
    if found is None and row["phone"]:
        candidates = lookups.by_phone.get(row["phone"], [])
        if len(candidates) > 1:
            _error(
                errors,
                "phone",
                row["phone"],
                _("Several accounts use this mobile number: leave it out, the email decides."),
            )
            return
        found, how = (candidates[0] if candidates else None), "phone"
    if found is None:
        return
    pk = found[0]
    row["user_id"] = pk
    row["match"] = "member" if pk in lookups.members else how
    row["account_name"] = found[3] or ""


def import_check(*, cohort: Cohort, by, data: bytes, filename: str) -> CohortImport:
    """Read and check a whole spreadsheet of learners for ``cohort``; store the outcome for
    the preview. Raises ``ImportFileError`` when the file cannot be used at all. Nothing
    outside the returned ``CohortImport`` (and its audit entry) is written."""
    sheet = read_sheet(data=data, filename=filename)
    emails, phones = [], []
    for _line, values in sheet.rows:
        email = values.get("email", "").lower()
        if email:
            emails.append(email)
        phone = values.get("phone", "")
        if phone:
            with contextlib.suppress(ValidationError):  # a bad number is reported with its row
                phones.append(normalise_indian_mobile(phone))
    lookups = _Lookups(cohort=cohort, by=by, emails=emails, phones=phones)
    extra = dict(sheet.extra_cells)
    seen_email: dict[str, int] = {}
    seen_phone: dict[str, int] = {}
    rows, error_count = [], 0
    for line, values in sheet.rows:
        row, errors = _check_row(values, lookups)
        if line in extra:
            _error(errors, "", "", extra[line])
        if row["email"]:
            if row["email"] in seen_email:
                _error(
                    errors,
                    "email",
                    values.get("email", ""),
                    _("The same address is on line %(line)d.") % {"line": seen_email[row["email"]]},
                )
            else:
                seen_email[row["email"]] = line
        if row["phone"]:
            if row["phone"] in seen_phone:
                _error(
                    errors,
                    "phone",
                    values.get("phone", ""),
                    _("The same mobile number is on line %(line)d.")
                    % {"line": seen_phone[row["phone"]]},
                )
            else:
                seen_phone[row["phone"]] = line
        if not errors:
            _match(row, errors, lookups)
        row["line"] = line
        if errors:
            for error in errors:
                error["heading"] = sheet.headings.get(error["column"], "")
            row["errors"] = errors
            error_count += len(errors)
        rows.append(row)
    with transaction.atomic():
        cohort_import = CohortImport.objects.create(
            cohort=cohort,
            created_by=by,
            filename=filename[:255],
            encoding=sheet.encoding,
            rows=rows,
            total=len(rows),
            status=CohortImport.Status.VALIDATED,
        )
        audit(
            instance=cohort,
            action="trainers.import.checked",
            user=by,
            data={
                "import": str(cohort_import.pk),
                "filename": cohort_import.filename,
                "encoding": sheet.encoding,
                "rows": len(rows),
                "errors": error_count,
            },
        )
    return cohort_import


@dataclass(frozen=True)
class Summary:
    """What the preview shows of a checked import."""

    new: list[dict]
    existing: list[dict]
    members: list[dict]
    errors: list[dict]  # {line, column, heading, value, message}
    #: Cadres and districts written otherwise than their names, as read:
    #: {column, value, label, how, how_label, rows, line}, one per distinct spelling
    matches: list[dict]

    @property
    def ok(self) -> bool:
        return not self.errors


def import_summary(cohort_import: CohortImport) -> Summary:
    new, existing, members, errors = [], [], [], []
    matches: dict[tuple, dict] = {}
    for row in cohort_import.rows:
        for noted in row.get("matched", ()):
            key = (noted["column"], noted["value"], noted["label"], noted["how"])
            if key in matches:
                matches[key]["rows"] += 1
            else:
                matches[key] = {
                    **noted,
                    "how_label": str(HOW_LABELS.get(noted["how"], noted["how"])),
                    "rows": 1,
                    "line": row["line"],
                }
        if row.get("errors"):
            errors.extend({"line": row["line"], **error} for error in row["errors"])
        elif row["match"] == "new":
            new.append(row)
        elif row["match"] == "member":
            members.append(row)
        else:
            existing.append(row)
    order = {key: index for index, key in enumerate(COLUMN_KEYS)}
    return Summary(
        new=new,
        existing=existing,
        members=members,
        errors=errors,
        matches=sorted(
            matches.values(), key=lambda m: (order.get(m["column"], 99), m["label"], m["line"])
        ),
    )


# --- Writing --------------------------------------------------------------------------------


def cohort_members_add_many(
    *, cohort: Cohort, user_ids, by, source: str = Enrollment.Source.IMPORT
) -> int:
    """``services.cohort_members_add`` for many learners in a few statements: members are
    bulk-inserted (removed ones come back), then enrolled in the cohort's modules through
    learning's bulk service. The caller checked that they are in scope. Returns how many
    joined."""
    ids = sorted({int(pk) for pk in user_ids})
    if not ids:
        return 0
    with transaction.atomic():
        for chunk in _chunks(ids):
            if User.objects.filter(pk__in=chunk).exclude(state_id=cohort.state_id).exists():
                raise ValidationError(_("Some of these people are not in the cohort's state."))
        current: dict[int, object] = {}
        for chunk in _chunks(ids):
            current.update(
                CohortMember.objects.filter(cohort=cohort, user_id__in=chunk).values_list(
                    "user_id", "removed_at"
                )
            )
        back = [pk for pk, removed_at in current.items() if removed_at is not None]
        for chunk in _chunks(back):
            CohortMember.objects.filter(cohort=cohort, user_id__in=chunk).update(removed_at=None)
        new = [pk for pk in ids if pk not in current]
        CohortMember.objects.bulk_create(
            [CohortMember(cohort=cohort, user_id=pk, added_by=by) for pk in new],
            batch_size=1000,
            # A trainer adding the same person by hand meanwhile is no error.
            ignore_conflicts=True,
        )
        for module in cohort_modules(cohort):
            try:
                enrollments_create_many(user_ids=ids, module=module, source=source, by=by)
            except LearningError as error:  # an unpublished module: say which
                raise ValidationError(f"{module.code}: {error.message}") from None
        joined = len(new) + len(back)
        if joined:
            audit(
                instance=cohort,
                action="trainers.cohort.members_added",
                user=by,
                data={"users": new + back, "source": source},
            )
    return joined


class _Progress:
    """Reports done/total while the import's transaction is still open. On PostgreSQL it
    writes through a connection of its own (autocommit), so the page polling the import sees
    the bar move; the import transaction never touches that row until it ends, so the two
    cannot wait on each other. SQLite allows one writer at a time: there the bar jumps at the
    end."""

    def __init__(self, cohort_import: CohortImport):
        self.pk = cohort_import.pk
        self.side = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection("default")

    def report(self, done: int) -> None:
        if self.side is None:
            return
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {CohortImport._meta.db_table} SET done = %s WHERE id = %s",  # noqa: S608
                [done, self.pk],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def import_confirm(*, cohort_import: CohortImport, by) -> CohortImport:
    """Start writing a checked, error-free import. Claimed with a conditional update, so a
    double click or a second tab never imports twice (the second call changes nothing and
    returns the import as it is). Small files are written now; large ones by a task."""
    from .tasks import run_cohort_import

    if import_summary(cohort_import).errors:
        raise ValidationError(_("Correct the errors in the file and upload it again."))
    inline = cohort_import.total <= IMPORT_INLINE_LIMIT
    with transaction.atomic():
        claimed = CohortImport.objects.filter(
            pk=cohort_import.pk, status=CohortImport.Status.VALIDATED
        ).update(status=CohortImport.Status.RUNNING if inline else CohortImport.Status.QUEUED)
        if claimed:
            audit(
                instance=cohort_import.cohort,
                action="trainers.import.confirmed",
                user=by,
                data={"import": str(cohort_import.pk), "rows": cohort_import.total},
            )
            if not inline:
                pk = str(cohort_import.pk)
                transaction.on_commit(lambda: run_cohort_import.enqueue(import_id=pk))
    if claimed and inline:
        _run(cohort_import, by=by)
    cohort_import.refresh_from_db()
    return cohort_import


def import_run(*, import_id) -> CohortImport | None:
    """Write a queued import (the background task). Claimed from "queued" to "running" with a
    conditional update: a task delivered twice runs once."""
    claimed = CohortImport.objects.filter(pk=import_id, status=CohortImport.Status.QUEUED).update(
        status=CohortImport.Status.RUNNING
    )
    cohort_import = (
        CohortImport.objects.select_related("cohort__state", "created_by")
        .filter(pk=import_id)
        .first()
    )
    if claimed and cohort_import is not None:
        _run(cohort_import, by=cohort_import.created_by)
    return cohort_import


def import_abandoned(*, import_id, requeued: bool) -> int:
    """The worker running import ``import_id`` stopped mid-task (``recover_tasks``). Its write
    was one transaction, so nothing of it was kept: a task queued again finds the import queued
    again; otherwise the import is marked failed, and the trainer confirms it anew. Returns the
    number of imports changed (0 when it had already finished)."""
    with transaction.atomic():
        cohort_import = (
            CohortImport.objects.select_for_update()
            .select_related("cohort")
            .filter(pk=import_id, status=CohortImport.Status.RUNNING)
            .first()
        )
        if cohort_import is None:
            return 0
        if requeued:
            cohort_import.status, cohort_import.done = CohortImport.Status.QUEUED, 0
            cohort_import.save(update_fields=["status", "done"])
            return 1
        message = _("The import was interrupted; nothing was imported. Confirm it again.")
        cohort_import.status, cohort_import.done = CohortImport.Status.FAILED, 0
        cohort_import.error, cohort_import.finished_at = message, timezone.now()
        cohort_import.save(update_fields=["status", "done", "error", "finished_at"])
        audit(
            instance=cohort_import.cohort,
            action="trainers.import.failed",
            data={"import": str(cohort_import.pk), "error": message},
        )
    return 1


def _run(cohort_import: CohortImport, *, by) -> None:
    """Write a claimed import, all or nothing. On failure nothing is kept but the import's
    status and reason."""
    progress = _Progress(cohort_import)
    try:
        with transaction.atomic():
            created, withheld = _write(cohort_import, by=by, progress=progress)
            CohortImport.objects.filter(pk=cohort_import.pk).update(
                status=CohortImport.Status.DONE,
                done=cohort_import.total,
                created_accounts=created,
                finished_at=timezone.now(),
                error="",
            )
            audit(
                instance=cohort_import.cohort,
                action="trainers.import.done",
                user=by,
                data={
                    "import": str(cohort_import.pk),
                    "rows": cohort_import.total,
                    "created": created,
                    "withheld": withheld,
                },
            )
    except Exception as error:
        logger.exception("Import %s failed", cohort_import.pk)
        message = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else _("The import stopped on an unexpected error; nothing was imported.")
        )
        with transaction.atomic():
            CohortImport.objects.filter(
                pk=cohort_import.pk, status=CohortImport.Status.RUNNING
            ).update(
                status=CohortImport.Status.FAILED, done=0, error=message, finished_at=timezone.now()
            )
            audit(
                instance=cohort_import.cohort,
                action="trainers.import.failed",
                user=by,
                data={"import": str(cohort_import.pk), "error": message},
            )
    finally:
        progress.close()


def _write(cohort_import: CohortImport, *, by, progress: _Progress) -> tuple[int, int]:
    """Write the rows; returns (accounts created, rows withheld)."""
    cohort = cohort_import.cohort
    rows = cohort_import.rows
    if any(row.get("errors") for row in rows):
        raise ValidationError(_("Correct the errors in the file and upload it again."))
    # The file was checked a while ago: accounts may have appeared or left the trainer's
    # scope since. Then nothing is written and the trainer checks the file again.
    changed = ValidationError(
        _("Accounts changed since the file was checked. Upload it again to check it anew.")
    )
    addable_accounts = access.addable_accounts(by=by, target=cohort)
    matched = [row["user_id"] for row in rows if row["user_id"]]
    addable = set()
    for chunk in _chunks(matched):
        addable.update(addable_accounts.filter(pk__in=chunk).values_list("pk", flat=True))
    if len(addable) != len(set(matched)):
        raise changed
    # A "new" row whose address an account uses: one the trainer may add appeared since the
    # check (checked anew, as above); anyone else's — another state's, a closed one — was
    # shown as new in the preview and is withheld now: no account, no membership, no mail,
    # and nothing in the outcome that names it.
    taken: dict[str, int] = {}
    for chunk in _chunks([row["email"] for row in rows if not row["user_id"]]):
        taken.update(
            User.objects.annotate(address=Lower("email"))
            .filter(address__in=chunk)
            .values_list("address", "pk")
        )
    for chunk in _chunks(sorted(taken.values())):
        if addable_accounts.filter(pk__in=chunk).exists():
            raise changed
    created = 0
    done = 0
    invited: list[int] = []
    for chunk in _chunks(rows, IMPORT_CHUNK):
        fresh = [row for row in chunk if not row["user_id"] and row["email"] not in taken]
        try:
            users = users_invite_many(
                people=[
                    Invitee(
                        email=row["email"],
                        full_name=row["full_name"],
                        district_id=row["district_id"],
                        cadre_id=row["cadre_id"],
                        designation=row["designation"],
                        phone=row["phone"],
                    )
                    for row in fresh
                ],
                state=cohort.state,
                by=by,
                send=False,  # one mailing for the whole file, below
            )
        except ValidationError as error:
            if error.code == "exists":
                raise changed from error
            raise
        created += len(users)
        ids = [row["user_id"] for row in chunk if row["user_id"]] + [user.pk for user in users]
        cohort_members_add_many(cohort=cohort, user_ids=ids, by=by)
        invited.extend(user.pk for user in users)
        done += len(chunk)
        progress.report(done)
    if invited:
        # After commit, through one mail connection. A mail server that is down loses no
        # account: the error is logged and the learners can still use "forgot password".
        transaction.on_commit(
            lambda: invitations_send_many(user_ids=invited, invited_by=by), robust=True
        )
    return created, len(taken)


# --- The template ---------------------------------------------------------------------------


def _instructions(cohort: Cohort) -> tuple[list[list[str]], list[str], list[str]]:
    """Rows explaining each column, the cadres and the cohort state's districts."""
    cadres = list(Cadre.objects.order_by("sort_order", "name").values_list("name", flat=True))
    districts = list(
        District.objects.filter(state=cohort.state, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    rows = [
        [
            heading,
            str(_("required") if column.required else _("optional")),
            str(column.help),
        ]
        for heading, column in zip(TEMPLATE_HEADINGS, COLUMNS, strict=True)
    ]
    return rows, cadres, districts


def template_file(*, cohort: Cohort, fmt: str) -> tuple[bytes, str]:
    """The template to fill in, as (content, content type): the headings, and the
    instructions — each column, the allowed cadres, the districts of the cohort's state."""
    rows, cadres, districts = _instructions(cohort)
    notes = [
        _("One row per learner, under the headings. Lines starting with # are ignored."),
        _("Nothing is saved until you have checked the preview and confirmed it."),
        _("At most %(n)s learners per file.") % {"n": f"{IMPORT_MAX_ROWS:,}"},
    ]
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so that spreadsheet programs read Hindi and Assamese right
        writer = csv.writer(buffer)
        for note in notes:
            writer.writerow([f"# {note}"])
        for heading, required, help_text in rows:
            writer.writerow([f"# {heading} ({required}): {help_text}"])
        writer.writerow([f"# {_('Cadres')}: " + "; ".join(cadres)])
        writer.writerow(
            [
                f"# {_('Districts of %(state)s') % {'state': cohort.state.name}}: "
                + "; ".join(districts)
            ]
        )
        writer.writerow(TEMPLATE_HEADINGS)
        return buffer.getvalue().encode("utf-8"), "text/csv; charset=utf-8"
    if fmt != "xlsx":
        raise ValueError(fmt)
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    learners = workbook.active
    learners.title = str(_("Learners"))
    learners.append(TEMPLATE_HEADINGS)
    bold = Font(bold=True)
    for cell in learners[1]:
        cell.font = bold
    learners.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (30, 32, 16, 28, 24, 22), strict=True):
        learners.column_dimensions[letter].width = width
        # Text, so Excel keeps mobile numbers as typed (no 9.88E+09).
        learners.column_dimensions[letter].number_format = "@"
    help_sheet = workbook.create_sheet(str(_("Instructions")))
    for note in notes:
        help_sheet.append([note])
    help_sheet.append([])
    help_sheet.append([str(_("Column")), str(_("Required?")), str(_("What to write"))])
    for cell in help_sheet[help_sheet.max_row]:
        cell.font = bold
    for row in rows:
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["C"].width = 90
    lists = workbook.create_sheet(str(_("Lists")))
    lists.append(
        [str(_("Cadres")), str(_("Districts of %(state)s") % {"state": cohort.state.name})]
    )
    for cell in lists[1]:
        cell.font = bold
    for index in range(max(len(cadres), len(districts))):
        lists.append(
            [
                cadres[index] if index < len(cadres) else None,
                districts[index] if index < len(districts) else None,
            ]
        )
    lists.column_dimensions["A"].width = 40
    lists.column_dimensions["B"].width = 30
    last = IMPORT_MAX_ROWS + 1
    sheet_ref = "'" + lists.title.replace("'", "''") + "'"
    for column, letter, count in (("D", "A", len(cadres)), ("F", "B", len(districts))):
        if not count:
            continue
        choice = DataValidation(
            type="list",
            formula1=f"={sheet_ref}!${letter}$2:${letter}${count + 1}",
            allow_blank=True,
            errorStyle="warning",
        )
        learners.add_data_validation(choice)
        choice.add(f"{column}2:{column}{last}")
    output = io.BytesIO()
    workbook.save(output)
    return (
        output.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
