from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from lms.core.audit import register_log_actions

from .models import CertificateTemplate
from .rendering import RenderError, render_sample

PREVIEW_URL_NAME = "certification_template_preview"
CHANGE_PERMISSION = "certification.change_certificatetemplate"


def preview_template_pdf(request, pk: int):
    """A sample certificate made with a saved template, for the people who may edit it."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    template = get_object_or_404(
        CertificateTemplate.objects.prefetch_related("signatories__signature").select_related(
            "logo_left", "logo_right"
        ),
        pk=pk,
    )
    try:
        pdf = render_sample(template)
    except RenderError as error:
        return HttpResponse(
            gettext("The preview could not be rendered: %(error)s") % {"error": error},
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-template-{pk}-preview.pdf"'
    # Previews change with every edit of the template.
    response["Cache-Control"] = "no-store"
    return response


@hooks.register("register_admin_urls")
def register_certification_admin_urls():
    return [
        path(
            "certification/templates/<id:pk>/preview.pdf",
            preview_template_pdf,
            name=PREVIEW_URL_NAME,
        ),
    ]


def _preview_url(template: CertificateTemplate) -> str:
    return reverse(PREVIEW_URL_NAME, args=[template.pk])


class TemplateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(CHANGE_PERMISSION):
            buttons.append(
                Button(
                    gettext_lazy("Preview PDF"),
                    url=_preview_url(instance),
                    icon_name="doc-full",
                    priority=15,
                    attrs={"target": "_blank", "rel": "noopener"},
                )
            )
        return buttons


class TemplateEditView(EditView):
    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        if self.request.user.has_perm(CHANGE_PERMISSION):
            buttons.append(
                Button(
                    gettext_lazy("Preview PDF (saved version)"),
                    url=_preview_url(self.object),
                    icon_name="doc-full",
                    priority=15,
                    attrs={"target": "_blank", "rel": "noopener"},
                )
            )
        return sorted(buttons)


class CertificateTemplateViewSet(SnippetViewSet):
    """Certificate templates, for national administrators (the only role holding the
    certificatetemplate permissions, granted by migration 0002_template_permissions)."""

    model = CertificateTemplate
    pk_path_converter = "id"  # lms.core.ids: a number too large to be an id is a 404
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Certificate templates")
    add_to_admin_menu = True
    menu_order = 350
    list_display = ["name", "language", "orientation", "is_default", "state", "updated_at"]
    list_filter = ["language", "orientation", "is_default"]
    search_fields = ["name", "title", "body"]
    ordering = ["name"]
    index_view_class = TemplateIndexView
    edit_view_class = TemplateEditView


register_snippet(CertificateTemplateViewSet)


CERTIFICATION_LOG_ACTIONS = [
    ("certification.certificate.issued", gettext_lazy("Certificate issued")),
    ("certification.certificate.revoked", gettext_lazy("Certificate revoked")),
    ("certification.certificate.reinstated", gettext_lazy("Certificate reinstated")),
    ("certification.certificate.superseded", gettext_lazy("Certificate replaced by a correction")),
    ("certification.certificate.reminded", gettext_lazy("Expiry reminder sent")),
    ("certification.batch.created", gettext_lazy("Bulk issue started")),
    ("certification.batch.retried", gettext_lazy("Bulk issue retried")),
]
register_log_actions(CERTIFICATION_LOG_ACTIONS)
