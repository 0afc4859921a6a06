"""``lms.core.django_internals``, the one use of Django's private API, pinned to the Django
release it was written for: a row read with plain SQL loads as the ORM loads it."""

import django
import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from wagtail.blocks import StreamValue

from lms.core.django_internals import WRITTEN_FOR, row_converter
from modules.content.models import LessonPage, TrainingModulePage
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def test_written_for_this_django():
    assert django.VERSION[:2] == WRITTEN_FOR == (5, 2), (
        "Django's version changed: read SQLCompiler.get_converters and apply_converters again, "
        "check lms.core.django_internals against them, then move WRITTEN_FOR and this test"
    )


def loaded_with_sql(model, pk):
    fields = [
        field for field in model._meta.get_fields() if field.concrete and not field.many_to_many
    ]
    tables = {field.model._meta.db_table for field in fields}
    assert len(tables) == 2
    child = next(table for table in tables if table != "wagtailcore_page")
    columns = ", ".join(f'"{field.model._meta.db_table}"."{field.column}"' for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {columns} FROM "wagtailcore_page" INNER JOIN "{child}"'  # noqa: S608
            f' ON "{child}"."page_ptr_id" = "wagtailcore_page"."id"'
            ' WHERE "wagtailcore_page"."id" = %s',
            [pk],
        )
        row = cursor.fetchone()
    convert = row_converter(fields, connection)
    return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], convert(row)), fields


@pytest.mark.parametrize("model", [LessonPage, TrainingModulePage])
def test_a_row_loads_as_the_orm_loads_it(model):
    module = make_module(lessons=1)
    page = module if model is TrainingModulePage else LessonPage.objects.child_of(module).get()
    expected = model.objects.get(pk=page.pk)
    loaded, fields = loaded_with_sql(model, page.pk)
    for field in fields:
        ours, theirs = getattr(loaded, field.attname), getattr(expected, field.attname)
        if isinstance(theirs, StreamValue):
            assert isinstance(ours, StreamValue)
            assert list(ours.raw_data) == list(theirs.raw_data)
        else:
            assert ours == theirs, field.name
            assert type(ours) is type(theirs), field.name
