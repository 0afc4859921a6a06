"""Small request helpers shared by the apps' views."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (the view then answers with the fragment only)."""
    return request.headers.get("HX-Request") == "true"
