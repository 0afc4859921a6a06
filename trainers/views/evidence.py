"""Session feedback (a learner's, after a session they attended) and the evidence pages: a
cohort's "Evidence" tab and the evidence over the viewer's reach, by trainer and by module
version. Aggregates only: never a learner's name, never one person's answers or scores."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lms.accounts.access import is_national_admin
from lms.accounts.models import User
from lms.core.ids import parse_id
from lms.geography.models import State
from modules.content.models import TrainingModulePage

from .. import access, evidence, feedback
from ..models import Cohort, SessionFeedback

# --- A learner's feedback ---------------------------------------------------------------------


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("How was this session? Rate it from 1 (poor) to 5 (excellent)"),
        choices=[
            (1, gettext_lazy("1: poor")),
            (2, gettext_lazy("2: fair")),
            (3, gettext_lazy("3: good")),
            (4, gettext_lazy("4: very good")),
            (5, gettext_lazy("5: excellent")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    will_use = forms.ChoiceField(
        label=gettext_lazy("Will you use what you learned in your work?"),
        choices=SessionFeedback.Use.choices,
        widget=forms.RadioSelect,
    )
    pace = forms.ChoiceField(
        label=gettext_lazy("The pace of the session was"),
        choices=SessionFeedback.Pace.choices,
        widget=forms.RadioSelect,
    )


ALREADY_GIVEN = gettext_lazy("You have already given your feedback on this session. Thank you.")


@login_required
@require_http_methods(["GET", "POST"])
def session_feedback(request: HttpRequest, session_id: int) -> HttpResponse:
    """ "How was this session?": for a learner marked present at a session of their cohort
    that ended within 14 days and was not cancelled; 404 for any other session. Once per
    session: a second answer changes nothing and says so."""
    session = feedback.session_for_feedback(user=request.user, session_id=session_id)
    done_url = reverse("learning:my_learning")
    if SessionFeedback.objects.filter(session=session, user_id=request.user.pk).exists():
        messages.info(request, ALREADY_GIVEN)
        return HttpResponseRedirect(done_url)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        recorded = feedback.feedback_submit(user=request.user, session=session, **form.cleaned_data)
        if recorded:
            messages.success(request, _("Thank you: your feedback was recorded."))
        else:
            messages.info(request, ALREADY_GIVEN)
        return HttpResponseRedirect(done_url)
    return render(
        request,
        "trainers/feedback_form.html",
        {"session": session, "form": form, "threshold_note": feedback.THRESHOLD_NOTE},
    )


# --- The evidence pages -----------------------------------------------------------------------


def _parts(scope, cohorts) -> list[tuple]:
    """``cohorts`` (already in ``scope``) split by reach: (cohorts, None) for whole states,
    (cohorts, districts) for the single districts of a district officer, whose figures count
    only learners registered in those districts (as ``access.cohort_members``)."""
    if scope.everywhere:
        return [(cohorts, None)]
    parts = []
    if scope.state_ids:
        parts.append((cohorts.filter(state_id__in=scope.state_ids), None))
    if scope.district_ids:
        parts.append(
            (
                cohorts.exclude(state_id__in=scope.state_ids).filter(
                    district_id__in=scope.district_ids
                ),
                scope.district_ids,
            )
        )
    return parts


def _merged(results: list[dict], empty) -> dict:
    """The per-key figures of several parts added up (``Gain`` and ``FeedbackSummary`` add)."""
    merged: dict = {}
    for result in results:
        for key, figures in result.items():
            merged[key] = merged.get(key, empty) + figures
    return merged


def _context(**context) -> dict:
    return {
        "min_responses": feedback.MIN_RESPONSES,
        "threshold_note": feedback.THRESHOLD_NOTE,
        **context,
    }


@login_required
@require_GET
def cohort_evidence(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """A cohort's "Evidence" tab: its learners' gain from pre-test to post-test and its
    sessions' feedback, as aggregates (from ``MIN_RESPONSES`` people)."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    if not access.reads_evidence(request.user, cohort):
        # A trainer of the state reads a colleague's cohort, but not its people's results.
        return render(
            request,
            "trainers/evidence_cohort.html",
            _context(
                cohort=cohort,
                tab="evidence",
                can_manage=access.manages(request.user, cohort),
                withheld=True,
            ),
        )
    scope = access.read_scope(request.user)
    # A district officer's figures count the learners of their districts only.
    districts = None if cohort.state_id in scope else scope.district_ids
    gain = evidence.gain_for_cohort(cohort, learner_districts=districts)
    cohorts = Cohort.objects.filter(pk=cohort.pk)
    by_session = feedback.feedback_by_session(cohorts=cohorts, learner_districts=districts)
    overall = feedback.feedback_for_cohort(cohort, learner_districts=districts)
    sessions = [
        (session, by_session.get(session.pk, feedback.FeedbackSummary()))
        for session in cohort.sessions.filter(cancelled_at__isnull=True).order_by("starts_at")
    ]
    return render(
        request,
        "trainers/evidence_cohort.html",
        _context(
            cohort=cohort,
            tab="evidence",
            can_manage=access.manages(request.user, cohort),
            gain=gain,
            feedback=overall,
            sessions=sessions,
        ),
    )


@login_required
@require_GET
def evidence_overview(request: HttpRequest) -> HttpResponse:
    """Gain and feedback over the viewer's cohorts (``access.evidence_cohorts``: a trainer's
    own, a coordinator's state's), by trainer and by module version; a national
    administrator may pick a state. Anyone who reads no cohort: 404."""
    scope = access.require_reader(request.user)
    cohorts = access.evidence_cohorts(request.user)
    state = None
    states = []
    if is_national_admin(request.user):
        states = list(State.objects.order_by("name"))
        if request.GET.get("state"):
            state_id = parse_id(request.GET["state"])
            state = next((s for s in states if s.pk == state_id), None)
            if state is None:
                raise Http404
            cohorts = cohorts.filter(state=state)
    parts = _parts(scope, cohorts)
    by_trainer = _merged(
        [evidence.gain_by_trainer(cohorts=c, learner_districts=d) for c, d in parts],
        evidence.EMPTY,
    )
    by_version = _merged(
        [evidence.gain_by_module_version(cohorts=c, learner_districts=d) for c, d in parts],
        evidence.EMPTY,
    )
    rated = _merged(
        [feedback.feedback_by_trainer(cohorts=c, learner_districts=d) for c, d in parts],
        feedback.FeedbackSummary(),
    )
    names = dict(
        User.objects.filter(pk__in=set(by_trainer) | set(rated)).values_list("pk", "full_name")
    )
    trainer_rows = sorted(
        (
            (names.get(pk, ""), by_trainer.get(pk, evidence.EMPTY), rated.get(pk))
            for pk in set(by_trainer) | set(rated)
        ),
        key=lambda row: row[0].casefold(),
    )
    modules = {
        m.pk: m
        for m in TrainingModulePage.objects.filter(pk__in={key[0] for key in by_version}).only(
            "pk", "title", "code"
        )
    }
    version_rows = sorted(
        (
            (modules.get(module_id), version, gain)
            for (module_id, version), gain in by_version.items()
        ),
        key=lambda row: (row[0].code if row[0] else "", row[1]),
    )
    return render(
        request,
        "trainers/evidence_overview.html",
        _context(
            states=states,
            state=state,
            trainer_rows=trainer_rows,
            version_rows=version_rows,
            total=evidence.total_gain(by_version.values()),
        ),
    )
