"""What a spreadsheet of learners looks like: its columns, its limits, and reading it (through
``lms.core.spreadsheets``, where every importer reads its files)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.core.spreadsheets import Column, Sheet, SpreadsheetError, read_sheet

#: Files above this size are refused before they are read.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
#: Learners per file; more must be split (a state's yearly intake fits in a few files).
IMPORT_MAX_ROWS = 10_000

#: The headings are English in the template whatever its language, so that a file stays valid
#: whatever language it is used in; the aliases are the other headings accepted.
COLUMNS = (
    Column(
        key="full_name",
        heading="Full name",
        label=gettext_lazy("Full name"),
        required=True,
        help=gettext_lazy(
            "As it should appear on certificates: letters of any script (Hindi, Assamese, "
            "English…), spaces, full stops, apostrophes and hyphens."
        ),
        aliases=(
            "full name",
            "name",
            "fullname",
            "learner name",
            "पूरा नाम",
            "नाम",
            "সম্পূৰ্ণ নাম",
            "নাম",
        ),
    ),
    Column(
        key="email",
        heading="Email",
        label=gettext_lazy("Email"),
        # An email or a mobile number: each row needs one of the two (``rows.py``).
        required=False,
        help=gettext_lazy(
            "Email or mobile number: each learner needs at least one. The person's own "
            "address: the invitation to set a password goes there."
        ),
        aliases=(
            "email",
            "e mail",
            "email address",
            "e mail address",
            "mail",
            "ईमेल",
            "ई मेल",
            "ইমেইল",
        ),
    ),
    Column(
        key="phone",
        heading="Mobile number",
        label=gettext_lazy("Mobile number"),
        required=False,
        help=gettext_lazy(
            "Email or mobile number: each learner needs at least one. A 10-digit Indian mobile "
            "number, with or without +91. Someone with no email is invited by SMS, and signs "
            "in with a code sent to this number."
        ),
        aliases=(
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
        key="cadre",
        heading="Cadre",
        label=gettext_lazy("Cadre"),
        required=False,
        help=gettext_lazy("Optional. One of the cadres listed below, written as shown."),
        aliases=("cadre", "कैडर", "संवर्ग"),
    ),
    Column(
        key="designation",
        heading="Designation",
        label=gettext_lazy("Designation"),
        required=False,
        help=gettext_lazy("Optional. The person's post, e.g. Protection Officer."),
        aliases=("designation", "post", "पद", "पदनाम"),
    ),
    Column(
        key="district",
        heading="District",
        label=gettext_lazy("District"),
        required=True,
        help=gettext_lazy("A district of the cohort's state, written as listed below."),
        aliases=("district", "जिला", "ज़िला", "জিলা"),
    ),
)
COLUMN_KEYS = [column.key for column in COLUMNS]
MAX_LENGTHS = {"full_name": 150, "email": 254, "designation": 150}


#: A learner is known by an email address, a mobile number or both: a file names one of these.
CONTACT_KEYS = ("email", "phone")


def read_learners(*, data: bytes, filename: str) -> Sheet:
    """Read an uploaded spreadsheet of learners; ``SpreadsheetError`` for anything that makes
    it unusable as a whole (a file with neither an Email nor a Mobile number column among
    them). The rows are not checked here."""
    sheet = read_sheet(
        data=data,
        filename=filename,
        columns=COLUMNS,
        max_rows=IMPORT_MAX_ROWS,
        max_bytes=IMPORT_MAX_BYTES,
        no_rows=_("The file has no learners in it."),
        too_many_rows=_(
            "The file has more than %(limit)s learners. Split it into files of at most "
            "%(limit)s rows and import them one after the other."
        )
        % {"limit": f"{IMPORT_MAX_ROWS:,}"},
    )
    if not any(key in sheet.headings for key in CONTACT_KEYS):
        raise SpreadsheetError(
            _(
                "The file needs an Email column, a Mobile number column or both: each learner "
                "is invited by email or by SMS. The columns are: %(expected)s."
            )
            % {"expected": ", ".join(column.heading for column in COLUMNS)},
            code="headings",
        )
    return sheet
