from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.accounts.selectors import role_summary

from .entry_points import entry_points_for


class HomePage(Page):
    """The site's front page: a welcome edited in the CMS, and for a signed-in person the
    entry points of their roles."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = entry_points_for(request)
        sections: dict[str, list] = {}
        for entry in entries:
            sections.setdefault(entry.section, []).append(entry)
        context["entry_sections"] = sections
        context["roles"] = role_summary(request.user)
        return context
