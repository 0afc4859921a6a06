"""Where a text message goes, chosen by ``SMS_BACKEND`` (set from ``SMS_URL``).

A backend's ``send(message)`` delivers one ``SmsMessage`` and returns the gateway's id for it
("" when there is none), or raises: ``TemplateMissing`` (the kind has no registered template;
nothing was sent), ``PermanentError`` (the gateway refused the message: sending it again
would not help) or ``TransientError`` (the gateway could not be reached or failed: a later
attempt may succeed). The service (``lms.sms.services``) decides what each means for the row.
"""

from __future__ import annotations

import base64
import json
import sys
import threading
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, TextIO

from django.conf import settings
from django.utils.module_loading import import_string

import lms.sms

if TYPE_CHECKING:
    from .models import SmsMessage

#: Enough of a gateway's answer to find its message id; a longer body is not read.
MAX_RESPONSE_BYTES = 64 * 1024


class DeliveryError(Exception):
    """A message was not delivered. ``reason`` is short and holds no number or text."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason[:200]


class TransientError(DeliveryError):
    """The gateway was unreachable, too slow or failed (5xx): try again later."""


class PermanentError(DeliveryError):
    """The gateway refused the message (4xx): sending it again would fail again."""


class TemplateMissing(DeliveryError):
    """The message's kind has no DLT template id; the gateway would drop it."""


class BaseBackend:
    #: Whether a message may be sent only under a registered DLT template (Indian operators).
    requires_template = False

    def send(self, message: SmsMessage) -> str:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Prints each message, number and text, to standard output, like Django's console email
    backend: the development server shows sign-in codes there."""

    _lock = threading.Lock()

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout

    def send(self, message: SmsMessage) -> str:
        template = f", template {message.template_id}" if message.template_id else ""
        with self._lock:
            self.stream.write(
                f"SMS to {message.to} ({message.kind}{template})\n{message.text}\n{'-' * 40}\n"
            )
            self.stream.flush()
        return ""


class LocmemBackend(BaseBackend):
    """Keeps each message in ``lms.sms.outbox``, like Django's locmem email backend (tests)."""

    def send(self, message: SmsMessage) -> str:
        lms.sms.outbox.append(message)
        return f"locmem-{len(lms.sms.outbox)}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would follow a redirect of the POST as a GET without its body; a gateway that
    # answers with a redirect is misconfigured, and says so as an HTTP error.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class HttpBackend(BaseBackend):
    """Posts each message to an HTTP gateway as JSON::

        POST <SMS_GATEWAY_URL>
        Content-Type: application/json
        Authorization: Basic <user:password> | Bearer <token>

        {"to": "+919876543210", "text": "…", "template_id": "1107…", "sender": "CPTRNG"}

    and expects a 2xx answer whose JSON body names the gateway's message id as ``id`` (or
    ``message_id``), which delivery reports refer to. A 5xx answer, a timeout or a refused
    connection is transient; any other answer refused permanently, except 408 (Request
    Timeout) and 429 (Too Many Requests), which ask to be tried again later.
    """

    requires_template = True

    def __init__(self):
        self.url = settings.SMS_GATEWAY_URL
        self.timeout = settings.SMS_TIMEOUT
        self.sender = settings.SMS_SENDER
        user, password = settings.SMS_GATEWAY_USER, settings.SMS_GATEWAY_PASSWORD
        if settings.SMS_GATEWAY_AUTH == "bearer":
            token = password or user
            self.authorization = f"Bearer {token}" if token else ""
        elif user or password:
            credentials = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            self.authorization = f"Basic {credentials}"
        else:
            self.authorization = ""
        self.opener = urllib.request.build_opener(_NoRedirects)

    def send(self, message: SmsMessage) -> str:
        if not message.template_id:
            raise TemplateMissing("no template")
        payload = {
            "to": message.to,
            "text": message.text,
            "template_id": message.template_id,
            "sender": self.sender,
        }
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.authorization:
            headers["Authorization"] = self.authorization
        request = urllib.request.Request(  # noqa: S310 (sms_settings allows http(s) only)
            self.url, data=json.dumps(payload).encode(), headers=headers, method="POST"
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as error:
            error.close()
            reason = f"HTTP {error.code}"
            if error.code >= 500 or error.code in {408, 429}:
                raise TransientError(reason) from None
            raise PermanentError(reason) from None
        except TimeoutError:
            raise TransientError("timeout") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise TransientError("timeout") from None
            raise TransientError(f"unreachable: {type(error.reason).__name__}") from None
        except OSError as error:
            raise TransientError(f"unreachable: {type(error).__name__}") from None
        return _message_id(body)


def _message_id(body: bytes) -> str:
    try:
        answer = json.loads(body or b"{}")
    except ValueError:
        return ""
    if not isinstance(answer, dict):
        return ""
    value = answer.get("id", answer.get("message_id", ""))
    return str(value)[:100] if isinstance(value, str | int) and value != "" else ""


def get_backend() -> BaseBackend:
    """A new instance of the backend ``SMS_BACKEND`` names."""
    return import_string(settings.SMS_BACKEND)()
