"""The monthly scorecard mail: each state coordinator gets their state's scorecard PDF and each
district officer their district's, once per person, place and month.

Sending is resumable and never sends a mail twice. Before a mail goes out, its
``MonthlyMailing`` row is claimed (committed; the database's unique constraint lets one run
claim it, however many run at once); after, it is confirmed (``sent_at``). A mail that fails
to send has its claim released and the run goes on with the rest, so a rerun sends exactly what
is missing. A run stopped between the claim and the confirmation (a killed process) leaves the
claim unconfirmed: the rerun does not send it again, since it may have gone out, and counts it
as ``unconfirmed`` so that someone can look.

The mail is plain text in the recipient's language (the scorecard's languages only: English,
Hindi, Assamese), with the PDF in the same language attached. It names no one but the
recipient, and the PDF holds aggregates only.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certification.rendering import format_date
from lms.accounts.models import Role, RoleAssignment
from lms.accounts.selectors import scoped_role_holders
from lms.core.dates import add_months, month_start
from lms.core.errors import DomainError
from lms.core.site_url import absolute_url

from .models import MonthlyMailing, Snapshot
from .pdf import (
    PDF_LANGUAGES,
    district_scorecard_pdf,
    month_label,
    pdf_filename,
    state_scorecard_pdf,
)

logger = logging.getLogger(__name__)

BODY_TEMPLATE = "reports/pdf/scorecard_email.txt"


class ScorecardMailError(DomainError):
    """The month's scorecard cannot be mailed (no figures for it)."""


@dataclass(frozen=True)
class MailResult:
    sent: int = 0
    #: Sent by an earlier run (or claimed by one running now).
    already: int = 0
    #: Claimed by an earlier run that stopped before confirming them: not sent again.
    unconfirmed: int = 0
    #: Failed to send in this run; their claims were released for the next run.
    failed: int = 0


def month_just_ended() -> datetime.date:
    """The first day of the month before the current one (in India)."""
    return add_months(month_start(timezone.localdate()), -1)


def recipients() -> list[RoleAssignment]:
    """Every coordinator's state assignment and every district officer's district assignment,
    of people who still hold the role and have an email address (a PDF cannot go by SMS; those
    without one read the scorecard on its pages) — two queries."""
    return [
        *scoped_role_holders(Role.COORDINATOR).filter(
            district__isnull=True, user__email__isnull=False
        ),
        *scoped_role_holders(Role.DISTRICT_OFFICER).filter(
            district__isnull=False, user__email__isnull=False
        ),
    ]


def mail_language(user) -> str:
    """The recipient's preferred language where the scorecard is written in it, else
    English."""
    language = user.preferred_language
    return language if language in PDF_LANGUAGES else "en"


def _claim(*, month, assignment: RoleAssignment, language: str) -> MonthlyMailing | None:
    """The claim of this mail, committed; None when another run holds it already."""
    try:
        with transaction.atomic():
            return MonthlyMailing.objects.create(
                month=month,
                user_id=assignment.user_id,
                state_id=assignment.state_id,
                district_id=assignment.district_id,
                language=language,
                claimed_at=timezone.now(),
            )
    except IntegrityError:
        return None


def _page_url(assignment: RoleAssignment, month: datetime.date) -> str:
    if assignment.district_id is None:
        path = reverse("reports:state", kwargs={"state_code": assignment.state.code})
    else:
        path = reverse(
            "reports:district",
            kwargs={"state_code": assignment.state.code, "district_ref": assignment.district_id},
        )
    return absolute_url(f"{path}?month={month:%Y-%m}")


def scorecard_message(
    *, assignment: RoleAssignment, snapshot: Snapshot, language: str, pdf: bytes
) -> EmailMessage:
    """The mail to the holder of ``assignment``, in ``language``, with ``pdf`` attached."""
    user, state, district = assignment.user, assignment.state, assignment.district
    with translation.override(language):
        place = state.name if district is None else f"{district.name}, {state.name}"
        month = month_label(snapshot.month, language)
        context = {
            "name": user.full_name or user.email,
            "place": place,
            "month": month,
            "as_of": format_date(snapshot.as_of, language),
            "district": district,
            "url": _page_url(assignment, snapshot.month),
        }
        subject = _("Workforce training scorecard: %(place)s, %(month)s") % {
            "place": place,
            "month": month,
        }
        body = render_to_string(BODY_TEMPLATE, context)
    message = EmailMessage(subject=subject, body=body, to=[user.email])
    message.attach(
        pdf_filename(state=state, district=district, month=snapshot.month, language=language),
        pdf,
        "application/pdf",
    )
    return message


def _send(message: EmailMessage, connection) -> None:
    connection.send_messages([message])


def scorecard_mail_month(*, month: datetime.date) -> MailResult:
    """Mail ``month``'s scorecard to every coordinator (their state's) and district officer
    (their district's) who has not had it yet. Raises ``ScorecardMailError`` when the month
    has no figures. Each PDF is rendered once per place and language (the recipients come
    place by place, and only the current place's PDFs are kept).

    Not to be called inside a transaction: each claim and confirmation must be committed on
    its own for a rerun to see it."""
    month = month_start(month)
    snapshot = Snapshot.objects.filter(month=month).first()
    if snapshot is None:
        raise ScorecardMailError(
            _("The scorecard of %(month)s has not been built.") % {"month": f"{month:%Y-%m}"}
        )
    claimed = {
        (user_id, state_id, district_id): sent_at is not None
        for user_id, state_id, district_id, sent_at in MonthlyMailing.objects.filter(
            month=month
        ).values_list("user_id", "state_id", "district_id", "sent_at")
    }
    pdfs: dict[tuple, bytes] = {}
    sent = already = unconfirmed = failed = 0
    connection = get_connection()
    for assignment in recipients():
        key = (assignment.user_id, assignment.state_id, assignment.district_id)
        if key in claimed:
            if claimed[key]:
                already += 1
            else:
                unconfirmed += 1
            continue
        language = mail_language(assignment.user)
        claim = _claim(month=month, assignment=assignment, language=language)
        if claim is None:
            already += 1
            continue
        try:
            place = (assignment.state_id, assignment.district_id, language)
            if place not in pdfs:
                # Recipients come place by place: keep only the current place's PDFs.
                if any(key[:2] != place[:2] for key in pdfs):
                    pdfs.clear()
                if assignment.district_id is None:
                    pdfs[place] = state_scorecard_pdf(
                        state=assignment.state, language=language, month=month
                    )
                else:
                    pdfs[place] = district_scorecard_pdf(
                        district=assignment.district, language=language, month=month
                    )
            message = scorecard_message(
                assignment=assignment, snapshot=snapshot, language=language, pdf=pdfs[place]
            )
            _send(message, connection)
        except Exception:
            logger.exception(
                "Scorecard mail %s to user %s (%s) failed; released for the next run",
                f"{month:%Y-%m}",
                assignment.user_id,
                claim,
            )
            MonthlyMailing.objects.filter(pk=claim.pk, sent_at__isnull=True).delete()
            failed += 1
            continue
        MonthlyMailing.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
        sent += 1
    return MailResult(sent=sent, already=already, unconfirmed=unconfirmed, failed=failed)
