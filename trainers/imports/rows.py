"""Checking each row of a spreadsheet of learners, and the preview's summary of the checked
rows. Nothing here writes: ``service.import_check`` stores the outcome."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.contact import EMAIL, SMS, notice_channels
from lms.accounts.models import User
from lms.accounts.selectors import cadre_lookup
from lms.accounts.validators import normalise_indian_mobile, validate_person_name
from lms.core.lookup import HOW_LABELS, AmbiguousName, Match, NameLookup
from lms.core.spreadsheets import Sheet
from lms.geography.selectors import district_lookup

from .. import access
from ..models import Cohort, CohortImport, CohortMember
from .sheet import COLUMN_KEYS, CONTACT_KEYS, MAX_LENGTHS

#: An address or mobile number on two lines of the file: the message of the second line.
_IN_THE_FILE_TWICE = {
    "email": gettext_lazy("The same address is on line %(line)d."),
    "phone": gettext_lazy("The same mobile number is on line %(line)d."),
}


def chunks(items: list, size: int = 1000) -> Iterator[list]:
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
        for chunk in chunks(emails):
            for row in (
                addable.annotate(address=Lower("email"))
                .filter(address__in=chunk)
                .values_list(*fields)
            ):
                self.by_email[row[1].lower()] = row
        # A number belongs to one account at most (a unique index, like the address's).
        self.by_phone: dict[str, tuple] = {}
        for chunk in chunks(phones):
            for row in addable.filter(phone__in=chunk).values_list(*fields):
                self.by_phone[row[2]] = row
        found = {row[0] for row in self.by_email.values()} | {
            row[0] for row in self.by_phone.values()
        }
        self.members: set[int] = set()
        for chunk in chunks(sorted(found)):
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
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            _error(errors, "email", values.get("email", ""), error.messages[0])
    row["email"] = email

    phone = values.get("phone", "")
    row["phone"] = ""
    if phone:
        try:
            row["phone"] = normalise_indian_mobile(phone)
        except ValidationError as error:
            _error(errors, "phone", phone, error.messages[0])
    # A learner is invited by email or by SMS: one of the two is needed. (A value refused
    # above, a formula or one too long, has its own error.)
    if not email and not phone and not any(e["column"] in CONTACT_KEYS for e in errors):
        _error(errors, "email", "", _("Enter the person's email address or mobile number."))

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


def _match(row: dict, errors: list[dict], lookups: _Lookups, phone_as_written: str) -> None:
    """Match the row with an existing account: by email, then by mobile number. An address
    of one account and a number of another is an error on the line (both are accounts the
    trainer may add: anyone else's is, here, an address or number nobody uses)."""
    row["user_id"], row["match"], row["account_name"] = None, "new", ""
    by_email = lookups.by_email.get(row["email"]) if row["email"] else None
    by_phone = lookups.by_phone.get(row["phone"]) if row["phone"] else None
    if by_email is not None and by_phone is not None and by_email[0] != by_phone[0]:
        _error(
            errors,
            "phone",
            phone_as_written,
            _(
                "This mobile number belongs to another account than the email address: "
                "correct one of them, or leave the number out."
            ),
        )
        return
    found, how = (by_email, "email") if by_email is not None else (by_phone, "phone")
    if found is None:
        return
    pk = found[0]
    row["user_id"] = pk
    row["match"] = "member" if pk in lookups.members else how
    row["account_name"] = found[3] or ""


def check_rows(*, sheet: Sheet, cohort: Cohort, by) -> tuple[list[dict], int]:
    """Check every row of ``sheet`` for ``cohort``: each value, addresses and numbers twice in
    the file, and the account each row matches among those ``by`` may add. Returns the rows
    as stored for the preview (errors by column, with the heading as written) and the number
    of errors (a line may have several)."""
    emails, phones = [], []
    for source in sheet.rows:
        email = source.values.get("email", "").lower()
        if email:
            emails.append(email)
        phone = source.values.get("phone", "")
        if phone:
            with contextlib.suppress(ValidationError):  # a bad number is reported with its row
                phones.append(normalise_indian_mobile(phone))
    lookups = _Lookups(cohort=cohort, by=by, emails=emails, phones=phones)
    seen: dict[str, dict[str, int]] = {"email": {}, "phone": {}}
    rows, error_count = [], 0
    for source in sheet.rows:
        line, values = source.line, source.values
        row, errors = _check_row(values, lookups)
        if source.outside_columns:
            _error(errors, "", "", _("This line has values outside the named columns."))
        for column in ("email", "phone"):
            if not row[column]:
                continue
            earlier = seen[column].setdefault(row[column], line)
            if earlier != line:
                message = _IN_THE_FILE_TWICE[column] % {"line": earlier}
                _error(errors, column, values.get(column, ""), message)
        if not errors:
            _match(row, errors, lookups, values.get("phone", ""))
        row["line"] = line
        if errors:
            for error in errors:
                error["heading"] = sheet.headings.get(error["column"], "")
            row["errors"] = errors
            error_count += len(errors)
        rows.append(row)
    return rows, error_count


@dataclass(frozen=True)
class Summary:
    """What the preview shows of a checked import."""

    new: list[dict]
    existing: list[dict]
    members: list[dict]
    errors: list[dict]  # {line, column, heading, value, message}
    #: The lines with problems, in file order: {line, problems} with each line's errors.
    problem_lines: list[dict]
    #: Cadres and districts written otherwise than their names, as read:
    #: {column, value, label, how, how_label, rows, line}, one per distinct spelling
    matches: list[dict]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def invited_by_email(self) -> int:
        """New accounts whose invitation goes by email."""
        return sum(1 for row in self.new if EMAIL in row["invite_by"])

    @property
    def invited_by_sms(self) -> int:
        """New accounts whose invitation goes by SMS."""
        return sum(1 for row in self.new if SMS in row["invite_by"])


def _invitation_channels(row: dict) -> list[str]:
    """How the new account of ``row`` will be invited: the channels a notice to it takes
    (``lms.accounts.contact``, the one home of that rule), email first."""
    person = User(email=row["email"] or None, phone=row["phone"] or None)
    return [channel for channel in (EMAIL, SMS) if channel in notice_channels(person)]


def import_summary(cohort_import: CohortImport) -> Summary:
    """The checked rows of ``cohort_import`` sorted for the preview, with every spelling of
    a cadre or district that was read as another name."""
    new, existing, members, errors, problem_lines = [], [], [], [], []
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
            problems = [{"line": row["line"], **error} for error in row["errors"]]
            errors.extend(problems)
            problem_lines.append({"line": row["line"], "problems": problems})
        elif row["match"] == "new":
            new.append({**row, "invite_by": _invitation_channels(row)})
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
        problem_lines=problem_lines,
        matches=sorted(
            matches.values(), key=lambda m: (order.get(m["column"], 99), m["label"], m["line"])
        ),
    )
