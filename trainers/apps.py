from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainersConfig(AppConfig):
    name = "trainers"
    verbose_name = _("Trainers and cohorts")

    def ready(self) -> None:
        from . import hooks, receivers  # noqa: F401
