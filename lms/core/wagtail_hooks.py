from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import PageViewRestriction


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page is served only in the language of its URL. Under a language prefix (``/as/…``)
    Wagtail falls back to the English tree when that language has no translation of the site's
    root page; that would show English pages at Assamese addresses, so it answers 404."""
    if page.locale.language_code != translation.get_language():
        raise Http404


@hooks.register("before_serve_page")
def private_pages_answer_404_to_signed_in_outsiders(page, request, serve_args, serve_kwargs):
    """A page restricted to groups answers 404 to a signed-in person outside them. Wagtail
    would send them to the login page (WAGTAIL_FRONTEND_LOGIN_URL), and allauth sends a
    signed-in person straight back to ``next``: a redirect loop."""
    if not request.user.is_authenticated:
        return
    for restriction in page.get_view_restrictions():
        # A page password is asked of everyone, signed in or not (Wagtail's form).
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            continue
        if not restriction.accept_request(request):
            raise Http404


@hooks.register("register_log_actions")
def register_core_log_actions(actions):
    for action, label in [
        ("core.task.failed", gettext_lazy("Task marked failed: its worker stopped")),
        ("core.task.requeued", gettext_lazy("Task queued again: its worker stopped")),
    ]:
        actions.register_action(action, label, label)
