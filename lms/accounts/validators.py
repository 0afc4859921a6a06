"""Validators for what people type about themselves."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^[6-9]\d{9}$")
_NAME_PUNCTUATION = set(" .'-")


def normalise_indian_mobile(value: str) -> str:
    """Return ``+91XXXXXXXXXX`` for an Indian mobile number typed in any common way
    (``98765 43210``, ``+91-98765-43210``, ``098765 43210``), or raise ``ValidationError``."""
    digits = re.sub(r"[\s().-]", "", value or "")
    if digits.startswith("+91"):
        digits = digits[3:]
    elif digits.startswith("91") and len(digits) == 12:
        digits = digits[2:]
    elif digits.startswith("0") and len(digits) == 11:
        digits = digits[1:]
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."),
            code="invalid_phone",
        )
    return "+91" + digits


def validate_indian_mobile(value: str) -> None:
    normalise_indian_mobile(value)


def validate_person_name(value: str) -> None:
    """Names are letters of any script (with their combining marks), spaces, and the
    punctuation names really use: full stop, apostrophe, hyphen. Nothing that could be markup."""
    stripped = value.strip()
    if not stripped:
        raise ValidationError(_("Enter a name."), code="blank_name")
    for char in stripped:
        category = unicodedata.category(char)
        if category[0] in {"L", "M"} or char in _NAME_PUNCTUATION:
            continue
        raise ValidationError(
            _("A name may contain letters, spaces, full stops, apostrophes and hyphens only."),
            code="invalid_name",
        )
    if not any(unicodedata.category(char)[0] == "L" for char in stripped):
        raise ValidationError(_("Enter a name."), code="blank_name")
