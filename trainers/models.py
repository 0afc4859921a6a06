from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrainerGroup(models.Model):
    """A state core trainer group, e.g. "Assam State Core Trainer Group"."""

    state = models.ForeignKey(
        "geography.State", verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name = _("trainer group")
        verbose_name_plural = _("trainer groups")
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="trainer_group_name_per_state"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainerMembership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead trainer")
        MEMBER = "member", _("Trainer")

    group = models.ForeignKey(TrainerGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainer_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="trainer_membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} ({self.role})"


class Cohort(models.Model):
    """Learners trained together in a state or district, on an ordered list of modules."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Running")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    class Purpose(models.TextChoices):
        LEARNERS = "learners", _("Training of learners")
        TRAINERS = "trainers", _("Training of trainers")

    class TrainerLevel(models.TextChoices):
        """Where the members of a training-of-trainers cohort train once accredited."""

        STATE = "state", _("State core trainers")
        DISTRICT = "district", _("District trainers")

    name = models.CharField(_("name"), max_length=200)
    state = models.ForeignKey(
        "geography.State", verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a state-wide cohort."),
    )
    trainer_group = models.ForeignKey(
        TrainerGroup,
        verbose_name=_("trainer group"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.BLENDED)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.LEARNERS
    )
    #: For a training-of-trainers cohort: the standard its members are accredited against, and
    #: whether they become trainers of the state or of their district.
    accreditation_standard = models.ForeignKey(
        "trainers.AccreditationStandard",
        verbose_name=_("accreditation standard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    trainer_level = models.CharField(
        _("members become"),
        max_length=10,
        choices=TrainerLevel.choices,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_start",
            ),
            # A training-of-trainers cohort names its standard and level; others neither.
            models.CheckConstraint(
                condition=(
                    Q(purpose="trainers", accreditation_standard__isnull=False)
                    & ~Q(trainer_level="")
                )
                | Q(purpose="learners", accreditation_standard__isnull=True, trainer_level=""),
                name="cohort_trainers_purpose_complete",
            ),
        ]
        indexes = [models.Index(fields=["state", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def trains_trainers(self) -> bool:
        return self.purpose == self.Purpose.TRAINERS


class CohortModule(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="cohort_modules")
    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cohort", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "module"], name="cohort_module_once"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id}: {self.module_id}"


class CohortMember(models.Model):
    """A learner in a cohort. Removing them keeps the row (and their progress, which lives on
    their enrollments) with ``removed_at`` set."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="cohort_member_once"),
        ]
        indexes = [models.Index(fields=["cohort", "removed_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.cohort_id}"


class TrainingSession(models.Model):
    """An in-person (or live online) session of a cohort, for one of its modules."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The calendar's revision of the session (iCalendar's SEQUENCE): raised when it moves
    #: (date, time or place) or is cancelled, so that calendars take the newer file.
    sequence = models.PositiveIntegerField(default=0)
    #: A cancelled session stays, with its attendance, but no longer counts towards anyone's
    #: share and takes no more attendance.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    #: When the day-before reminder was claimed (set before it is sent, so that it goes out
    #: once); cleared when the session moves to another day.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def has_ended(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.session_id}: {self.status}"


class CohortImport(models.Model):
    """A spreadsheet of learners for a cohort: validated in full first, then — once the
    trainer confirms an error-free file — written all or nothing (in a background task for
    large files, with its progress here)."""

    class Status(models.TextChoices):
        VALIDATED = "validated", _("Checked")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    #: How a CSV file was decoded ("utf-8", "utf-16", "cp1252"); blank for a workbook.
    encoding = models.CharField(max_length=10, blank=True)
    #: The validated rows, ready to write: what the preview showed is what gets imported.
    rows = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VALIDATED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_accounts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} → {self.cohort_id}"


# --- Accreditation ----------------------------------------------------------------------------


class AccreditationStandard(models.Model):
    """What a trainer must show to be accredited to deliver a module or a family of modules:
    the modules completed with a higher pass mark, the training-of-trainers module where there
    is one, and a session observed by an accredited lead trainer. Set by national
    administrators (a snippet in the Wagtail admin)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    modules = models.ManyToManyField(
        "modules.TrainingModulePage",
        verbose_name=_("modules delivered"),
        related_name="+",
        help_text=_("The modules (in their source language) a trainer is accredited to deliver."),
    )
    tot_module = models.ForeignKey(
        "modules.TrainingModulePage",
        verbose_name=_("training-of-trainers module"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty if the modules have none."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("trainer pass mark (%)"),
        default=85,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The score a trainer needs in each module's assessment; above learners'."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), default=36, validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("accreditation standard")
        verbose_name_plural = _("accreditation standards")

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """An accredited lead trainer's observation of a trainee delivering a session, scored on
    a short rubric (``trainers.accreditation.RUBRIC``)."""

    class Outcome(models.TextChoices):
        MEETS = "meets", _("Meets the standard")
        NOT_YET = "not_yet", _("Not yet")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="observations"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    standard = models.ForeignKey(
        AccreditationStandard, on_delete=models.PROTECT, related_name="observations"
    )
    #: Rubric criterion → score (1 to 4).
    scores = models.JSONField(default=dict)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    strengths = models.TextField(_("strengths"), blank=True, max_length=2000)
    improvements = models.TextField(_("to improve"), blank=True, max_length=2000)
    observed_at = models.DateTimeField(_("observed"), default=timezone.now)

    class Meta:
        ordering = ["-observed_at"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee", "observer"], name="observation_once_per_session"
            ),
            models.CheckConstraint(
                condition=~Q(trainee=F("observer")), name="observation_not_of_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} at {self.session_id}: {self.outcome}"


class Accreditation(models.Model):
    """A trainer's accreditation against a standard: where they train (a state, or a district
    of it), who trained them (the trainers of their training-of-trainers cohort's sessions,
    kept as granted) and until when. Verifiable by its code, like a certificate; a renewal is
    a new accreditation that supersedes the old one."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National master trainer")
        STATE = "state", _("State core trainer")
        DISTRICT = "district", _("District trainer")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Renewed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="accreditations"
    )
    trainer_name = models.CharField(_("name as accredited"), max_length=200)
    standard = models.ForeignKey(
        AccreditationStandard, on_delete=models.PROTECT, related_name="accreditations"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    state = models.ForeignKey(
        "geography.State",
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tot_cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("training-of-trainers cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accreditations",
    )
    trained_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trained by"), blank=True, related_name="+"
    )
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    valid_until = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    renews = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "standard"],
                condition=Q(superseded_at__isnull=True, revoked_at__isnull=True),
                name="accreditation_one_current",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="accreditation_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(level="national", state__isnull=True, district__isnull=True)
                | Q(level="state", state__isnull=False, district__isnull=True)
                | Q(level="district", state__isnull=False, district__isnull=False),
                name="accreditation_level_place",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "valid_until"]),
            models.Index(fields=["trainer", "standard"]),
        ]

    def __str__(self) -> str:
        return f"{self.trainer_name}: {self.standard_id}"

    def status_on(self, day: datetime.date) -> str:
        """The accreditation's status on ``day`` (a date in India)."""
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.superseded_at is not None:
            return self.Status.SUPERSEDED
        if day > self.valid_until:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def grouped_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class UnaccreditedAssignment(models.Model):
    """A trainer put on a cohort, or a session, of a module they are not accredited to
    deliver: allowed with a reason, which the cohort's pages show."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="unaccredited_assignments"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "trainer"], name="unaccredited_assignment_once"
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="unaccredited_assignment_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainer_id} on {self.cohort_id}"


# --- Session feedback -------------------------------------------------------------------------


class SessionFeedback(models.Model):
    """A learner's short feedback on a session they attended: a rating and two questions.
    Shown only as aggregates, never with a name; the learner is kept only so that each gives
    feedback once."""

    class Use(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    class Pace(models.TextChoices):
        TOO_SLOW = "too_slow", _("Too slow")
        RIGHT = "right", _("About right")
        TOO_FAST = "too_fast", _("Too fast")

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    will_use = models.CharField(
        _("will you use what you learned in your work?"), max_length=10, choices=Use.choices
    )
    pace = models.CharField(_("the pace was"), max_length=10, choices=Pace.choices)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="session_feedback_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="session_feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"feedback on {self.session_id}"
