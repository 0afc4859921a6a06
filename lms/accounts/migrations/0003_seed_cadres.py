"""The cadres of the child-protection system under the Integrated Child Protection Scheme
(continued since 2022 as Mission Vatsalya) and the Juvenile Justice (Care and Protection of
Children) Act, 2015. Editable afterwards as snippets."""

from django.db import migrations

CADRES = [
    (
        "dcpo",
        "District Child Protection Officer (DCPO)",
        "Heads the District Child Protection Unit.",
    ),
    (
        "po-institutional",
        "Protection Officer (Institutional Care)",
        "DCPU officer for children in child care institutions.",
    ),
    (
        "po-non-institutional",
        "Protection Officer (Non-Institutional Care)",
        "DCPU officer for sponsorship, foster care and after-care.",
    ),
    (
        "legal-probation-officer",
        "Legal-cum-Probation Officer",
        "DCPU officer for legal aid, social investigation and probation work.",
    ),
    ("counsellor", "Counsellor", "Counsellor in a DCPU or child care institution."),
    ("social-worker", "Social Worker", "Social worker in a DCPU, institution or agency."),
    ("outreach-worker", "Outreach Worker", "Outreach worker of a DCPU or child helpline."),
    (
        "data-analyst",
        "Data Analyst / Data Entry Operator",
        "Keeps the DCPU's records and the tracking portals.",
    ),
    (
        "scps-staff",
        "State Child Protection Society staff",
        "Programme, training and monitoring staff of the SCPS.",
    ),
    (
        "cwc-member",
        "Child Welfare Committee (CWC) member",
        "Chairperson or member of a Child Welfare Committee.",
    ),
    (
        "jjb-member",
        "Juvenile Justice Board (JJB) member",
        "Principal Magistrate or social-worker member of a Juvenile Justice Board.",
    ),
    (
        "sjpu-officer",
        "Special Juvenile Police Unit (SJPU) officer",
        "Police officer of the district's Special Juvenile Police Unit.",
    ),
    (
        "cwpo",
        "Child Welfare Police Officer (CWPO)",
        "Officer designated at each police station under Section 107 of the JJ Act.",
    ),
    (
        "cci-superintendent",
        "Superintendent / Officer-in-charge of a Child Care Institution",
        "Runs a children's home, observation home, special home or place of safety.",
    ),
    (
        "cci-staff",
        "Child Care Institution staff (caregiver, house mother or father)",
        "Day-to-day care of children in an institution.",
    ),
    (
        "saa-staff",
        "Specialised Adoption Agency staff",
        "Staff of an agency recognised under the Adoption Regulations.",
    ),
    (
        "child-helpline",
        "Child helpline (1098) staff",
        "Counsellors, call handlers and field staff of the child helpline.",
    ),
    (
        "cpc-member",
        "Village or Block Child Protection Committee member",
        "Community-level committee member, including Anganwadi and ASHA workers.",
    ),
    ("other", "Other", "Any other role in child protection."),
]


def seed(apps, schema_editor):
    Cadre = apps.get_model("accounts", "Cadre")
    for order, (slug, name, description) in enumerate(CADRES, start=1):
        Cadre.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_create_role_groups")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
