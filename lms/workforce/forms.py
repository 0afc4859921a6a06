"""The forms of the posts pages: the month to read or import, the upload, the correction."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Cadre
from lms.geography.models import District, State

from .imports import IMPORT_MAX_BYTES, MAX_POSTS, NOTE_MAX_LENGTH

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: The earliest month figures may describe.
FIRST_MONTH = datetime.date(2000, 1, 1)
#: The value of the place field for the state's own units.
STATE_LEVEL = "state"


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def parse_month(value) -> datetime.date | None:
    """``YYYY-MM`` as the first day of that month; None when malformed or out of range."""
    match = _MONTH.match(str(value or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return None
    day = datetime.date(year, month, 1)
    return day if FIRST_MONTH <= day <= this_month() else None


class MonthField(forms.CharField):
    """A month as ``YYYY-MM`` (the browser's month picker), this month or an earlier one."""

    widget = forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(
                _("Choose a month from January 2000 to this month, written as YYYY-MM."),
                code="invalid",
            )
        return month

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else value


class UploadForm(forms.Form):
    month = MonthField(
        label=_("Month the figures describe"),
        help_text=_("The figures in the file are recorded for this month."),
    )
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(mb)d MB.") % {
            "mb": IMPORT_MAX_BYTES // (1024 * 1024)
        }


class CorrectionForm(forms.Form):
    place = forms.ChoiceField(label=_("District"))
    cadre = forms.ModelChoiceField(label=_("Cadre"), queryset=Cadre.objects.none())
    month = MonthField(label=_("Month"))
    sanctioned = forms.IntegerField(label=_("Posts sanctioned"), min_value=0, max_value=MAX_POSTS)
    filled = forms.IntegerField(label=_("Posts filled"), min_value=0, max_value=MAX_POSTS)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Why the figures change, or where they come from."),
    )

    def __init__(self, *args, state: State, districts: list[District], **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {str(district.pk): district for district in districts}
        self.fields["place"].choices = [
            (STATE_LEVEL, _("%(state)s: the state's own units") % {"state": state.name}),
            *((key, district.name) for key, district in self.districts.items()),
        ]
        self.fields["cadre"].queryset = Cadre.objects.order_by("sort_order", "name")

    def clean_place(self) -> District | None:
        place = self.cleaned_data["place"]
        return None if place == STATE_LEVEL else self.districts[place]

    def clean(self):
        cleaned = super().clean()
        sanctioned, filled = cleaned.get("sanctioned"), cleaned.get("filled")
        if sanctioned is not None and filled is not None and filled > sanctioned:
            self.add_error("filled", _("More posts filled than sanctioned."))
        return cleaned
