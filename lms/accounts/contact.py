"""How a person is reached: by email, by text message, or both.

Learners may have an email address, a mobile number or both; other apps ask here which
channels a notice (a reminder, a session notice, a certificate) goes by, and send its text
message through ``send_notice_sms``. Invitations follow the same channels (the set-password
mail to an address, the sign-in link by SMS to a number alone); sign-in codes are not notices:
they go to the address or number they are for, whatever these say.

A text message greets the person by ``first_name`` and carries nothing else about them.
"""

from __future__ import annotations

from lms.sms.models import SmsMessage
from lms.sms.services import send_sms

EMAIL, SMS = "email", "sms"


def first_name(user) -> str:
    """The first word of ``user``'s name, as a text message greets them; "" when they have no
    name. Never the email address or number ``User.get_short_name`` falls back on: a text
    message carries no personal data beyond a first name."""
    words = (user.full_name or "").split()
    return words[0] if words else ""


def notice_channels(user) -> frozenset[str]:
    """The channels a notice to ``user`` goes by: email when they have an address, SMS when
    they have a mobile number and no address, both when they have both and asked for notices
    by SMS too (``notices_by_sms``). Empty when they have neither."""
    if not user.email:
        return frozenset({SMS}) if user.phone else frozenset()
    if user.phone and user.notices_by_sms:
        return frozenset({EMAIL, SMS})
    return frozenset({EMAIL})


def send_notice_sms(user, *, kind: str, text: str) -> SmsMessage | None:
    """Send a notice's text message to ``user.phone`` when SMS is among their channels
    (``lms.sms.services.send_sms``, delivered once the caller's transaction commits); None
    when it is not. ``text`` names no one but the learner, by first name, and links."""
    if SMS not in notice_channels(user):
        return None
    return send_sms(to=user.phone, kind=kind, text=text)
