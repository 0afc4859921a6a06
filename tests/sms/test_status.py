from types import SimpleNamespace

import pytest
from django.urls import reverse

from lms.sms.models import SmsMessage

pytestmark = pytest.mark.django_db

TOKEN = "a-long-random-token-0123456789"
URL = "/sms/status/"


@pytest.fixture
def sent(settings):
    settings.SMS_STATUS_TOKEN = TOKEN
    return SmsMessage.objects.create(
        to="+919876543210", kind="code", text="Code 1", status="sent", provider_id="gw-42"
    )


def report(client, body, *, token=TOKEN, **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(URL, body, content_type="application/json", headers=headers, **kwargs)


def test_the_address():
    assert reverse("sms:status") == URL


@pytest.mark.parametrize("status", ["delivered", "failed", "DELIVERED"])
def test_a_report_records_the_outcome(client, sent, status):
    response = report(client, {"id": "gw-42", "status": status})
    assert response.status_code == 200
    assert response.json() == {"id": "gw-42", "status": status.lower()}
    sent.refresh_from_db()
    assert sent.status == status.lower()
    assert sent.error == ("reported failed" if status == "failed" else "")


def test_a_form_report_with_the_token_in_the_address(client, sent):
    response = client.post(f"{URL}?token={TOKEN}", {"id": "gw-42", "status": "delivered"})
    assert response.status_code == 200
    assert SmsMessage.objects.get(pk=sent.pk).status == "delivered"


@pytest.mark.parametrize("token", [None, "wrong", TOKEN[:-1]])
def test_without_the_token_nothing_changes(client, sent, token):
    response = report(client, {"id": "gw-42", "status": "delivered"}, token=token)
    assert response.status_code == 403
    assert SmsMessage.objects.get(pk=sent.pk).status == "sent"


def test_no_token_set_means_no_reports(client, sent, settings):
    settings.SMS_STATUS_TOKEN = ""
    response = report(client, {"id": "gw-42", "status": "delivered"}, token="")
    assert response.status_code == 403
    assert SmsMessage.objects.get(pk=sent.pk).status == "sent"


@pytest.mark.parametrize(
    ("body", "status_code"),
    [
        ({"id": "gw-42", "status": "read"}, 400),
        ({"id": "gw-42"}, 400),
        ({"id": "gw-404", "status": "delivered"}, 404),
        ({"id": "", "status": "delivered"}, 404),
        (["gw-42", "delivered"], 400),
        ("not json", 400),
    ],
)
def test_bad_reports_change_nothing(client, sent, body, status_code):
    if body == "not json":
        response = client.post(
            URL, "{", content_type="application/json", headers={"Authorization": f"Bearer {TOKEN}"}
        )
    else:
        response = report(client, body)
    assert response.status_code == status_code
    assert response.json()["error"]
    assert SmsMessage.objects.get(pk=sent.pk).status == "sent"


def test_the_same_report_twice_is_accepted_and_the_other_outcome_refused(client, sent):
    assert report(client, {"id": "gw-42", "status": "delivered"}).status_code == 200
    assert report(client, {"id": "gw-42", "status": "delivered"}).status_code == 200
    response = report(client, {"id": "gw-42", "status": "failed"})
    assert response.status_code == 409
    assert SmsMessage.objects.get(pk=sent.pk).status == "delivered"


def test_a_message_not_yet_sent_takes_no_report(client, sent):
    SmsMessage.objects.filter(pk=sent.pk).update(status="queued")
    assert report(client, {"id": "gw-42", "status": "delivered"}).status_code == 409
    assert SmsMessage.objects.get(pk=sent.pk).status == "queued"


def test_only_post(client, sent):
    assert client.get(URL, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 405


def test_reports_are_rate_limited(client, sent, monkeypatch):
    monkeypatch.setattr("lms.sms.views.REPORTS_PER_MINUTE", 2)
    # One fixed moment: the three reports fall in the same window of the limit.
    monkeypatch.setattr("lms.core.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    assert report(client, {"id": "gw-42", "status": "delivered"}).status_code == 200
    assert report(client, {"id": "gw-42", "status": "delivered"}).status_code == 200
    response = report(client, {"id": "gw-42", "status": "failed"})
    assert response.status_code == 429
    assert SmsMessage.objects.get(pk=sent.pk).status == "delivered"
