"""The gateway's delivery reports."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lms.core import ratelimit

from .errors import SmsError
from .services import sms_status_report

#: Reports one gateway address may send per minute: bursts follow bulk sends.
REPORTS_PER_MINUTE = 1200


def _token(request: HttpRequest) -> str:
    scheme, _space, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return credentials.strip()
    # Gateways that can only be given an address pass the token in it.
    return request.GET.get("token", "")


def _report(request: HttpRequest) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise SmsError(_("The report is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise SmsError(_("The report must be a JSON object."))
        return data
    return request.POST.dict()


@csrf_exempt  # the gateway holds no session or CSRF cookie; the token authenticates it
@require_POST
def delivery_report(request: HttpRequest) -> JsonResponse:
    """``POST /sms/status/`` from the gateway: ``{"id": "<its message id>", "status":
    "delivered" | "failed"}`` as JSON or a form, with ``SMS_STATUS_TOKEN`` as a bearer token
    (or ``?token=``). 403 without the token (or when none is set), 429 over the rate limit,
    400/404/409 for a report that changes nothing."""
    if not ratelimit.hit(
        scope="sms-status",
        key=ratelimit.client_network(request),
        limit=REPORTS_PER_MINUTE,
        window_seconds=60,
    ):
        return JsonResponse({"error": _("Too many reports; try again in a minute.")}, status=429)
    expected = settings.SMS_STATUS_TOKEN
    if not expected or not hmac.compare_digest(_token(request).encode(), expected.encode()):
        return JsonResponse({"error": _("A valid token is required.")}, status=403)
    try:
        report = _report(request)
        message = sms_status_report(
            provider_id=str(report.get("id", "")), status=str(report.get("status", "")).lower()
        )
    except SmsError as error:
        return JsonResponse({"error": error.message}, status=error.status_code)
    return JsonResponse({"id": message.provider_id, "status": message.status})
