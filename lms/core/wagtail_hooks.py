from django.http import Http404
from django.utils import translation
from wagtail import hooks


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page is served only in the language of its URL. Under a language prefix (``/as/…``)
    Wagtail falls back to the English tree when that language has no translation of the site's
    root page; that would show English pages at Assamese addresses, so it answers 404."""
    if page.locale.language_code != translation.get_language():
        raise Http404
