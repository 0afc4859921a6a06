from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0006_competency_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingmodulepage",
            name="has_pre_test",
            field=models.BooleanField(
                default=False,
                help_text="Learners take a pre-test drawn from the assessment's questions before the lessons, so that trainers see what they learned. It never counts against them.",
                verbose_name="pre-test",
            ),
        ),
    ]
