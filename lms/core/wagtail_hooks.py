from django.conf import settings
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy
from wagtail import hooks

from .audit import register_log_actions
from .i18n import serve_in_url_language


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page at an address of another language (``/as/…``) is its English source standing in
    for a translation that is not live (served, with the notice), or a 404
    (``lms.core.i18n.serve_in_url_language``)."""
    return serve_in_url_language(page, request)


# Outermost (order -1): it sees the answer of Wagtail's view-restriction check (order 0).
@hooks.register("on_serve_page", order=-1)
def private_pages_answer_404_to_signed_in_outsiders(serve):
    """A signed-in person whom a private page refuses (restricted to groups they are not in)
    gets a 404. Wagtail would send them to the login page (WAGTAIL_FRONTEND_LOGIN_URL), and
    allauth sends a signed-in person straight back to ``next``: a redirect loop. Decided from
    Wagtail's answer, so it costs no query."""

    def serve_or_404(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        if request.user.is_authenticated and response.status_code == 302:
            login_url = resolve_url(settings.WAGTAIL_FRONTEND_LOGIN_URL)
            if response["Location"].startswith(login_url + "?"):
                raise Http404
        return response

    return serve_or_404


CORE_LOG_ACTIONS = [
    ("core.task.failed", gettext_lazy("Task marked failed: its worker stopped")),
    ("core.task.requeued", gettext_lazy("Task queued again: its worker stopped")),
]
register_log_actions(CORE_LOG_ACTIONS)
