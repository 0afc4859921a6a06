from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.core import ratelimit
from lms.core.http import is_htmx
from lms.core.storage import (
    StorageUnavailable,
    accel_redirect_path,
    signed_url,
    storage_errors,
)
from modules.learning.models import Enrollment

from . import selectors, services
from .models import Certificate
from .rendering import RenderError, render_certificate

#: Verification lookups allowed per client address and minute.
VERIFY_LIMIT = getattr(settings, "LMS_VERIFY_LIMIT_PER_MINUTE", 30)


# --- Verification (public) ------------------------------------------------------------------


def _limited(request: HttpRequest) -> bool:
    return not ratelimit.hit(
        scope="verify",
        key=ratelimit.client_network(request),
        limit=VERIFY_LIMIT,
        window_seconds=60,
    )


def _verification(certificate: Certificate) -> dict:
    """What verification shows: the printed facts and the status, nothing more (no email,
    phone, district or the person's other certificates)."""
    today = timezone.localdate()
    status = certificate.status_on(today)
    data = {
        "status": status,
        "status_label": certificate.status_label_on(today),
        "name": certificate.recipient_name,
        "module_code": certificate.module_code,
        "module_title": certificate.module_title,
        "module_version": certificate.module_version,
        "issuing_state": certificate.issuing_state_name,
        "issued_on": timezone.localdate(certificate.issued_at).isoformat(),
        "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
        "serial": certificate.serial,
    }
    if status == Certificate.Status.REVOKED:
        data["revoked_on"] = timezone.localdate(certificate.revoked_at).isoformat()
        data["revocation_reason"] = certificate.revocation_reason
    if certificate.superseded_at is not None:
        data["superseded_on"] = timezone.localdate(certificate.superseded_at).isoformat()
        if certificate.superseded_by is not None:
            data["superseded_by_url"] = reverse(
                "certification:verify", args=[certificate.superseded_by.token]
            )
    return data


def _share_for_holder(request, certificate: Certificate | None):
    """The share links of the visitor's own certificate while it may be handed out (the
    verification page is their certificate's page); None for anyone else's."""
    if certificate is None or certificate.recipient_id != request.user.pk:
        return None
    if not selectors.standing(certificate, day=timezone.localdate()).downloadable:
        return None
    return selectors.share_links(certificate)


def _verify_page(request, certificate: Certificate | None, *, searched: bool, code: str = ""):
    status = 200
    if searched and certificate is None:
        status = 404
    response = render(
        request,
        "certification/verify.html",
        {
            "certificate": certificate,
            "facts": _verification(certificate) if certificate else None,
            "searched": searched,
            "code": code[:40],
            "share": _share_for_holder(request, certificate),
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request: HttpRequest, *, json: bool = False) -> HttpResponse:
    message = _("Too many lookups from your network. Please wait a minute and try again.")
    if json:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = render(request, "certification/verify.html", {"limited": message}, status=429)
    response["Retry-After"] = "60"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """Type the code printed on a certificate (GET ?code=…)."""
    code = request.GET.get("code")
    if code is None:
        return _verify_page(request, None, searched=False)
    if _limited(request):
        return _too_many(request)
    return _verify_page(request, selectors.certificate_by_code(code), searched=True, code=code)


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The page a certificate's QR code opens."""
    if _limited(request):
        return _too_many(request)
    return _verify_page(request, selectors.certificate_by_token(token), searched=True)


@require_GET
def verify_json(request: HttpRequest, token: str) -> JsonResponse:
    if _limited(request):
        return _too_many(request, json=True)
    certificate = selectors.certificate_by_token(token)
    if certificate is None:
        response = JsonResponse({"error": "not_found"}, status=404)
    else:
        response = JsonResponse(_verification(certificate))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- The learner's certificates ---------------------------------------------------------------


def _pdf_response(certificate: Certificate, name: str) -> HttpResponse:
    """The stored PDF ``name`` handed out by the cheapest way its storage allows.

    On S3, a redirect to a signed address of the private file that is valid for a minute
    (``lms.core.storage.signed_url``): the bucket sends the bytes, so an app server is not held
    for as long as a slow phone takes to receive them, and the address is of no use to anyone
    it is passed to a minute later. On the local disk with ``MEDIA_ACCEL_REDIRECT``, an empty
    answer whose ``X-Accel-Redirect`` has nginx send the file from its ``internal`` location;
    without it (the development server, a setup without nginx), the file streamed from here.
    """
    storage = certificate.pdf.storage
    filename = f"certificate-{certificate.serial}.pdf"
    url = signed_url(storage, name, filename=filename, content_type="application/pdf")
    internal = None if url else accel_redirect_path(storage, name)
    if url:
        response = HttpResponseRedirect(url)
    elif internal:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = internal
        response["Content-Disposition"] = content_disposition_header(False, filename)
    else:
        with storage_errors(f"Certificate {certificate.pk}: reading its PDF"):
            stored = storage.open(name, "rb")
        response = FileResponse(stored, content_type="application/pdf", filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _withheld_message(certificate: Certificate, status: str) -> str:
    if status == Certificate.Status.REVOKED:
        message = _("Certificate %(serial)s has been revoked, so it can no longer be downloaded.")
    else:
        message = _(
            "Certificate %(serial)s has been replaced by a corrected one: download that one "
            "instead."
        )
    return message % {"serial": certificate.serial}


@login_required
@require_GET
def download(request: HttpRequest, certificate_id) -> HttpResponse:
    """The PDF, for its owner and staff in scope; 404 for anyone else. Its owner no longer
    gets a revoked or replaced one: the paper would show it as valid."""
    certificate = selectors.certificate_for_download(
        user=request.user, certificate_id=certificate_id
    )
    withheld = selectors.download_withheld(user=request.user, certificate=certificate)
    if withheld:
        messages.error(request, _withheld_message(certificate, withheld))
        return HttpResponseRedirect(reverse("learning:my_learning"))
    try:
        return _pdf_response(certificate, services.certificate_pdf_file(certificate=certificate))
    except (RenderError, StorageUnavailable, FileNotFoundError):
        messages.error(request, _("The certificate could not be prepared. Please try later."))
        return HttpResponseRedirect(reverse("learning:my_learning"))


@login_required
@require_POST
def confirm_name(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = (
        Enrollment.objects.select_related("module", "user")
        .filter(pk=enrollment_id, user=request.user)
        .first()
    )
    if enrollment is None:
        raise Http404
    try:
        queued = services.certificate_name_confirm(
            enrollment=enrollment, full_name=request.POST.get("full_name", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if queued:
            messages.success(
                request, _("Thank you. Your certificate is being prepared with this name.")
            )
    return HttpResponseRedirect(reverse("learning:my_learning"))


@login_required
@require_POST
def renew(request: HttpRequest, certificate_id) -> HttpResponse:
    certificate = selectors.certificate_for_owner(user=request.user, certificate_id=certificate_id)
    try:
        services.certificate_renew(certificate=certificate, by=request.user)
    except services.CertificationError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("learning:my_learning"))
    messages.success(
        request,
        _("Re-certification has begun: pass the assessment again to get a new certificate."),
    )
    return HttpResponseRedirect(reverse("learning:my_learning"))


# --- Staff: certificates in scope -------------------------------------------------------------


def _staff_only(request: HttpRequest):
    if not selectors.viewing_scope(request.user):
        raise Http404


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    query = request.GET.get("q", "")
    filters = selectors.list_filters(
        user=request.user,
        state_id=request.GET.get("state", ""),
        district_id=request.GET.get("district", ""),
    )
    certificates = selectors.filter_certificates(
        selectors.search_certificates(selectors.staff_certificates(request.user), query),
        filters,
    ).select_related("issuing_state")
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    modules = selectors.modules_with_pending(user=request.user)
    today = timezone.localdate()
    return render(
        request,
        "certification/manage.html",
        {
            "page": page,
            "rows": [selectors.standing(c, day=today) for c in page.object_list],
            "query": query,
            "filters": filters,
            "modules": modules,
            "can_manage": bool(selectors.managing_scope(request.user)),
            "batches": selectors.batches_for_user(request.user)[:10],
        },
    )


@login_required
@require_GET
def detail(request: HttpRequest, certificate_id) -> HttpResponse:
    certificate = selectors.certificate_for_staff(user=request.user, certificate_id=certificate_id)
    can_manage = selectors.managing_scope(request.user)
    return render(
        request,
        "certification/detail.html",
        {
            "certificate": certificate,
            "facts": _verification(certificate),
            "can_manage": bool(can_manage)
            and (can_manage.everywhere or certificate.issuing_state_id in can_manage),
        },
    )


def _reason_step(
    request: HttpRequest,
    certificate: Certificate,
    *,
    service,
    step: str,
    done: str,
) -> HttpResponse:
    """A confirmation page naming the certificate, its holder and module, with a required
    reason (GET); the change itself (POST with a reason). A refused reason is shown at the
    field and changes nothing; a refused change (already revoked, replaced meanwhile) goes
    back to the certificate with a message."""
    error = ""
    if request.method == "POST":
        try:
            service(certificate=certificate, by=request.user, reason=request.POST.get("reason", ""))
        except services.CertificationError as refusal:
            if refusal.status_code == 409:
                messages.error(request, refusal.message)
                return HttpResponseRedirect(reverse("certification:detail", args=[certificate.pk]))
            error = refusal.message
        else:
            messages.success(request, done % {"serial": certificate.serial})
            return HttpResponseRedirect(reverse("certification:detail", args=[certificate.pk]))
    return render(
        request,
        "certification/reason_confirm.html",
        {
            "certificate": certificate,
            "step": step,
            "reason": request.POST.get("reason", "") if error else "",
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, certificate_id) -> HttpResponse:
    certificate = selectors.certificate_for_staff(
        user=request.user, certificate_id=certificate_id, manage=True
    )
    if certificate.revoked_at is not None and request.method == "GET":
        messages.info(request, _("This certificate is already revoked."))
        return HttpResponseRedirect(reverse("certification:detail", args=[certificate.pk]))
    return _reason_step(
        request,
        certificate,
        service=services.certificate_revoke,
        step="revoke",
        done=_("Certificate %(serial)s is revoked. Its holder is told by email."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reinstate(request: HttpRequest, certificate_id) -> HttpResponse:
    """Undo a revocation made in error; the same people as may revoke."""
    certificate = selectors.certificate_for_staff(
        user=request.user, certificate_id=certificate_id, manage=True
    )
    if request.method == "GET" and not certificate.reinstatable:
        messages.info(
            request, _("Only a revoked certificate that was not replaced can be reinstated.")
        )
        return HttpResponseRedirect(reverse("certification:detail", args=[certificate.pk]))
    return _reason_step(
        request,
        certificate,
        service=services.certificate_reinstate,
        step="reinstate",
        done=_("Certificate %(serial)s is reinstated. Its holder is told by email."),
    )


#: How long the signed link to a name correction's preview PDF works.
PREVIEW_MAX_AGE = 15 * 60
_PREVIEW_SALT = "certification.correction-preview"


def _preview_token(request: HttpRequest, certificate: Certificate, name: str) -> str:
    return signing.dumps([str(certificate.pk), request.user.pk, name], salt=_PREVIEW_SALT)


def _previewed_name(request: HttpRequest, certificate: Certificate, token: str) -> str | None:
    """The name a preview token was made for, if it was made for this viewer and certificate
    and has not expired."""
    try:
        pk, user_id, name = signing.loads(token, salt=_PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if pk != str(certificate.pk) or user_id != request.user.pk or not isinstance(name, str):
        return None
    return name


@login_required
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, certificate_id) -> HttpResponse:
    """Correct the printed name in two steps: GET with ``full_name`` previews the corrected
    certificate (nothing is issued), the POST from the preview issues it."""
    certificate = selectors.certificate_for_staff(
        user=request.user, certificate_id=certificate_id, manage=True
    )
    if certificate.revoked_at is not None or certificate.superseded_at is not None:
        messages.error(request, _("Only a current, unrevoked certificate can be corrected."))
        return HttpResponseRedirect(reverse("certification:detail", args=[certificate.pk]))
    data = request.POST if request.method == "POST" else request.GET
    typed = data.get("full_name")
    context = {"certificate": certificate, "full_name": certificate.recipient_name, "error": ""}
    if typed is None:
        return render(request, "certification/correct.html", context)
    context["full_name"] = typed
    try:
        name = services.correction_name(typed)
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, "certification/correct.html", context, status=400)
    context.update(name=name, token=_preview_token(request, certificate, name))
    if request.method == "GET":
        return render(request, "certification/correct.html", context)
    if _previewed_name(request, certificate, request.POST.get("token", "")) != name:
        context["error"] = _("Check the preview of this name before issuing it.")
        return render(request, "certification/correct.html", context, status=400)
    try:
        new = services.certificate_correct_name(
            certificate=certificate, full_name=name, by=request.user
        )
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, "certification/correct.html", context, status=400)
    except (services.CertificationError, RenderError) as error:
        messages.error(request, getattr(error, "message", str(error)))
        return HttpResponseRedirect(reverse("certification:detail", args=[certificate.pk]))
    messages.success(
        request,
        _("Certificate %(new)s replaces %(old)s.") % {"new": new, "old": certificate},
    )
    return HttpResponseRedirect(reverse("certification:detail", args=[new.pk]))


@login_required
@require_GET
def correct_preview(request: HttpRequest, certificate_id) -> HttpResponse:
    """The PDF a name correction would issue, for the link on the preview page only."""
    certificate = selectors.certificate_for_staff(
        user=request.user, certificate_id=certificate_id, manage=True
    )
    name = _previewed_name(request, certificate, request.GET.get("token", ""))
    if name is None or certificate.revoked_at is not None or certificate.superseded_at:
        raise Http404
    try:
        preview = services.certificate_correction_preview(certificate=certificate, full_name=name)
        content = render_certificate(preview)
    except (ValidationError, RenderError):
        raise Http404 from None
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{certificate.serial}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Staff: bulk issue ------------------------------------------------------------------------


@login_required
@require_POST
def batch_create(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    module = selectors.module_for_batch(user=request.user, module_id=request.POST.get("module"))
    try:
        batch = services.certificate_batch_create(
            enrollment_ids=selectors.pending_enrollments(user=request.user, module=module),
            by=request.user,
            label=_("%(code)s: certificates not yet issued") % {"code": module.code},
            state=selectors.single_state(request.user),
        )
    except services.CertificationError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("certification:manage"))
    return HttpResponseRedirect(reverse("certification:batch", args=[batch.pk]))


@login_required
@require_GET
def batch(request: HttpRequest, batch_id) -> HttpResponse:
    batch = selectors.batch_for_user(user=request.user, batch_id=batch_id)
    template = (
        "certification/includes/batch_progress.html"
        if is_htmx(request)
        else "certification/batch.html"
    )
    return render(
        request,
        template,
        {
            "batch": batch,
            "failures": selectors.batch_failures(batch)[:200],
            "stalled": selectors.batch_stalled(batch),
        },
    )


@login_required
@require_POST
def batch_resume(request: HttpRequest, batch_id) -> HttpResponse:
    batch = selectors.batch_for_user(user=request.user, batch_id=batch_id)
    if request.POST.get("failed"):
        services.certificate_batch_retry(batch=batch, by=request.user)
    else:
        services.certificate_batch_enqueue(batch=batch)
    messages.info(request, _("The batch is queued again."))
    return HttpResponseRedirect(reverse("certification:batch", args=[batch.pk]))


class _Pipe(io.RawIOBase):
    """A write-only buffer that hands out what was written, for streaming a ZIP."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def _zip_stream(certificates):
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            try:
                content = services.certificate_pdf(certificate=certificate)
            except RenderError:
                continue
            archive.writestr(f"{certificate.serial}.pdf", content)
            yield pipe.take()
    yield pipe.take()


@login_required
@require_GET
def batch_zip(request: HttpRequest, batch_id) -> StreamingHttpResponse:
    """All of a batch's certificates as one ZIP, streamed as it is built."""
    batch = selectors.batch_for_user(user=request.user, batch_id=batch_id)
    certificates = selectors.batch_certificates(batch)
    response = StreamingHttpResponse(
        _zip_stream(certificates.iterator()), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="certificates-{batch.pk}.zip"'
    return response
