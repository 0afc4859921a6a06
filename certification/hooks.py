"""What certification adds to pages of the apps below it, through their hooks: certificates on
the learner's My learning page, and the home page's entry points."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.core.entry_points import Card, register_cards
from modules.learning.selectors import MY_LEARNING_HOOK, MyLearningExtras

from .selectors import certificates_for_enrollments, share_links, standing, viewing_scope
from .services import can_renew, name_problem


@hooks.register(MY_LEARNING_HOOK)
def certificates_on_my_learning(request, enrollments) -> MyLearningExtras:
    """Each card gets its certificate with its status (download, and sharing by WhatsApp or
    its copied verification link, while it is valid or expired; when and why if revoked;
    re-certify), a name check before the first certificate, or word that it is being
    prepared. One query for all cards."""
    by_enrollment: dict[int, str] = {}
    notices: list[str] = []
    certificates = certificates_for_enrollments(e.pk for e in enrollments)
    problem = name_problem(request.user.full_name)
    today = timezone.localdate()
    for enrollment in enrollments:
        issued = certificates.get(enrollment.pk, [])
        current = next(
            (c for c in issued if c.cycle == enrollment.cycle and c.superseded_at is None), None
        )
        waiting = (
            current is None and enrollment.is_completed and enrollment.module.awards_certificate
        )
        if current is None and not enrollment.is_completed:
            # Re-certifying: show the last certificate (now expired or expiring).
            current = next((c for c in issued if c.superseded_at is None), None)
            renewable = False
        else:
            renewable = current is not None and can_renew(current)
        previous = [standing(c, day=today) for c in issued if c is not current]
        shown = standing(current, day=today) if current else None
        context = {
            "enrollment": enrollment,
            "current": shown,
            # Shared as its verification address, while it may be handed out at all.
            "share": share_links(current, title=getattr(enrollment.module, "display_title", ""))
            if shown and shown.downloadable
            else None,
            "renewable": renewable and enrollment.cycle == current.cycle,
            "previous": previous,
            "name_problem": problem if waiting else None,
            "preparing": waiting and not problem,
            "name": request.user.full_name,
        }
        if current or waiting or previous:
            by_enrollment[enrollment.pk] = render_to_string(
                "certification/includes/my_learning_card.html", context, request=request
            )
    if problem and any(
        e.is_completed and e.module.awards_certificate and not certificates.get(e.pk)
        for e in enrollments
    ):
        notices.append(render_to_string("certification/includes/name_notice.html"))
    return MyLearningExtras(notices=notices, by_enrollment=by_enrollment, sections=[])


register_cards(
    Card(
        title=_("Verify a certificate"),
        description=_("Check a certificate by the code printed on it."),
        url_name="certification:verify_form",
        order=90,
        section=_("Certificates"),
    ),
    Card(
        title=_("Certificates"),
        description=_("Find, revoke or correct certificates; issue those waiting."),
        url_name="certification:manage",
        order=80,
        section=_("Certificates"),
        shown_to=viewing_scope,
    ),
)


# Demo templates and certificates register themselves with seed_demo.
from . import demo  # noqa: E402, F401
