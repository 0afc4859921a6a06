from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.audit import register_log_actions
from lms.core.entry_points import Card, register_cards, signed_in

from .access import can_access_wagtail_admin
from .models import Cadre

register_cards(
    Card(
        title=gettext_lazy("My profile"),
        description=gettext_lazy("Your cadre, post, district and language."),
        url_name="accounts:profile",
        order=900,
        section=gettext_lazy("Your account"),
        shown_to=signed_in,
    ),
    Card(
        title=gettext_lazy("Security"),
        description=gettext_lazy("Password, email addresses and two-factor authentication."),
        url_name="mfa_index",
        order=910,
        section=gettext_lazy("Your account"),
        shown_to=signed_in,
    ),
    Card(
        title=gettext_lazy("Content administration"),
        description=gettext_lazy("Write, review and publish training modules."),
        url_name="wagtailadmin_home",
        order=500,
        section=gettext_lazy("Administration"),
        shown_to=can_access_wagtail_admin,
    ),
    Card(
        title=gettext_lazy("System administration"),
        description=gettext_lazy("Users, roles, states and districts."),
        url_name="admin:index",
        order=510,
        section=gettext_lazy("Administration"),
        shown_to=lambda user: user.is_superuser,
    ),
)


ACCOUNT_LOG_ACTIONS = [
    ("accounts.user.signed_up", gettext_lazy("Signed up")),
    ("accounts.profile.completed", gettext_lazy("Profile saved")),
    ("accounts.user.renamed", gettext_lazy("Name corrected")),
    ("accounts.user.invited", gettext_lazy("Invited by a trainer")),
    ("accounts.consent.accepted", gettext_lazy("Data-use notice accepted")),
    ("accounts.phone.verified", gettext_lazy("Mobile number verified")),
    ("accounts.role.granted", gettext_lazy("Role granted")),
    ("accounts.role.assigned", gettext_lazy("State role assigned")),
    ("accounts.role.unassigned", gettext_lazy("State role withdrawn")),
]
register_log_actions(ACCOUNT_LOG_ACTIONS)


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
