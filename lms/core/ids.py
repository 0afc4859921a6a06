"""Row ids taken from URLs and forms.

Every key is a 64-bit signed integer, so a larger number names no row. Asked about one, SQLite
fails (``OverflowError: Python int too large to convert to SQLite INTEGER``, a 500) where
PostgreSQL finds nothing; Django guards ``exact``, ``lt`` and ``gt`` on integer columns but not
``in``, nor any lookup through a foreign key. So such numbers stop where they come in: a URL
with one does not match (404), a form field with one is invalid, and ``parse_id`` gives
``None`` for the views that read ids themselves. ``in`` on integer columns leaves them out
(Wagtail's own views take such lists).
"""

from __future__ import annotations

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.lookups import In

#: The largest value of a BigAutoField (and of any integer key) on every supported database.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """``value`` (ASCII digits, or an int) as a row id, or ``None`` when it cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return None
    return number if 0 <= number <= MAX_ID else None


class IntegerFieldIn(In):
    """``in`` on integer columns, guarded as Django guards ``exact``, ``lt`` and ``gt``
    (``IntegerFieldOverflow``): a value out of the column's range matches no row, so it is left
    out of the list instead of reaching the database (Wagtail's bulk actions and choosers take
    lists of ids from the query string). Registered for ``IntegerField`` in ``CoreConfig``."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            kept = [value for value in self.rhs if _in_range(value, low, high)]
            if len(kept) != len(self.rhs):
                # A copy: the same query may yet be compiled for another database.
                lookup = copy.copy(self)
                lookup.rhs = kept
                return In.process_rhs(lookup, compiler, connection)
        return super().process_rhs(compiler, connection)


def _in_range(value, low: int | None, high: int | None) -> bool:
    if not isinstance(value, int):
        return True  # None, expressions: In's own business
    return (low is None or value >= low) and (high is None or value <= high)


class IdConverter:
    """``<id:name>``: like ``<int:name>``, but a number too large to be a row id does not
    match, so the URL answers 404."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the pattern does not match
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose choice is a row id: a number out of range is an invalid
    choice, without asking the database."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(_raw(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` of row ids: one number out of range makes the value
    invalid, without asking the database."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if parse_id(_raw(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


def _raw(value):
    # A bound form may pass the instance back (initial data): that is an id already.
    pk = getattr(value, "pk", value)
    return pk if isinstance(pk, int) else str(pk)
