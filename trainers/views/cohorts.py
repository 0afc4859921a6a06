"""Cohorts, their learners, and trainer groups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms.accounts.validators import format_indian_mobile
from lms.core.http import is_htmx
from modules.content.selectors import live_modules

from .. import access, accreditation, selectors, services
from ..forms import CohortForm, GroupForm, InviteForm
from ..models import Cohort, TrainerMembership

#: What a learner invitation says, by outcome and by what was typed: an email address (with
#: or without a number), or a mobile number alone. An address or number out of reach
#: (``WITHHELD``) is answered like a new one, so that nobody learns whether it has an account
#: elsewhere.
INVITATION_MESSAGES = {
    (services.Invitation.ADDED, "email"): gettext_lazy("%(contact)s is added."),
    (services.Invitation.ADDED, "phone"): gettext_lazy("%(contact)s is added."),
    (services.Invitation.INVITED, "email"): gettext_lazy(
        "%(contact)s is invited: they will get an email to set a password."
    ),
    (services.Invitation.WITHHELD, "email"): gettext_lazy(
        "%(contact)s is invited: they will get an email to set a password."
    ),
    (services.Invitation.INVITED, "phone"): gettext_lazy(
        "%(contact)s is invited: they will get an SMS with a link to sign in."
    ),
    (services.Invitation.WITHHELD, "phone"): gettext_lazy(
        "%(contact)s is invited: they will get an SMS with a link to sign in."
    ),
}


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _to_cohort(cohort: Cohort) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))


# --- Cohorts --------------------------------------------------------------------------------


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    """The cohorts ``request.user`` may read; a district officer's, read only."""
    access.require_reader(request.user)
    filters = selectors.CohortFilters.from_query(request.GET)
    cohorts = selectors.cohort_list(request.user, filters)
    places = selectors.cohort_places(request.user, filters)
    return render(
        request,
        "trainers/cohort_list.html",
        {
            "page": Paginator(cohorts, 25).get_page(request.GET.get("page")),
            "totals": selectors.cohort_totals(request.user, cohorts),
            "query": filters.q,
            "status": filters.status,
            "state": filters.state,
            "district": filters.district,
            "module": filters.module,
            "statuses": Cohort.Status.choices,
            "states": places.states if places.many_states else [],
            "districts": places.districts,
            "modules": live_modules(),
            "can_manage": bool(access.cohort_scope(request.user)),
        },
    )


@login_required
def cohort_edit(request: HttpRequest, cohort_id: int | None = None) -> HttpResponse:
    """A new cohort (no ``cohort_id``) or one to edit; its state is chosen once."""
    scope = access.require_workspace(request.user)
    cohort = None
    if cohort_id is not None:
        cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    form = CohortForm(
        request.POST if request.method == "POST" else None,
        scope=scope,
        groups=access.groups_for(request.user).filter(is_active=True),
        editing=cohort,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.cohort_save(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            if cohort is None:
                messages.success(request, _("Cohort %(name)s created.") % {"name": saved.name})
            else:
                messages.success(request, _("Cohort saved."))
            return _to_cohort(saved)
    return render(
        request,
        "trainers/cohort_form.html",
        {"form": form, "cohort": cohort, "tab": "edit", "can_manage": True},
    )


@login_required
@require_POST
def cohort_archive(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    services.cohort_archive(cohort=cohort, by=request.user)
    messages.info(request, _("Cohort %(name)s archived.") % {"name": cohort.name})
    return HttpResponseRedirect(reverse("trainers:cohort_list"))


@login_required
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The cohort's learners, with ways to add them for those who run it (read only for a
    district officer)."""
    cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
    can_manage = access.manages(request.user, cohort)
    page = Paginator(selectors.current_members(cohort), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "trainers/cohort_detail.html",
        {
            "cohort": cohort,
            "tab": "overview",
            "can_manage": can_manage,
            "page": page,
            "modules": services.cohort_modules(cohort),
            "trainers": accreditation.cohort_trainers(cohort),
            "invite_form": InviteForm(cohort=cohort) if can_manage else None,
        },
    )


# --- Learners -------------------------------------------------------------------------------


def _learners_found(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    """The learner search: the page, or just its results for htmx."""
    query = " ".join(request.GET.get("q", "").split())[:100]
    results = selectors.learners_found(by=request.user, cohort=cohort, query=query)
    template = (
        "trainers/includes/learner_results.html"
        if is_htmx(request)
        else "trainers/learners_add.html"
    )
    context = {
        "cohort": cohort,
        "tab": "overview",
        "can_manage": True,
        "query": query,
        "results": results,
    }
    return render(request, template, context)


@login_required
def learners_add(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """GET: search learners to add (the results are an htmx fragment). POST: add the ticked
    ones — all of them in scope, or nothing (404)."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    if request.method != "POST":
        return _learners_found(request, cohort)
    users = access.learners_to_add(
        by=request.user, cohort=cohort, user_ids=request.POST.getlist("user")
    )
    try:
        joined = services.cohort_members_add(cohort=cohort, users=users, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)d learner(s) added and enrolled in the cohort's modules.")
            % {"count": joined},
        )
    return _to_cohort(cohort)


@login_required
@require_POST
def learner_invite(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Invite one person by email or mobile number: an account is made (or found) and added
    to the cohort."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    form = InviteForm(request.POST, cohort=cohort)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _to_cohort(cohort)
    try:
        outcome = services.cohort_member_invite(cohort=cohort, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        email, phone = form.cleaned_data["email"], form.cleaned_data["phone"]
        message = INVITATION_MESSAGES[outcome, "email" if email else "phone"]
        messages.success(request, message % {"contact": email or format_indian_mobile(phone)})
    return _to_cohort(cohort)


@login_required
@require_POST
def member_remove(request: HttpRequest, cohort_id: int, user_id: int) -> HttpResponse:
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    member = access.member_of(cohort=cohort, user_id=user_id)
    services.cohort_member_remove(member=member, by=request.user)
    messages.info(
        request,
        _("%(name)s is no longer in the cohort; their progress is kept.")
        % {"name": member.user.full_name or member.user.contact},
    )
    return _to_cohort(cohort)


# --- Trainer groups -------------------------------------------------------------------------


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    access.require_workspace(request.user)
    return render(
        request,
        "trainers/group_list.html",
        {
            "groups": selectors.group_list(request.user),
            "can_manage": bool(access.group_scope(request.user)),
        },
    )


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    scope = access.group_scope(request.user)
    if not scope:
        raise Http404
    form = GroupForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return HttpResponseRedirect(reverse("trainers:group_detail", args=[group.pk]))
    return render(request, "trainers/group_form.html", {"form": form})


def _trainer_add(request: HttpRequest, group) -> None:
    email = request.POST.get("email", "").strip().lower()
    services.group_member_add_by_email(
        group=group,
        email=email,
        role=request.POST.get("role", TrainerMembership.Role.MEMBER),
        by=request.user,
    )
    messages.success(request, _("%(email)s joined the group.") % {"email": email})


def _trainer_remove(request: HttpRequest, group) -> None:
    membership = access.trainer_of(group=group, user_id=request.POST.get("user", ""))
    services.group_member_remove(group=group, user=membership.user, by=request.user)
    messages.info(request, _("The trainer left the group."))


#: The group page's two forms, told apart by their ``action``.
GROUP_ACTIONS = {"add": _trainer_add, "remove": _trainer_remove}


@login_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    """A group's trainers. Coordinators of its state add (by email) and remove them."""
    group = access.group_for_manager(user=request.user, group_id=group_id)
    if request.method != "POST":
        context = selectors.group_page(group)
        context.update(accreditation.group_accreditations(context["memberships"]))
        return render(request, "trainers/group_detail.html", context)
    action = GROUP_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    try:
        action(request, group)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ValueError:  # a typed address PostgreSQL cannot hold (a NUL character)
        raise Http404 from None
    return HttpResponseRedirect(reverse("trainers:group_detail", args=[group.pk]))
