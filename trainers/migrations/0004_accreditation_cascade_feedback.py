import uuid

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0004_state_district_names"),
        ("modules", "0006_competency_names"),
        ("trainers", "0003_session_cancel_and_notices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Observation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scores", models.JSONField(default=dict)),
                (
                    "outcome",
                    models.CharField(
                        choices=[("meets", "Meets the standard"), ("not_yet", "Not yet")],
                        max_length=10,
                        verbose_name="outcome",
                    ),
                ),
                (
                    "strengths",
                    models.TextField(blank=True, max_length=2000, verbose_name="strengths"),
                ),
                (
                    "improvements",
                    models.TextField(blank=True, max_length=2000, verbose_name="to improve"),
                ),
                (
                    "observed_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="observed"
                    ),
                ),
            ],
            options={
                "verbose_name": "observation",
                "verbose_name_plural": "observations",
                "ordering": ["-observed_at"],
            },
        ),
        migrations.CreateModel(
            name="SessionFeedback",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="rating",
                    ),
                ),
                (
                    "will_use",
                    models.CharField(
                        choices=[("yes", "Yes"), ("partly", "Partly"), ("no", "No")],
                        max_length=10,
                        verbose_name="will you use what you learned in your work?",
                    ),
                ),
                (
                    "pace",
                    models.CharField(
                        choices=[
                            ("too_slow", "Too slow"),
                            ("right", "About right"),
                            ("too_fast", "Too fast"),
                        ],
                        max_length=10,
                        verbose_name="the pace was",
                    ),
                ),
                ("submitted_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "session feedback",
                "verbose_name_plural": "session feedback",
            },
        ),
        migrations.CreateModel(
            name="UnaccreditedAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.CharField(max_length=500, verbose_name="reason")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.AddField(
            model_name="cohort",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("learners", "Training of learners"),
                    ("trainers", "Training of trainers"),
                ],
                default="learners",
                max_length=10,
                verbose_name="purpose",
            ),
        ),
        migrations.AddField(
            model_name="cohort",
            name="trainer_level",
            field=models.CharField(
                blank=True,
                choices=[("state", "State core trainers"), ("district", "District trainers")],
                max_length=10,
                verbose_name="members become",
            ),
        ),
        migrations.CreateModel(
            name="AccreditationStandard",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="name")),
                (
                    "pass_mark",
                    models.PositiveSmallIntegerField(
                        default=85,
                        help_text="The score a trainer needs in each module's assessment; above learners'.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="trainer pass mark (%)",
                    ),
                ),
                (
                    "validity_months",
                    models.PositiveSmallIntegerField(
                        default=36,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="valid for (months)",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "modules",
                    models.ManyToManyField(
                        help_text="The modules (in their source language) a trainer is accredited to deliver.",
                        related_name="+",
                        to="modules.trainingmodulepage",
                        verbose_name="modules delivered",
                    ),
                ),
                (
                    "tot_module",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty if the modules have none.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="modules.trainingmodulepage",
                        verbose_name="training-of-trainers module",
                    ),
                ),
            ],
            options={
                "verbose_name": "accreditation standard",
                "verbose_name_plural": "accreditation standards",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Accreditation",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        editable=False, max_length=16, unique=True, verbose_name="verification code"
                    ),
                ),
                (
                    "trainer_name",
                    models.CharField(max_length=200, verbose_name="name as accredited"),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("national", "National master trainer"),
                            ("state", "State core trainer"),
                            ("district", "District trainer"),
                        ],
                        max_length=10,
                        verbose_name="level",
                    ),
                ),
                (
                    "granted_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="granted"),
                ),
                ("valid_until", models.DateField(verbose_name="valid until")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                (
                    "revocation_reason",
                    models.CharField(
                        blank=True, max_length=500, verbose_name="reason for revocation"
                    ),
                ),
                ("superseded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="geography.district",
                        verbose_name="district",
                    ),
                ),
                (
                    "granted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "renews",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="trainers.accreditation",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "state",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="geography.state",
                        verbose_name="state",
                    ),
                ),
                (
                    "tot_cohort",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="accreditations",
                        to="trainers.cohort",
                        verbose_name="training-of-trainers cohort",
                    ),
                ),
                (
                    "trained_by",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="trained by",
                    ),
                ),
                (
                    "trainer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="accreditations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "standard",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="accreditations",
                        to="trainers.accreditationstandard",
                    ),
                ),
            ],
            options={
                "verbose_name": "accreditation",
                "verbose_name_plural": "accreditations",
                "ordering": ["-granted_at"],
            },
        ),
        migrations.AddField(
            model_name="cohort",
            name="accreditation_standard",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cohorts",
                to="trainers.accreditationstandard",
                verbose_name="accreditation standard",
            ),
        ),
        migrations.AddConstraint(
            model_name="cohort",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("accreditation_standard__isnull", False),
                        ("purpose", "trainers"),
                        models.Q(("trainer_level", ""), _negated=True),
                    ),
                    models.Q(
                        ("accreditation_standard__isnull", True),
                        ("purpose", "learners"),
                        ("trainer_level", ""),
                    ),
                    _connector="OR",
                ),
                name="cohort_trainers_purpose_complete",
            ),
        ),
        migrations.AddField(
            model_name="observation",
            name="observer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="observation",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="observations",
                to="trainers.trainingsession",
            ),
        ),
        migrations.AddField(
            model_name="observation",
            name="standard",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="observations",
                to="trainers.accreditationstandard",
            ),
        ),
        migrations.AddField(
            model_name="observation",
            name="trainee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="observations",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="accreditation",
            name="observation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="trainers.observation",
            ),
        ),
        migrations.AddField(
            model_name="sessionfeedback",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="feedback",
                to="trainers.trainingsession",
            ),
        ),
        migrations.AddField(
            model_name="sessionfeedback",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="unaccreditedassignment",
            name="cohort",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="unaccredited_assignments",
                to="trainers.cohort",
            ),
        ),
        migrations.AddField(
            model_name="unaccreditedassignment",
            name="recorded_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="unaccreditedassignment",
            name="trainer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="observation",
            constraint=models.UniqueConstraint(
                fields=("session", "trainee", "observer"), name="observation_once_per_session"
            ),
        ),
        migrations.AddConstraint(
            model_name="observation",
            constraint=models.CheckConstraint(
                condition=models.Q(("trainee", models.F("observer")), _negated=True),
                name="observation_not_of_oneself",
            ),
        ),
        migrations.AddIndex(
            model_name="accreditation",
            index=models.Index(
                fields=["state", "valid_until"], name="trainers_ac_state_i_8e331a_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="accreditation",
            index=models.Index(
                fields=["trainer", "standard"], name="trainers_ac_trainer_ff3d35_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="accreditation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("revoked_at__isnull", True), ("superseded_at__isnull", True)),
                fields=("trainer", "standard"),
                name="accreditation_one_current",
            ),
        ),
        migrations.AddConstraint(
            model_name="accreditation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("revoked_at__isnull", True),
                    models.Q(("revocation_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="accreditation_revocation_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="accreditation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("district__isnull", True), ("level", "national"), ("state__isnull", True)
                    ),
                    models.Q(
                        ("district__isnull", True), ("level", "state"), ("state__isnull", False)
                    ),
                    models.Q(
                        ("district__isnull", False), ("level", "district"), ("state__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="accreditation_level_place",
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionfeedback",
            constraint=models.UniqueConstraint(
                fields=("session", "user"), name="session_feedback_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionfeedback",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__gte", 1), ("rating__lte", 5)),
                name="session_feedback_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="unaccreditedassignment",
            constraint=models.UniqueConstraint(
                fields=("cohort", "trainer"), name="unaccredited_assignment_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="unaccreditedassignment",
            constraint=models.CheckConstraint(
                condition=models.Q(("reason", ""), _negated=True),
                name="unaccredited_assignment_has_reason",
            ),
        ),
    ]
