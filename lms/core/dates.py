"""Calendar arithmetic the platform shares: months as India counts them (Asia/Kolkata)."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months, kept within the target month (31 January
    plus one month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    """The last day of ``month``'s month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The moment ``day`` begins in the site's time zone (Asia/Kolkata)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``month`` and of the month after, in the site's time zone."""
    start = month_start(month)
    return local_midnight(start), local_midnight(add_months(start, 1))


def parse_month(text: str | None) -> datetime.date | None:
    """The first day of the month written ``YYYY-MM`` (years 2000 to 2999), or None for
    anything else (straight from a URL: malformed, out of range, too long)."""
    text = (text or "").strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        return None
    year, month = int(text[:4]), int(text[5:])
    if not (2000 <= year <= 2999 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)
