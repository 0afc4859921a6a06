from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.audit import register_log_actions
from lms.core.entry_points import ENTRY_POINTS_HOOK, EntryPoint
from lms.home.models import ROUTE_CHILD_HOOK

from .models import Competency, ModuleCataloguePage


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    pk_path_converter = "id"  # lms.core.ids: a number too large to be an id is a 404
    icon = "pick"
    menu_label = gettext_lazy("Competencies")
    list_display = ["name", "area", "sort_order"]
    list_filter = ["area"]
    search_fields = ["name", "description"]
    ordering = ["area", "sort_order", "name"]


register_snippet(CompetencyViewSet)


@hooks.register(ENTRY_POINTS_HOOK)
def catalogue_entry_point(request):
    catalogue = ModuleCataloguePage.objects.live().filter(depth=3).order_by("path").first()
    if catalogue is None:
        return []
    catalogue = catalogue.localized
    return [
        EntryPoint(
            title=_("Module catalogue"),
            description=_("Standardised training modules for your cadre, with certificates."),
            url=catalogue.get_url(request=request) or "/",
            order=100,
            section=_("Learning"),
        )
    ]


MODULE_LOG_ACTIONS = [
    ("modules.module.imported", gettext_lazy("Module imported from a file")),
    ("modules.module.translation_imported", gettext_lazy("Translation imported from a file")),
]
register_log_actions(MODULE_LOG_ACTIONS)


@hooks.register(ROUTE_CHILD_HOOK)
def find_catalogue(home, slug):
    return (
        ModuleCataloguePage.objects.filter(
            path__startswith=home.path, depth=home.depth + 1, slug=slug
        )
        .select_related("locale")
        .first()
    )


# Demo content registers itself with seed_demo.
from . import demo  # noqa: E402, F401
