from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.lookup import spellings_field

from .names import TranslatedNameMixin, names_field


def _lgd_code() -> models.PositiveIntegerField:
    """A state's or district's code in the Local Government Directory, where it has one."""
    return models.PositiveIntegerField(
        _("LGD code"),
        unique=True,
        null=True,
        blank=True,
        help_text=_("Code in the Local Government Directory."),
    )


class State(TranslatedNameMixin, models.Model):
    """A state or union territory of India."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        UNION_TERRITORY = "ut", _("Union territory")

    code = models.CharField(
        _("code"), max_length=2, unique=True, help_text=_("Two-letter code, e.g. AS for Assam.")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    names = names_field()
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    lgd_code = _lgd_code()

    class Meta:
        ordering = ["name"]
        verbose_name = _("state or union territory")
        verbose_name_plural = _("states and union territories")

    def __str__(self) -> str:
        return self.display_name


class District(TranslatedNameMixin, models.Model):
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="districts", verbose_name=_("state")
    )
    name = models.CharField(_("name"), max_length=100)
    names = names_field()
    lgd_code = _lgd_code()
    aliases = spellings_field(
        help_text=_(
            'Former names and common spellings, e.g. ["Kamrup Metro"]; the bundled reference '
            "list adds its own. Case, spaces and punctuation do not matter."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Districts merged or renamed away are kept for history but not offered."),
    )

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="district_unique_name_in_state"),
        ]

    def __str__(self) -> str:
        return self.display_name
