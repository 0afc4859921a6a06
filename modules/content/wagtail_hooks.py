from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.audit import register_log_actions
from lms.core.entry_points import ENTRY_POINTS_HOOK, EntryPoint
from lms.home.models import ROUTE_CHILD_HOOK

from .models import Competency, ModuleCataloguePage, RequiredTraining, TrainingModulePage


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


class SourceModuleField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} · {obj.title}"


class RequiredTrainingForm(WagtailAdminModelForm):
    """Offers only the modules in their source language (English): a requirement names the
    module, and learners may take any of its translations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["module"]
        self.fields["module"] = SourceModuleField(
            queryset=TrainingModulePage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).order_by("code"),
            label=field.label,
            help_text=_("The module in its source language; its translations count too."),
            empty_label=_("Choose a module"),
        )


def due_rule(requirement: RequiredTraining) -> str:
    """The requirement's due rule in words, e.g. "Within 2 months of taking up the post"."""
    months = requirement.within_months
    date = date_format(requirement.due_by, "j F Y") if requirement.due_by else ""
    if months and date:
        rule = ngettext(
            "Within %(months)s month of taking up the post, or by %(date)s if later",
            "Within %(months)s months of taking up the post, or by %(date)s if later",
            months,
        ) % {"months": months, "date": date}
    elif months:
        rule = ngettext(
            "Within %(months)s month of taking up the post",
            "Within %(months)s months of taking up the post",
            months,
        ) % {"months": months}
    elif date:
        rule = _("By %(date)s") % {"date": date}
    else:
        rule = _("No deadline")
    if requirement.renew:
        rule = _("%(rule)s; renewed on expiry") % {"rule": rule}
    return rule


class RequiredTrainingViewSet(SnippetViewSet):
    model = RequiredTraining
    pk_path_converter = "id"  # lms.core.ids: a number too large to be an id is a 404
    icon = "tasks"
    menu_label = gettext_lazy("Required training")
    list_display = [
        "cadre",
        "module__code",
        "module__title",
        Column("due_rule", label=gettext_lazy("Due"), accessor=due_rule),
    ]
    list_filter = ["cadre"]
    ordering = ["cadre__sort_order", "module__code"]
    edit_handler = ObjectList(
        [
            FieldPanel("cadre"),
            FieldPanel("module"),
            FieldRowPanel([FieldPanel("within_months"), FieldPanel("due_by")]),
            FieldPanel("renew"),
        ],
        base_form_class=RequiredTrainingForm,
    )

    def get_queryset(self, request):
        return RequiredTraining.objects.select_related("cadre", "module")


register_snippet(RequiredTrainingViewSet)


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
