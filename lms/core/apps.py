from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.conf.locale import LANG_INFO
        from django.db.models import IntegerField
        from django.db.models.signals import post_delete, post_save
        from django.urls import register_converter
        from wagtail.models import Site

        from .ids import IdConverter, IntegerFieldIn
        from .middleware import SiteCacheMiddleware
        from .observability import connect_task_context

        # Numbers too large to be a row id: <id:…> in URL patterns (registered before any
        # URLconf is imported), and `in` lookups that leave them out (lms.core.ids).
        register_converter(IdConverter, "id")
        IntegerField.register_lookup(IntegerFieldIn)

        for signal in (post_save, post_delete):
            signal.connect(
                SiteCacheMiddleware.clear, sender=Site, dispatch_uid="lms-site-cache-clear"
            )
        # task_id= on the log lines of the task in progress.
        connect_task_context()
        # Django knows no Assamese; the language switcher and {% get_language_info %} need it.
        LANG_INFO.setdefault(
            "as", {"bidi": False, "code": "as", "name": "Assamese", "name_local": "অসমীয়া"}
        )
