from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.conf.locale import LANG_INFO
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .middleware import SiteCacheMiddleware

        for signal in (post_save, post_delete):
            signal.connect(
                SiteCacheMiddleware.clear, sender=Site, dispatch_uid="lms-site-cache-clear"
            )
        # Django knows no Assamese; the language switcher and {% get_language_info %} need it.
        LANG_INFO.setdefault(
            "as", {"bidi": False, "code": "as", "name": "Assamese", "name_local": "অসমীয়া"}
        )
