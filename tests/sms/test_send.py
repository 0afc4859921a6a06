import datetime
import io
import logging

import pytest
from django.utils import timezone

import lms.sms
from lms.sms.backends import ConsoleBackend
from lms.sms.errors import SmsError
from lms.sms.models import SmsMessage
from lms.sms.services import send_sms, sent_today

pytestmark = pytest.mark.django_db

NUMBER = "+919876543210"


def test_a_message_is_recorded_and_delivered_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = send_sms(to=NUMBER, kind="code", text="Your sign-in code is 482913.")
        # Nothing leaves before the caller's transaction commits.
        assert lms.sms.outbox == []
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.provider_id == "locmem-1"
    assert [(sms.to, sms.kind, sms.text) for sms in lms.sms.outbox] == [
        (NUMBER, "code", "Your sign-in code is 482913.")
    ]


def test_the_number_and_text_are_trimmed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(to=f" {NUMBER} ", kind="reminder", text="  Hello Asha  ")
    assert (message.to, message.text) == (NUMBER, "Hello Asha")


@pytest.mark.parametrize(
    ("to", "kind", "text"),
    [
        ("9876543210", "code", "123456"),  # not international
        ("+91 98765 43210", "code", "123456"),
        ("+0919876543210", "code", "123456"),
        ("", "code", "123456"),
        (NUMBER, "newsletter", "Hello"),
        (NUMBER, "code", "   "),
        (NUMBER, "code", "x" * 641),
    ],
)
def test_bad_input_records_and_sends_nothing(to, kind, text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SmsError) as raised:
        send_sms(to=to, kind=kind, text=text)
    assert raised.value.message
    assert SmsMessage.objects.count() == 0
    assert lms.sms.outbox == []


def test_the_daily_cap_refuses_and_sends_nothing(settings, django_capture_on_commit_callbacks):
    settings.SMS_DAILY_CAP = 2
    with django_capture_on_commit_callbacks(execute=True):
        first = send_sms(to=NUMBER, kind="code", text="111111")
        second = send_sms(to=NUMBER, kind="code", text="222222")
        third = send_sms(to=NUMBER, kind="code", text="333333")
        fourth = send_sms(to=NUMBER, kind="code", text="444444")
    statuses = [SmsMessage.objects.get(pk=message.pk).status for message in (first, second, third)]
    assert statuses == ["sent", "sent", "refused"]
    assert (third.status, third.error, third.attempts) == ("refused", "daily cap reached", 0)
    # Refused messages do not count towards the cap, and nothing more was sent.
    assert fourth.status == "refused"
    assert sent_today() == 2
    assert [sms.text for sms in lms.sms.outbox] == ["111111", "222222"]


def test_the_cap_counts_the_day_in_india(settings, django_capture_on_commit_callbacks):
    settings.SMS_DAILY_CAP = 1
    # 23:50 in India the day before is 18:20 UTC, still "yesterday" there: not counted.
    yesterday = timezone.localtime(timezone.now(), timezone.get_default_timezone()).replace(
        hour=23, minute=50
    ) - datetime.timedelta(days=1)
    old = SmsMessage.objects.create(to=NUMBER, kind="code", text="old", status="sent")
    SmsMessage.objects.filter(pk=old.pk).update(created_at=yesterday)
    assert sent_today() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_sms(to=NUMBER, kind="code", text="new").status == "queued"
    assert sent_today() == 1


def test_console_prints_the_number_and_text(settings, capsys, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "lms.sms.backends.ConsoleBackend"
    settings.SMS_TEMPLATES = {"code": "1107000000000000001"}
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(to=NUMBER, kind="code", text="Your sign-in code is 482913.")
    out = capsys.readouterr().out
    assert f"SMS to {NUMBER} (code, template 1107000000000000001)" in out
    assert "Your sign-in code is 482913." in out
    assert SmsMessage.objects.get(pk=message.pk).status == "sent"
    assert lms.sms.outbox == []


def test_console_needs_no_template(settings, django_capture_on_commit_callbacks):
    stream = io.StringIO()
    message = SmsMessage(to=NUMBER, kind="invitation", text="Join us, Asha: https://x.test/")
    assert ConsoleBackend(stream=stream).send(message) == ""
    assert stream.getvalue().startswith(f"SMS to {NUMBER} (invitation)\nJoin us, Asha")


def test_log_lines_carry_no_number_or_text(caplog, settings, django_capture_on_commit_callbacks):
    settings.SMS_DAILY_CAP = 1
    with (
        caplog.at_level(logging.DEBUG, logger="lms.sms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sent = send_sms(to=NUMBER, kind="code", text="Code 482913 for Asha")
        refused = send_sms(to=NUMBER, kind="code", text="Code 771199 for Asha")
    lines = [record.getMessage() for record in caplog.records if record.name.startswith("lms.sms")]
    assert any(f"id={sent.pk}" in line and "status=sent" in line for line in lines)
    assert any(f"id={refused.pk}" in line and "status=refused" in line for line in lines)
    for line in lines:
        assert "9876543210" not in line
        for private in ("482913", "771199", "Asha"):
            assert private not in line


def test_statements(assert_max_statements, django_capture_on_commit_callbacks):
    # Sending: today's count and the row. Delivering: the claim, its attempt, the outcome.
    with django_capture_on_commit_callbacks() as callbacks, assert_max_statements(2):
        message = send_sms(to=NUMBER, kind="code", text="Code 1")
    with assert_max_statements(3):
        for callback in callbacks:
            callback()
    message.refresh_from_db()
    assert message.status == "sent"
