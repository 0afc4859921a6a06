"""Views of the Wagtail admin for module authors: an assessment's item analysis."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from modules.content.models import AssessmentPage

from .item_analysis import LOW_DISCRIMINATION, MIN_SAMPLE, TOO_EASY, TOO_HARD, item_analysis

ITEM_ANALYSIS_URL_NAME = "learning_item_analysis"


def may_analyse(page: Page, user) -> bool:
    """Whether ``user`` may see the item analysis of ``page``: an assessment they may edit
    (its authors and reviewers, national administrators)."""
    return page.specific_class is AssessmentPage and page.permissions_for_user(user).can_edit()


def item_analysis_url(page: Page) -> str:
    return reverse(ITEM_ANALYSIS_URL_NAME, args=[page.pk])


class ItemAnalysisView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "learning/admin/item_analysis.html"
    header_icon = "table"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        page = Page.objects.filter(pk=page_id).first()
        if page is None or page.specific_class is not AssessmentPage:
            raise Http404
        if not may_analyse(page, request.user):
            raise PermissionDenied
        self.page = page.specific
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Item analysis")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            analysis=item_analysis(assessment=self.page),
            page=self.page,
            min_sample=MIN_SAMPLE,
            too_easy=round(TOO_EASY * 100),
            too_hard=round(TOO_HARD * 100),
            low_discrimination=LOW_DISCRIMINATION,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context
