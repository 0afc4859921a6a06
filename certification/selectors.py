"""Reads of certificates and batches, with the access rules that go with them: fetch and
authorise in one call; out of scope is a 404."""

from __future__ import annotations

import datetime
import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.access import is_national_admin, states_for
from lms.accounts.models import Role
from lms.accounts.validators import normalise_indian_mobile
from lms.core.ids import parse_id
from lms.core.site_url import absolute_url
from lms.geography.models import District, State
from modules.content.models import TrainingModulePage
from modules.learning.models import Enrollment

from .models import Certificate, CertificateBatch, CertificateBatchItem
from .services import normalise_code

#: WhatsApp's link for sharing a text with a contact the sender picks (on a phone, the app).
WHATSAPP_SHARE = "https://wa.me/?text="


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise Http404 from None


def viewing_scope(user):
    """States whose certificates ``user`` may see as staff (trainers, coordinators, national
    administrators everywhere)."""
    return states_for(user, Role.COORDINATOR, Role.TRAINER)


def managing_scope(user):
    """States whose certificates ``user`` may revoke and correct."""
    return states_for(user, Role.COORDINATOR)


def _in(scope, certificate: Certificate) -> bool:
    if scope.everywhere:
        return True
    return certificate.issuing_state_id is not None and certificate.issuing_state_id in scope


def staff_certificates(user) -> QuerySet[Certificate]:
    """Certificates ``user`` may see as staff; none for learners."""
    scope = viewing_scope(user)
    if not scope:
        return Certificate.objects.none()
    return scope.filter(Certificate.objects.all(), "issuing_state")


def certificate_for_download(*, user, certificate_id) -> Certificate:
    """The certificate if ``user`` is its recipient or staff in scope; 404 otherwise."""
    certificate = (
        Certificate.objects.select_related("recipient").filter(pk=_uuid(certificate_id)).first()
    )
    if certificate is None or not user.is_authenticated:
        raise Http404
    if certificate.recipient_id == user.pk or _in(viewing_scope(user), certificate):
        return certificate
    raise Http404


def certificate_for_staff(*, user, certificate_id, manage: bool = False) -> Certificate:
    """A certificate for the staff pages; ``manage`` asks for the right to revoke/correct."""
    certificate = (
        Certificate.objects.select_related(
            "recipient", "issuing_state", "revoked_by", "reinstated_by", "superseded_by"
        )
        .filter(pk=_uuid(certificate_id))
        .first()
    )
    scope = managing_scope(user) if manage else viewing_scope(user)
    if certificate is None or not scope or not _in(scope, certificate):
        raise Http404
    return certificate


def certificate_for_owner(*, user, certificate_id) -> Certificate:
    certificate = Certificate.objects.filter(pk=_uuid(certificate_id), recipient=user).first()
    if certificate is None:
        raise Http404
    return certificate


def certificate_by_token(token: str) -> Certificate | None:
    if not token or len(token) > 64:
        return None
    return Certificate.objects.select_related("superseded_by").filter(token=token).first()


def certificate_by_code(text: str) -> Certificate | None:
    """The certificate with this typed code. Serial numbers are never accepted."""
    code = normalise_code(text or "")
    if code is None:
        return None
    return Certificate.objects.select_related("superseded_by").filter(code=code).first()


@dataclass(frozen=True)
class Standing:
    """A certificate with its status on one day and the status's label, as lists, cards and
    pages show it (``Certificate.status_on`` and ``Certificate.status_label_on``)."""

    certificate: Certificate
    status: str
    label: str

    @property
    def downloadable(self) -> bool:
        """Whether its recipient may still download the PDF: a revoked or replaced one would
        show as valid on paper, so only valid and expired ones are handed out."""
        return self.status in (Certificate.Status.VALID, Certificate.Status.EXPIRED)


def standing(certificate: Certificate, *, day: datetime.date) -> Standing:
    """``certificate``'s status and label on ``day`` (a date in India)."""
    return Standing(
        certificate=certificate,
        status=certificate.status_on(day),
        label=certificate.status_label_on(day),
    )


@dataclass(frozen=True)
class ShareLinks:
    """How a certificate's holder shares it: its public verification address, never the
    PDF's (which is theirs alone), as it is and in a WhatsApp message."""

    verify_url: str
    whatsapp_url: str


def share_links(certificate: Certificate, *, title: str = "") -> ShareLinks:
    """The verification address of ``certificate`` (absolute) and a WhatsApp link whose text,
    in the active language, names the module (``title``: as the page shows it, else the
    certificate's) and carries that address."""
    verify_url = absolute_url(reverse("certification:verify", args=[certificate.token]))
    text = _("My certificate for %(module)s: %(url)s") % {
        "module": f"{certificate.module_code} {title or certificate.module_title}",
        "url": verify_url,
    }
    return ShareLinks(verify_url=verify_url, whatsapp_url=WHATSAPP_SHARE + quote(text, safe=""))


def download_withheld(*, user, certificate: Certificate) -> str | None:
    """The status for which ``user`` (who may see ``certificate``) is refused its PDF, or
    ``None``: its recipient is refused a revoked or replaced one; staff in scope are not (it
    is the record of what was issued)."""
    if _in(viewing_scope(user), certificate):
        return None
    current = standing(certificate, day=timezone.localdate())
    return None if current.downloadable else current.status


def certificates_for_enrollments(enrollment_ids) -> dict[int, list[Certificate]]:
    """The certificates of these enrollments, newest first, by enrollment — one query."""
    result: dict[int, list[Certificate]] = {}
    for certificate in Certificate.objects.filter(enrollment_id__in=list(enrollment_ids)).order_by(
        "-cycle", "-issued_at"
    ):
        result.setdefault(certificate.enrollment_id, []).append(certificate)
    return result


def batch_for_user(*, user, batch_id) -> CertificateBatch:
    """A bulk issue for its creator, national administrators and coordinators of its state."""
    batch = CertificateBatch.objects.filter(pk=_uuid(batch_id)).first()
    if batch is None or not user.is_authenticated:
        raise Http404
    if batch.created_by_id == user.pk or is_national_admin(user):
        return batch
    if batch.state_id is not None and batch.state_id in managing_scope(user):
        return batch
    raise Http404


def batch_failures(batch: CertificateBatch) -> QuerySet[CertificateBatchItem]:
    return (
        batch.items.filter(status=CertificateBatchItem.Status.FAILED)
        .select_related("enrollment__user")
        .order_by("pk")
    )


def batch_certificates(batch: CertificateBatch) -> QuerySet[Certificate]:
    return Certificate.objects.filter(
        pk__in=batch.items.filter(certificate__isnull=False).values("certificate_id")
    ).order_by("serial")


def search_certificates(queryset: QuerySet[Certificate], query: str) -> QuerySet[Certificate]:
    """Staff search by name, email, mobile number (typed any common way), serial or module
    code."""
    query = " ".join((query or "").split())[:100]
    if not query:
        return queryset
    found = (
        Q(recipient_name__icontains=query)
        | Q(recipient__email__iexact=query)
        | Q(serial__iexact=query)
        | Q(module_code__iexact=query)
    )
    with suppress(ValidationError):  # not a mobile number: the other fields decide
        found |= Q(recipient__phone=normalise_indian_mobile(query))
    return queryset.filter(found)


@dataclass(frozen=True)
class ListFilters:
    """The staff list's state and district filters: what is offered (the viewer's scope; the
    states only when there is more than one) and what is chosen."""

    states: list[State]
    districts: list[District]
    state: State | None = None
    district: District | None = None

    @property
    def active(self) -> bool:
        return self.state is not None or self.district is not None


def list_filters(*, user, state_id: str = "", district_id: str = "") -> ListFilters:
    """The filters offered to ``user`` and those chosen (``state_id`` and ``district_id`` as
    typed in the URL, blank for none). A value that names nothing in the viewer's scope, or
    nothing at all, is a 404. The districts come grouped by state, active ones only."""
    scope = viewing_scope(user)
    if not scope:
        raise Http404
    states = State.objects.order_by("name")
    if not scope.everywhere:
        states = states.filter(pk__in=scope.state_ids)
    states = list(states)
    state = district = None
    if state_id:
        pk = parse_id(state_id)
        state = next((s for s in states if s.pk == pk), None)
        if state is None:
            raise Http404
    if district_id:
        pk = parse_id(district_id)
        district = (
            District.objects.select_related("state").filter(pk=pk).first()
            if pk is not None
            else None
        )
        if district is None or not scope.covers_district(district):
            raise Http404
    offered = [state] if state else states
    districts = list(
        District.objects.filter(is_active=True, state__in=offered)
        .select_related("state")
        .order_by("state__name", "name")
    )
    return ListFilters(
        states=states if len(states) > 1 else [],
        districts=districts,
        state=state,
        district=district,
    )


def filter_certificates(
    queryset: QuerySet[Certificate], filters: ListFilters
) -> QuerySet[Certificate]:
    """Certificates issued in the chosen state to people of the chosen district (a district
    of another state than the one chosen gives none)."""
    if filters.state is not None:
        queryset = queryset.filter(issuing_state=filters.state)
    if filters.district is not None:
        queryset = queryset.filter(recipient__district=filters.district)
    return queryset


#: A running batch with no item finished for this long is shown as stalled (a worker died).
STALLED_AFTER = timedelta(minutes=5)


def batches_for_user(user) -> QuerySet[CertificateBatch]:
    if is_national_admin(user):
        return CertificateBatch.objects.all()
    scope = managing_scope(user)
    return CertificateBatch.objects.filter(
        Q(created_by=user) | Q(state_id__in=scope.state_ids)
    ).distinct()


def batch_stalled(batch: CertificateBatch) -> bool:
    if batch.finished_at is not None:
        return False
    last = batch.progressed_at or batch.created_at
    return timezone.now() - last > STALLED_AFTER


def _pending(user) -> QuerySet[Enrollment]:
    """Enrollments of learners in ``user``'s managing scope awaiting a certificate."""
    scope = managing_scope(user)
    if not scope:
        return Enrollment.objects.none()
    return awaiting_certificate(scope.filter(Enrollment.objects.all(), "user__state"))


def modules_with_pending(*, user) -> list[dict]:
    """Modules with completed enrollments awaiting a certificate, and how many — one query."""
    return list(
        _pending(user)
        .values("module_id", "module__code", "module__title")
        .annotate(pending=Count("pk"))
        .order_by("module__code")
    )


def module_for_batch(*, user, module_id) -> TrainingModulePage:
    pk = parse_id(module_id)
    module = TrainingModulePage.objects.filter(pk=pk).first() if pk is not None else None
    if module is None or not managing_scope(user):
        raise Http404
    return module


def pending_enrollments(*, user, module: TrainingModulePage) -> list[int]:
    return list(_pending(user).filter(module=module).values_list("pk", flat=True))


def single_state(user):
    """The one state ``user`` manages, if exactly one (a batch's scope)."""

    scope = managing_scope(user)
    if scope.everywhere or len(scope.state_ids) != 1:
        return None
    return State.objects.get(pk=next(iter(scope.state_ids)))


# --- For the apps above: certificates in their queries --------------------------------------


def valid_on(day: datetime.date) -> Q:
    """Certificates valid on ``day`` (``Certificate.is_valid_on`` as a condition): not
    superseded, not revoked, not expired."""
    return Q(superseded_at__isnull=True, revoked_at__isnull=True) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def valid_certificate() -> QuerySet[Certificate]:
    """A certificate valid today of the enclosing query's enrollment in its current cycle
    (correlated on its ``pk`` and ``cycle``), for ``Exists``."""
    return Certificate.objects.filter(enrollment=OuterRef("pk"), cycle=OuterRef("cycle")).filter(
        valid_on(timezone.localdate())
    )


def valid_certificate_of_recipient(*, recipient_ref: str, module_ids) -> QuerySet[Certificate]:
    """A certificate valid today of the enclosing row's person (column ``recipient_ref``) in
    one of these modules, for a completed enrollment's current cycle, for ``Exists``."""
    return Certificate.objects.filter(
        recipient_id=OuterRef(recipient_ref),
        module_id__in=module_ids,
        enrollment__status=Enrollment.Status.COMPLETED,
        cycle=F("enrollment__cycle"),
    ).filter(valid_on(timezone.localdate()))


def awaiting_certificate(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Those of ``enrollments`` that are completed, in a module awarding a certificate, with
    a name to print and no certificate for their current cycle yet (a revoked one counts:
    it is not issued again in bulk)."""
    issued = Certificate.objects.filter(
        enrollment=OuterRef("pk"), cycle=OuterRef("cycle"), superseded_at__isnull=True
    )
    return (
        enrollments.filter(status=Enrollment.Status.COMPLETED, module__awards_certificate=True)
        .exclude(user__full_name="")
        .filter(~Exists(issued))
    )


def certificates_of(*, recipient_ids, module_ids) -> QuerySet[Certificate]:
    """Every certificate of these people in these modules (ids, or subqueries of them):
    every cycle, revoked and superseded ones too, by name, module and date, with the
    columns a list of them shows."""
    return (
        Certificate.objects.filter(module_id__in=module_ids, recipient_id__in=recipient_ids)
        .select_related("recipient__district")
        .only(
            "id",
            "serial",
            "recipient_name",
            "module_code",
            "module_title",
            "module_version",
            "issued_at",
            "valid_until",
            "revoked_at",
            "superseded_at",
            "recipient__id",
            "recipient__email",
            "recipient__phone",
            "recipient__district__name",
        )
        .order_by("recipient_name", "module_code", "issued_at")
    )


# --- For the workforce scorecard ------------------------------------------------------------


def held_as_of(moment: datetime.datetime) -> Q:
    """Certificates that existed and were neither revoked nor superseded at ``moment``
    (expiry is the reader's to judge against ``valid_until``)."""
    return (
        Q(issued_at__lt=moment)
        & (Q(revoked_at__isnull=True) | Q(revoked_at__gte=moment))
        & (Q(superseded_at__isnull=True) | Q(superseded_at__gte=moment))
    )


def certificate_facts(*, module_ids, before: datetime.datetime, user_ids=None):
    """The certificates in these modules held at ``before`` (``held_as_of``), as tuples
    ``(recipient_id, module_id, valid_until)``; expired ones included, so that a renewal's
    due date can be known."""
    rows = Certificate.objects.filter(held_as_of(before), module_id__in=module_ids)
    if user_ids is not None:
        rows = rows.filter(recipient_id__in=user_ids)
    return rows.order_by().values_list("recipient_id", "module_id", "valid_until")


def issues_between(start: datetime.datetime, end: datetime.datetime):
    """Certificates issued in ``[start, end)`` (superseding ones excluded: a corrected name
    is not a new certificate), counted by the recipient's place and cadre and the module:
    dicts with ``state``, ``district``, ``cadre``, ``module_page`` and ``count``."""
    replacing = Certificate.objects.filter(superseded_by=OuterRef("pk"))
    return (
        Certificate.objects.filter(issued_at__gte=start, issued_at__lt=end)
        .exclude(Exists(replacing))
        .order_by()
        .values(
            state=F("recipient__state_id"),
            district=F("recipient__district_id"),
            cadre=F("recipient__cadre_id"),
            module_page=F("module_id"),
        )
        .annotate(count=Count("pk"))
    )


def issue_durations(*, before: datetime.datetime):
    """For each first issue of a certificate before ``before`` (corrections excluded): its
    issuing state, module, module version, and the time from enrolment to issue, as tuples
    ``(state_id, module_id, version, issued_at, enrolled_at)``."""
    replacing = Certificate.objects.filter(superseded_by=OuterRef("pk"))
    return (
        Certificate.objects.filter(issued_at__lt=before)
        .exclude(Exists(replacing))
        .order_by()
        .values_list(
            "issuing_state_id",
            "module_id",
            "module_version",
            "issued_at",
            "enrollment__enrolled_at",
        )
    )
