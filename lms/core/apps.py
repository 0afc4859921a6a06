from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .middleware import SiteCacheMiddleware

        for signal in (post_save, post_delete):
            signal.connect(
                SiteCacheMiddleware.clear, sender=Site, dispatch_uid="lms-site-cache-clear"
            )
