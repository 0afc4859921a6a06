from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class SiteCSPMiddleware(CSPMiddleware):
    """A strict Content Security Policy on the public site, and the looser one the Wagtail and
    Django admins need (inline scripts and styles) under their URL prefixes only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.LMS_ADMIN_URL_PREFIXES)
        ):
            parts.config = settings.LMS_ADMIN_CSP
        return parts
