"""Checks of the SMS settings, run by ``manage.py check`` and at start-up."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.module_loading import import_string

from .models import SmsMessage


@register()
def check_sms_settings(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    unknown = sorted(set(settings.SMS_TEMPLATES) - set(SmsMessage.Kind.values))
    if unknown:
        errors.append(
            Error(
                f"SMS_TEMPLATE_IDS names kinds that do not exist: {', '.join(unknown)}.",
                hint=f"The kinds are {', '.join(SmsMessage.Kind.values)}.",
                id="sms.E001",
            )
        )
    try:
        import_string(settings.SMS_BACKEND)
    except ImportError:
        errors.append(
            Error(f"SMS_BACKEND {settings.SMS_BACKEND!r} cannot be imported.", id="sms.E002")
        )
    return errors


#: Backends that never reach a phone: they print or keep messages, codes included.
_LOCAL_BACKENDS = {"lms.sms.backends.ConsoleBackend", "lms.sms.backends.LocmemBackend"}


@register(Tags.security, deploy=True)
def check_sms_gateway(app_configs=None, **kwargs) -> list[Warning]:
    """In production, sign-in codes must go to phones, not to the server's log: with no
    gateway configured (SMS_URL), the console backend would print every code it is asked to
    send, where whoever reads the log could sign in as anyone with a mobile number."""
    if settings.SMS_BACKEND in _LOCAL_BACKENDS:
        return [
            Warning(
                "SMS_URL names no gateway: sign-in codes and notices would be printed to the "
                "log instead of sent.",
                hint="Set SMS_URL=https://user:password@gateway.example/send?sender=… "
                "(docs/operations.md).",
                id="sms.W001",
            )
        ]
    return []
