from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import SmsMessage


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Messages are written by the service alone: the admin may only read them, whoever
    asks (superusers too), and only those holding the view permission may (national
    administrators, by migration 0002_view_permission)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission({"view"} & set(actions))


register_permission_policy(SmsMessage, ReadOnlyPolicy(SmsMessage))


class SmsMessageViewSet(ModelViewSet):
    """The text messages sent, newest first: status, kind and when, with the number masked
    to its last four digits; never the text, which may hold a sign-in code."""

    model = SmsMessage
    pk_path_converter = "id"  # lms.core.ids: a number too large to be an id is a 404
    icon = "mail"
    menu_label = gettext_lazy("Text messages")
    add_to_admin_menu = True
    menu_order = 360
    copy_view_enabled = False
    # No one may add or edit a message (ReadOnlyPolicy); the generic views still want a form.
    form_fields = []
    list_display = [
        DateColumn("created_at", label=gettext_lazy("Created")),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("masked_to", label=gettext_lazy("To")),
        Column("attempts", label=gettext_lazy("Attempts")),
        Column("error", label=gettext_lazy("Error")),
    ]
    list_filter = ["status", "kind"]
    ordering = ["-created_at"]

    def get_permissions_to_register(self):
        # Only reading can be granted, to other groups in the Wagtail admin's group editor.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(SmsMessage),
            codename=get_permission_codename("view", SmsMessage._meta),
        )


@hooks.register("register_admin_viewset")
def register_sms_messages():
    return SmsMessageViewSet("sms_messages")
