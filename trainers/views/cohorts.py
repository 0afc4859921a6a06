"""Cohorts, their learners, and trainer groups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.http import is_htmx
from lms.core.ids import parse_id
from lms.geography.models import District
from modules.content.models import TrainingModulePage

from .. import access, services
from ..forms import CohortForm, GroupForm, InviteForm
from ..models import Cohort, CohortMember, TrainerMembership


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Cohorts --------------------------------------------------------------------------------


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    access.require_workspace(request.user)
    cohorts = access.cohorts_for(request.user).select_related("state", "district", "trainer_group")
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    district = request.GET.get("district", "")
    module = request.GET.get("module", "")
    if query:
        cohorts = cohorts.filter(name__icontains=query)
    if status in Cohort.Status.values:
        cohorts = cohorts.filter(status=status)
    elif not status:
        cohorts = cohorts.exclude(status=Cohort.Status.ARCHIVED)
    # A number too large to be an id names a district (or module) without cohorts.
    if district.isdigit():
        district_id = parse_id(district)
        cohorts = cohorts.filter(district_id=district_id) if district_id else cohorts.none()
    if module.isdigit():
        module_id = parse_id(module)
        cohorts = (
            cohorts.filter(cohort_modules__module_id=module_id) if module_id else cohorts.none()
        )
    cohorts = cohorts.annotate(
        learners=Count("members", filter=Q(members__removed_at__isnull=True), distinct=True),
        module_count=Count("cohort_modules", distinct=True),
    ).order_by("-starts_on", "name")
    page = Paginator(cohorts, 25).get_page(request.GET.get("page"))
    scope = access.cohort_scope(request.user)
    totals = cohorts.aggregate(
        cohorts=Count("pk", distinct=True),
        members=Count("members", filter=Q(members__removed_at__isnull=True), distinct=True),
    )
    return render(
        request,
        "trainers/cohort_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "district": district,
            "module": module,
            "statuses": Cohort.Status.choices,
            "districts": scope.filter(District.objects.filter(is_active=True), "state").order_by(
                "name"
            ),
            "modules": TrainingModulePage.objects.live()
            .filter(locale__language_code="en")
            .order_by("code"),
            "totals": totals,
            "can_manage_groups": bool(access.group_scope(request.user)),
        },
    )


def _cohort_form(request, *, editing: Cohort | None = None, data=None):
    scope = access.require_workspace(request.user)
    groups = access.groups_for(request.user).filter(is_active=True)
    initial = None
    if editing is not None:
        initial = {
            "name": editing.name,
            "state": editing.state_id,
            "district": editing.district_id,
            "trainer_group": editing.trainer_group_id,
            "trainers": list(editing.trainers.values_list("pk", flat=True)),
            "modules": list(editing.cohort_modules.values_list("module_id", flat=True)),
            "starts_on": editing.starts_on,
            "ends_on": editing.ends_on,
            "mode": editing.mode,
            "status": editing.status,
        }
    return CohortForm(data, initial=initial, scope=scope, groups=groups, editing=editing)


def _ordered_modules(form) -> list[TrainingModulePage]:
    chosen = {module.pk: module for module in form.cleaned_data["modules"]}
    order = [int(pk) for pk in form.data.getlist("modules") if pk.isdigit()]
    return [chosen[pk] for pk in order if pk in chosen]


@login_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    form = _cohort_form(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = services.cohort_create(
                by=request.user,
                name=data["name"],
                state=data["state"],
                district=data["district"],
                trainer_group=data["trainer_group"],
                trainers=data["trainers"],
                modules=_ordered_modules(form),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                mode=data["mode"],
                status=data["status"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Cohort %(name)s created.") % {"name": cohort.name})
            return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))
    return render(request, "trainers/cohort_form.html", {"form": form, "cohort": None})


@login_required
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    form = _cohort_form(
        request, editing=cohort, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.cohort_update(
                cohort=cohort,
                by=request.user,
                name=data["name"],
                district=data["district"],
                trainer_group=data["trainer_group"],
                trainers=data["trainers"],
                modules=_ordered_modules(form),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                mode=data["mode"],
                status=data["status"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Cohort saved."))
            return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))
    return render(
        request, "trainers/cohort_form.html", {"form": form, "cohort": cohort, "tab": "edit"}
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
    """The cohort's learners, with ways to add them."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    members = (
        CohortMember.objects.filter(cohort=cohort, removed_at__isnull=True)
        .select_related("user__district", "user__cadre")
        .order_by("user__full_name", "user__email")
    )
    page = Paginator(members, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "trainers/cohort_detail.html",
        {
            "cohort": cohort,
            "tab": "overview",
            "page": page,
            "modules": services.cohort_modules(cohort),
            "trainers": cohort.trainers.order_by("full_name"),
            "invite_form": InviteForm(cohort=cohort),
        },
    )


# --- Learners -------------------------------------------------------------------------------


def _candidates(request, cohort: Cohort):
    """Learners the viewer may add to the cohort, not in it yet."""
    return access.addable_accounts(by=request.user, target=cohort).exclude(
        pk__in=CohortMember.objects.filter(cohort=cohort, removed_at__isnull=True).values("user_id")
    )


@login_required
def learners_add(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """GET: search learners to add (the results are an htmx fragment). POST: add the ticked
    ones — all of them in scope, or nothing (404)."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    if request.method == "POST":
        ids = {parse_id(pk) for pk in request.POST.getlist("user")}
        if not ids or None in ids or len(ids) != len(request.POST.getlist("user")):
            raise Http404
        users = list(_candidates(request, cohort).filter(pk__in=ids))
        if len(users) != len(ids):
            raise Http404
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
        return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))
    query = " ".join(request.GET.get("q", "").split())[:100]
    results = []
    if len(query) >= 2:
        results = list(
            _candidates(request, cohort)
            .filter(
                Q(full_name__icontains=query) | Q(email__icontains=query) | Q(phone__contains=query)
            )
            .select_related("district", "cadre")
            .order_by("full_name")[:30]
        )
    template = (
        "trainers/includes/learner_results.html"
        if is_htmx(request)
        else "trainers/learners_add.html"
    )
    return render(
        request,
        template,
        {"cohort": cohort, "tab": "overview", "query": query, "results": results},
    )


@login_required
@require_POST
def learner_invite(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Invite one person by email: an account is made (or found) and added to the cohort."""
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    form = InviteForm(request.POST, cohort=cohort)
    if form.is_valid():
        data = form.cleaned_data
        email = data["email"].strip().lower()
        try:
            outcome = services.cohort_member_invite(
                cohort=cohort,
                email=email,
                full_name=data["full_name"],
                district=data["district"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if outcome is services.Invitation.ADDED:
                messages.success(request, _("%(email)s is added.") % {"email": email})
            else:  # INVITED, or WITHHELD answered the same way (no account enumeration)
                messages.success(
                    request,
                    _("%(email)s is invited: they will get an email to set a password.")
                    % {"email": email},
                )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))


@login_required
@require_POST
def member_remove(request: HttpRequest, cohort_id: int, user_id: int) -> HttpResponse:
    cohort = access.cohort_for_user(user=request.user, cohort_id=cohort_id)
    member = access.member_of(cohort=cohort, user_id=user_id)
    services.cohort_member_remove(member=member, by=request.user)
    messages.info(
        request,
        _("%(name)s is no longer in the cohort; their progress is kept.")
        % {"name": member.user.full_name or member.user.email},
    )
    return HttpResponseRedirect(reverse("trainers:cohort_detail", args=[cohort.pk]))


# --- Trainer groups -------------------------------------------------------------------------


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    access.require_workspace(request.user)
    groups = (
        access.groups_for(request.user)
        .select_related("state")
        .annotate(
            trainer_count=Count("memberships", distinct=True),
            cohort_count=Count("cohorts", distinct=True),
        )
        .order_by("state__name", "name")
    )
    return render(
        request,
        "trainers/group_list.html",
        {"groups": groups, "can_manage": bool(access.group_scope(request.user))},
    )


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    scope = access.group_scope(request.user)
    if not scope:
        raise Http404
    form = GroupForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                state=form.cleaned_data["state"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return HttpResponseRedirect(reverse("trainers:group_detail", args=[group.pk]))
    return render(request, "trainers/group_form.html", {"form": form})


@login_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    """A group's trainers. Coordinators of its state add (by email) and remove them."""
    group = access.group_for_manager(user=request.user, group_id=group_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                email = request.POST.get("email", "").strip().lower()
                services.group_member_add_by_email(
                    group=group,
                    email=email,
                    role=request.POST.get("role", TrainerMembership.Role.MEMBER),
                    by=request.user,
                )
                messages.success(request, _("%(email)s joined the group.") % {"email": email})
            elif action == "remove":
                user_id = parse_id(request.POST.get("user", ""))
                membership = group.memberships.filter(user_id=user_id).first() if user_id else None
                if membership is None:
                    raise Http404
                services.group_member_remove(group=group, user=membership.user, by=request.user)
                messages.info(request, _("The trainer left the group."))
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except ValueError:
            raise Http404 from None
        return HttpResponseRedirect(reverse("trainers:group_detail", args=[group.pk]))
    return render(
        request,
        "trainers/group_detail.html",
        {
            "group": group,
            "memberships": group.memberships.select_related("user").order_by(
                "role", "user__full_name"
            ),
            "roles": TrainerMembership.Role.choices,
            "cohorts": group.cohorts.order_by("-starts_on")[:50],
        },
    )
