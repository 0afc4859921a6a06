"""Sessions of a cohort, the attendance grid, the attendance sheet and its export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
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
from django.utils.translation import ngettext, pgettext

from .. import access, selectors, sessions
from ..exports import cohort_download, table_response
from ..forms import SessionForm
from ..models import Attendance, Cohort, TrainingSession
from .cohorts import _form_errors

#: The grid's radio buttons are named ``status-<user id>``.
STATUS_PREFIX = "status-"


def _session(request: HttpRequest, cohort: Cohort, session_id) -> TrainingSession:
    session = access.session_for_user(user=request.user, cohort=cohort, session_id=session_id)
    session.cohort = cohort  # checked and loaded already; the services read it
    return session


def _to_session(cohort: Cohort, session: TrainingSession) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("trainers:session_detail", args=[cohort.pk, session.pk]))


# --- Sessions -------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The cohort's sessions; scheduling them is for those who run it."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    upcoming, past = sessions.cohort_sessions(cohort)
    return render(
        request,
        "trainers/session_list.html",
        {
            "cohort": cohort,
            "tab": "sessions",
            "can_manage": access.manages(request.user, cohort),
            "upcoming": upcoming,
            "past": past,
            "member_count": selectors.member_user_ids(cohort).count(),
        },
    )


@login_required
def session_edit(
    request: HttpRequest, cohort_id: int, session_id: int | None = None
) -> HttpResponse:
    """Schedule a session (no ``session_id``) or change one."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    session = None if session_id is None else _session(request, cohort, session_id)
    if session is not None and session.is_cancelled:
        messages.info(request, _("This session was cancelled and cannot be changed."))
        return _to_session(cohort, session)
    data = request.POST if request.method == "POST" else None
    form = SessionForm(data, cohort=cohort, session=session)
    if data is not None and form.is_valid():
        try:
            saved = sessions.session_save(
                session=session, cohort=cohort, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            if session is None:
                messages.success(
                    request, _("Session %(title)s scheduled.") % {"title": saved.title}
                )
            else:
                messages.success(request, _("Session saved."))
            return _to_session(cohort, saved)
    return render(
        request,
        "trainers/session_form.html",
        {
            "cohort": cohort,
            "tab": "sessions",
            "can_manage": True,
            "form": form,
            "session": session,
            "has_attendance": session is not None and sessions.has_attendance(session),
        },
    )


@login_required
def session_delete(request: HttpRequest, cohort_id: int, session_id: int) -> HttpResponse:
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    session = _session(request, cohort, session_id)
    # Scope first: out of scope is 404 whatever the method, so a GET tells nothing either.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        sessions.session_delete(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("trainers:session_edit", args=[cohort.pk, session.pk]))
    messages.info(request, _("Session %(title)s deleted.") % {"title": session.title})
    return HttpResponseRedirect(reverse("trainers:session_list", args=[cohort.pk]))


@login_required
def session_cancel(request: HttpRequest, cohort_id: int, session_id: int) -> HttpResponse:
    """Cancel a session, once confirmed (a reason is optional): its learners are told, its
    attendance is kept, and it takes no more."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    session = _session(request, cohort, session_id)
    if session.is_cancelled:
        messages.info(request, _("This session is already cancelled."))
        return _to_session(cohort, session)
    reason, error = "", None
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            sessions.session_cancel(session=session, by=request.user, reason=reason)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Session %(title)s cancelled.") % {"title": session.title})
            return _to_session(cohort, session)
    return render(
        request,
        "trainers/session_cancel.html",
        {
            "cohort": cohort,
            "tab": "sessions",
            "can_manage": True,
            "session": session,
            "reason": reason,
            "error": error,
            "reason_max": sessions.CANCEL_REASON_MAX_LENGTH,
            "has_attendance": sessions.has_attendance(session),
            "told": not session.has_ended(),
        },
        status=400 if error else 200,
    )


# --- The attendance grid --------------------------------------------------------------------


def _posted_marks(request: HttpRequest, cohort: Cohort) -> dict[int, str]:
    """The grid's marks, checked in this order: every learner a current member of the cohort
    (else 404: a tampered id changes nothing), every status known (else 400)."""
    posted: dict[int, list[str]] = {}
    for key in request.POST:
        if not key.startswith(STATUS_PREFIX):
            continue
        raw = key.removeprefix(STATUS_PREFIX)
        if not (raw.isascii() and raw.isdigit()):
            raise Http404
        if int(raw) in posted:  # "status-7" and "status-07": not something the page sends
            raise BadRequest
        posted[int(raw)] = request.POST.getlist(key)
    access.members_of(cohort=cohort, user_ids=posted)
    marks = {}
    for user_id, values in posted.items():
        if len(values) != 1 or values[0] not in Attendance.Status.values:
            raise BadRequest
        marks[user_id] = values[0]
    if request.POST.get("fill") == Attendance.Status.PRESENT:
        # "Mark the rest present": everyone the form left without a choice.
        for user_id in selectors.member_user_ids(cohort).values_list("user_id", flat=True):
            marks.setdefault(user_id, Attendance.Status.PRESENT)
    return marks


def _mark(request: HttpRequest, cohort: Cohort, session: TrainingSession) -> HttpResponse:
    marks = _posted_marks(request, cohort)
    try:
        result = sessions.attendance_mark(session=session, marks=marks, by=request.user)
    except sessions.NotInCohort:
        raise Http404 from None
    except sessions.SessionCancelled as error:
        messages.error(request, " ".join(error.messages))
        return _to_session(cohort, session)
    except ValidationError:
        raise BadRequest from None
    if not result.changed:
        messages.info(request, _("No changes to save."))
    else:
        text = ngettext(
            "Attendance saved: %(count)d mark changed.",
            "Attendance saved: %(count)d marks changed.",
            result.changed,
        ) % {"count": result.changed}
        if result.corrected:
            text += " " + ngettext(
                "%(count)d correction was logged.",
                "%(count)d corrections were logged.",
                result.corrected,
            ) % {"count": result.corrected}
        messages.success(request, text)
    return _to_session(cohort, session)


@login_required
def session_detail(request: HttpRequest, cohort_id: int, session_id: int) -> HttpResponse:
    """The session and its attendance grid: one row per current member, present / absent /
    excused. A plain form; static/js/attendance.js adds keyboard shortcuts. Read only (and
    a POST is 404) for a reader who does not run the cohort; read only for everyone once the
    session is cancelled (its marks are kept, no more are taken)."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    can_manage = access.manages(request.user, cohort)
    session = _session(request, cohort, session_id)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        return _mark(request, cohort, session)
    grid = sessions.attendance_grid(session=session, members=selectors.current_members(cohort))
    return render(
        request,
        "trainers/session_detail.html",
        {
            "cohort": cohort,
            "tab": "sessions",
            "can_manage": can_manage,
            "session": session,
            "trainers": list(session.trainers.order_by("full_name")),
            "cancelled_by": session.cancelled_by if session.is_cancelled else None,
            "takes_attendance": can_manage and not session.is_cancelled,
            "rows": grid.rows,
            "statuses": Attendance.Status.choices,
            "counts": grid.counts,
            "unmarked": grid.unmarked,
        },
    )


# --- The attendance sheet and its export ----------------------------------------------------


@login_required
def attendance_sheet(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Learners by sessions with their statuses, and each learner's share per module."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    page = Paginator(selectors.current_members(cohort), 100).get_page(request.GET.get("page"))
    sheet = sessions.attendance_sheet(cohort=cohort, members=page.object_list)
    labels = dict(Attendance.Status.choices)
    letters = {
        Attendance.Status.PRESENT: pgettext("attendance status, one letter", "P"),
        Attendance.Status.ABSENT: pgettext("attendance status, one letter", "A"),
        Attendance.Status.EXCUSED: pgettext("attendance status, one letter", "E"),
    }
    modules = [
        {
            "module": module,
            # Blended modules: the share the completion rule asks for.
            "required": module.required_attendance,
        }
        for module in sheet.modules
    ]
    rows = [
        {
            "member": row.member,
            "cells": [
                {"status": status, "letter": letters.get(status), "label": labels.get(status)}
                for status in row.statuses
            ],
            "shares": [
                {
                    "share": share,
                    "low": share is not None
                    and column["required"] is not None
                    and share < column["required"],
                }
                for share, column in zip(row.shares, modules, strict=True)
            ],
        }
        for row in sheet.rows
    ]
    return render(
        request,
        "trainers/attendance_sheet.html",
        {
            "cohort": cohort,
            "tab": "attendance",
            "can_manage": access.manages(request.user, cohort),
            "page": page,
            "sessions": sheet.sessions,
            "modules": modules,
            "rows": rows,
            "legend": [(value, letters[value], label) for value, label in labels.items()],
        },
    )


def attendance_table(sheet: sessions.Sheet) -> tuple[list[str], list[list]]:
    """The sheet as header and rows, the columns as on the screen."""
    labels = dict(Attendance.Status.choices)
    header = [
        _("Name"),
        _("Email or mobile number"),
        # Title first: a title a spreadsheet would run as a formula is then neutralised.
        *(
            f"{s.title} ({s.module.code}, "
            f"{date_format(timezone.localtime(s.starts_at), 'Y-m-d H:i')})"
            for s in sheet.sessions
        ),
        *(_("%(module)s attendance (%%)") % {"module": module.code} for module in sheet.modules),
    ]
    rows = [
        [
            row.member.user.full_name,
            row.member.user.contact,
            *(str(labels[status]) if status else "" for status in row.statuses),
            *("" if share is None else share for share in row.shares),
        ]
        for row in sheet.rows
    ]
    return header, rows


@cohort_download
def attendance_export(request: HttpRequest, cohort: Cohort, fmt: str) -> HttpResponse:
    sheet = sessions.attendance_sheet(cohort=cohort, members=selectors.current_members(cohort))
    header, rows = attendance_table(sheet)
    sessions.attendance_export_log(cohort=cohort, fmt=fmt, rows=len(rows), by=request.user)
    return table_response(
        filename=f"attendance-cohort-{cohort.pk}-{timezone.localdate():%Y-%m-%d}",
        fmt=fmt,
        title=_("Attendance"),
        header=header,
        rows=rows,
    )
