"""Importing learners from a spreadsheet: upload, preview, confirm, progress."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from lms.accounts.models import Cadre
from lms.core.http import is_htmx
from lms.core.spreadsheets import SpreadsheetError, too_large_message
from lms.geography.models import District

from .. import access, imports
from ..models import Cohort, CohortImport

#: Preview tables show this many rows of each kind (the counts are always complete).
PREVIEW_ROWS = 100
#: Lines with problems listed on the preview; a file with more has a systematic problem to fix
#: first.
PREVIEW_ERRORS = 1000


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy("At most 5 MB and 10,000 learners."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class _SizeLimit(FileUploadHandler):
    """Stops reading an upload past the import limit, so a huge body (sent without a
    Content-Length) is never written to disk in full."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > imports.IMPORT_MAX_BYTES + 64 * 1024:
            self.request.import_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _import_of(cohort: Cohort, import_id, *, rows: bool = True) -> CohortImport:
    """An import of this cohort (already checked); one of another cohort is 404."""
    found = CohortImport.objects.filter(pk=import_id, cohort=cohort)
    if not rows:
        found = found.defer("rows")
    cohort_import = found.first()
    if cohort_import is None:
        raise Http404
    return cohort_import


def _upload_page(request, cohort: Cohort, form: UploadForm, error: str = "", status: int = 200):
    return render(
        request,
        "trainers/import_upload.html",
        {
            "cohort": cohort,
            "tab": "import",
            "can_manage": True,
            "form": form,
            "error": error,
            "columns": imports.COLUMNS,
            "cadres": Cadre.objects.order_by("sort_order", "name"),
            "districts": District.objects.filter(state=cohort.state, is_active=True).order_by(
                "name"
            ),
            "recent": CohortImport.objects.filter(cohort=cohort)
            .defer("rows")
            .select_related("created_by")
            .order_by("-created_at")[:10],
            "max_rows": imports.IMPORT_MAX_ROWS,
        },
        status=status,
    )


def _too_large(request, cohort: Cohort) -> HttpResponse:
    message = too_large_message(imports.IMPORT_MAX_BYTES)
    return _upload_page(request, cohort, UploadForm(), message, 413)


@csrf_protect
def _upload_post(request, cohort: Cohort) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "import_too_large", False):
        return _too_large(request, cohort)
    if not form.is_valid():
        return _upload_page(request, cohort, form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > imports.IMPORT_MAX_BYTES:  # refused before it is read
        return _too_large(request, cohort)
    try:
        cohort_import = imports.import_check(
            cohort=cohort, by=request.user, data=upload.read(), filename=upload.name
        )
    except SpreadsheetError as error:
        return _upload_page(request, cohort, UploadForm(), error.message, error.status_code)
    return HttpResponseRedirect(
        reverse("trainers:import_detail", args=[cohort.pk, cohort_import.pk])
    )


# CSRF is checked by _upload_post, after the size checks: the middleware would otherwise
# read (and spool to disk) the whole body before the view could refuse it.
@csrf_exempt
@login_required
def import_upload(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """GET: the form and instructions. POST: check the file, then show the preview."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    if request.method != "POST":
        return _upload_page(request, cohort, UploadForm())
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > imports.IMPORT_MAX_BYTES + 64 * 1024:  # the file plus the form's fields
        return _too_large(request, cohort)
    request.upload_handlers.insert(0, _SizeLimit(request))
    return _upload_post(request, cohort)


@login_required
def import_template(request: HttpRequest, cohort_id: int, fmt: str) -> HttpResponse:
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content, content_type = imports.template_file(cohort=cohort, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="learners-template.{fmt}"'
    return response


@login_required
def import_detail(request: HttpRequest, cohort_id: int, import_id) -> HttpResponse:
    """The preview of a checked file, or the progress and outcome of an import (the
    progress part alone for htmx polling)."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    checked = _import_of(cohort, import_id, rows=False).status == CohortImport.Status.VALIDATED
    cohort_import = _import_of(cohort, import_id, rows=checked)
    context = {
        "cohort": cohort,
        "tab": "import",
        "can_manage": True,
        "cohort_import": cohort_import,
    }
    if is_htmx(request):
        return render(request, "trainers/includes/import_progress.html", context)
    if checked:
        summary = imports.import_summary(cohort_import)
        context.update(
            summary=summary,
            problem_lines=summary.problem_lines[:PREVIEW_ERRORS],
            new_rows=summary.new[:PREVIEW_ROWS],
            existing_rows=summary.existing[:PREVIEW_ROWS],
            labels={column.key: column.label for column in imports.COLUMNS},
            preview_rows=PREVIEW_ROWS,
        )
    return render(request, "trainers/import_detail.html", context)


@login_required
def import_confirm(request: HttpRequest, cohort_id: int, import_id) -> HttpResponse:
    # Scope first: out of scope is 404 whatever the method, never a telling 405.
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    cohort_import = _import_of(cohort, import_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        cohort_import = imports.import_confirm(cohort_import=cohort_import, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if cohort_import.status == CohortImport.Status.DONE:
            messages.success(
                request,
                _(
                    "%(total)d learners imported; %(created)d new accounts were invited, "
                    "by email or by SMS."
                )
                % {"total": cohort_import.total, "created": cohort_import.created_accounts},
            )
        elif cohort_import.status == CohortImport.Status.FAILED:
            messages.error(request, cohort_import.error)
    return HttpResponseRedirect(
        reverse("trainers:import_detail", args=[cohort.pk, cohort_import.pk])
    )
