"""A mobile number becomes an identity: email optional, mobile unique (E.164 or NULL, never
""), whether it was verified, and whether notices go by SMS as well as email. Every account
keeps a way to sign in: an email, a mobile, or both.

Existing blank addresses and numbers become NULL. A number held by several accounts (it was
never unique before, nor verified) stays with the account that has held it longest — the
earliest joined — and is cleared from the others, whose owners can add it again by code."""

from django.db import migrations, models

import lms.accounts.validators


def blanks_to_null(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(email="").update(email=None)
    User.objects.filter(phone="").update(phone=None)
    duplicated = (
        User.objects.exclude(phone=None)
        .values("phone")
        .annotate(holders=models.Count("pk"))
        .filter(holders__gt=1)
        .values_list("phone", flat=True)
    )
    for phone in list(duplicated):
        keep = User.objects.filter(phone=phone).order_by("date_joined", "pk").first()
        User.objects.filter(phone=phone).exclude(pk=keep.pk).update(phone=None)


def null_to_blanks(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(phone=None).update(phone="")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_cadre_names")]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="email",
            field=models.EmailField(
                blank=True, max_length=254, null=True, unique=True, verbose_name="email address"
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="phone",
            field=models.CharField(
                blank=True,
                max_length=13,
                null=True,
                validators=[lms.accounts.validators.validate_indian_mobile],
                verbose_name="mobile number",
            ),
        ),
        migrations.RunPython(blanks_to_null, null_to_blanks, elidable=False),
        migrations.AlterField(
            model_name="user",
            name="phone",
            field=models.CharField(
                blank=True,
                max_length=13,
                null=True,
                unique=True,
                validators=[lms.accounts.validators.validate_indian_mobile],
                verbose_name="mobile number",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="phone_verified",
            field=models.BooleanField(
                default=False,
                help_text="Whether a code sent to the number was entered.",
                verbose_name="mobile number verified",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="notices_by_sms",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Reminders, session notices and certificates are sent by email to those who "
                    "have one, and by SMS to those who have only a mobile number; tick to get both."
                ),
                verbose_name="also send notices by SMS",
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("email__isnull", False), ("phone__isnull", False), _connector="OR"
                ),
                name="user_has_email_or_phone",
            ),
        ),
    ]
