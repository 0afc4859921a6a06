"""A learner's own sessions as calendar files ("Add to calendar"): one session, or all those
still to come. Only the sessions of the learner's own cohorts; anything else is 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .. import access, ical, selectors


def _calendar_response(sessions, filename: str) -> HttpResponse:
    response = HttpResponse(ical.calendar(sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A learner's own timetable: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def session_calendar(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.session_for_learner(user=request.user, session_id=session_id)
    return _calendar_response([session], f"session-{session.pk}.ics")


@login_required
@require_GET
def upcoming_calendar(request: HttpRequest) -> HttpResponse:
    """Every session of the learner's cohorts still to end, cancelled ones included (so that
    a calendar that has them marks them cancelled); 404 when there is none (a calendar file
    holds at least one event)."""
    sessions = selectors.learner_sessions(user=request.user, upcoming=True)
    if not sessions:
        raise Http404
    return _calendar_response(sessions, "sessions.ics")
