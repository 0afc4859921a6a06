"""Validators for what people type about themselves."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^[6-9][0-9]{9}$")  # ASCII digits only: \d would admit any script's
_NAME_PUNCTUATION = set(" .'-")
#: The longest name accepted, in characters once its spaces are normalised: the width of
#: ``User.full_name`` (certificates print it, ``Certificate.recipient_name`` holds 200).
#: Long Indian names — a South Indian name with the village and father's names written out,
#: "Kanchipuram Venkataraghavan Srinivasa Raghavachari Ramanujam", is 59 — and Indic
#: scripts, which spend two or three code points on a syllable, fit with room to spare;
#: certificates print a name this long in a smaller size (``certification.rendering``).
NAME_MAX_LENGTH = 150
#: Zero-width non-joiner and joiner: Devanagari, Bengali and Assamese spelling needs them
#: (a half form, a ra-phala, a visible virama), so they are the only invisible characters a
#: name may hold, and only inside a word.
_JOINERS = frozenset("\u200c\u200d")
#: Letters and marks that draw nothing (Unicode's default-ignorable ones outside the format
#: category): a name of Hangul fillers or variation selectors looks blank or like another.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)


#: Devanagari (U+0966 to U+096F) and Bengali-Assamese (U+09E6 to U+09EF) digits, as phones
#: set to Hindi or Assamese type them, read as 0 to 9.
INDIC_DIGITS = str.maketrans(
    {chr(0x0966 + n): str(n) for n in range(10)} | {chr(0x09E6 + n): str(n) for n in range(10)}
)


def normalise_indian_mobile(value: str) -> str:
    """Return ``+91XXXXXXXXXX`` for an Indian mobile number typed in any common way
    (``98765 43210``, ``+91-98765-43210``, ``098765 43210``, ``०९८७६५ ४३२१०``), or raise
    ``ValidationError``: landlines, numbers of other countries, too few or too many digits and
    letters are refused with the same message."""
    digits = re.sub(r"[\s().\-\u2010-\u2015]", "", (value or "").translate(INDIC_DIGITS))
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


def format_indian_mobile(e164: str | None) -> str:
    """``+919876543210`` as people read it: ``+91 98765 43210``."""
    if not e164 or not e164.startswith("+91") or len(e164) != 13:
        return e164 or ""
    return f"+91 {e164[3:8]} {e164[8:]}"


def validate_indian_mobile(value: str) -> None:
    normalise_indian_mobile(value)


def validate_person_name(value: str) -> None:
    """Names are letters of any script (with their combining marks), spaces, and the
    punctuation names really use: full stop, apostrophe, hyphen; at most ``NAME_MAX_LENGTH``
    characters. Nothing that could be markup, and nothing invisible — control characters,
    direction marks and overrides (which print a name reversed, or the text after it),
    zero-width spaces — except the joiners Indic scripts need between letters."""
    stripped = value.strip()
    if not stripped:
        raise ValidationError(_("Enter a name."), code="blank_name")
    length = len(" ".join(stripped.split()))  # as stored: the services normalise spaces
    if length > NAME_MAX_LENGTH:
        raise ValidationError(
            _("A name may be at most %(limit)d characters long (this one has %(length)d)."),
            code="name_too_long",
            params={"limit": NAME_MAX_LENGTH, "length": length},
        )
    for index, char in enumerate(stripped):
        if char in _JOINERS and _joins_letters(stripped, index):
            continue
        category = unicodedata.category(char)[0]
        if category == "C" or char in _INVISIBLE:
            raise ValidationError(
                _(
                    "A name may not contain invisible characters such as text-direction "
                    "marks. Please type the name again instead of pasting it."
                ),
                code="invisible_in_name",
            )
        if category not in {"L", "M"} and char not in _NAME_PUNCTUATION:
            raise ValidationError(
                _("A name may contain letters, spaces, full stops, apostrophes and hyphens only."),
                code="invalid_name",
            )
    if not any(unicodedata.category(char)[0] == "L" for char in stripped):
        raise ValidationError(_("Enter a name."), code="blank_name")


def _joins_letters(name: str, index: int) -> bool:
    """Whether the joiner at ``index`` stands between two letters or marks."""
    return (
        0 < index < len(name) - 1
        and unicodedata.category(name[index - 1])[0] in {"L", "M"}
        and unicodedata.category(name[index + 1])[0] in {"L", "M"}
    )
