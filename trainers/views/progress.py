"""A cohort's progress: the matrix, one learner's drill-down, reminders, the bulk certificate
issue and the exports. Every view asks ``access`` first, so anything out of scope is a 404
whatever the method. The matrix, the drill-down and the exports read (``cohort_for_reader``:
a district officer of the cohort's district too); reminders and certificates change things
(``cohort_for_user``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certification.services import CertificationError
from lms.core.http import is_htmx
from lms.core.ratelimit import hit

from .. import access, actions, selectors
from ..exports import cohort_download, table_response
from ..models import Cohort

#: The matrix's own parameters, kept when an action returns to it.
MATRIX_PARAMS = ("district", "cadre", "status", "module", "q", "sort", "page")


def _back_to_matrix(request: HttpRequest, cohort_id: int) -> HttpResponseRedirect:
    query = urlencode({k: request.GET[k] for k in MATRIX_PARAMS if request.GET.get(k)})
    url = reverse("trainers:progress", args=[cohort_id])
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def _chart_data(weeks: list[selectors.Week]) -> dict:
    return {
        "labels": [date_format(week.starts_on, "j M Y") for week in weeks],
        "completions": [week.completions for week in weeks],
        "cumulative": [week.cumulative for week in weeks],
        "completionsLabel": _("Completions that week"),
        "cumulativeLabel": _("Completions so far"),
    }


@login_required
def progress(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Members by modules with status per cell, summary, chart; filters are GET parameters.
    An htmx request gets just the matrix."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    matrix = selectors.progress_matrix(
        cohort, query=request.GET, page_number=request.GET.get("page") or 1
    )
    context = {
        "cohort": cohort,
        "tab": "progress",
        "can_manage": access.manages(request.user, cohort),
        "matrix": matrix,
        "query": urlencode(matrix.filters.as_query()),
        "statuses": selectors.STATUS_FILTERS,
        "sorts": _sort_links(matrix.filters),
        "chart": _chart_data(matrix.weeks),
        "inactive_days": selectors.AT_RISK_INACTIVE_DAYS,
    }
    template = (
        "trainers/includes/progress_matrix.html" if is_htmx(request) else "trainers/progress.html"
    )
    return render(request, template, context)


def _sort_links(filters: selectors.MatrixFilters) -> dict[str, dict]:
    """For each sortable column: the query that sorts by it (flipping the direction when it
    is the current sort) and its aria-sort value."""
    links = {}
    for key in ("name", "district", "progress", "activity"):
        descending_first = key in ("progress", "activity")
        if filters.sort == key:
            target, state = f"-{key}", "ascending"
        elif filters.sort == f"-{key}":
            target, state = key, "descending"
        else:
            target, state = (f"-{key}" if descending_first else key), "none"
        links[key] = {"query": urlencode(filters.as_query(sort=target)), "aria": state}
    return links


@login_required
def learner_detail(request: HttpRequest, cohort_id: int, user_id: int) -> HttpResponse:
    """One learner's lessons, time spent, attempts, attendance and certificates."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    # A removed learner's progress is kept, and so is the way to look at it.
    member = access.member_of(cohort=cohort, user_id=user_id, include_removed=True)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "trainers/learner_detail.html",
        {
            "cohort": cohort,
            "tab": "progress",
            "can_manage": access.manages(request.user, cohort),
            "member": member,
            "learner": member.user,
            **selectors.learner_progress(cohort, member),
        },
    )


@login_required
def remind(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """POST: remind the ticked learners, or everyone at risk (by email, or by SMS to those with
    a mobile number alone). One id that is not a current member of this cohort is a 404, and
    nobody is reminded."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("all_at_risk"):
        members = selectors.members_at_risk(cohort)
    else:
        ids = request.POST.getlist("user")
        members = access.members_of(cohort=cohort, user_ids=ids) if ids else []
    if not members:
        messages.info(request, _("Choose the learners to remind."))
        return _back_to_matrix(request, cohort.pk)
    if not hit(
        scope="trainers.remind",
        key=str(request.user.pk),
        limit=actions.REMINDER_REQUESTS_PER_HOUR,
        window_seconds=3600,
    ):
        messages.error(
            request, _("You have sent many reminders in the last hour. Try again later.")
        )
        return _back_to_matrix(request, cohort.pk)
    result = actions.cohort_remind(cohort=cohort, members=members, by=request.user)
    if result.sent:
        messages.success(
            request, _("Reminder sent to %(count)d learner(s).") % {"count": result.sent}
        )
    if result.skipped:
        messages.info(
            request,
            _("%(count)d learner(s) were reminded in the last day and were left out.")
            % {"count": result.skipped},
        )
    return _back_to_matrix(request, cohort.pk)


@login_required
def issue_certificates(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """POST: a bulk issue for every member who completed a cohort module and has no
    certificate for it yet; its page shows the progress."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        batch = actions.cohort_certificates_issue(cohort=cohort, by=request.user)
    except CertificationError:
        messages.info(request, _("No one in this cohort is waiting for a certificate."))
        return _back_to_matrix(request, cohort.pk)
    messages.success(
        request,
        _("Issuing %(count)d certificate(s).") % {"count": batch.total},
    )
    return HttpResponseRedirect(reverse("certification:batch", args=[batch.pk]))


def progress_table(modules, rows: list[selectors.MatrixRow]) -> tuple[list[str], list[list]]:
    """The matrix as header and rows, the columns as on the screen."""
    header = [
        _("Name"),
        _("Email or mobile number"),
        _("District"),
        _("Cadre"),
        *[f"{module.code} {module.title}" for module in modules],
        _("Progress (%)"),
        _("Last activity"),
        _("At risk"),
    ]
    table = [
        [
            row.user.full_name,
            row.user.contact,
            row.user.district.name if row.user.district else "",
            row.user.cadre.name if row.user.cadre else "",
            *[cell.text for cell in row.cells],
            row.progress,
            row.last_activity,
            "; ".join(row.risk_reasons),
        ]
        for row in rows
    ]
    return header, table


def certificates_table(certificates) -> tuple[list[str], list[list]]:
    """Certificates as header and rows, each with its status today."""
    today = timezone.localdate()
    header = [
        _("Name as printed"),
        _("Email or mobile number"),
        _("District"),
        _("Module"),
        _("Module title"),
        _("Version"),
        _("Serial number"),
        _("Issued"),
        _("Valid until"),
        _("Status"),
    ]
    table = [
        [
            c.recipient_name,
            c.recipient.contact,
            c.recipient.district.name if c.recipient.district else "",
            c.module_code,
            c.module_title,
            c.module_version,
            c.serial,
            timezone.localtime(c.issued_at).date(),
            c.valid_until,
            c.status_label_on(today),
        ]
        for c in certificates
    ]
    return header, table


@cohort_download
def progress_export(request: HttpRequest, cohort: Cohort, fmt: str) -> HttpResponse:
    """The matrix as filtered on screen, every page, with the same columns."""
    header, table = progress_table(*selectors.progress_table(cohort, query=request.GET))
    with transaction.atomic():
        actions.cohort_export_log(
            cohort=cohort,
            by=request.user,
            kind="progress",
            fmt=fmt,
            rows=len(table),
            filters={k: v for k, v in request.GET.items() if k in MATRIX_PARAMS},
        )
    return table_response(
        filename=f"cohort-{cohort.pk}-progress",
        fmt=fmt,
        title=_("Progress"),
        header=header,
        rows=table,
    )


@cohort_download
def certificates_export(request: HttpRequest, cohort: Cohort, fmt: str) -> HttpResponse:
    """The certificates of the cohort's members in its modules, with their status."""
    header, table = certificates_table(selectors.cohort_certificates(cohort))
    with transaction.atomic():
        actions.cohort_export_log(
            cohort=cohort, by=request.user, kind="certificates", fmt=fmt, rows=len(table)
        )
    return table_response(
        filename=f"cohort-{cohort.pk}-certificates",
        fmt=fmt,
        title=_("Certificates"),
        header=header,
        rows=table,
    )
