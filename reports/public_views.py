"""The public scorecard's pages and open data: no login, aggregates only (``public``).

Every address answers 404 for a state code or a month it does not know (``?month=YYYY-MM``
must name a month that has figures)."""

from __future__ import annotations

import csv
import datetime
import io

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lms.core.dates import parse_month

from . import charts, public, trainers
from .selectors import NoFiguresYet


def _month(request: HttpRequest) -> datetime.date | None:
    raw = request.GET.get("month")
    if raw is None:
        return None
    month = parse_month(raw)
    if month is None:
        raise Http404
    return month


def _state(code: str):
    state = public.state_by_code(code)
    if state is None:
        raise Http404
    return state


def _page(request: HttpRequest, scorecard: public.PublicScorecard) -> HttpResponse:
    return render(
        request,
        "reports/public/scorecard.html",
        {
            "scorecard": scorecard,
            "charts": charts.public_charts(scorecard),
            "trainers": trainers.public_figures(scorecard),
            "threshold": public.THRESHOLD,
        },
    )


def _csv(scorecard: public.PublicScorecard, name: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(public.CSV_COLUMNS)
    writer.writerows(public.csv_rows(scorecard))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}-{scorecard.month:%Y-%m}.csv"'
    return response


def _json(scorecard: public.PublicScorecard) -> JsonResponse:
    return JsonResponse(public.as_json(scorecard), json_dumps_params={"ensure_ascii": False})


@require_safe
def national(request: HttpRequest) -> HttpResponse:
    try:
        scorecard = public.national(month=_month(request))
    except NoFiguresYet:
        return render(request, "reports/no_figures.html", {"public": True})
    return _page(request, scorecard)


@require_safe
def national_csv(request: HttpRequest) -> HttpResponse:
    scorecard = public.national(month=_month(request), with_states=True)
    return _csv(scorecard, "scorecard-india")


@require_safe
def national_json(request: HttpRequest) -> JsonResponse:
    return _json(public.national(month=_month(request), with_states=True))


@require_safe
def state(request: HttpRequest, code: str) -> HttpResponse:
    try:
        scorecard = public.state_level(state=_state(code), month=_month(request))
    except NoFiguresYet:
        return render(request, "reports/no_figures.html", {"public": True})
    return _page(request, scorecard)


@require_safe
def state_csv(request: HttpRequest, code: str) -> HttpResponse:
    scorecard = public.state_level(state=_state(code), month=_month(request))
    return _csv(scorecard, f"scorecard-{scorecard.state.code.lower()}")


@require_safe
def state_json(request: HttpRequest, code: str) -> JsonResponse:
    return _json(public.state_level(state=_state(code), month=_month(request)))
