from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.accounts.selectors import role_summary
from lms.core.entry_points import entry_points_for
from lms.core.i18n import preferred_translation_redirect, source_translation

#: Wagtail hook: ``fn(home, slug) -> Page | None`` returns the home page's child with that
#: slug, as its specific class, when the app recognises it.
ROUTE_CHILD_HOOK = "lms_home_route_child"


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

    def route(self, request, path_components):
        """Route in this language's tree; a translated home routes what its tree lacks (or
        has only as a draft) in the English tree, whose page then stands in for the
        translation (``lms.core.i18n``)."""
        try:
            return self._route_below(request, path_components)
        except Http404:
            source = source_translation(self)
            if source is None:
                raise
            return source._route_below(request, path_components)

    def _route_below(self, request, path_components):
        # Apps above may fetch their busiest child page (the catalogue) with its specific
        # class in one query instead of Wagtail's two; see ROUTE_CHILD_HOOK.
        if path_components:
            for finder in hooks.get_hooks(ROUTE_CHILD_HOOK):
                child = finder(self, path_components[0])
                if child is not None:
                    if not child.live:
                        raise Http404
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        return preferred_translation_redirect(self, request) or super().serve(
            request, *args, **kwargs
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page's text is what visitors see before they sign in; its preview shows that
        # text, whoever previews it.
        context["for_visitors"] = not request.user.is_authenticated or getattr(
            request, "is_preview", False
        )
        if context["for_visitors"]:
            return context
        entries = entry_points_for(request)
        sections: dict[str, list] = {}
        for entry in entries:
            sections.setdefault(entry.section, []).append(entry)
        context["entry_sections"] = sections
        context["roles"] = role_summary(request.user)
        return context
