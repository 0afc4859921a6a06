"""What operators see of each request and task: a request id on every log line and in the
response, the time Django spent, one access line per request, and the request counts behind
``/metrics`` (``lms.core.metrics``).

**The request id** comes from the reverse proxy's ``X-Request-ID`` header when it looks like
an id (8 to 64 letters, digits, ``.``, ``_`` or ``-``: anything else, a newline included,
could forge log lines or headers), else it is made here (``uuid4().hex``). It is kept in a
context variable while the request runs, so that ``lms.core.logging.LogContext``, a logging
filter on the handlers, adds ``request_id=`` to every line logged meanwhile, whoever logs it;
the response carries it back in ``X-Request-ID``, so that a person reporting a problem can
quote it.
A task run by the worker is named the same way, ``task_id=`` (``django_tasks``'s signals).

**The access line** (logger ``lms.access``, INFO) gives the method, the path without its query
string (values of URL parts that are secrets — a password-reset key, a verification token —
replaced by ``[redacted]``), the view's name, the status, the milliseconds and the request id.
The cost per request is a clock read, a dictionary update (``lms.core.metrics.record_request``)
and the line itself: no query, and no cache round trip but the one every ``FLUSH_SECONDS`` that
passes the process's counts on. Scrapes of ``/metrics`` are left out of the counts and logged
at DEBUG only.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from django.http import HttpRequest, HttpResponseBase
from django_tasks_db.compat import task_finished, task_started

from .logging import request_id as _request_id
from .logging import task_id as _task_id
from .metrics import METRICS_VIEW_NAME, record_request

REQUEST_ID_HEADER = "X-Request-ID"
#: What an id from outside must look like to be kept.
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
#: The view name counted and logged for a request that no URL pattern matched (or that a
#: middleware answered before the URL was resolved): paths never become labels.
UNRESOLVED_VIEW = "unresolved"
#: URL parts whose values are secrets (allauth's password-reset and e-mail confirmation keys,
#: certificate verification tokens): never written to the log.
SECRET_URL_PARTS = frozenset({"key", "uidb36", "token"})

access_log = logging.getLogger("lms.access")

_task_tokens: dict[str, contextvars.Token] = {}


def current_request_id() -> str | None:
    """The id of the request this code runs for, if any."""
    return _request_id.get()


def current_task_id() -> str | None:
    """The id of the task this code runs for, if any."""
    return _task_id.get()


def request_id_from(header: str | None) -> str:
    """The id given by the proxy when it is well formed, else a new one."""
    if header and _VALID_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def view_name(request: HttpRequest) -> str:
    """The name of the view that answered: the URL pattern's (``namespace:name``, or the
    function's dotted path when the pattern has no name); Wagtail's pages are all
    ``wagtail_serve``."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else UNRESOLVED_VIEW


def path_for_log(request: HttpRequest) -> str:
    """The request's path, without its query string and with secret URL parts replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_PARTS and isinstance(value, str) and value:
                path = path.replace(value, "[redacted]")
    return path


class ObservabilityMiddleware:
    """Request id, ``Server-Timing: app;dur=<ms>``, the access line and the request counts.
    Second in ``MIDDLEWARE``, after the health probes (which it leaves out: the load balancer
    asks every few seconds), so that its time covers every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            response.headers[REQUEST_ID_HEADER] = request_id
            response.headers["Server-Timing"] = f"app;dur={seconds * 1000:.1f}"
            view = view_name(request)
            if view == METRICS_VIEW_NAME:
                level = logging.DEBUG
            else:
                level = logging.INFO
                record_request(view, response.status_code, seconds)
            if access_log.isEnabledFor(level):
                access_log.log(
                    level,
                    "request",
                    extra={
                        "method": request.method,
                        "path": path_for_log(request),
                        "view": view,
                        "status_code": response.status_code,
                        "duration_ms": round(seconds * 1000, 1),
                        "request_id": request_id,
                    },
                )
        finally:
            _request_id.reset(token)
        return response


def _task_began(sender, task_result, **kwargs) -> None:
    _task_tokens[str(task_result.id)] = _task_id.set(str(task_result.id))


def _task_ended(sender, task_result, **kwargs) -> None:
    token = _task_tokens.pop(str(task_result.id), None)
    if token is None:
        return
    try:
        _task_id.reset(token)
    except ValueError:
        # Set in another context (not the case with django_tasks's backends): just clear it.
        _task_id.set(None)


def connect_task_context() -> None:
    """Name the task in progress on its log lines (``task_id=``): the worker and the test
    backend send ``task_started`` and ``task_finished`` around each task they run."""
    task_started.connect(_task_began, dispatch_uid="lms-log-task-began")
    task_finished.connect(_task_ended, dispatch_uid="lms-log-task-ended")
