from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        # Certification listens to learning; learning never imports certification.
        from . import hooks, metrics, receivers  # noqa: F401
        from .rendering import check_subsetter

        check_subsetter()  # warns when PDFs would render several times slower
