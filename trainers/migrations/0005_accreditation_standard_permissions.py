"""National administrators keep the accreditation standards: give their group the
permissions of ``AccreditationStandard`` (the admin's snippet views ask for them).

The group itself is created by accounts' 0002_create_role_groups; no other role edits
standards."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "National administrator"
CODENAMES = [
    "add_accreditationstandard",
    "change_accreditationstandard",
    "delete_accreditationstandard",
    "view_accreditationstandard",
]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    app_config = apps.get_app_config("trainers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="trainers", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="trainers", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("trainers", "0004_accreditation_cascade_feedback"),
        ("accounts", "0002_create_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
