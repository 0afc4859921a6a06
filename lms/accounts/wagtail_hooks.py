from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.entry_points import ENTRY_POINTS_HOOK, EntryPoint

from .access import can_access_wagtail_admin
from .models import Cadre


@hooks.register(ENTRY_POINTS_HOOK)
def account_entry_points(request):
    user = request.user
    if not user.is_authenticated:
        return []
    section = _("Your account")
    items = [
        EntryPoint(
            title=_("My profile"),
            description=_("Your cadre, post, district and language."),
            url=reverse("accounts:profile"),
            order=900,
            section=section,
        ),
        EntryPoint(
            title=_("Security"),
            description=_("Password, email addresses and two-factor authentication."),
            url=reverse("mfa_index"),
            order=910,
            section=section,
        ),
    ]
    if can_access_wagtail_admin(user):
        items.append(
            EntryPoint(
                title=_("Content administration"),
                description=_("Write, review and publish training modules."),
                url=reverse("wagtailadmin_home"),
                order=500,
                section=_("Administration"),
            )
        )
    if user.is_superuser:
        items.append(
            EntryPoint(
                title=_("System administration"),
                description=_("Users, roles, states and districts."),
                url=reverse("admin:index"),
                order=510,
                section=_("Administration"),
            )
        )
    return items


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    for action, label in [
        ("accounts.user.signed_up", gettext_lazy("Signed up")),
        ("accounts.profile.completed", gettext_lazy("Profile saved")),
        ("accounts.user.renamed", gettext_lazy("Name corrected")),
        ("accounts.user.invited", gettext_lazy("Invited by a trainer")),
        ("accounts.consent.accepted", gettext_lazy("Data-use notice accepted")),
        ("accounts.role.granted", gettext_lazy("Role granted")),
        ("accounts.role.assigned", gettext_lazy("State role assigned")),
        ("accounts.role.unassigned", gettext_lazy("State role withdrawn")),
    ]:
        actions.register_action(action, label, label)


class CadreViewSet(SnippetViewSet):
    model = Cadre
    pk_path_converter = "id"  # lms.core.ids: a number too large to be an id is a 404
    icon = "group"
    menu_label = gettext_lazy("Cadres")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


register_snippet(CadreViewSet)

# Demo accounts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
