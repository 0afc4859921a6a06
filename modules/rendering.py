"""Parts of module pages that are the same for every learner, rendered once per published
revision and language and kept in Django's cache.

A lesson's body (its StreamField blocks) depends only on the published revision, the language
the page is shown in and the page's id; progress, "mark complete" and the lesson list's ticks
are rendered for each request around it. The one per-visitor value inside the body, the CSRF
token of the knowledge checks' forms, is rendered as a placeholder and filled in per request.

A new publication has a new revision id, so its content shows at once; nothing needs to be
invalidated. Previews (drafts) and pages without a published revision are always rendered
live. Entries expire after ``BODY_TTL_SECONDS``, which bounds how long a body keeps what a
revision does not capture: the URLs of images' renditions, documents and linked pages.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

BODY_TTL_SECONDS = 15 * 60
#: Stands for the CSRF token in cached HTML; no lesson text or block id contains it.
CSRF_PLACEHOLDER = "lms-csrf-token-placeholder-3b9e51"
_KEY_VERSION = 1


def body_cache_key(page, language: str) -> str:
    return f"lms:lesson-body:{_KEY_VERSION}:{page.pk}:{page.live_revision_id}:{language}"


def lesson_body_html(lesson, request: HttpRequest) -> SafeString | None:
    """The lesson's body as HTML for ``request``, from the cache when its published revision
    was rendered in the active language before; ``None`` when the body must be rendered live
    (a preview, or a page that was never published through a revision)."""
    if getattr(request, "is_preview", False) or not lesson.live or not lesson.live_revision_id:
        return None
    key = body_cache_key(lesson, translation.get_language())
    html = cache.get(key)
    if html is None:
        # No request: nothing of the visitor can end up in the shared copy.
        html = render_to_string(
            "modules/includes/lesson_body.html", {"page": lesson, "csrf_token": CSRF_PLACEHOLDER}
        )
        cache.set(key, html, BODY_TTL_SECONDS)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - our own render
