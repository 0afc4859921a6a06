from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.core.lookup import spellings_field
from lms.geography.models import District, State
from lms.geography.names import TranslatedNameMixin, names_field

from .managers import UserManager
from .validators import format_indian_mobile, validate_indian_mobile, validate_person_name

CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("hi", _("Hindi")),
    ("as", _("Assamese")),
]


class Role(models.TextChoices):
    """The platform's roles. Each is a Django group of the same name (created by a data
    migration); trainers and coordinators are further limited to states by RoleAssignment."""

    LEARNER = "Learner", _("Learner")
    TRAINER = "Trainer", _("Trainer")
    COORDINATOR = "State coordinator", _("State coordinator")
    DISTRICT_OFFICER = "District officer", _("District officer")
    AUTHOR = "Module author", _("Module author")
    REVIEWER = "Module reviewer", _("Module reviewer")
    NATIONAL_ADMIN = "National administrator", _("National administrator")


#: Roles whose reach is limited to the states of the user's role assignments.
STATE_SCOPED_ROLES = (Role.TRAINER, Role.COORDINATOR)
#: Roles whose reach is limited to one district of a state (a DCPO, or a state's district
#: training focal point): their assignments name the district as well as its state.
DISTRICT_SCOPED_ROLES = (Role.DISTRICT_OFFICER,)
#: Every role that is held somewhere rather than everywhere.
SCOPED_ROLES = STATE_SCOPED_ROLES + DISTRICT_SCOPED_ROLES


class Cadre(TranslatedNameMixin, models.Model):
    """A person's cadre in the child-protection system (DCPO, social worker, CWC member, …).
    ``name`` is the English name that imports match; ``display_name`` (and ``str()``) is the
    name in the active language (``lms.geography.names``)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    names = names_field()
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    aliases = spellings_field(
        help_text=_(
            'Other ways people write this cadre in spreadsheets, e.g. ["CWC member", "CWC"]. '
            "Case, spaces and punctuation do not matter."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")

    def __str__(self) -> str:
        return self.display_name


class User(AbstractBaseUser, PermissionsMixin):
    #: Optional: a verified mobile number is enough to have an account. Never "": no address is
    #: stored as NULL, so that the unique index admits any number of accounts without one.
    email = models.EmailField(
        _("email address"), max_length=254, unique=True, null=True, blank=True
    )
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        blank=True,
        validators=[validate_person_name],
        help_text=_("As it should appear on certificates."),
    )
    #: An Indian mobile number in E.164 (``+919876543210``): a way to sign in (by password or by
    #: a code sent by SMS) and to be reached. Unique like the email; NULL when there is none.
    phone = models.CharField(
        _("mobile number"),
        max_length=13,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_indian_mobile],
    )
    phone_verified = models.BooleanField(
        _("mobile number verified"),
        default=False,
        help_text=_("Whether a code sent to the number was entered."),
    )
    notices_by_sms = models.BooleanField(
        _("also send notices by SMS"),
        default=False,
        help_text=_(
            "Reminders, session notices and certificates are sent by email to those who have "
            "one, and by SMS to those who have only a mobile number; tick to get both."
        ),
    )
    cadre = models.ForeignKey(
        Cadre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cadre"),
    )
    cadre_since = models.DateField(
        _("in this role since"),
        null=True,
        blank=True,
        help_text=_("When you took up this post. Training required for it is due from then."),
    )
    designation = models.CharField(_("designation"), max_length=150, blank=True)
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state or union territory"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=CONTENT_LANGUAGES, default="en"
    )
    profile_completed_at = models.DateTimeField(_("profile completed"), null=True, blank=True)
    consent_version = models.CharField(
        _("data-use notice accepted"),
        max_length=20,
        blank=True,
        help_text=_("Version of the data-use notice most recently accepted."),
    )
    #: Raised whenever the user's groups (or their groups' permissions) change, so that the
    #: roles cached in the session are known to be stale.
    roles_version = models.PositiveIntegerField(default=0, editable=False)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into the Django admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            # Every account can be reached and can sign in: by an email, a mobile, or both.
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.CheckConstraint(
                condition=models.Q(district__isnull=True) | models.Q(state__isnull=False),
                name="user_district_needs_state",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.contact

    def save(self, *args, **kwargs):
        # A blank address or number is none at all (NULL), never "": see the fields.
        self.email = self.email or None
        self.phone = self.phone or None
        super().save(*args, **kwargs)

    @property
    def phone_display(self) -> str:
        """The mobile number as people read it: ``+91 98765 43210``."""
        return format_indian_mobile(self.phone)

    @property
    def contact(self) -> str:
        """How the account is known when it has no name: its email, else its mobile number."""
        return self.email or self.phone_display

    def get_full_name(self) -> str:
        return self.full_name or self.contact

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.contact

    @property
    def needs_profile(self) -> bool:
        """True until the profile is complete and the current data-use notice accepted."""
        return (
            self.profile_completed_at is None
            or self.consent_version != settings.LMS_DATA_USE_NOTICE_VERSION
        )


class Consent(models.Model):
    """One acceptance of the data-use notice: who, which version, when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    notice_version = models.CharField(_("notice version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("data-use consent")
        verbose_name_plural = _("data-use consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "notice_version"], name="consent_once_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} accepted {self.notice_version}"


class RoleAssignment(models.Model):
    """Where a scoped role applies: "trainer in Assam", "coordinator in Bihar", "district
    officer in Kamrup, Assam" (a district role names its district and the district's state)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(
        _("role"),
        max_length=40,
        choices=[(role.value, role.label) for role in SCOPED_ROLES],
    )
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
        help_text=_("Only for district roles: the one district where the role applies."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["state__name", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "state"],
                condition=models.Q(district__isnull=True),
                name="role_assignment_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=models.Q(district__isnull=False),
                name="role_assignment_unique_district",
            ),
            # A district role names its district; a state role names none.
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=[r.value for r in DISTRICT_SCOPED_ROLES])
                    & models.Q(district__isnull=False)
                )
                | (
                    ~models.Q(role__in=[r.value for r in DISTRICT_SCOPED_ROLES])
                    & models.Q(district__isnull=True)
                ),
                name="role_assignment_district_iff_district_role",
            ),
        ]

    def __str__(self) -> str:
        if self.district_id:
            return f"{self.get_role_display()} · {self.district}, {self.state}"
        return f"{self.get_role_display()} · {self.state}"
