"""The site's own pages beside the CMS: help for each role, how to reach the operator, and
the accessibility statement. Their links to other apps are reversed in the templates by name
(this app imports none of them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lms.accounts.access import has_role, is_national_admin
from lms.accounts.models import Role


@dataclass(frozen=True)
class HelpSection:
    #: Names the section's template, ``home/help/<key>.html``, and its anchor.
    key: str
    title: str | Promise
    role: str


#: The help page's sections, in the order a visitor reads them.
HELP_SECTIONS = (
    HelpSection("learner", _("Learners"), Role.LEARNER),
    HelpSection("trainer", _("Trainers"), Role.TRAINER),
    HelpSection("coordinator", _("State coordinators"), Role.COORDINATOR),
    HelpSection("district-officer", _("District officers"), Role.DISTRICT_OFFICER),
    HelpSection("national-admin", _("National administrators"), Role.NATIONAL_ADMIN),
)


def _holds(user, section: HelpSection) -> bool:
    if section.role == Role.NATIONAL_ADMIN:
        return is_national_admin(user)
    if section.role == Role.LEARNER:
        return user.is_authenticated
    return has_role(user, section.role)


def help_sections(user) -> list[tuple[HelpSection, bool]]:
    """Each section with whether it is one of ``user``'s roles: theirs first, the one with
    most responsibility leading (everyone signed in learns, so the learner's comes last of
    theirs), then the others in the usual order."""
    own = [s for s in reversed(HELP_SECTIONS) if _holds(user, s)]
    others = [s for s in HELP_SECTIONS if s not in own]
    return [(s, True) for s in own] + [(s, False) for s in others]


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "home/help.html", {"sections": help_sections(request.user)})


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "home/contact.html", {"grievance_email": settings.LMS_GRIEVANCE_EMAIL})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "home/accessibility.html", {"grievance_email": settings.LMS_GRIEVANCE_EMAIL}
    )
