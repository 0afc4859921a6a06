"""The one place that uses Django's private API: how the ORM turns the value a database
returned for a model field's column into the field's Python value.

The route cache (``lms.core.routing``) runs a query written out as SQL on every lesson page
and loads the page from its row with the documented ``Model.from_db()``. Django's public way
to do that, ``Manager.raw()``, costs about three times as much as the query itself (it maps
the columns to the fields again on every call), which the lesson page cannot afford. What the
ORM does to each value in between — the backend's converters (SQLite's booleans, dates and
UUIDs, for example) and the field's own ``from_db_value`` — is private. It lives here.

Written for Django ``WRITTEN_FOR``; ``tests/core/test_django_internals.py`` compares what
``row_converter`` loads with what the ORM loads, and fails as soon as Django's version changes,
so that someone reads ``SQLCompiler.get_converters`` and ``apply_converters`` again before
moving the pin.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import Field

#: The Django release (major, minor) this module was written and checked for.
WRITTEN_FOR = (5, 2)


def row_converter(fields: Sequence[Field], connection) -> Callable[[Sequence], list]:
    """A function that turns a row the database returned for ``fields`` (model fields, each
    read from its own model's table, in that order) into the values the ORM would load, as
    ``SQLCompiler.apply_converters`` does. ``connection`` is the database's connection; the
    converters it gives depend on its backend only."""
    steps = []
    for position, field in enumerate(fields):
        column = field.get_col(field.model._meta.db_table)
        functions = [
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ]
        if functions:
            steps.append((position, column, functions))

    def convert(row: Sequence, connection=connection) -> list:
        values = list(row)
        for position, column, functions in steps:
            value = values[position]
            for function in functions:
                value = function(value, column, connection)
            values[position] = value
        return values

    return convert
