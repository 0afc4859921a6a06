"""Sending text messages and recording what became of them."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.dates import local_midnight
from lms.core.logging import redact

from . import tasks
from .backends import PermanentError, TemplateMissing, TransientError, get_backend
from .errors import SmsError
from .models import E164, MAX_TEXT_LENGTH, SmsMessage

logger = logging.getLogger(__name__)

Status = SmsMessage.Status

#: Attempts at delivering one message before it is marked failed.
MAX_ATTEMPTS = 4
#: Seconds to wait before the second, third and fourth attempts (a worker that can defer
#: tasks waits; the immediate backend of tests and setups without a worker cannot, and
#: tries again at once).
RETRY_DELAYS = (30, 120, 600)

DAILY_CAP_REACHED = "daily cap reached"
NO_TEMPLATE = "no template"


def sent_today(*, now=None) -> int:
    """The messages accepted since midnight in India (Asia/Kolkata): those the daily cap
    counts. Refused ones cost nothing and are not counted."""
    today = timezone.localdate(now or timezone.now(), timezone.get_default_timezone())
    return (
        SmsMessage.objects.filter(created_at__gte=local_midnight(today))
        .exclude(status=Status.REFUSED)
        .count()
    )


def _checked(*, to: str, kind: str, text: str) -> tuple[str, str]:
    to, text = (to or "").strip(), (text or "").strip()
    try:
        E164(to)
    except ValidationError:
        raise SmsError(_("Enter the number in international form, e.g. +919876543210.")) from None
    if kind not in SmsMessage.Kind.values:
        raise SmsError(_("%(kind)s is not a kind of text message.") % {"kind": kind})
    if not text:
        raise SmsError(_("A text message needs some text."))
    if len(text) > MAX_TEXT_LENGTH:
        raise SmsError(
            _("A text message holds at most %(limit)d characters.") % {"limit": MAX_TEXT_LENGTH}
        )
    return to, text


def send_sms(*, to: str, kind: str, text: str) -> SmsMessage:
    """Record a text message to ``to`` (E.164, e.g. +919876543210) and queue its delivery.

    ``kind`` is one of ``SmsMessage.Kind``; ``text`` carries no personal data beyond a first
    name and a link or code (``lms.sms.models``). The message is ``refused`` (recorded,
    never sent) once today's accepted messages reach ``SMS_DAILY_CAP``, or when the backend
    needs a DLT template and ``SMS_TEMPLATES`` has none for ``kind``. Otherwise it is
    ``queued`` and delivered by a task once the caller's transaction commits (at once
    outside one), tried up to ``MAX_ATTEMPTS`` times while the gateway fails transiently.
    Tests find delivered messages in ``lms.sms.outbox``.

    The cap is counted, not locked: requests racing at the very moment it is reached may
    send a few more. Raises ``SmsError`` for a malformed number, an unknown kind or an empty
    or over-long text, recording nothing.
    """
    to, text = _checked(to=to, kind=kind, text=text)
    template_id = settings.SMS_TEMPLATES.get(kind, "")
    error = ""
    with transaction.atomic():
        if sent_today() >= settings.SMS_DAILY_CAP:
            error = DAILY_CAP_REACHED
        elif get_backend().requires_template and not template_id:
            error = NO_TEMPLATE
        message = SmsMessage.objects.create(
            to=to,
            kind=kind,
            text=text,
            template_id=template_id,
            status=Status.REFUSED if error else Status.QUEUED,
            error=error,
        )
        if not error:
            transaction.on_commit(lambda: _enqueue_delivery(message_id=message.pk))
    _log(message, "sms refused" if error else "sms queued")
    return message


def _enqueue_delivery(*, message_id: int, delay: int = 0) -> None:
    task = tasks.deliver_sms
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    task.enqueue(message_id=message_id)


def sms_deliver(*, message_id: int) -> str:
    """Make one attempt at delivering a queued message and record the outcome: ``sent``
    with the gateway's id; ``failed`` on a permanent error or after the last attempt;
    ``refused`` when its kind has no template; otherwise, after a transient error, still
    ``queued`` with the next attempt enqueued (after ``RETRY_DELAYS``). A message that is no
    longer queued (already sent by an earlier run, say) is left alone. Returns the status."""
    with transaction.atomic():
        message = (
            SmsMessage.objects.select_for_update().filter(pk=message_id, status=Status.QUEUED)
        ).first()
        if message is None:
            return ""
        message.attempts += 1
        message.save(update_fields=["attempts", "updated_at"])
    # The gateway is called outside the transaction: no row stays locked over the network.
    retry_in = None
    try:
        provider_id = get_backend().send(message)
    except TemplateMissing:
        message.status, message.error = Status.REFUSED, NO_TEMPLATE
    except PermanentError as error:
        message.status, message.error = Status.FAILED, redact(error.reason)
    except TransientError as error:
        message.error = redact(error.reason)
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Status.FAILED
        else:
            retry_in = RETRY_DELAYS[min(message.attempts, len(RETRY_DELAYS)) - 1]
    else:
        message.status, message.error = Status.SENT, ""
        message.provider_id, message.sent_at = provider_id, timezone.now()
    message.save(update_fields=["status", "error", "provider_id", "sent_at", "updated_at"])
    _log(message, "sms retry" if retry_in else f"sms {message.status}")
    if retry_in:
        _enqueue_delivery(message_id=message.pk, delay=retry_in)
    return message.status


REPORTED = {Status.DELIVERED, Status.FAILED}


def sms_status_report(*, provider_id: str, status: str) -> SmsMessage:
    """Record a gateway's delivery report for its message ``provider_id``: a sent message
    becomes ``delivered`` or ``failed``. The same report again changes nothing. Raises
    ``SmsError`` (nothing changed) for another status, an unknown id (404), or a message
    that was not sent or already has the other outcome (409)."""
    if status not in REPORTED:
        raise SmsError(_("The status must be delivered or failed."))
    provider_id = (provider_id or "").strip()
    with transaction.atomic():
        message = (
            SmsMessage.objects.select_for_update().filter(provider_id=provider_id).first()
            if provider_id
            else None
        )
        if message is None:
            raise SmsError(_("No message has this id."), status_code=404)
        if message.status == status:
            return message
        if message.status != Status.SENT:
            raise SmsError(
                _("This message is %(status)s; its status cannot change.")
                % {"status": message.get_status_display()},
                status_code=409,
            )
        message.status = status
        message.error = "" if status == Status.DELIVERED else "reported failed"
        message.save(update_fields=["status", "error", "updated_at"])
    _log(message, f"sms {status}")
    return message


def _log(message: SmsMessage, event: str) -> None:
    # Never the number or the text: the id finds the row for whoever may read it.
    logger.info(
        "%s id=%s kind=%s status=%s attempts=%s error=%s",
        event,
        message.pk,
        message.kind,
        message.status,
        message.attempts,
        message.error or "-",
    )
