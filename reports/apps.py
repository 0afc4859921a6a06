from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    label = "reports"
    verbose_name = _("Workforce scorecard")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (subscribes to learning's and certification's signals)
