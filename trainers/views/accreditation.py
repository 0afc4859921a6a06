"""Accreditation: observing a trainee, the eligibility checklist of a training-of-trainers
cohort, granting, renewing and revoking, the state's list, and the public verification page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lms.accounts.models import User
from lms.core import ratelimit
from lms.core.ids import IdChoiceField, parse_id

from .. import access, accreditation, selectors
from ..models import Accreditation, TrainingSession
from .cohorts import _form_errors

#: Verification lookups allowed per client address and minute (as for certificates).
VERIFY_LIMIT = getattr(settings, "LMS_VERIFY_LIMIT_PER_MINUTE", 30)


# --- Forms ------------------------------------------------------------------------------------


class ObservationForm(forms.Form):
    """The rubric, one 1-4 choice per criterion, for one of the session's trainers."""

    trainee = IdChoiceField(
        label=gettext_lazy("Trainer observed"),
        queryset=User.objects.none(),
        empty_label=gettext_lazy("Choose a trainer"),
    )
    standard = IdChoiceField(
        label=gettext_lazy("Accreditation standard"),
        queryset=accreditation.AccreditationStandard.objects.none(),
    )
    strengths = forms.CharField(
        label=gettext_lazy("Strengths"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    improvements = forms.CharField(
        label=gettext_lazy("To improve"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, session: TrainingSession, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = session.trainers.order_by("full_name")
        self.fields["trainee"].label_from_instance = lambda u: u.full_name or u.contact
        self.fields["standard"].queryset = accreditation.AccreditationStandard.objects.filter(
            pk__in=[standard.pk for standard in standards]
        ).order_by("name")
        if len(standards) == 1:
            self.fields["standard"].initial = standards[0].pk
        self.criteria = []
        for criterion in accreditation.RUBRIC:
            name = f"score_{criterion.key}"
            self.fields[name] = forms.TypedChoiceField(
                label=criterion.label,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[
                    (level, f"{level} · {accreditation.LEVEL_NAMES[level]}: {text}")
                    for level, text in criterion.levels.items()
                ],
            )
            self.criteria.append(name)

    def scores(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[f"score_{c.key}"] for c in accreditation.RUBRIC}


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Shown on the accreditation's public verification page."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that the trainer will no longer be accredited."),
    )


# --- Observation ------------------------------------------------------------------------------


@login_required
def observation_create(request: HttpRequest, cohort_id: int, session_id: int) -> HttpResponse:
    """Observe one of the session's trainers on the rubric. Those who run the cohort reach
    it (anyone else: 404); only an accredited lead trainer or coordinator (or a national
    administrator) gets the form."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    session = access.session_for_user(user=request.user, cohort=cohort, session_id=session_id)
    session.cohort = cohort
    standing = accreditation.observer_standing(user=request.user, session=session)
    form = None
    if standing.allowed and not session.is_cancelled:
        data = request.POST if request.method == "POST" else None
        form = ObservationForm(data, session=session, standards=standing.allowed)
        if data is not None and form.is_valid():
            try:
                observation = accreditation.observation_create(
                    session=session,
                    trainee=form.cleaned_data["trainee"],
                    observer=request.user,
                    standard=form.cleaned_data["standard"],
                    scores=form.scores(),
                    strengths=form.cleaned_data["strengths"],
                    improvements=form.cleaned_data["improvements"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Observation saved. Outcome: %(outcome)s.")
                    % {"outcome": observation.get_outcome_display()},
                )
                return HttpResponseRedirect(request.path)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "trainers/observation_form.html",
        {
            "cohort": cohort,
            "session": session,
            "tab": "sessions",
            "can_manage": True,
            "form": form,
            "problem": standing.problem,
            "no_standard": not standing.standards,
            "observations": session.observations.select_related(
                "trainee", "observer", "standard"
            ).order_by("-observed_at"),
            "rubric": accreditation.RUBRIC,
        },
    )


# --- A training-of-trainers cohort's accreditation --------------------------------------------


def _not_tot(request: HttpRequest, cohort) -> HttpResponse:
    messages.info(request, _("This cohort trains learners: its members are not accredited."))
    return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))


@login_required
def cohort_accreditation(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Each member's checklist against the cohort's standard, their accreditation, and the
    grant button for those who may grant."""
    cohort = accreditation.tot_cohort_for(user=request.user, cohort_id=cohort_id)
    if not cohort.trains_trainers:
        return _not_tot(request, cohort)
    standard = cohort.accreditation_standard
    members = [member.user for member in selectors.current_members(cohort)]
    standing = accreditation.eligibility_for(users=members, standard=standard)
    held = accreditation.accreditations_of([user.pk for user in members])
    today = timezone.localdate()
    rows = []
    for user in members:
        current = next(
            (
                a
                for a in held.get(user.pk, [])
                if a.standard_id == standard.pk and a.revoked_at is None and a.superseded_at is None
            ),
            None,
        )
        rows.append((user, standing[user.pk], current))
    return render(
        request,
        "trainers/accreditation_cohort.html",
        {
            "cohort": cohort,
            "tab": "accreditation",
            "can_manage": True,
            "standard": standard,
            "rows": rows,
            "today": today,
            "may_grant": accreditation.may_assess(
                request.user, standard=standard, state_id=cohort.state_id
            ),
        },
    )


@login_required
@require_POST
def accreditation_grant(request: HttpRequest, cohort_id: int, user_id: int) -> HttpResponse:
    cohort = accreditation.tot_cohort_for(user=request.user, cohort_id=cohort_id)
    member = access.member_of(cohort=cohort, user_id=user_id)
    if not cohort.trains_trainers:
        return _not_tot(request, cohort)
    try:
        granted = accreditation.accreditation_grant(
            trainee=member.user,
            standard=cohort.accreditation_standard,
            by=request.user,
            tot_cohort=cohort,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is accredited until %(date)s (code %(code)s).")
            % {
                "name": granted.trainer_name,
                "date": date_format(granted.valid_until, "j F Y"),
                "code": granted.grouped_code,
            },
        )
    return HttpResponseRedirect(reverse("trainers:cohort_accreditation", args=[cohort.pk]))


# --- One accreditation: renew, revoke ---------------------------------------------------------


def _accreditation(request: HttpRequest, accreditation_id) -> Accreditation:
    return accreditation.accreditation_for_manager(
        user=request.user, accreditation_id=accreditation_id
    )


def _to_accreditation(row: Accreditation) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("trainers:accreditation_detail", args=[row.pk]))


@login_required
def accreditation_detail(request: HttpRequest, accreditation_id) -> HttpResponse:
    row = _accreditation(request, accreditation_id)
    standing = accreditation.eligibility(user=row.trainer, standard=row.standard)
    return render(
        request,
        "trainers/accreditation_detail.html",
        {
            "accreditation": row,
            "standing": standing,
            "can_renew": accreditation.can_renew(row, eligible=standing.eligible),
            "trained_by": row.trained_by.order_by("full_name"),
        },
    )


@login_required
@require_POST
def accreditation_renew(request: HttpRequest, accreditation_id) -> HttpResponse:
    row = _accreditation(request, accreditation_id)
    try:
        renewed = accreditation.accreditation_renew(accreditation=row, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_accreditation(row)
    messages.success(request, _("Accreditation renewed."))
    return _to_accreditation(renewed)


@login_required
def accreditation_revoke(request: HttpRequest, accreditation_id) -> HttpResponse:
    """GET: the confirmation, with the reason to give. POST: revoke."""
    row = _accreditation(request, accreditation_id)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            accreditation.accreditation_revoke(
                accreditation=row, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.info(request, _("Accreditation revoked."))
            return _to_accreditation(row)
    return render(
        request, "trainers/accreditation_revoke.html", {"accreditation": row, "form": form}
    )


@login_required
def accreditation_list(request: HttpRequest) -> HttpResponse:
    """The accreditations of the viewer's states (coordinators, national administrators):
    how many trainers may deliver each module, by level, then every accreditation, expiring
    first; ``?state=<id>`` for one state."""
    state_id = parse_id(request.GET.get("state", "")) if request.GET.get("state") else None
    rows = accreditation.state_accreditations(user=request.user, state_id=state_id)
    return render(
        request,
        "trainers/accreditation_list.html",
        {
            "by_module": accreditation.trainers_by_module(rows),
            "page": Paginator(rows, 100).get_page(request.GET.get("page")),
            "today": timezone.localdate(),
        },
    )


# --- Public verification ----------------------------------------------------------------------


def _limited(request: HttpRequest) -> bool:
    return not ratelimit.hit(
        scope="verify-accreditation",
        key=ratelimit.client_network(request),
        limit=VERIFY_LIMIT,
        window_seconds=60,
    )


def _verify_page(request, row: Accreditation | None, *, code: str = "", searched: bool):
    context = {"code": code[:40], "searched": searched}
    status = 200
    if row is not None:
        context.update(
            accreditation=row,
            status=row.status_on(timezone.localdate()),
            modules=sorted(row.standard.modules.all(), key=lambda m: m.code),
        )
    elif searched:
        status = 404
    response = render(request, "trainers/accreditation_verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request: HttpRequest) -> HttpResponse:
    message = _("Too many lookups from your network. Please wait a minute and try again.")
    response = render(
        request, "trainers/accreditation_verify.html", {"limited": message}, status=429
    )
    response["Retry-After"] = "60"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """Type an accreditation's code (GET ?code=…)."""
    code = request.GET.get("code")
    if code is None:
        return _verify_page(request, None, searched=False)
    if _limited(request):
        return _too_many(request)
    row = accreditation.accreditation_by_code(code)
    return _verify_page(request, row, code=code, searched=True)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """An accreditation by its code, plain or grouped (``ABCD-EFGH-…``): the name, the
    standard and its modules, the level and place, the validity and the status."""
    if _limited(request):
        return _too_many(request)
    row = accreditation.accreditation_by_code(code)
    return _verify_page(request, row, code=code, searched=True)
