from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def site_login(request: HttpRequest, *args, to: str = "account_login", **kwargs) -> HttpResponse:
    """Stands in for every login and password page that is not allauth's (Wagtail's front-end
    login, the Wagtail and Django admins' login and password pages): everyone signs in, and
    changes or resets a password, through the site's one login, where rate limits,
    two-factor authentication and the audit apply. ``to`` names the allauth page (the login
    unless the URL pattern says otherwise); ``next`` is kept when it is a path on this site."""
    if to == "account_login" and request.user.is_authenticated:
        # Signed in but sent to a login page: the admin or a private page refused them, and
        # allauth would send them straight back.
        raise Http404
    target = request.GET.get("next", "")
    url = reverse(to)
    # A path on this site only: no host, no scheme (allowed_hosts=None allows none).
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        url += "?" + urlencode({"next": target})
    return HttpResponseRedirect(url)


#: The folders of MEDIA_ROOT the development server serves: Wagtail's images. Nothing else
#: there is public: certificates go out through certification's access-checked view, documents
#: through Wagtail's, which checks their privacy.
DEVELOPMENT_MEDIA = ("original_images", "images")


def development_media(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's images from MEDIA_ROOT, for the development server (DEBUG) only."""
    # Normalised first, as serve() will: "images/../certificates/…" is a certificate.
    path = posixpath.normpath(path).lstrip("/")
    if path.split("/", 1)[0] not in DEVELOPMENT_MEDIA:
        raise Http404
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)


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
