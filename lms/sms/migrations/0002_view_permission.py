"""National administrators read the list of text messages: give their group the model's view
permission.

The group itself is created by accounts' 0002_create_role_groups. The list is read-only for
everyone (lms.sms.wagtail_hooks), so no other permission is granted."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "National administrator"
CODENAMES = ["view_smsmessage"]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    app_config = apps.get_app_config("sms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="sms", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="sms", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sms", "0001_text_messages"),
        ("accounts", "0002_create_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
