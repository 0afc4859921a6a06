"""Checks of the SMS settings, run by ``manage.py check`` and at start-up."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register
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
