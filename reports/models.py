"""The scorecard's rollups: the only tables the scorecard pages read.

The unit is a *cell*: one cadre in one district (or in a state's own units, ``district`` empty)
in one month. ``CadreCell`` counts its people, ``ModuleCell`` its people by each module their
cadre must hold, ``ActivityCell`` what happened in the month (completions, certificates).
Every level of the scorecard (district, state, nation) is a sum of cells, so the levels always
add up. ``PersonStanding`` keeps each person's current contribution, so that an event changes
the cells by the difference it makes (``services.event_record``) instead of a recount.

``Snapshot`` says, per month, when the cells were last rebuilt from the source tables: the
scorecard's "as of". The newest month's cells are kept current by events between rebuilds;
older months keep the figures they had when the month ended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Cadre
from lms.geography.models import District, State


class Snapshot(models.Model):
    month = models.DateField(_("month"), unique=True)
    rebuilt_at = models.DateTimeField(_("rebuilt at"))
    as_of = models.DateField(_("figures as of"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-month"]
        verbose_name = _("scorecard month")
        verbose_name_plural = _("scorecard months")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class _Cell(models.Model):
    #: "<month>/<state>/<district>/<cadre>[/<module>]" with "-" for an empty place: unique, so
    #: that two events creating the same cell at once cannot make two (a unique constraint over
    #: the nullable columns would treat empty places as all different).
    key = models.CharField(max_length=80, unique=True)
    month = models.DateField()
    state = models.ForeignKey(State, on_delete=models.CASCADE, null=True, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, related_name="+")
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.key


class CadreCell(_Cell):
    """The people of one cadre in one district in one month."""

    #: Posts as the state reported them for the month (empty: none reported).
    posts_sanctioned = models.PositiveIntegerField(null=True)
    posts_filled = models.PositiveIntegerField(null=True)
    #: How many modules the cadre must hold (0: the cadre has no required training).
    required_modules = models.PositiveSmallIntegerField(default=0)
    registered = models.PositiveIntegerField(default=0)
    #: Enrolled in at least one required module.
    started = models.PositiveIntegerField(default=0)
    #: Completed every required module (at some time).
    completed = models.PositiveIntegerField(default=0)
    #: Holding a valid certificate in every required module: trained.
    trained = models.PositiveIntegerField(default=0)
    #: Trained, with a required certificate that expires within 90 days.
    expiring = models.PositiveIntegerField(default=0)
    #: Past the due date of a required module without a valid certificate in it.
    overdue = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["month", "state", "district"], name="cadre_cell_place"),
        ]


class ModuleCell(_Cell):
    """The people of one cadre in one district in one month, by a module their cadre must hold."""

    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    enrolled = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    certified = models.PositiveIntegerField(default=0)
    expiring = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["month", "state", "district"], name="module_cell_place"),
        ]


class ActivityCell(_Cell):
    """What happened in one month, for one cadre in one district and one module: completions
    and certificates issued (in any module, required or not), assessment attempts submitted
    and passed."""

    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    completions = models.PositiveIntegerField(default=0)
    certificates = models.PositiveIntegerField(default=0)
    #: Counted by the rebuild only (an attempt sends no event).
    attempts = models.PositiveIntegerField(default=0)
    attempts_passed = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["month", "state", "district"], name="activity_cell_place"),
        ]


class PersonStanding(models.Model):
    """One person's current place in the cells and what they contribute to them; the people
    lists behind a scorecard number read it too."""

    class Status(models.TextChoices):
        NOT_REQUIRED = "not_required", _("No training required")
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed, certificate not valid")
        TRAINED = "trained", _("Trained")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    state = models.ForeignKey(State, on_delete=models.CASCADE, null=True, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, related_name="+")
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, null=True, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    expiring = models.BooleanField(default=False)
    overdue = models.BooleanField(default=False)
    #: The earliest date a required module is (or was) due without a valid certificate.
    next_due = models.DateField(null=True)
    #: Per required module (by page id): the flags counted in ``ModuleCell``.
    modules = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["state", "district", "cadre"], name="person_standing_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.status}"


class MonthlyMailing(models.Model):
    """One scorecard mailed for a month: a state's to one of its coordinators (``district``
    empty) or a district's to its officer. The row is claimed before the mail goes out and
    confirmed (``sent_at``) after, so that a rerun of the month's mailing never sends it twice
    (``mailing.scorecard_mail_month``); a claim whose sending failed is released."""

    month = models.DateField(_("month"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    claimed_at = models.DateTimeField(_("claimed at"))
    #: Empty while the mail is being sent, or if the sender stopped before it was confirmed.
    sent_at = models.DateTimeField(_("sent at"), null=True)

    class Meta:
        ordering = ["-month", "state", "district"]
        verbose_name = _("monthly scorecard mailing")
        verbose_name_plural = _("monthly scorecard mailings")
        # (month, user, state, district) is unique; two conditions because a unique
        # constraint over a nullable column treats every empty district as different.
        constraints = [
            models.UniqueConstraint(
                fields=["month", "user", "state"],
                condition=models.Q(district__isnull=True),
                name="monthly_mailing_unique_state",
            ),
            models.UniqueConstraint(
                fields=["month", "user", "state", "district"],
                condition=models.Q(district__isnull=False),
                name="monthly_mailing_unique_district",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.user_id} {self.state_id}/{self.district_id or '-'}"


class LanguageCell(models.Model):
    """People registered in one district (or a state's own units) by their chosen language,
    as of a month (counted by the rebuild)."""

    key = models.CharField(max_length=80, unique=True)
    month = models.DateField()
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, related_name="+")
    language = models.CharField(max_length=8)
    people = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "state", "district"], name="language_cell_place")]

    def __str__(self) -> str:
        return self.key


class DeliveryCell(models.Model):
    """In-person training in one month: sessions held and the distinct trainers who ran them,
    for the nation (``state`` empty), a state (``district`` empty, ``level`` "state") or a
    district. Distinct trainers do not add up across places (a trainer may work in two
    districts), so each level is counted on its own."""

    class Level(models.TextChoices):
        NATION = "nation"
        STATE = "state"
        DISTRICT = "district"

    key = models.CharField(max_length=80, unique=True)
    month = models.DateField()
    level = models.CharField(max_length=8, choices=Level.choices)
    state = models.ForeignKey(State, on_delete=models.CASCADE, null=True, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, related_name="+")
    sessions = models.PositiveIntegerField(default=0)
    trainers = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "level", "state"], name="delivery_cell_place")]

    def __str__(self) -> str:
        return self.key


class ModuleVersionStat(models.Model):
    """Per module version, for the nation (``state`` empty) or a state, as of a month's end:
    certificates issued so far and the median days from enrolment to certificate (a median
    does not add up, so each level is counted on its own)."""

    key = models.CharField(max_length=80, unique=True)
    month = models.DateField()
    state = models.ForeignKey(State, on_delete=models.CASCADE, null=True, related_name="+")
    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.CASCADE, related_name="+"
    )
    version = models.CharField(max_length=20)
    certificates = models.PositiveIntegerField(default=0)
    median_days = models.FloatField(null=True)

    class Meta:
        indexes = [models.Index(fields=["month", "state"], name="module_version_stat_place")]

    def __str__(self) -> str:
        return self.key
