from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmsConfig(AppConfig):
    name = "lms.sms"
    label = "sms"
    verbose_name = _("Text messages")

    def ready(self) -> None:
        # Registers the settings checks (SMS_TEMPLATES' kinds, the backend's path).
        from . import checks  # noqa: F401
