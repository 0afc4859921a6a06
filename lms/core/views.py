from __future__ import annotations

import posixpath
import sys
from urllib.parse import urlencode

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from .health import liveness_checks, readiness_checks, run_checks
from .metrics import (
    CONTENT_TYPE,
    collect,
    exposition,
    network_allowed,
    scrape_enabled,
    token_matches,
)

# Seconds a client is asked to wait when the database cannot be reached.
RETRY_AFTER_SECONDS = 30


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


def _probe_response(results: dict[str, bool], *, detailed: bool) -> JsonResponse:
    failed = [name for name, ok in results.items() if not ok]
    body: dict[str, object] = {"status": "unavailable" if failed else "ok"}
    if failed:
        body["failed"] = failed
    if detailed:
        body["checks"] = {name: "ok" if ok else "failed" for name, ok in results.items()}
    return JsonResponse(body, status=503 if failed else 200)


# Both probes are also answered by HealthProbeMiddleware, ahead of every other middleware (no
# HTTPS redirect, host check, session or sign-in step can stand in the way); these routes are
# for reverse() and for a stack without it.
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: the process answers and reaches its database. 503 names
    what failed."""
    return _probe_response(run_checks(liveness_checks()), detailed=False)


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: the database, every cache and media storage, each named in the answer."""
    return _probe_response(run_checks(readiness_checks()), detailed=True)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's scrape (``lms.core.metrics``). Not found unless ``METRICS_TOKEN`` is set and
    the client is in ``METRICS_ALLOWED_NETWORKS`` (when set); forbidden without the token as a
    bearer."""
    if not scrape_enabled() or not network_allowed(request):
        raise Http404
    if not token_matches(request):
        return HttpResponseForbidden(content_type="text/plain")
    return HttpResponse(exposition(collect()), content_type=CONTENT_TYPE)


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
    # No context processors or database queries: the error may be in either. Django calls this
    # while handling the exception, so sys.exc_info() names it (Django's log line for the
    # response, "Service Unavailable" or "Internal Server Error", carries its traceback).
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` (or an error it was raised from) says the database could not be reached
    or did not answer in time: refused or timed-out connections, a statement cancelled by
    ``statement_timeout``, a connection lost mid-request."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__
    return False
