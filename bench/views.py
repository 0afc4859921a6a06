"""A view for load tests only. ``bench/urls.py`` routes to it; the site's own URLconf never
does."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def ceiling(request: HttpRequest) -> HttpResponse:
    """The cheapest signed-in page: the whole middleware stack runs (session, user, roles,
    language, profile check), then no page logic at all. The learning pages are measured
    against what it answers."""
    return HttpResponse(str(request.user.pk), content_type="text/plain; charset=utf-8")
