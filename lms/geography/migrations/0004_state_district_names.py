"""States and districts get their names in the interface's other languages (``names``) from
data/names.json: every state, and the districts of Assam and Bihar."""

from django.db import migrations, models

import lms.geography.names
from lms.geography.services import reference_names_apply


def apply_names(apps, schema_editor):
    reference_names_apply(
        state_model=apps.get_model("geography", "State"),
        district_model=apps.get_model("geography", "District"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0003_district_aliases"),
    ]

    operations = [
        migrations.AddField(
            model_name="district",
            name="names",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The name in each interface language, by language code, e.g. {"hi": "…", "as": "…"}. Languages left out show the English name.',
                validators=[lms.geography.names.validate_names],
                verbose_name="names in other languages",
            ),
        ),
        migrations.AddField(
            model_name="state",
            name="names",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The name in each interface language, by language code, e.g. {"hi": "…", "as": "…"}. Languages left out show the English name.',
                validators=[lms.geography.names.validate_names],
                verbose_name="names in other languages",
            ),
        ),
        migrations.RunPython(apply_names, migrations.RunPython.noop),
    ]
