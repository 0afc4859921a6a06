"""allauth login stages, where the platform's rule differs from allauth's settings.

allauth makes email verification either mandatory for everyone (and then every account needs
an email) or optional for everyone. Here an account may have a mobile number and no email, so
the setting is "optional" (``ACCOUNT_EMAIL_VERIFICATION``); this stage keeps it mandatory for
the people it concerned before: whoever signs up or signs in with an email address — or has
no verified mobile number to stand for them — must have verified that address first, exactly
as under allauth's "mandatory". Signing up or in by mobile number is verified by allauth's
phone verification stage (a code by SMS) instead.
"""

from __future__ import annotations

from allauth.account import stages
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import send_verification_email_at_login
from allauth.account.utils import has_verified_email


class EmailVerificationStage(stages.EmailVerificationStage):
    def handle(self):
        login = self.login
        if not self._email_is_the_identity():
            return super().handle()
        # allauth's "mandatory", also for a sign-up with an address already registered (no
        # user: its owner is mailed, and the answer is the same as for a new address).
        if not has_verified_email(login.user, login.email or login.user.email):
            send_verification_email_at_login(self.request, login)
            return get_adapter().respond_email_verification_sent(self.request, login.user), True
        return None, True

    def _email_is_the_identity(self) -> bool:
        """Whether this sign-in stands on an email address: it was typed (to sign up, or to
        sign in by password or code), or the account has no verified mobile number."""
        login = self.login
        if login.email:
            return True
        if login.phone or login.user is None:
            return False
        user = login.user
        return bool(user.email) and not (user.phone and user.phone_verified)
