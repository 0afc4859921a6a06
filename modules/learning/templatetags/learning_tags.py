"""Template filters for learning's figures, for its own pages and the apps above it."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(seconds) -> str:
    """Time spent, as people say it: "45 min", "1 h 20 min", "2 h" (to the nearest minute)."""
    try:
        minutes = round(int(seconds or 0) / 60)
    except (TypeError, ValueError):
        return ""
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": minutes}
    if not minutes:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
