"""Districts get alternative spellings (former names, short forms), loaded from data/india.json."""

from django.db import migrations, models

import lms.core.lookup
from lms.geography.services import reference_read, reference_upsert


def load_aliases(apps, schema_editor):
    # The same upsert as 0002, now with a model that has the field: it adds the aliases.
    reference_upsert(
        state_model=apps.get_model("geography", "State"),
        district_model=apps.get_model("geography", "District"),
        reference=reference_read(),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0002_load_reference_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="district",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Former names and common spellings, e.g. ["Kamrup Metro"]; the bundled reference list adds its own. Case, spaces and punctuation do not matter.',
                validators=[lms.core.lookup.validate_spellings],
                verbose_name="alternative spellings",
            ),
        ),
        migrations.RunPython(load_aliases, migrations.RunPython.noop),
    ]
