"""Finding an entry of a reference list (a cadre, a district) from how a person wrote it.

People type names as they know them: "cwc member", "Kamrup Metro", "KAMRUP METROPOLITAN",
"Bellary" for Ballari. Each owner app builds a ``NameLookup`` from its own data — the display
name, the slug or code, and the known alternative spellings it keeps — and every importer asks
that lookup, so the rule of what counts as the same name lives here once.

Two spellings are the same when they differ only in case, spacing, punctuation ("." "-" "_"
"(" ")" "/" "," …), Latin accents or "&" for "and". Letters and vowel signs of Indian scripts are
kept as they are. A spelling that fits two entries is never resolved by guessing: it is
reported as ambiguous. The entries' own names, slugs and codes come first; alternative
spellings are consulted only when none of those fits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy

#: How a written value was recognised, as the preview says it.
HOW_LABELS = {
    "name": gettext_lazy("name"),
    "slug": gettext_lazy("slug"),
    "code": gettext_lazy("LGD code"),
    "alias": gettext_lazy("alternative spelling"),
}
#: Ways that are an entry's own identifiers; "alias" comes after them.
_PRIMARY = ("name", "slug", "code")


def validate_spellings(value) -> None:
    """For an ``aliases`` field: a list of distinct, non-blank texts of at most 100 characters."""
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item.strip() and len(item) <= 100 for item in value
    ):
        raise ValidationError(
            gettext_lazy('Write a list of names in quotes, e.g. ["CWC member", "CWC"].'),
            code="invalid",
        )
    keys = [lookup_key(item) for item in value]
    if not all(keys) or len(set(keys)) != len(keys):
        raise ValidationError(
            gettext_lazy("Each alternative spelling must be different and contain letters."),
            code="invalid",
        )


def spellings_field(*, help_text: str) -> models.JSONField:
    """An owner's ``aliases`` field: the alternative spellings its ``NameLookup`` consults."""
    return models.JSONField(
        gettext_lazy("alternative spellings"),
        default=list,
        blank=True,
        validators=[validate_spellings],
        help_text=help_text,
    )


def lookup_key(text: str) -> str:
    """The comparison form of a written name (see the module's docstring); "" when nothing
    comparable is left, which matches nothing."""
    text = unicodedata.normalize("NFKD", str(text))
    # Drop the accents of Latin letters (U+0300 to U+036F) only: the vowel signs and nuktas of
    # Devanagari and Bengali-Assamese are other code points and part of the word.
    text = "".join(ch for ch in text if not "\u0300" <= ch <= "\u036f")
    text = unicodedata.normalize("NFC", text).casefold().replace("&", " and ")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


@dataclass(frozen=True)
class Match:
    pk: int
    #: The entry's display name.
    label: str
    #: "name", "slug", "code" or "alias" (``HOW_LABELS``).
    how: str
    #: Anything the owner wants to say along with the entry (a district's state).
    context: str = ""

    @property
    def how_label(self) -> str:
        return str(HOW_LABELS[self.how])


class AmbiguousName(LookupError):
    """The written value fits several entries equally well."""

    def __init__(self, value: str, matches: list[Match]):
        self.value = value
        self.matches = matches
        super().__init__(value)

    @property
    def labels(self) -> list[str]:
        return sorted({match.label for match in self.matches})


class NameLookup:
    """Entries of one reference list by their comparison keys. Build it once (one query in the
    owner's selector), then ``find()`` any number of written values without queries."""

    def __init__(self, *, strip_words: tuple[str, ...] = ()):
        #: Words ignored at the end of a written value ("district"), in key form.
        self._strip = tuple(lookup_key(word) for word in strip_words)
        self._keys: dict[str, dict[int, Match]] = {}
        self._aliases: dict[str, dict[int, Match]] = {}

    def _key(self, text: str) -> str:
        key = lookup_key(text)
        for word in self._strip:
            if key.endswith(word) and len(key) > len(word):
                key = key[: -len(word)]
        return key

    def add(self, *, pk: int, label: str, spelling: str, how: str, context: str = "") -> None:
        key = self._key(spelling)
        if not key:
            return
        table = self._keys if how in _PRIMARY else self._aliases
        found = table.setdefault(key, {})
        # A name and a slug of one entry share a key; the name is the better explanation.
        if pk not in found or (how == "name" and found[pk].how != "name"):
            found[pk] = Match(pk=pk, label=label, how=how, context=context)

    def find(self, value: str) -> Match | None:
        """The entry ``value`` names, or None; ``AmbiguousName`` when it fits several."""
        key = self._key(value)
        if not key:
            return None
        for table in (self._keys, self._aliases):
            found = table.get(key)
            if not found:
                continue
            if len(found) > 1:
                raise AmbiguousName(value, sorted(found.values(), key=lambda m: m.label))
            return next(iter(found.values()))
        return None
