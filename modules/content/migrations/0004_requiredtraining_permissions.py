"""National administrators say which training each cadre must hold: give their group the
permissions of ``RequiredTraining`` (the admin's snippet views ask for them).

The group itself is created by accounts' 0002_create_role_groups; no other role edits
requirements."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "National administrator"
CODENAMES = [
    "add_requiredtraining",
    "change_requiredtraining",
    "delete_requiredtraining",
    "view_requiredtraining",
]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    app_config = apps.get_app_config("modules")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="modules", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="modules", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0003_requiredtraining"),
        ("accounts", "0002_create_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
