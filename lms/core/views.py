from __future__ import annotations

from urllib.parse import urlencode

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def site_login(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Stands in for the Wagtail and Django admin login pages: everyone signs in through the
    site's one login, where rate limits and two-factor authentication apply."""
    if request.user.is_authenticated:
        # Signed in but the admin sent them here: they lack admin access.
        raise Http404
    target = request.GET.get("next", "")
    url = reverse("account_login")
    if target:
        url += "?" + urlencode({"next": target})
    return HttpResponseRedirect(url)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@requires_csrf_token
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


@requires_csrf_token
def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database queries: the error may be in either.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
