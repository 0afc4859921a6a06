"""The workforce the scorecard measures against: how many posts of each cadre a district (or a
state's own units) has sanctioned and filled, as reported on a date.

A figure is never overwritten by a later one: each report is a row with the month it describes
(``as_of``, the first day of that month), so the posts of any past month are the latest rows
on or before it (``selectors.posts_as_of``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Cadre
from lms.geography.models import District, State


class PostCount(models.Model):
    class Source(models.TextChoices):
        IMPORT = "import", _("Spreadsheet import")
        FORM = "form", _("Correction form")
        DEMO = "demo", _("Demonstration data")

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Empty for the state's own units (the State Child Protection Society)."),
    )
    cadre = models.ForeignKey(
        Cadre, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre")
    )
    as_of = models.DateField(
        _("as of"), help_text=_("The first day of the month these figures describe.")
    )
    sanctioned = models.PositiveIntegerField(_("posts sanctioned"))
    filled = models.PositiveIntegerField(_("posts filled"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["state__name", "district__name", "cadre__sort_order", "-as_of"]
        verbose_name = _("post count")
        verbose_name_plural = _("post counts")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "cadre", "as_of"],
                condition=Q(district__isnull=False),
                name="post_count_unique_district",
            ),
            models.UniqueConstraint(
                fields=["state", "cadre", "as_of"],
                condition=Q(district__isnull=True),
                name="post_count_unique_state_level",
            ),
            models.CheckConstraint(
                condition=Q(filled__lte=F("sanctioned")), name="post_count_filled_within_sanctioned"
            ),
            models.CheckConstraint(condition=Q(as_of__day=1), name="post_count_as_of_month_start"),
        ]
        indexes = [models.Index(fields=["state", "as_of"], name="post_count_state_month")]

    def __str__(self) -> str:
        place = self.district or self.state
        return f"{place} · {self.cadre} · {self.as_of:%Y-%m}: {self.filled}/{self.sanctioned}"
