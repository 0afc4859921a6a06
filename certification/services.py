"""Writes of certification state: issue, revoke, correct, re-certify, reminders and bulk issue.

Each runs in one transaction with an audit entry; mail and tasks go out on commit. Issuing is
idempotent: the enrollment's row lock serialises issuers and a database constraint allows one
current certificate per enrollment and cycle, so a retry, a double click or two workers never
make a second certificate or use up a serial number.
"""

from __future__ import annotations

import copy
import datetime
import logging
import secrets
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Max, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.contact import EMAIL, SMS, first_name, notice_channels, send_notice_sms
from lms.accounts.services import user_name_set
from lms.accounts.validators import validate_person_name
from lms.core.audit import audit
from lms.core.dates import add_months
from lms.core.errors import DomainError
from lms.core.site_url import absolute_url
from lms.core.storage import StorageUnavailable, storage_errors
from lms.sms.models import SmsMessage
from modules.learning.models import AssessmentAttempt, Enrollment
from modules.learning.services import LearningError, enrollment_cycle_start

# tasks imports this module: the tasks are reached as attributes at call time.
from . import signals, tasks
from .models import (
    Certificate,
    CertificateBatch,
    CertificateBatchItem,
    CertificateTemplate,
    SerialCounter,
)
from .rendering import RenderError, design_languages, design_snapshot, render_certificate

logger = logging.getLogger(__name__)

#: Crockford's base32: no I, L, O or U, so a typed code survives misreading.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 bits
#: Serial prefix for learners with no state on record.
NATIONAL_PREFIX = "IN"
#: Reminders go out this many days before a certificate expires.
REMINDER_DAYS = (30, 7)
#: A certificate this close to expiry (or past it) may be renewed.
RENEWAL_WINDOW_DAYS = 30
#: Enrollments per background task in a bulk issue; two workers share a batch's tasks.
BATCH_CHUNK = 20
#: When the file storage does not answer, the issue tasks try again after these many seconds,
#: then give up: the certificate exists, and its PDF is rendered when it is first downloaded
#: (a bulk issue's items are marked failed, for its "Retry").
STORAGE_RETRY_DELAYS = (60, 300, 1800)


class CertificationError(DomainError):
    """A certification rule refused the request; the message is for the person who asked."""


# --- Codes and names ------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))


def new_token() -> str:
    # 128 bits, 22 characters: unguessable, and a URL short enough to print on one line and
    # to fit a smaller QR code. Certificates issued with 256-bit tokens (43 characters) keep
    # them; verification looks a token up whatever its length.
    return secrets.token_urlsafe(16)


def normalise_code(text: str) -> str | None:
    """A typed verification code in canonical form, or None if it cannot be one. Spaces,
    dashes and case are ignored; O reads as 0 and I or L as 1, as Crockford intends."""
    cleaned = "".join(str(text).split()).replace("-", "").upper()
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != CODE_LENGTH or any(char not in CROCKFORD for char in cleaned):
        return None
    return cleaned


def name_problem(name: str) -> str | None:
    """Why a name should be confirmed before it is printed, or None if it looks right."""
    name = " ".join((name or "").split())
    if not name:
        return _("We do not have your name yet.")
    if "@" in name:
        return _("Your name looks like an email address.")
    letters = [char for char in name if char.isalpha()]
    if len(letters) > 3 and all(char.isupper() for char in letters):
        return _("Your name is in capital letters.")
    if len(letters) > 3 and all(char.islower() for char in letters):
        return _("Your name is in small letters.")
    return None


# --- Issue ----------------------------------------------------------------------------------


def template_for(*, module_id: int, state_id: int | None) -> CertificateTemplate | None:
    """The most specific template: for the module and the state, then for the module, then for
    the state, then the default."""
    return _TemplateChoice.load().choose(module_id=module_id, state_id=state_id)


@dataclass
class _TemplateChoice:
    """All templates, with the modules each names, to choose from in memory: there are a few
    dozen at most, and a bulk issue chooses for every module and state in its chunk."""

    templates: list[CertificateTemplate]
    modules_of: dict[int, set[int]]

    @classmethod
    def load(cls) -> _TemplateChoice:
        modules_of: dict[int, set[int]] = {}
        pairs = CertificateTemplate.modules.through.objects.values_list(
            "certificatetemplate_id", "trainingmodulepage_id"
        )
        for template_id, module_id in pairs:
            modules_of.setdefault(template_id, set()).add(module_id)
        return cls(list(CertificateTemplate.objects.all()), modules_of)

    def choose(self, *, module_id: int, state_id: int | None) -> CertificateTemplate | None:
        def rank(template: CertificateTemplate) -> int | None:
            modules = self.modules_of.get(template.pk)
            names_module = modules is not None and module_id in modules
            if modules and not names_module:
                return None  # for other modules
            if template.state_id is not None and template.state_id != state_id:
                return None  # for another state
            if names_module:
                return 0 if template.state_id else 1
            if template.state_id:
                return 2
            return 3 if template.is_default else None

        ranked = [(r, t.pk, t) for t in self.templates if (r := rank(t)) is not None]
        return min(ranked, key=lambda item: item[:2])[2] if ranked else None


def _allocate_serial(prefix: str, year: int) -> str:
    """The next serial for ``prefix`` and ``year``. The counter row stays locked until the
    caller's transaction ends, so parallel issuers queue here for a moment and a rollback
    returns the number."""
    number = _increment_counter(prefix, year)
    if number is None:
        # The first serial of the year: another issuer may create the row first, and its
        # row serves as well.
        with suppress(IntegrityError), transaction.atomic():
            SerialCounter.objects.create(prefix=prefix, year=year)
        number = _increment_counter(prefix, year)
    return f"{prefix}-{year}-{number:06d}"


def _increment_counter(prefix: str, year: int) -> int | None:
    # One round trip (UPDATE … RETURNING, in PostgreSQL and SQLite alike) instead of an
    # existence check, an update and a read: it runs once for every certificate issued.
    quote = connection.ops.quote_name
    table = quote(SerialCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quote('last')} = {quote('last')} + 1 "  # noqa: S608 - names only
            f"WHERE {quote('prefix')} = %s AND {quote('year')} = %s RETURNING {quote('last')}",
            [prefix, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


@dataclass
class _Lookups:
    """What the certificates of one bulk-issue chunk share, looked up once a chunk rather
    than once a certificate: the templates to choose from, each chosen template's design and
    a module's duration (a query over its lessons). A chunk takes about a second; a template
    edited meanwhile applies from the next chunk."""

    choice: _TemplateChoice | None = None
    designs: dict[int | None, dict] = field(default_factory=dict)
    minutes: dict[int, int] = field(default_factory=dict)

    def template_and_design(
        self, *, module_id: int, state_id: int | None
    ) -> tuple[CertificateTemplate | None, dict]:
        if self.choice is None:
            self.choice = _TemplateChoice.load()
        template = self.choice.choose(module_id=module_id, state_id=state_id)
        key = template.pk if template else None
        if key not in self.designs:
            self.designs[key] = design_snapshot(template)
        return template, copy.deepcopy(self.designs[key])

    def module_minutes(self, module) -> int:
        if module.pk not in self.minutes:
            self.minutes[module.pk] = module.duration_minutes
        return self.minutes[module.pk]


def _issue_fields(enrollment: Enrollment, now, lookups: _Lookups) -> dict:
    user, module = enrollment.user, enrollment.module
    state = user.state
    best = AssessmentAttempt.objects.filter(
        enrollment=enrollment,
        cycle=enrollment.cycle,
        role=AssessmentAttempt.Role.ASSESSMENT,
        passed=True,
    ).aggregate(best=Max("percent"))["best"]
    issued_on = timezone.localdate(now)
    return {
        "enrollment": enrollment,
        "cycle": enrollment.cycle,
        "recipient": user,
        "recipient_name": " ".join(user.full_name.split()),
        "module": module,
        "module_code": module.code,
        "module_title": module.title,
        "module_version": module.version,
        "module_minutes": lookups.module_minutes(module),
        "issuing_state": state,
        "issuing_state_name": state.name if state else _("India"),
        "score": Decimal(best) if best is not None else None,
        "issued_at": now,
        "valid_until": add_months(issued_on, module.certificate_validity_months)
        if module.certificate_validity_months
        else None,
    }


def _with_translations(design: dict, fields: dict) -> dict:
    """``design`` with the module's title (the live translation's) and the issuing state's
    name in the design's other languages (``module_titles``, ``state_names``), so that a Hindi
    or Assamese certificate names them as its reader does. Frozen like the rest of the design;
    no query for an English design."""
    languages = [code for code in design_languages(design) if code != settings.LANGUAGE_CODE]
    module, state = fields.get("module"), fields.get("issuing_state")
    if not languages:
        return design
    extra = {}
    if module is not None:
        extra["module_titles"] = dict(
            module.get_translations()
            .live()
            .filter(locale__language_code__in=languages)
            .values_list("locale__language_code", "title")
        )
    if state is not None:
        extra["state_names"] = {
            code: state.names[code] for code in languages if (state.names or {}).get(code)
        }
    return {**design, **{key: value for key, value in extra.items() if value}}


def _create(
    fields: dict, *, template: CertificateTemplate | None, design: dict | None = None
) -> Certificate:
    state = fields["issuing_state"]
    prefix = state.code if state else NATIONAL_PREFIX
    serial = _allocate_serial(prefix, timezone.localdate(fields["issued_at"]).year)
    return Certificate.objects.create(
        **fields,
        serial=serial,
        token=new_token(),
        code=new_code(),
        template=template,
        design=_with_translations(design_snapshot(template) if design is None else design, fields),
    )


def _announce(certificate: Certificate, event: str, at) -> None:
    """Send ``signals.certificate_changed`` once the current transaction commits."""
    data = {
        "certificate_id": certificate.pk,
        "recipient_id": certificate.recipient_id,
        "module_id": certificate.module_id,
        "event": event,
        "at": at,
    }
    transaction.on_commit(lambda: signals.certificate_changed.send(sender=Certificate, **data))


def _queue_issue(enrollment: Enrollment) -> bool:
    """Queue the issue task on commit if the completed module awards a certificate."""
    if not enrollment.module.awards_certificate or not enrollment.is_completed:
        return False
    transaction.on_commit(lambda: tasks.issue_certificate.enqueue(enrollment_id=enrollment.pk))
    return True


def certificate_request(*, enrollment: Enrollment) -> bool:
    """Ask for the certificate of a completed enrollment: the issue task is queued on commit.
    Returns False (and queues nothing) when the module awards none or the learner's name
    should be confirmed first — My learning then asks them."""
    if name_problem(enrollment.user.full_name):
        return False
    return _queue_issue(enrollment)


def certificate_issue(*, enrollment_id: int, by=None) -> Certificate:
    """Issue the certificate of a completed enrollment's current cycle — or return the one
    already issued — and make sure its PDF is stored. Safe to call any number of times.
    Raises ``StorageUnavailable`` when the PDF could not be stored: the certificate is issued
    all the same, and a later call stores its PDF."""
    return _issue(enrollment_id=enrollment_id, by=by, lookups=_Lookups())


def certificate_issue_attempt(*, enrollment_id: int, attempt: int = 1) -> Certificate:
    """``certificate_issue`` for the issue task. When the file storage does not answer, the
    next attempt is queued (after ``STORAGE_RETRY_DELAYS``, while any are left) and
    ``StorageUnavailable`` raised, so that the task is recorded as failed with its cause. The
    certificate was made once all the same (the next attempt finds it); only its PDF waits."""
    try:
        return certificate_issue(enrollment_id=enrollment_id)
    except StorageUnavailable:
        logger.warning(
            "Enrollment %s: certificate PDF not stored (attempt %s)", enrollment_id, attempt
        )
        if attempt <= len(STORAGE_RETRY_DELAYS):
            _enqueue(
                tasks.issue_certificate,
                delay=STORAGE_RETRY_DELAYS[attempt - 1],
                enrollment_id=enrollment_id,
                attempt=attempt + 1,
            )
        raise


def _enqueue(task, *, delay: int, **kwargs) -> None:
    """Queue ``task`` to run after ``delay`` seconds where the backend can wait (at once
    otherwise: the immediate backend of tests and of a setup without a worker)."""
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    task.enqueue(**kwargs)


def _issue(*, enrollment_id: int, by, lookups: _Lookups) -> Certificate:
    now = timezone.now()
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("user__state", "module")
            .get(pk=enrollment_id)
        )
        certificate = Certificate.objects.filter(
            enrollment=enrollment, cycle=enrollment.cycle, superseded_at__isnull=True
        ).first()
        retry = certificate is not None
        if certificate is None:
            if enrollment.status != Enrollment.Status.COMPLETED:
                raise CertificationError(_("The module is not completed yet."), status_code=409)
            if not enrollment.module.awards_certificate:
                raise CertificationError(
                    _("This module does not award a certificate."), status_code=409
                )
            if not enrollment.user.full_name.strip():
                raise CertificationError(
                    _("The learner's name is missing; it must be confirmed first."),
                    status_code=409,
                )
            fields = _issue_fields(enrollment, now, lookups)
            template, design = lookups.template_and_design(
                module_id=enrollment.module_id, state_id=enrollment.user.state_id
            )
            certificate = _create(fields, template=template, design=design)
            audit(
                instance=certificate,
                action="certification.certificate.issued",
                user=by,
                data={"serial": certificate.serial, "module": certificate.module_code},
            )
            issued = certificate
            transaction.on_commit(lambda: _mail_issued(issued))
            _announce(certificate, "issued", certificate.issued_at)
    certificate_pdf_store(certificate=certificate, refresh_design=retry)
    return certificate


def certificate_pdf_store(*, certificate: Certificate, refresh_design: bool = False) -> None:
    """Render and store the PDF if it has never been stored. With ``refresh_design`` (a retry
    after a failed first render — a broken template image, say) the certificate takes its
    template's current design: nothing was printed from the old one."""
    if certificate.pdf:
        return
    if refresh_design:
        template = CertificateTemplate.objects.filter(pk=certificate.template_id).first()
        certificate.design = design_snapshot(template)
    content = render_certificate(certificate)
    storage = certificate.pdf.storage
    name = certificate.pdf.field.generate_filename(certificate, f"{certificate.pk}.pdf")
    with storage_errors(f"Certificate {certificate.pk}: storing its PDF"):
        stored = storage.save(name, ContentFile(content))
    # The design is written back only when it was refreshed: it is the largest column.
    changes = {"design": certificate.design} if refresh_design else {}
    updated = Certificate.objects.filter(pk=certificate.pk, pdf="").update(pdf=stored, **changes)
    if updated:
        certificate.pdf.name = stored
    else:  # another worker stored it first
        _discard(storage, stored)
        certificate.refresh_from_db(fields=["pdf", "design"])


def _discard(storage, name: str) -> None:
    """Delete a copy nobody refers to; one left behind only takes space."""
    try:
        with storage_errors(f"Deleting {name}"):
            storage.delete(name)
    except StorageUnavailable as error:
        logger.warning("%s", error)


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """The certificate's PDF from storage; re-rendered from the frozen data if the stored file
    was lost (identical apart from the PDF's metadata). Raises ``RenderError`` and
    ``StorageUnavailable``."""
    if not certificate.pdf:
        certificate_pdf_store(certificate=certificate)
    storage = certificate.pdf.storage
    try:
        with (
            storage_errors(f"Certificate {certificate.pk}: reading its PDF"),
            storage.open(certificate.pdf.name, "rb") as stored,
        ):
            return stored.read()
    except FileNotFoundError:
        return _restore(certificate)


def certificate_pdf_file(*, certificate: Certificate) -> str:
    """The storage name of the certificate's PDF, there to be handed out: rendered and stored
    first if it never was, rendered again from the frozen data if the stored file was lost.
    Raises ``RenderError`` and ``StorageUnavailable``."""
    if not certificate.pdf:
        certificate_pdf_store(certificate=certificate)
        return certificate.pdf.name
    with storage_errors(f"Certificate {certificate.pk}: looking for its PDF"):
        if certificate.pdf.storage.exists(certificate.pdf.name):
            return certificate.pdf.name
    _restore(certificate)
    return certificate.pdf.name


def _restore(certificate: Certificate) -> bytes:
    """Render a lost PDF again and store it under its recorded name."""
    logger.warning("Certificate %s: stored PDF missing, re-rendering", certificate.pk)
    content = render_certificate(certificate)
    storage = certificate.pdf.storage
    with storage_errors(f"Certificate {certificate.pk}: storing its PDF again"):
        stored = storage.save(certificate.pdf.name, ContentFile(content))
    if stored != certificate.pdf.name:  # another request restored it meanwhile
        _discard(storage, stored)
    return content


def _site_url(path: str) -> str:
    return absolute_url(path)


#: Certificate notices by text message (``lms.sms``), by the mail template they go with: the
#: holder's first name and the certificate's public verification page — never its PDF, and
#: nothing printed on it — with a name, and for an account without one.
HOLDER_SMS = {
    "issued": (
        gettext_lazy("%(name)s, your certificate is ready. See it here: %(link)s"),
        gettext_lazy("Your certificate is ready. See it here: %(link)s"),
    ),
    "revoked": (
        gettext_lazy("%(name)s, one of your certificates has been revoked. Details: %(link)s"),
        gettext_lazy("One of your certificates has been revoked. Details: %(link)s"),
    ),
    "reinstated": (
        gettext_lazy("%(name)s, your certificate is valid again. Details: %(link)s"),
        gettext_lazy("Your certificate is valid again. Details: %(link)s"),
    ),
    "expiry_reminder": (
        gettext_lazy("%(name)s, your certificate expires in %(days)d days. Details: %(link)s"),
        gettext_lazy("Your certificate expires in %(days)d days. Details: %(link)s"),
    ),
}


def _mail_holder(
    certificate: Certificate, *, template: str, subject, sms: dict | None = None, **context
) -> None:
    """Tell ``certificate``'s holder, in their language, by their channels
    (``lms.accounts.contact.notice_channels``): the mail — ``subject`` (a lazy text that may
    name ``%(serial)s`` and ``%(module)s``) and ``certification/email/<template>.txt``, which
    gets the certificate, the printed name, the My learning link and ``context`` — to an
    address; the text message of ``HOLDER_SMS[template]`` (with the values in ``sms``) to a
    number without one, or as well for those who asked."""
    user = certificate.recipient
    channels = notice_channels(user)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        if EMAIL in channels:
            context = {
                "certificate": certificate,
                "name": certificate.recipient_name,
                "my_learning_url": _site_url(reverse("learning:my_learning")),
                **context,
            }
            text = str(subject) % {"serial": certificate.serial, "module": certificate.module_title}
            body = render_to_string(f"certification/email/{template}.txt", context)
            send_mail(text, body, None, [user.email])
        if SMS in channels:
            with_name, without_name = HOLDER_SMS[template]
            name = first_name(user)
            values = {"name": name, "link": _verify_url(certificate), **(sms or {})}
            send_notice_sms(
                user,
                kind=SmsMessage.Kind.CERTIFICATE,
                text=str(with_name if name else without_name) % values,
            )


def _verify_url(certificate: Certificate) -> str:
    return _site_url(reverse("certification:verify", args=[certificate.token]))


def _mail_issued(certificate: Certificate) -> None:
    _mail_holder(
        certificate,
        template="issued",
        subject=gettext_lazy("Your certificate for %(module)s"),
        verify_url=_verify_url(certificate),
    )


# --- Learner's name -------------------------------------------------------------------------


def certificate_name_confirm(*, enrollment: Enrollment, full_name: str) -> bool:
    """The learner confirms (or corrects) the name to print, then the certificate is queued."""
    with transaction.atomic():
        user_name_set(user=enrollment.user, full_name=full_name)
        return _queue_issue(enrollment)


# --- Revoke, correct, renew -----------------------------------------------------------------


#: The longest reason for a revocation or a reinstatement (the columns' length).
REASON_MAX_LENGTH = 500


def _reason(text: str, *, missing: str) -> str:
    reason = " ".join((text or "").split())
    if not reason:
        raise CertificationError(missing)
    if len(reason) > REASON_MAX_LENGTH:
        raise CertificationError(_("Keep the reason under 500 characters."))
    return reason


def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate: verification shows it revoked, with the reason and the date, and
    its holder is told (by email, or by SMS without one; in their language) why, when and whom
    to ask."""
    reason = _reason(reason, missing=_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise CertificationError(_("This certificate is already revoked."), status_code=409)
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        audit(
            instance=locked,
            action="certification.certificate.revoked",
            user=by,
            data={"serial": locked.serial, "reason": reason},
        )
        _announce(locked, "revoked", locked.revoked_at)
        transaction.on_commit(lambda: _mail_revoked(locked, by=by))
    return locked


def certificate_reinstate(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Undo the revocation of a certificate revoked in error: it verifies as valid again (or
    expired, by its date) and its holder is told. Refused for a certificate that is not
    revoked, or that a correction replaced meanwhile."""
    reason = _reason(reason, missing=_("Give the reason for reinstating the certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is None:
            raise CertificationError(_("This certificate is not revoked."), status_code=409)
        if locked.superseded_at is not None:
            raise CertificationError(
                _("A corrected certificate has replaced this one; it cannot be reinstated."),
                status_code=409,
            )
        revoked = {
            "revoked_on": timezone.localdate(locked.revoked_at).isoformat(),
            "revocation_reason": locked.revocation_reason,
        }
        locked.revoked_at = None
        locked.revoked_by = None
        locked.revocation_reason = ""
        locked.reinstated_at = timezone.now()
        locked.reinstated_by = by
        locked.reinstatement_reason = reason
        locked.save(
            update_fields=[
                "revoked_at",
                "revoked_by",
                "revocation_reason",
                "reinstated_at",
                "reinstated_by",
                "reinstatement_reason",
            ]
        )
        audit(
            instance=locked,
            action="certification.certificate.reinstated",
            user=by,
            data={"serial": locked.serial, "reason": reason, **revoked},
        )
        _announce(locked, "reinstated", locked.reinstated_at)
        transaction.on_commit(lambda: _mail_reinstated(locked))
    return locked


def _contact(user) -> str:
    """Whom the holder may write to about a revocation: the person who made it, by their
    address (their mobile number when they have none)."""
    if user is None:
        return ""
    name = " ".join((user.full_name or "").split())
    if user.email:
        return f"{name} <{user.email}>" if name else user.email
    return f"{name}, {user.contact}" if name and user.contact else name or user.contact


def _mail_revoked(certificate: Certificate, *, by) -> None:
    _mail_holder(
        certificate,
        template="revoked",
        subject=gettext_lazy("Your certificate %(serial)s for %(module)s has been revoked"),
        revoked_on=timezone.localtime(certificate.revoked_at),
        reason=certificate.revocation_reason,
        contact=_contact(by),
    )


def _mail_reinstated(certificate: Certificate) -> None:
    _mail_holder(
        certificate,
        template="reinstated",
        subject=gettext_lazy("Your certificate %(serial)s for %(module)s has been reinstated"),
        reinstated_on=timezone.localtime(certificate.reinstated_at),
        reason=certificate.reinstatement_reason,
        contact=_contact(certificate.reinstated_by),
        verify_url=_verify_url(certificate),
    )


def correction_name(full_name: str) -> str:
    """The corrected name as it would be printed; ``ValidationError`` if it cannot be."""
    full_name = " ".join((full_name or "").split())
    validate_person_name(full_name)
    return full_name


def certificate_correction_preview(*, certificate: Certificate, full_name: str) -> Certificate:
    """An unsaved certificate showing what a name correction would issue: this one's facts
    with the corrected name, in the design the new certificate would take. Nothing is
    written and no serial number is used; the serial, code and QR are placeholders."""
    template = CertificateTemplate.objects.filter(pk=certificate.template_id).first()
    kept = (
        "module_code", "module_title", "module_version", "module_minutes",
        "issuing_state_name", "score", "valid_until",
    )  # fmt: skip
    return Certificate(
        **{name: getattr(certificate, name) for name in kept},
        recipient_name=correction_name(full_name),
        serial=_("PREVIEW"),
        token="preview",  # noqa: S106 - not a secret: the preview's QR leads nowhere
        code="0" * CODE_LENGTH,
        issued_at=timezone.now(),
        design=design_snapshot(template),
    )


def certificate_correct_name(*, certificate: Certificate, full_name: str, by) -> Certificate:
    """Issue a certificate with the corrected name that supersedes this one (which stays
    verifiable as superseded). The learner's account gets the corrected name too."""
    with transaction.atomic():
        old = (
            # Lock the certificate only: the state and template are nullable outer joins.
            Certificate.objects.select_for_update(of=("self",))
            .select_related("recipient", "issuing_state", "template")
            .get(pk=certificate.pk)
        )
        if old.revoked_at is not None or old.superseded_at is not None:
            raise CertificationError(
                _("Only a current, unrevoked certificate can be corrected."), status_code=409
            )
        user_name_set(user=old.recipient, full_name=full_name, by=by)
        now = timezone.now()
        old.superseded_at = now
        old.save(update_fields=["superseded_at"])
        fields = {
            name: getattr(old, name)
            for name in (
                "enrollment", "cycle", "recipient", "module", "module_code", "module_title",
                "module_version", "module_minutes", "issuing_state", "issuing_state_name",
                "score", "valid_until",
            )
        }  # fmt: skip
        fields.update(recipient_name=old.recipient.full_name, issued_at=now)
        new = _create(fields, template=old.template)
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        audit(
            instance=old,
            action="certification.certificate.superseded",
            user=by,
            data={"serial": old.serial, "by_serial": new.serial},
        )
        audit(
            instance=new,
            action="certification.certificate.issued",
            user=by,
            data={"serial": new.serial, "replaces": old.serial},
        )
        transaction.on_commit(lambda: _mail_issued(new))
        _announce(old, "superseded", now)
        _announce(new, "reissued", now)
    certificate_pdf_store(certificate=new)
    return new


def can_renew(certificate: Certificate, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        certificate.valid_until is not None
        and certificate.revoked_at is None
        and certificate.superseded_at is None
        and certificate.valid_until - datetime.timedelta(days=RENEWAL_WINDOW_DAYS) <= today
    )


def certificate_renew(*, certificate: Certificate, by) -> Enrollment:
    """Begin re-certification for an expired (or nearly expired) certificate: the enrollment
    starts a new cycle; passing it again issues a new certificate, and this one stays
    verifiable as expired."""
    if not can_renew(certificate):
        raise CertificationError(_("This certificate cannot be renewed yet."), status_code=409)
    enrollment = Enrollment.objects.select_related("module").get(pk=certificate.enrollment_id)
    if enrollment.cycle != certificate.cycle:
        raise CertificationError(_("Re-certification has already begun."), status_code=409)
    try:
        return enrollment_cycle_start(enrollment=enrollment, by=by)
    except LearningError as error:
        raise CertificationError(error.message, status_code=error.status_code) from None


def certificate_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind learners whose certificates expire within 30 and within 7 days, once each (by
    email, or by SMS without one: ``_mail_holder``).
    Idempotent: each reminder is claimed with a conditional update before it is sent, so
    running this twice (or on two machines) sends nothing twice."""
    today = today or timezone.localdate()
    sent = 0
    for days in sorted(REMINDER_DAYS):  # the nearer reminder first
        field = f"reminded_{days}_at"
        due = Certificate.objects.filter(
            revoked_at__isnull=True,
            superseded_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=days),
            **{f"{field}__isnull": True},
        ).select_related("recipient")
        for certificate in due:
            claim = {field: timezone.now()}
            if days == min(REMINDER_DAYS):
                # A late first reminder is pointless once the last one goes out.
                claim.update({f"reminded_{d}_at": timezone.now() for d in REMINDER_DAYS})
            claimed = Certificate.objects.filter(
                pk=certificate.pk, **{f"{field}__isnull": True}
            ).update(**claim)
            if not claimed:
                continue
            renewed = Enrollment.objects.filter(
                pk=certificate.enrollment_id, cycle__gt=certificate.cycle
            ).exists()
            if renewed:
                continue
            _mail_reminder(certificate, days_left=(certificate.valid_until - today).days)
            audit(
                instance=certificate,
                action="certification.certificate.reminded",
                data={"serial": certificate.serial, "days": days},
            )
            sent += 1
    return sent


def _mail_reminder(certificate: Certificate, *, days_left: int) -> None:
    _mail_holder(
        certificate,
        template="expiry_reminder",
        subject=gettext_lazy("Your certificate for %(module)s expires soon"),
        sms={"days": days_left},
        days_left=days_left,
    )


# --- Bulk issue -----------------------------------------------------------------------------


def certificate_batch_create(*, enrollment_ids, by, label: str, state=None) -> CertificateBatch:
    """Queue a bulk issue for these enrollments (the caller has checked they are in its
    scope). Background tasks work through it in chunks; two workers share them."""
    ids = sorted({int(pk) for pk in enrollment_ids})
    if not ids:
        raise CertificationError(_("No one to issue certificates to."))
    with transaction.atomic():
        batch = CertificateBatch.objects.create(
            label=label[:200], created_by=by, state=state, total=len(ids)
        )
        CertificateBatchItem.objects.bulk_create(
            [CertificateBatchItem(batch=batch, enrollment_id=pk) for pk in ids]
        )
        audit(
            instance=batch,
            action="certification.batch.created",
            user=by,
            data={"label": batch.label, "total": batch.total},
        )
        transaction.on_commit(lambda: certificate_batch_enqueue(batch=batch))
    return batch


def certificate_batch_enqueue(*, batch: CertificateBatch) -> int:
    """Queue tasks for the batch's pending items (at creation, and to resume a batch whose
    worker died). Items already issued are skipped; issuing is idempotent besides."""
    pending = list(
        CertificateBatchItem.objects.filter(
            batch=batch, status=CertificateBatchItem.Status.PENDING
        ).values_list("pk", flat=True)
    )
    for start in range(0, len(pending), BATCH_CHUNK):
        tasks.issue_certificate_chunk.enqueue(
            batch_id=str(batch.pk), item_ids=pending[start : start + BATCH_CHUNK]
        )
    if not pending:
        _batch_finish(batch.pk)
    return len(pending)


def certificate_batch_process(*, batch_id, item_ids: list[int], attempt: int = 1) -> None:
    """Issue the certificates of some of a batch's items. A failure is recorded on its item
    at once and the rest go on; the items issued are marked done together at the end (if
    the worker dies before that, they stay pending and are issued again — which finds the
    certificates already made). When the file storage does not answer, the items not yet
    done stay pending, are queued again (``_batch_storage_unavailable``) and
    ``StorageUnavailable`` is raised, so that the task is recorded as failed."""
    batch = CertificateBatch.objects.select_related("created_by").get(pk=batch_id)
    items = CertificateBatchItem.objects.filter(
        batch=batch, pk__in=item_ids, status=CertificateBatchItem.Status.PENDING
    ).order_by("pk")
    lookups = _Lookups()
    issued: dict[int, object] = {}
    unavailable: StorageUnavailable | None = None
    for item in items:
        try:
            certificate = _issue(
                enrollment_id=item.enrollment_id, by=batch.created_by, lookups=lookups
            )
        except StorageUnavailable as error:
            # Not this item's fault, and the next would fare no better.
            unavailable = error
            break
        except (CertificationError, RenderError) as error:
            _batch_item_failed(item, str(error))
        except Exception as error:  # one bad item must not stop the batch
            logger.exception("Batch %s: enrollment %s failed", batch.pk, item.enrollment_id)
            _batch_item_failed(item, _("Unexpected error: %(error)s") % {"error": error})
        else:
            issued[item.pk] = certificate.pk
    _batch_items_issued(batch.pk, issued)
    if unavailable is not None:
        _batch_storage_unavailable(batch, item_ids=item_ids, attempt=attempt, error=unavailable)
    if not CertificateBatchItem.objects.filter(
        batch=batch, status=CertificateBatchItem.Status.PENDING
    ).exists():
        _batch_finish(batch.pk)
    if unavailable is not None:
        raise unavailable


def _batch_storage_unavailable(
    batch: CertificateBatch, *, item_ids: list[int], attempt: int, error: StorageUnavailable
) -> None:
    """Queue the chunk's pending items again after ``STORAGE_RETRY_DELAYS``; after the last,
    mark them failed (the batch's "Retry" queues them again)."""
    logger.warning("Batch %s: file storage unavailable (attempt %s): %s", batch.pk, attempt, error)
    pending = list(
        CertificateBatchItem.objects.filter(
            batch=batch, pk__in=item_ids, status=CertificateBatchItem.Status.PENDING
        ).order_by("pk")
    )
    if attempt <= len(STORAGE_RETRY_DELAYS):
        _enqueue(
            tasks.issue_certificate_chunk,
            delay=STORAGE_RETRY_DELAYS[attempt - 1],
            batch_id=str(batch.pk),
            item_ids=[item.pk for item in pending],
            attempt=attempt + 1,
        )
        return
    for item in pending:
        _batch_item_failed(item, _("The file storage did not answer; try again later."))


def certificate_batch_retry(*, batch: CertificateBatch, by) -> int:
    """Put a batch's failed items back in the queue (after the cause, such as a broken
    template image, was fixed) and queue them."""
    with transaction.atomic():
        locked = CertificateBatch.objects.select_for_update().get(pk=batch.pk)
        retried = CertificateBatchItem.objects.filter(
            batch=locked, status=CertificateBatchItem.Status.FAILED
        ).update(status=CertificateBatchItem.Status.PENDING, error="")
        if retried:
            CertificateBatch.objects.filter(pk=locked.pk).update(
                failed=F("failed") - retried, finished_at=None
            )
            audit(
                instance=locked,
                action="certification.batch.retried",
                user=by,
                data={"items": retried},
            )
            transaction.on_commit(lambda: certificate_batch_enqueue(batch=locked))
    return retried


def _batch_item_failed(item, error: str) -> None:
    """Mark an item failed and count it — once, even if two workers got here."""
    with transaction.atomic():
        changed = CertificateBatchItem.objects.filter(
            pk=item.pk, status=CertificateBatchItem.Status.PENDING
        ).update(status=CertificateBatchItem.Status.FAILED, certificate=None, error=error[:500])
        if changed:
            CertificateBatch.objects.filter(pk=item.batch_id).update(
                failed=F("failed") + 1, progressed_at=timezone.now()
            )


def _batch_items_issued(batch_id, certificates: dict[int, object]) -> None:
    """Mark items done with their certificates (item id → certificate id) and count them, in
    one transaction of two statements — each item once, even if two workers got here."""
    if not certificates:
        return
    with transaction.atomic():
        changed = CertificateBatchItem.objects.filter(
            pk__in=certificates, status=CertificateBatchItem.Status.PENDING
        ).update(
            status=CertificateBatchItem.Status.DONE,
            error="",
            certificate_id=Case(
                *(When(pk=pk, then=Value(value)) for pk, value in certificates.items()),
                output_field=Certificate._meta.pk,
            ),
        )
        if changed:
            CertificateBatch.objects.filter(pk=batch_id).update(
                done=F("done") + changed, progressed_at=timezone.now()
            )


def _batch_finish(batch_id) -> None:
    CertificateBatch.objects.filter(pk=batch_id, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
