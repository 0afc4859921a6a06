"""The coordinators' pages of a state's posts: the table (any month), the history of one
figure, the correction form, and the spreadsheet import (upload → preview → confirm)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from lms.accounts.models import Cadre
from lms.core.spreadsheets import SpreadsheetError, too_large_message

from . import access, imports, selectors, services
from .forms import STATE_LEVEL, CorrectionForm, UploadForm, parse_month, this_month

#: Errors listed on the preview; a file with more has a systematic problem to fix first.
PREVIEW_ERRORS = 1000


def _posts_url(state, month=None) -> str:
    url = reverse("workforce:posts", args=[state.code])
    return f"{url}?month={month:%Y-%m}" if month else url


@login_required
def posts(request: HttpRequest, state_code: str) -> HttpResponse:
    """The state's posts for a month (this month unless ``?month=YYYY-MM``), place by place."""
    view = access.posts_view(viewer=request.user, state_code=state_code)
    month = parse_month(request.GET.get("month")) or this_month()
    table = selectors.posts_table(
        state_id=view.state.pk, month=month, districts=view.districts, state_level=view.can_edit
    )
    return render(
        request,
        "workforce/posts.html",
        {
            "view": view,
            "state": view.state,
            "can_edit": view.can_edit,
            "tab": "posts",
            "table": table,
            "month": month,
            "is_current": month == this_month(),
            "months": selectors.reported_months(state_id=view.state.pk)[:36],
        },
    )


def _place(view: access.PostsView, place: str):
    """A place of the URL: "state" (the state's own units: None) or a district's id."""
    if place == STATE_LEVEL:
        district_id = None
    elif place.isdigit() and len(place) <= 9:
        district_id = int(place)
    else:
        raise Http404
    if not view.covers(district_id):
        raise Http404
    return next((d for d in view.districts if d.pk == district_id), None)


@login_required
def history(request: HttpRequest, state_code: str, place: str, cadre_id: int) -> HttpResponse:
    """Every report of one cadre in one place, the latest first."""
    view = access.posts_view(viewer=request.user, state_code=state_code)
    district = _place(view, place)
    cadre = Cadre.objects.filter(pk=cadre_id).first()
    if cadre is None:
        raise Http404
    rows = selectors.post_history(
        state_id=view.state.pk, district_id=district.pk if district else None, cadre_id=cadre.pk
    )
    return render(
        request,
        "workforce/history.html",
        {
            "view": view,
            "state": view.state,
            "can_edit": view.can_edit,
            "district": district,
            "place": place,
            "cadre": cadre,
            "rows": rows,
        },
    )


@login_required
def correct(request: HttpRequest, state_code: str) -> HttpResponse:
    """Correct (or record) one figure: a place, a cadre and a month."""
    state = access.state_to_edit(viewer=request.user, state_code=state_code)
    view = access.posts_view(viewer=request.user, state_code=state.code)
    initial = {"month": parse_month(request.GET.get("month")) or this_month()}
    if request.GET.get("place"):
        initial["place"] = request.GET["place"]
    if str(request.GET.get("cadre", "")).isdigit():
        initial["cadre"] = request.GET["cadre"]
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        state=state,
        districts=[district for district in view.districts if district.is_active],
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_count_set(
                state=state,
                district=data["place"],
                cadre=data["cadre"],
                month=data["month"],
                sanctioned=data["sanctioned"],
                filled=data["filled"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except services.WorkforceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The figures were saved."))
            return HttpResponseRedirect(_posts_url(state, data["month"]))
    return render(
        request,
        "workforce/correct.html",
        {"state": state, "can_edit": True, "tab": "correct", "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def template(request: HttpRequest, state_code: str, fmt: str) -> HttpResponse:
    state = access.state_to_edit(viewer=request.user, state_code=state_code)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content, content_type = imports.template_file(state=state, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="posts-{state.code}.{fmt}"'
    return response


class _SizeLimit(FileUploadHandler):
    """Stops reading an upload past the limit, so a huge body is never written to disk."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > imports.IMPORT_MAX_BYTES + 64 * 1024:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _upload_page(request, state, form, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(
        request,
        "workforce/import_upload.html",
        {
            "state": state,
            "can_edit": True,
            "tab": "import",
            "form": form,
            "error": error,
            "columns": imports.COLUMNS,
            "state_words": imports.STATE_LEVEL_WORDS,
        },
        status=status,
    )


def _too_large(request, state) -> HttpResponse:
    form = UploadForm(initial={"month": this_month()})
    message = too_large_message(imports.IMPORT_MAX_BYTES)
    return _upload_page(request, state, form, error=message, status=413)


@csrf_protect
def _upload_post(request, state) -> HttpResponse:
    if getattr(request, "upload_too_large", False):
        return _too_large(request, state)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, state, form, status=400)
    upload = form.cleaned_data["file"]
    month = form.cleaned_data["month"]
    try:
        if upload.size > imports.IMPORT_MAX_BYTES:
            raise SpreadsheetError(
                too_large_message(imports.IMPORT_MAX_BYTES), code="size", status_code=413
            )
        check = services.posts_import_check(
            state=state, month=month, by=request.user, data=upload.read(), filename=upload.name
        )
    except SpreadsheetError as error:
        form = UploadForm(initial={"month": month})
        return _upload_page(request, state, form, error=error.message, status=error.status_code)
    return render(
        request,
        "workforce/import_preview.html",
        {
            "state": state,
            "can_edit": True,
            "tab": "import",
            "check": check,
            "errors": check.errors[:PREVIEW_ERRORS],
            "labels": {column.key: column.label for column in imports.COLUMNS},
        },
        status=400 if check.errors else 200,
    )


# CSRF is checked by _upload_post, after the size checks: the middleware would otherwise read
# (and spool to disk) the whole body before the view could refuse it.
@csrf_exempt
@login_required
def import_upload(request: HttpRequest, state_code: str) -> HttpResponse:
    """GET: the form and instructions. POST: check the file and show the preview."""
    state = access.state_to_edit(viewer=request.user, state_code=state_code)
    if request.method != "POST":
        return _upload_page(request, state, UploadForm(initial={"month": this_month()}))
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > imports.IMPORT_MAX_BYTES + 64 * 1024:  # refused before the body is read
        return _too_large(request, state)
    request.upload_handlers.insert(0, _SizeLimit(request))
    return _upload_post(request, state)


@login_required
def import_confirm(request: HttpRequest, state_code: str) -> HttpResponse:
    """Write a checked file: the signed token of its preview, and nothing else, is read."""
    # Scope first: out of scope is 404 whatever the method, never a telling 405.
    state = access.state_to_edit(viewer=request.user, state_code=state_code)
    return _confirm(request, state)


@require_POST
def _confirm(request, state) -> HttpResponse:
    try:
        done = services.posts_import_confirm(
            state=state, by=request.user, token=request.POST.get("token", "")
        )
    except services.WorkforceError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("workforce:import_upload", args=[state.code]))
    messages.success(
        request,
        ngettext(
            "The file was imported: %(n)d row recorded for %(month)s.",
            "The file was imported: %(n)d rows recorded for %(month)s.",
            done.rows,
        )
        % {"n": done.rows, "month": date_format(done.month, "YEAR_MONTH_FORMAT")},
    )
    return HttpResponseRedirect(_posts_url(state, done.month))
