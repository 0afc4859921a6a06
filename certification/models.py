from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.core.storage import NamedStorage

#: The placeholders a template's text may contain, each replaced by escaped text at render time.
PLACEHOLDERS = (
    "learner_name",
    "module_title",
    "module_code",
    "duration",
    "hours",
    "issue_date",
    "state",
    "score",
)


class CertificateTemplate(ClusterableModel):
    """How certificates look: text, language, colours, logos and signatories.

    A template applies as a default, to a state, or to specific modules; for a certificate the
    most specific one wins (modules and state, then modules, then state, then the default).
    Modules never point at templates."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        HINDI = "hi", _("Hindi")
        ENGLISH_HINDI = "en+hi", _("English and Hindi")
        ENGLISH_ASSAMESE = "en+as", _("English and Assamese")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("For administrators only.")
    )
    title = models.CharField(
        _("certificate title"), max_length=150, default="Certificate of Completion"
    )
    body = models.TextField(
        _("body text"),
        help_text=_(
            "Placeholders: {learner_name}, {module_title}, {module_code}, {duration} (as the "
            "site writes it: 1 h 10 min), {hours}, {issue_date}, {state}, {score}. They are "
            "replaced with plain text."
        ),
    )
    secondary_title = models.CharField(
        _("title in the second language"),
        max_length=150,
        blank=True,
        help_text=_("For bilingual certificates: the title in Hindi or Assamese."),
    )
    secondary_body = models.TextField(
        _("body text in the second language"),
        blank=True,
        help_text=_("For bilingual certificates; the same placeholders are available."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    orientation = models.CharField(
        _("orientation"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#1d4f91",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #1d4f91."))
        ],
    )
    logo_left = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo (left)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_right = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo (right)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used when no template names the module or the learner's state."),
    )
    state = models.ForeignKey(
        "geography.State",
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Applies to certificates issued in this state."),
    )
    modules = ParentalManyToManyField(
        "modules.TrainingModulePage",
        verbose_name=_("modules"),
        blank=True,
        related_name="+",
        help_text=_("Applies to these modules (with the state above, if one is chosen)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("language"),
                FieldPanel("title"),
                FieldPanel("body"),
                FieldPanel("secondary_title"),
                FieldPanel("secondary_body"),
            ],
            heading=_("Text"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("orientation"), FieldPanel("accent_colour")]),
                FieldRowPanel([FieldPanel("logo_left"), FieldPanel("logo_right")]),
            ],
            heading=_("Appearance"),
        ),
        InlinePanel("signatories", label=_("Signatories"), min_num=1, max_num=3),
        MultiFieldPanel(
            [FieldPanel("is_default"), FieldPanel("state"), FieldPanel("modules")],
            heading=_("Applies to"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_template"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_bilingual(self) -> bool:
        return "+" in self.language


class Signatory(Orderable):
    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=120)
    designation = models.CharField(_("designation"), max_length=200)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("designation"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.name}, {self.designation}"


class SerialCounter(models.Model):
    """The last serial number given out per issuing state and year. Incremented in the
    transaction that creates the certificate, so a rollback gives the number back: no gaps,
    no duplicates."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="serial_counter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


def certificate_pdf_path(instance: Certificate, filename: str) -> str:
    return f"certificates/{instance.issued_at:%Y/%m}/{instance.pk}.pdf"


#: ``STORAGES["certificates"]``: private, unlike the uploads (``lms.core.storage``).
_certificate_storage = NamedStorage("certificates")


def certificate_storage() -> NamedStorage:
    """Where certificate PDFs are kept; a callable, so that migrations name the function
    rather than whatever storage the settings chose."""
    return _certificate_storage


class Certificate(models.Model):
    """A certificate as issued. What it says — the recipient's name, the module's code, title
    and version, the state, the template's text — is frozen at issue, so the PDF can be
    re-rendered identically and verification shows what was printed."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Superseded")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrollment = models.ForeignKey(
        "learning.Enrollment", on_delete=models.PROTECT, related_name="+"
    )
    #: The enrollment's certification cycle: 1, then 2 after a re-certification, …
    cycle = models.PositiveSmallIntegerField(default=1)
    serial = models.CharField(_("serial number"), max_length=24, unique=True)
    token = models.CharField(max_length=43, unique=True, editable=False)
    code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    recipient_name = models.CharField(_("name as printed"), max_length=200)
    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.PROTECT, related_name="+"
    )
    module_code = models.CharField(_("module code"), max_length=20)
    module_title = models.CharField(_("module title"), max_length=255)
    module_version = models.CharField(_("module version"), max_length=20)
    module_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=0)
    issuing_state = models.ForeignKey(
        "geography.State", on_delete=models.PROTECT, null=True, related_name="+"
    )
    issuing_state_name = models.CharField(_("issuing state"), max_length=100)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    #: The template's text, colours, images and signatories as they were at issue.
    design = models.JSONField(default=dict, editable=False)
    template = models.ForeignKey(
        CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField(
        upload_to=certificate_pdf_path, storage=certificate_storage, blank=True, max_length=200
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    #: The last reinstatement of a certificate revoked in error (the revocation's fields are
    #: cleared; the audit log keeps both).
    reinstated_at = models.DateTimeField(_("reinstated"), null=True, blank=True)
    reinstated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reinstatement_reason = models.CharField(
        _("reason for reinstatement"), max_length=500, blank=True
    )
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_30_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_7_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # One current certificate per enrollment and cycle; a correction supersedes the
            # old one first (superseded_at is set in the same transaction).
            models.UniqueConstraint(
                fields=["enrollment", "cycle"],
                condition=Q(superseded_at__isnull=True),
                name="certificate_once_per_cycle",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-issued_at"]),
            models.Index(
                fields=["valid_until"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_expiry",
            ),
        ]

    def __str__(self) -> str:
        return self.serial

    def status_on(self, day: datetime.date) -> str:
        """The certificate's status on ``day`` (a date in India)."""
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.superseded_at is not None:
            return self.Status.SUPERSEDED
        if self.valid_until is not None and day > self.valid_until:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def reinstatable(self) -> bool:
        """Revoked, and not replaced by a corrected certificate since: a revocation made in
        error can be undone (``services.certificate_reinstate``)."""
        return self.revoked_at is not None and self.superseded_at is None

    def status_label_on(self, day: datetime.date) -> str:
        """The status on ``day`` as people read it ("Valid", "Revoked", …), translated."""
        return str(self.Status(self.status_on(day)).label)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.status_on(day) == self.Status.VALID

    @property
    def grouped_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def hours(self) -> str:
        hours = self.module_minutes / 60
        return f"{hours:.1f}".removesuffix(".0")


class CertificateBatch(models.Model):
    """A bulk issue: a list of enrollments worked through by background tasks. Each item is
    claimed and finished on its own, so a batch resumes after a worker dies."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(_("label"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    #: The state the batch belongs to (the scope for coordinators and trainers), if any.
    state = models.ForeignKey(
        "geography.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: When an item was last finished; a batch that has not moved for a while is stalled.
    progressed_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self) -> str:
        return self.label

    @property
    def status(self) -> str:
        if self.finished_at is not None:
            return self.Status.FINISHED
        return self.Status.RUNNING if self.done or self.failed else self.Status.QUEUED

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100


class CertificateBatchItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Issued")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(CertificateBatch, on_delete=models.CASCADE, related_name="items")
    enrollment = models.ForeignKey(
        "learning.Enrollment", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "enrollment"], name="batch_item_once"),
        ]
        indexes = [models.Index(fields=["batch", "status"])]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.enrollment_id}"
