"""The scorecard as a PDF download: a state's (``/reports/states/<code>/scorecard.pdf``) or a
district's (``…/districts/<ref>/scorecard.pdf``), with ``?lang=en|hi|as`` (default: the state's
language, ``pdf.state_language``) and ``?month=YYYY-MM`` (default: the newest month). Out of
scope, an unknown language, a malformed month or a month without figures: 404."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from lms.core.dates import parse_month
from lms.geography.models import District, State

from . import access, pdf, selectors


def _language(request: HttpRequest, state: State) -> str:
    language = request.GET.get("lang") or pdf.state_language(state)
    if language not in pdf.PDF_LANGUAGES:
        raise Http404
    return language


def _month(request: HttpRequest) -> datetime.date | None:
    raw = request.GET.get("month")
    if not raw:
        return None
    month = parse_month(raw)
    if month is None:
        raise Http404
    return month


def _response(content: bytes, *, state: State, district: District | None, month, language):
    response = HttpResponse(content, content_type="application/pdf")
    name = pdf.pdf_filename(state=state, district=district, month=month, language=language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Staff figures: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def state_pdf(request: HttpRequest, state_code: str) -> HttpResponse:
    state = access.state_for(request.user, state_code)
    language = _language(request, state)
    scorecard = selectors.state_scorecard(state=state, month=_month(request))
    content = pdf.scorecard_pdf(scorecard, state=state, language=language)
    return _response(content, state=state, district=None, month=scorecard.month, language=language)


@login_required
@require_GET
def district_pdf(request: HttpRequest, state_code: str, district_ref: str) -> HttpResponse:
    district = access.district_for(request.user, state_code, district_ref)
    state = district.state
    language = _language(request, state)
    scorecard = selectors.district_scorecard(district=district, month=_month(request))
    content = pdf.scorecard_pdf(scorecard, state=state, district=district, language=language)
    return _response(
        content, state=state, district=district, month=scorecard.month, language=language
    )
