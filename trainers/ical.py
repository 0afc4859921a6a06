"""Sessions as iCalendar files (RFC 5545), written by hand: "Add to calendar" for one session
or for all of a learner's upcoming ones.

Each session is one event whose UID never changes, so a calendar that imports the file again
updates the event instead of adding a second one; SEQUENCE (``TrainingSession.sequence``)
rises when the session moves or is cancelled, and a cancelled one says STATUS:CANCELLED.
Times are written in UTC (``Z``): every calendar reads them, and shows them in its own zone.
Lines end with CRLF and are folded at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.site_url import absolute_url, site_url

from .models import TrainingSession

#: RFC 5545, 3.1: content lines longer than this many octets are folded.
LINE_OCTETS = 75
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, line breaks
    written ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded: at most 75 octets per line, continuation lines starting
    with a space (which counts towards their 75), and a line break never splits a UTF-8
    character."""
    octets = line.encode("utf-8")
    if len(octets) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space takes one
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(session: TrainingSession) -> str:
    """The event's identifier: the same for a session whatever changes, unique to the site."""
    host = urlsplit(site_url()).hostname or "localhost"
    return f"training-session-{session.pk}@{host}"


def _description(session: TrainingSession, trainers: list[str]) -> str:
    lines = [f"{session.module.code} {session.module.title}"]
    if session.is_cancelled:
        lines.append(_("This session has been cancelled."))
        if session.cancellation_reason:
            lines.append(_("Reason: %(reason)s") % {"reason": session.cancellation_reason})
    if session.online_link:
        lines.append(_("Online link: %(link)s") % {"link": session.online_link})
    if trainers:
        lines.append(_("Trainers: %(names)s") % {"names": ", ".join(trainers)})
    lines.append(_("Details: %(link)s") % {"link": absolute_url(reverse("learning:my_learning"))})
    return "\n".join(lines)


def _event(session: TrainingSession, *, stamp: datetime.datetime) -> list[str]:
    trainers = [user.full_name for user in session.trainers.all() if user.full_name]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(session)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SEQUENCE:{session.sequence}",
        f"SUMMARY:{escape_text(f'{session.module.code}: {session.title}')}",
        f"LOCATION:{escape_text(session.venue or session.online_link)}",
        f"DESCRIPTION:{escape_text(_description(session, trainers))}",
    ]
    if session.online_link:
        lines.append(f"URL:{session.online_link}")
    lines.append("STATUS:CANCELLED" if session.is_cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(sessions: Iterable[TrainingSession], *, now: datetime.datetime | None = None) -> str:
    """A calendar (``VCALENDAR``) of ``sessions`` (with their module, and their trainers
    prefetched), its words in the active language."""
    stamp = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        # The product, not the reader: the deployment's own name, untranslated.
        f"PRODID:-//{escape_text(settings.WAGTAIL_SITE_NAME)}//Training sessions//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for session in sessions:
        lines += _event(session, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
