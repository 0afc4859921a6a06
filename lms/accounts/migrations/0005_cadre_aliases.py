"""Cadres get alternative spellings: the short forms and variants people write in spreadsheets.
Editable afterwards in the cadre snippets."""

from django.db import migrations, models

import lms.core.lookup

ALIASES = {
    "dcpo": ["District Child Protection Officer"],
    "po-institutional": ["PO-IC", "PO (IC)", "Protection Officer (IC)"],
    "po-non-institutional": ["PO-NIC", "PO (NIC)", "Protection Officer (NIC)"],
    "legal-probation-officer": ["LPO", "Legal Probation Officer", "Legal cum Probation Officer"],
    "counsellor": ["Counselor"],
    "outreach-worker": ["ORW"],
    "data-analyst": ["Data Analyst", "Data Entry Operator", "DEO"],
    "scps-staff": ["SCPS", "SCPS staff"],
    "cwc-member": ["CWC", "CWC chairperson", "Child Welfare Committee member"],
    "jjb-member": ["JJB", "Juvenile Justice Board member"],
    "sjpu-officer": ["SJPU", "SJPU officer"],
    "cwpo": ["Child Welfare Police Officer"],
    "cci-superintendent": ["Superintendent", "CCI superintendent", "Officer-in-charge"],
    "cci-staff": ["CCI staff", "Caregiver", "House mother", "House father"],
    "saa-staff": ["SAA", "SAA staff"],
    "child-helpline": ["Childline", "Child helpline", "1098"],
    "cpc-member": ["CPC member", "VCPC member", "BCPC member"],
}


def seed(apps, schema_editor):
    Cadre = apps.get_model("accounts", "Cadre")
    for cadre in Cadre.objects.using(schema_editor.connection.alias).filter(slug__in=ALIASES):
        if not cadre.aliases:
            cadre.aliases = ALIASES[cadre.slug]
            cadre.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_roles_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="cadre",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Other ways people write this cadre in spreadsheets, e.g. ["CWC member", "CWC"]. Case, spaces and punctuation do not matter.',
                validators=[lms.core.lookup.validate_spellings],
                verbose_name="alternative spellings",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
