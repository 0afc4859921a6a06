import pytest

import lms.sms
from lms.accounts.contact import notice_channels, send_notice_sms
from lms.accounts.models import User
from lms.sms.models import SmsMessage
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PHONE = "+919876543210"


@pytest.mark.parametrize(
    ("email", "phone", "notices_by_sms", "channels"),
    [
        ("asha@example.org", None, False, {"email"}),
        ("asha@example.org", None, True, {"email"}),  # no number to text
        ("asha@example.org", PHONE, False, {"email"}),
        ("asha@example.org", PHONE, True, {"email", "sms"}),
        (None, PHONE, False, {"sms"}),
        (None, PHONE, True, {"sms"}),
    ],
)
def test_notice_channels(email, phone, notices_by_sms, channels):
    user = UserFactory.build(email=email, phone=phone, notices_by_sms=notices_by_sms)
    assert notice_channels(user) == frozenset(channels)


def test_someone_without_email_or_number_has_no_channel():
    user = UserFactory.build(email=None, phone=None, notices_by_sms=True)
    assert notice_channels(user) == frozenset()


def test_a_notice_is_texted_to_a_learner_without_email(django_capture_on_commit_callbacks):
    user = User.objects.create(email=None, phone=PHONE, full_name="Asha Devi")
    with django_capture_on_commit_callbacks(execute=True):
        message = send_notice_sms(user, kind="reminder", text="Asha, your session is tomorrow.")
    assert message is not None
    message.refresh_from_db()
    assert (message.to, message.kind, message.status) == (PHONE, "reminder", "sent")
    assert [sms.text for sms in lms.sms.outbox] == ["Asha, your session is tomorrow."]


def test_no_text_for_a_learner_who_reads_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="asha@example.org", phone=PHONE, notices_by_sms=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notice_sms(user, kind="reminder", text="Asha, tomorrow.") is None
    assert SmsMessage.objects.count() == 0
    assert lms.sms.outbox == []


def test_both_when_asked(django_capture_on_commit_callbacks):
    user = UserFactory(email="asha@example.org", phone=PHONE, notices_by_sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        message = send_notice_sms(user, kind="certificate", text="Asha, your certificate.")
    assert message.kind == "certificate"
    assert len(lms.sms.outbox) == 1
