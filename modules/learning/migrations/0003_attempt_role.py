from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_enrollment_cycle"),
        ("modules", "0007_module_pre_test"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="assessmentattempt",
            name="attempt_number_once",
        ),
        migrations.AddField(
            model_name="assessmentattempt",
            name="role",
            field=models.CharField(
                choices=[("assessment", "Assessment"), ("pre_test", "Pre-test")],
                default="assessment",
                max_length=10,
            ),
        ),
        migrations.AddConstraint(
            model_name="assessmentattempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "assessment")),
                fields=("enrollment", "number"),
                name="attempt_number_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessmentattempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "pre_test")),
                fields=("enrollment", "cycle"),
                name="attempt_one_pre_test_per_cycle",
            ),
        ),
    ]
