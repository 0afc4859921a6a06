"""Names of reference entries (states, districts, cadres, competencies) in the interface's
languages.

These lists are data, not source: they are seeded by migrations, then corrected and extended
by administrators in the admin (a district renamed, a cadre added), so a gettext msgid would go
stale the day someone edits a name, and a translator could not reach a row added later. Each
entry therefore keeps its English ``name`` (the key that importers and lookups match) and a
``names`` field, ``{"hi": "…", "as": "…"}``, edited beside it. ``display_name`` follows the
active language and falls back to English, so a language without a name (or a state whose
districts nobody has translated yet) still reads correctly.

The field is an ordinary column: a query that reads ``name`` with ``values()`` reads ``names``
in the same query (``name_in_language``), never a second one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy


def validate_names(value) -> None:
    """For a ``names`` field: an object of language codes to non-blank texts."""
    if not isinstance(value, dict) or not all(
        isinstance(code, str)
        and code
        and isinstance(text, str)
        and text.strip()
        and len(text) <= 200
        for code, text in value.items()
    ):
        raise ValidationError(
            gettext_lazy('Write the names by language code, e.g. {"hi": "…", "as": "…"}.'),
            code="invalid",
        )


def names_field() -> models.JSONField:
    """The ``names`` field of an entry with a translated name."""
    return models.JSONField(
        gettext_lazy("names in other languages"),
        default=dict,
        blank=True,
        validators=[validate_names],
        help_text=gettext_lazy(
            'The name in each interface language, by language code, e.g. {"hi": "…", "as": "…"}. '
            "Languages left out show the English name."
        ),
    )


def name_in_language(name: str, names: dict | None, language: str | None = None) -> str:
    """``name`` in ``language`` (the active one by default) when ``names`` has it, else
    ``name``. Also for rows read with ``values()``."""
    language = language or translation.get_language() or ""
    if names and language:
        text = names.get(language) or names.get(language.split("-")[0])
        if text:
            return text
    return name


class TranslatedNameMixin:
    """``display_name`` for a model with ``name`` and ``names``; its ``str()`` is that name."""

    name: str
    names: dict

    @property
    def display_name(self) -> str:
        return name_in_language(self.name, self.names)

    @property
    def is_name_translated(self) -> bool:
        """Whether ``display_name`` is in the active language rather than the English
        fallback (a template marks the English one ``lang="en"``)."""
        language = (translation.get_language() or "en").split("-")[0]
        return language == "en" or bool((self.names or {}).get(language))

    def __str__(self) -> str:
        return self.display_name
