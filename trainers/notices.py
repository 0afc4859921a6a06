"""Telling learners about their cohort's sessions: a notice when one is scheduled, moved (its
date, time or place changed) or cancelled, and a reminder the day before.

Each current member of the cohort is told in their own language, by email and/or SMS as
``lms.accounts.contact.notice_channels`` says. A text message names no one but the learner by
their first name, and links to My learning (absolute, ``lms.core.site_url``); the email gives
the details and a calendar file. Notices are sent by a task queued when the change commits
(``sessions._announce``); reminders by ``session_reminders_send``, the daily
``send_session_reminders``.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from lms.accounts.contact import EMAIL, SMS, notice_channels, send_notice_sms
from lms.accounts.models import User
from lms.core.audit import audit
from lms.core.dates import local_midnight
from lms.core.site_url import absolute_url

from .models import TrainingSession

logger = logging.getLogger(__name__)

SCHEDULED, MOVED, CANCELLED, REMINDER = "scheduled", "moved", "cancelled", "reminder"
#: The notices a change sends (the reminder is the daily job's).
CHANGE_KINDS = (SCHEDULED, MOVED, CANCELLED)

#: The kind of text message (``lms.sms``) of every session notice, reminders included.
SMS_KIND = "session"
#: A venue in a text message is cut to this many characters; the page has all of it.
SMS_PLACE_LENGTH = 40

SUBJECTS = {
    SCHEDULED: gettext_lazy("New session of %(module)s on %(date)s"),
    MOVED: gettext_lazy("Your %(module)s session has moved: now on %(date)s"),
    CANCELLED: gettext_lazy("Your %(module)s session on %(date)s is cancelled"),
    REMINDER: gettext_lazy("Tomorrow: your %(module)s session"),
}

#: Text messages: with the learner's first name, and without (an account without a name).
SMS_TEXTS = {
    SCHEDULED: (
        gettext_lazy(
            "%(name)s, your %(module)s session is on %(date)s, %(time)s, %(place)s. "
            "Details: %(link)s"
        ),
        gettext_lazy(
            "Your %(module)s session is on %(date)s, %(time)s, %(place)s. Details: %(link)s"
        ),
    ),
    MOVED: (
        gettext_lazy(
            "%(name)s, your %(module)s session has moved to %(date)s, %(time)s, %(place)s. "
            "Details: %(link)s"
        ),
        gettext_lazy(
            "Your %(module)s session has moved to %(date)s, %(time)s, %(place)s. Details: %(link)s"
        ),
    ),
    CANCELLED: (
        gettext_lazy(
            "%(name)s, your %(module)s session on %(date)s, %(time)s is cancelled. "
            "Details: %(link)s"
        ),
        gettext_lazy(
            "Your %(module)s session on %(date)s, %(time)s is cancelled. Details: %(link)s"
        ),
    ),
    REMINDER: (
        gettext_lazy(
            "%(name)s, your %(module)s session is tomorrow, %(date)s, %(time)s, %(place)s. "
            "Details: %(link)s"
        ),
        gettext_lazy(
            "Your %(module)s session is tomorrow, %(date)s, %(time)s, %(place)s. Details: %(link)s"
        ),
    ),
}


def recipients(session: TrainingSession) -> list[User]:
    """The cohort's current members with active accounts: who is told about ``session``."""
    return list(
        User.objects.filter(
            is_active=True,
            cohort_memberships__cohort_id=session.cohort_id,
            cohort_memberships__removed_at__isnull=True,
        ).order_by("pk")
    )


def _first_name(user: User) -> str:
    # Never the email or the number that stands in for a missing name: an SMS carries no
    # personal data beyond the first name.
    return user.full_name.split()[0] if user.full_name and user.full_name.split() else ""


def _place(session: TrainingSession) -> str:
    venue = " ".join(session.venue.split())
    if len(venue) > SMS_PLACE_LENGTH:
        venue = venue[: SMS_PLACE_LENGTH - 1].rstrip() + "…"
    return venue or gettext("online")


def sms_text(*, session: TrainingSession, kind: str, user: User, link: str) -> str:
    """The text message about ``session`` for ``user``, in the active language."""
    starts = timezone.localtime(session.starts_at)
    with_name, without_name = SMS_TEXTS[kind]
    name = _first_name(user)
    values = {
        "name": name,
        "module": session.module.code,
        "date": date_format(starts, "j M"),
        "time": date_format(starts, "H:i"),
        "place": _place(session),
        "link": link,
    }
    return str(with_name if name else without_name) % values


def _email(
    *,
    session: TrainingSession,
    kind: str,
    user: User,
    trainers: list[str],
    links: dict[str, str],
    previous: datetime.datetime | None,
) -> EmailMessage:
    subject = str(SUBJECTS[kind]) % {
        "module": session.module.code,
        "date": date_format(timezone.localtime(session.starts_at), "j M"),
    }
    body = render_to_string(
        "trainers/includes/session_notice_email.txt",
        {
            "kind": kind,
            "name": user.full_name or user.email,
            "session": session,
            "module": session.module,
            "trainers": trainers,
            "previous": previous,
            **links,
        },
    )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def notify(
    *,
    session: TrainingSession,
    users: list[User],
    kind: str,
    previous: datetime.datetime | None = None,
) -> int:
    """Tell ``users`` about ``session`` (``kind``: scheduled, moved, cancelled, reminder),
    each in their language and by their channels: emails over one connection, text messages
    recorded and queued by ``lms.sms``. Returns how many learners were told."""
    trainers = [
        name
        for name in session.trainers.order_by("full_name").values_list("full_name", flat=True)
        if name
    ]
    links = {
        "my_learning_url": absolute_url(reverse("learning:my_learning")),
        "calendar_url": absolute_url(reverse("sessions:calendar", args=[session.pk])),
    }
    messages: list[EmailMessage] = []
    told = 0
    for user in users:
        channels = notice_channels(user)
        if not channels:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            if EMAIL in channels and user.email:
                messages.append(
                    _email(
                        session=session,
                        kind=kind,
                        user=user,
                        trainers=trainers,
                        links=links,
                        previous=previous,
                    )
                )
            if SMS in channels:
                send_notice_sms(
                    user,
                    kind=SMS_KIND,
                    text=sms_text(
                        session=session, kind=kind, user=user, link=links["my_learning_url"]
                    ),
                )
        told += 1
    if messages:
        get_connection().send_messages(messages)
    logger.info("session notice session=%s kind=%s learners=%s", session.pk, kind, told)
    return told


def session_notice_send(
    *, session_id: int, kind: str, previous_starts_at: str | None = None
) -> int:
    """Tell the learners of a session that it was scheduled, moved or cancelled (queued when
    the change commits). Nothing when the session has gone (deleted since), has ended, or was
    cancelled since a notice of another kind was queued (the cancellation says it all).
    Returns how many learners were told."""
    if kind not in CHANGE_KINDS:
        raise ValueError(f"{kind!r} is not a session notice")
    session = TrainingSession.objects.select_related("module").filter(pk=session_id).first()
    if session is None or session.has_ended():
        return 0
    if session.is_cancelled != (kind == CANCELLED):
        return 0
    previous = datetime.datetime.fromisoformat(previous_starts_at) if previous_starts_at else None
    return notify(session=session, users=recipients(session), kind=kind, previous=previous)


@dataclass(frozen=True)
class Reminded:
    sessions: int
    learners: int


def session_reminders_send(*, today: datetime.date | None = None) -> Reminded:
    """Remind the learners of every session starting tomorrow (in India) that is not
    cancelled, once: each session is claimed with a conditional update (``reminded_at``)
    committed before its reminders go out, so running this twice, or twice at the same time,
    sends nothing twice. A session moved to another day is reminded again before that day."""
    today = today or timezone.localdate()
    start = local_midnight(today + datetime.timedelta(days=1))
    end = local_midnight(today + datetime.timedelta(days=2))
    due = list(
        TrainingSession.objects.filter(
            starts_at__gte=start,
            starts_at__lt=end,
            cancelled_at__isnull=True,
            reminded_at__isnull=True,
        )
        .select_related("module")
        .order_by("starts_at", "pk")
    )
    sessions = learners = 0
    for session in due:
        with transaction.atomic():
            claimed = TrainingSession.objects.filter(
                pk=session.pk, reminded_at__isnull=True, cancelled_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue  # another run has it, or it was cancelled meanwhile
            users = recipients(session)
            audit(
                instance=session,
                action="trainers.session.reminded",
                data={"learners": len(users), "starts_at": session.starts_at.isoformat()},
            )
        sessions += 1
        learners += notify(session=session, users=users, kind=REMINDER)
    return Reminded(sessions=sessions, learners=learners)
