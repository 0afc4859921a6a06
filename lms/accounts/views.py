from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language
from wagtail import hooks

from lms.core.i18n import cms_address_in_language
from lms.geography.selectors import district_list

from .forms import ProfileForm
from .selectors import PROFILE_SECTIONS_HOOK
from .services import profile_complete, user_language_set


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Complete (first time) or edit the profile, with the data-use notice."""
    user = request.user
    first_time = user.needs_profile
    if request.method == "POST":
        form = ProfileForm(request.POST, user=user)
        # Without scripts, "Show districts" resubmits the form to refresh the district list.
        if "refresh_districts" not in request.POST and form.is_valid():
            profile_complete(
                user=user,
                notice_accepted=True,
                **{
                    key: value for key, value in form.cleaned_data.items() if key != "accept_notice"
                },
            )
            messages.success(
                request, _("Your profile is complete.") if first_time else _("Profile saved.")
            )
            return HttpResponseRedirect(_safe_next(request, settings.LOGIN_REDIRECT_URL))
        if "refresh_districts" in request.POST:
            form.errors.clear()
    else:
        form = ProfileForm(user=user)
    # What later apps show of the person below the form (a trainer's accreditations).
    sections = [] if first_time else [fn(request) for fn in hooks.get_hooks(PROFILE_SECTIONS_HOOK)]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "first_time": first_time,
            "next": _safe_next(request, ""),
            "sections": [html for html in sections if html],
        },
    )


@require_GET
@cache_control(max_age=3600, public=True)
def district_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the districts of ``?state=<id>`` (for the profile form)."""
    try:
        state_id = int(request.GET.get("state", ""))
    except ValueError:
        state_id = None
    return render(
        request, "accounts/district_options.html", {"districts": district_list(state_id=state_id)}
    )


def data_use_notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/data_use_notice.html",
        {
            "notice_version": settings.LMS_DATA_USE_NOTICE_VERSION,
            "grievance_email": settings.LMS_GRIEVANCE_EMAIL,
        },
    )


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language``, which also remembers the choice on a signed-in user."""
    response = set_language(request)
    language = request.POST.get("language", "")
    # A CMS page: the same page in the chosen language (lms.core.i18n).
    target = cms_address_in_language(_safe_next(request, ""), language)
    if target and response.status_code == 302:
        response["Location"] = target
    if request.user.is_authenticated and language in dict(
        request.user._meta.get_field("preferred_language").choices
    ):
        user_language_set(user=request.user, language=language)
    return response
