"""The HTTP gateway backend against a real HTTP server on 127.0.0.1."""

import base64
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

import lms.sms
from lms.settings.env import sms_settings
from lms.sms.models import SmsMessage
from lms.sms.services import MAX_ATTEMPTS, send_sms, sms_deliver

pytestmark = pytest.mark.django_db

NUMBER = "+919876543210"
TEMPLATES = {"code": "1107000000000000001", "invitation": "1107000000000000002"}


class Gateway:
    """A scripted gateway: each request gets the next (status, body, delay) answer."""

    def __init__(self):
        self.answers: list[tuple[int, object, float]] = []
        self.requests: list[dict] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                gateway.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                status, body, delay = (
                    gateway.answers.pop(0) if gateway.answers else (200, {"id": "gw-1"}, 0)
                )
                time.sleep(delay)
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    if status in (301, 302):
                        self.send_header("Location", "/elsewhere")
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, *answers):
        self.answers.extend(answer if len(answer) == 3 else (*answer, 0) for answer in answers)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def use_gateway(settings, url: str) -> None:
    for name, value in sms_settings(url).items():
        setattr(settings, name, value)
    settings.SMS_TEMPLATES = TEMPLATES


@pytest.fixture
def gateway_settings(settings, gateway):
    use_gateway(
        settings, f"http://cpt:p%40ss@127.0.0.1:{gateway.port}/api/send?sender=CPTRNG&timeout=2"
    )
    return settings


def send(callbacks, **fields):
    with callbacks(execute=True):
        message = send_sms(**{"to": NUMBER, "kind": "code", "text": "Code 482913", **fields})
    message.refresh_from_db()
    return message


def test_a_message_is_posted_as_json_with_basic_auth(
    gateway, gateway_settings, django_capture_on_commit_callbacks
):
    gateway.answer((200, {"id": "gw-4711", "status": "accepted"}))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.error) == ("sent", 1, "")
    assert message.provider_id == "gw-4711"
    assert message.template_id == TEMPLATES["code"]
    assert message.sent_at is not None
    [request] = gateway.requests
    assert request["path"] == "/api/send"
    assert request["body"] == {
        "to": NUMBER,
        "text": "Code 482913",
        "template_id": TEMPLATES["code"],
        "sender": "CPTRNG",
    }
    assert request["headers"]["Content-Type"] == "application/json"
    credentials = base64.b64encode(b"cpt:p@ss").decode()
    assert request["headers"]["Authorization"] == f"Basic {credentials}"
    # The gateway backend does not keep an outbox.
    assert lms.sms.outbox == []


def test_bearer_token(gateway, settings, django_capture_on_commit_callbacks):
    use_gateway(settings, f"http://:tok3n@127.0.0.1:{gateway.port}/send?auth=bearer")
    message = send(django_capture_on_commit_callbacks)
    assert message.status == "sent"
    assert gateway.requests[0]["headers"]["Authorization"] == "Bearer tok3n"
    assert gateway.requests[0]["body"]["sender"] == ""


def test_a_kind_without_a_template_is_refused_and_not_sent(
    gateway, gateway_settings, django_capture_on_commit_callbacks
):
    message = send(django_capture_on_commit_callbacks, kind="reminder", text="Hello Asha")
    assert (message.status, message.error, message.attempts) == ("refused", "no template", 0)
    assert message.template_id == ""
    assert gateway.requests == []


def test_a_template_withdrawn_before_delivery_refuses_the_message(gateway, gateway_settings):
    message = SmsMessage.objects.create(to=NUMBER, kind="session", text="Session moved")
    assert sms_deliver(message_id=message.pk) == "refused"
    message.refresh_from_db()
    assert (message.status, message.error, message.attempts) == ("refused", "no template", 1)
    assert gateway.requests == []


def test_a_server_error_is_retried_then_sent(
    gateway, gateway_settings, django_capture_on_commit_callbacks
):
    gateway.answer((500, {"error": "busy"}), (503, b"down"), (200, {"message_id": 99}))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.error) == ("sent", 3, "")
    assert message.provider_id == "99"
    assert len(gateway.requests) == 3
    assert all(request["body"]["to"] == NUMBER for request in gateway.requests)


def test_a_gateway_that_keeps_failing_fails_the_message_after_the_last_attempt(
    gateway, gateway_settings, django_capture_on_commit_callbacks
):
    gateway.answer(*[(502, {})] * (MAX_ATTEMPTS + 2))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.error) == ("failed", MAX_ATTEMPTS, "HTTP 502")
    assert message.sent_at is None
    assert len(gateway.requests) == MAX_ATTEMPTS


def test_a_client_error_fails_at_once(
    gateway, gateway_settings, django_capture_on_commit_callbacks
):
    gateway.answer((400, {"error": "bad number"}), (200, {"id": "never"}))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.error) == ("failed", 1, "HTTP 400")
    assert message.provider_id == ""
    assert len(gateway.requests) == 1


def test_too_many_requests_is_tried_again(
    gateway, gateway_settings, django_capture_on_commit_callbacks
):
    gateway.answer((429, {}), (200, {"id": "gw-2"}))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.provider_id) == ("sent", 2, "gw-2")


def test_a_redirect_is_not_followed(gateway, gateway_settings, django_capture_on_commit_callbacks):
    gateway.answer((302, {}))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.error) == ("failed", "HTTP 302")
    assert [request["path"] for request in gateway.requests] == ["/api/send"]


def test_a_slow_gateway_times_out_and_is_tried_again(
    gateway, settings, django_capture_on_commit_callbacks
):
    use_gateway(settings, f"http://127.0.0.1:{gateway.port}/send?timeout=0.3")
    gateway.answer((200, {"id": "late"}, 1.0), (200, {"id": "gw-3"}))
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts, message.provider_id) == ("sent", 2, "gw-3")
    assert "Authorization" not in gateway.requests[0]["headers"]


def test_an_unreachable_gateway_is_transient(settings, django_capture_on_commit_callbacks):
    closed = Gateway()
    port = closed.port
    closed.close()
    use_gateway(settings, f"http://127.0.0.1:{port}/send")
    message = send(django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    assert message.error.startswith("unreachable")


def test_a_worker_that_can_wait_defers_the_next_attempt(gateway, gateway_settings):
    gateway_settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # The proxy finds the backend the changed settings name.
    gateway.answer((500, {}))
    message = SmsMessage.objects.create(
        to=NUMBER, kind="code", text="Code 1", template_id=TEMPLATES["code"]
    )
    before = timezone.now()
    assert sms_deliver(message_id=message.pk) == "queued"
    [retry] = default_task_backend.results
    assert retry.kwargs == {"message_id": message.pk}
    assert before + timedelta(seconds=30) <= retry.task.run_after
    assert retry.task.run_after <= timezone.now() + timedelta(seconds=30)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == ("queued", 1, "HTTP 500")


def test_a_message_no_longer_queued_is_not_sent_again(gateway, gateway_settings):
    message = SmsMessage.objects.create(
        to=NUMBER, kind="code", text="Code 1", template_id=TEMPLATES["code"], status="sent"
    )
    assert sms_deliver(message_id=message.pk) == ""
    message.refresh_from_db()
    assert message.attempts == 0
    assert gateway.requests == []
