"""allauth, the one way to sign in, fitted to the platform: one client address for every rate
limit, new accounts are learners, and a mobile number is an identity like an email address.

A mobile number is stored on the user (``User.phone``, E.164, with ``phone_verified``); allauth
asks for it and verifies it through the methods below, and sends its codes by SMS through the
platform's text-message channel (``lms.sms``). The login stages are allauth's, with one change
that keeps the email path as strict as it was (``lms.accounts.stages``)."""

from __future__ import annotations

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lms.core.audit import audit
from lms.core.ratelimit import client_address
from lms.core.site_name import site_name
from lms.core.site_url import absolute_url
from lms.sms.models import SmsMessage
from lms.sms.services import send_sms

from .fields import IndianMobileField
from .models import CONTENT_LANGUAGES, Role, User
from .validators import normalise_indian_mobile

#: allauth's stages, with ours in place of the one that must hold more firmly here. (A sign-in
#: by code still passes allauth's MFA stage: only a passkey counts as a second factor there.)
_STAGE_REPLACEMENTS = {
    "allauth.account.stages.EmailVerificationStage": "lms.accounts.stages.EmailVerificationStage",
}


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # One answer for every rate limit, allauth's and the platform's; allauth's own answers
        # 500 to an X-Forwarded-For shorter than ALLAUTH_TRUSTED_PROXY_COUNT.
        return client_address(request)

    def get_login_stages(self) -> list[str]:
        return [_STAGE_REPLACEMENTS.get(path, path) for path in super().get_login_stages()]

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = (user.email or "").lower() or None
        user.full_name = form.cleaned_data.get("full_name", "")
        # Codes, invitations and notices come in the language the person signed up in.
        language = translation.get_language()
        if language in {code for code, _label in CONTENT_LANGUAGES}:
            user.preferred_language = language
        if commit:
            with transaction.atomic():
                user.save()
                user.groups.add(Group.objects.get(name=Role.LEARNER))
                audit(instance=user, action="accounts.user.signed_up", user=user)
        return user

    # --- The mobile number as an identity ------------------------------------------------

    def phone_form_field(self, **kwargs):
        return IndianMobileField(**kwargs)

    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        if user.pk:
            user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: User) -> tuple[str, bool] | None:
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user: User, phone: str) -> None:
        if user.phone == phone and not user.phone_verified:
            user.phone_verified = True
            user.save(update_fields=["phone_verified"])
            audit(instance=user, action="accounts.phone.verified", user=user)

    def get_user_by_phone(self, phone: str) -> User | None:
        try:
            phone = normalise_indian_mobile(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone, is_active=True).first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        """The one-time code, alone with the site's name: no personal data, no link that
        could be forwarded to sign someone else in."""
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language or settings.LANGUAGE_CODE):
            text = _(
                "%(code)s is your %(site)s code. It expires in %(minutes)d minutes. "
                "Do not share it with anyone."
            ) % {
                "code": code,
                "site": site_name(),
                "minutes": _code_minutes(kwargs),
            }
        send_sms(to=phone, kind=SmsMessage.Kind.CODE, text=text)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        # A code requested for a number no account has: the page answers as if one were sent
        # (no enumeration), and nothing is sent, so that the form cannot be used to send text
        # messages to any number in India at the platform's cost.
        return None

    def send_account_already_exists_sms(self, phone: str) -> None:
        """Someone signed up with a number an account already has: tell its owner how to sign
        in (the sign-up page itself answers as for a new account)."""
        owner = self.get_user_by_phone(phone)
        language = owner.preferred_language if owner else settings.LANGUAGE_CODE
        with translation.override(language):
            text = _(
                "Someone tried to sign up to %(site)s with this number, which already has an "
                "account. To sign in, use a code: %(link)s"
            ) % {"site": site_name(), "link": absolute_url("/accounts/login/code/")}
        send_sms(to=phone, kind=SmsMessage.Kind.CODE, text=text)


def _code_minutes(kwargs) -> int:
    """How long the code sent lasts, in whole minutes: allauth passes ``reauthentication``
    to codes that sign in, and nothing to codes that verify a number."""
    seconds = (
        account_settings.LOGIN_BY_CODE_TIMEOUT
        if "reauthentication" in kwargs
        else account_settings.PHONE_VERIFICATION_TIMEOUT
    )
    return max(1, seconds // 60)
