"""Text messages: one row per message the platform was asked to send, and what became of it.

A message carries no personal data beyond the recipient's first name and a link (or a one-time
code): never a full name, an email address, a district, a score or a certificate's contents,
because it crosses an operator's network and gateway in clear. The row keeps the number and
the text for delivery and support; log lines name a message by its id, kind and status only,
never its number or text, and ``error`` holds the gateway's short reason without either.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: A number in international (E.164) form: "+", the country code, at most 15 digits in all.
E164 = RegexValidator(
    r"^\+[1-9]\d{7,14}$",
    _("Enter the number in international form, e.g. +919876543210."),
)
#: Long enough for a few SMS segments; a notice that needs more belongs in an email or a page.
MAX_TEXT_LENGTH = 640


class Kind(models.TextChoices):
    CODE = "code", _("Sign-in or verification code")
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")
    SESSION = "session", _("Session notice")
    CERTIFICATE = "certificate", _("Certificate")


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    # Over the daily cap, or a kind the gateway has no registered template for.
    REFUSED = "refused", _("Refused")


class SmsMessage(models.Model):
    # Also at module level, where the constraints below can name them.
    Kind = Kind
    Status = Status

    to = models.CharField(_("to"), max_length=16, validators=[E164])
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=MAX_TEXT_LENGTH)
    template_id = models.CharField(
        _("DLT template id"), max_length=32, blank=True, help_text=_("The template sent under.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_id = models.CharField(
        _("gateway message id"), max_length=100, blank=True, db_index=True
    )
    error = models.CharField(_("error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The daily cap counts today's messages (lms.sms.services.sent_today).
            models.Index(fields=["created_at"], name="sms_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="sms_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="sms_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.masked_to} ({self.get_status_display()})"

    @property
    def masked_to(self) -> str:
        """The number as the admin shows it: its last four digits only."""
        return f"•••{self.to[-4:]}" if self.to else ""
