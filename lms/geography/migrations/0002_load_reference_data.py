"""Load the 36 states and union territories and their districts from data/india.json."""

from django.db import migrations

from lms.geography.services import reference_read, reference_upsert


def load_reference(apps, schema_editor):
    reference_upsert(
        state_model=apps.get_model("geography", "State"),
        district_model=apps.get_model("geography", "District"),
        reference=reference_read(),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0001_initial"),
    ]

    operations = [
        # Reversing keeps the rows: users may already point at them.
        migrations.RunPython(load_reference, migrations.RunPython.noop),
    ]
