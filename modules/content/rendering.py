"""Lesson pages rendered once and kept in the "pages" cache (each process's own), with the
learner's parts filled in for each request.

A lesson page is nearly the same for every learner: the body (the StreamField blocks), the
module's list of lessons, breadcrumbs, previous and next links, the site's header and footer.
What differs is small: the learner's progress, the ticks beside completed lessons, "Mark as
complete", the CSRF token and any flash messages. So the page is rendered as a **shell** in
which each of those is a slot (an HTML comment no author can type by accident), the shell is
cached, and each request fills the slots with plain string replacement — no template engine,
no queries for the module, its lessons or the breadcrumbs.

The shell's key holds everything the shell shows:

- the lesson's page id and published revision, and the language;
- the **fingerprint of its neighbourhood** from the route cache's query
  (``lms.core.routing``): ids, live revisions and tree positions of the live pages above it
  and beside it, so that a sibling lesson published, unpublished, renamed or moved, or a new
  module title, shows at once;
- the site, the path, whether the visitor is signed in and may open the admin (the header's
  links), and the language they prefer with the "not yet available in …" notice.

Nothing needs to be invalidated. Previews (drafts), requests with a query string, pages
never published through a revision, pages routed without the route cache and the no-script
answer to a knowledge check are rendered the same way but not stored (a preview shows the
body of the page it was given, and none of the learner's parts: ``learner_hooks``, in
``modules.content.selectors``). Entries expire after
``SHELL_TTL_SECONDS``, which bounds how long a page keeps what a revision does not capture:
the URLs of images' renditions, documents and linked pages.

The body alone is kept by Wagtail's own ``{% wagtailpagecache %}`` (in
``modules/lesson_page.html``), per page state, site, published revision and language, so
that the shells of different visitors (signed in or not, admins) share one rendering of the
blocks; the tag renders previews afresh. The shell itself cannot be one of Wagtail's cached
fragments: a fragment is a piece of a template that is still rendered around it, whereas the
learner's parts sit inside the cached HTML (a tick beside each lesson of the list, the
progress bar under the title) and a hit here runs no template and no query for the module,
its lessons or the breadcrumbs at all — only string replacement.

Everything is kept in the "pages" cache (each process's own), Django's cache framework: with
the caches switched off (``LMS_CACHES=off``) it is Django's dummy cache, and every lesson page
is rendered whole.
"""

from __future__ import annotations

import hashlib
import re

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from lms.accounts.access import can_access_wagtail_admin
from lms.core.i18n import preferred_content_language

from .selectors import LESSON_CONTEXT_HOOK, learner_hooks, missing_translation_notice

#: How long ``{% wagtailpagecache %}`` keeps a lesson's body.
BODY_TTL_SECONDS = 15 * 60
SHELL_TTL_SECONDS = 15 * 60
#: Stands for the CSRF token in cached HTML; no lesson text or block id contains it.
CSRF_PLACEHOLDER = "lms-csrf-token-placeholder-3b9e51"
_SLOT = "lms-slot-3b9e51"
_KEY_VERSION = 2


def slot(name: str) -> SafeString:
    """The mark of a per-request part in a cached page (an HTML comment)."""
    return mark_safe(f"<!--{_SLOT}:{name}-->")  # noqa: S308 - a fixed name of ours


#: A completed lesson's tick in the list of lessons, shown or dropped per learner:
#: ``<!--…:done:KEY-->tick<!--…:/done-->``.
_DONE = re.compile(rf"<!--{_SLOT}:done:([0-9a-f-]+)-->(.*?)<!--{_SLOT}:/done-->", re.DOTALL)


def progress_html(percent: int) -> str:
    """The module's progress bar under a lesson's title (also sent out of band when a lesson is
    marked complete). Rendered once per language and percentage."""
    key = f"lms:module-progress:{_KEY_VERSION}:{translation.get_language()}:{int(percent)}"
    html = caches["pages"].get(key)
    if html is None:
        html = render_to_string("modules/includes/module_progress.html", {"progress": percent})
        caches["pages"].set(key, html, SHELL_TTL_SECONDS)
    return html


def _shell_key(lesson, request: HttpRequest, notice, preferred) -> str | None:
    fingerprint = getattr(request, "lms_route_fingerprint", None)
    if (
        fingerprint is None
        or request.method not in ("GET", "HEAD")
        or request.META.get("QUERY_STRING")
        or getattr(request, "is_preview", False)
        or not lesson.live
        or not lesson.live_revision_id
    ):
        return None
    user = request.user
    site = Site.find_for_request(request)  # found already for this request: no query
    variant = "|".join(
        str(part)
        for part in (
            getattr(site, "pk", ""),
            request.path,
            int(bool(user.is_authenticated)),
            int(can_access_wagtail_admin(user)),
            preferred or "",
            notice or "",
        )
    )
    digest = hashlib.sha256(variant.encode()).hexdigest()[:24]
    return (
        f"lms:lesson-page:{_KEY_VERSION}:{lesson.pk}:{lesson.live_revision_id}:"
        f"{translation.get_language()}:{fingerprint}:{digest}"
    )


def _learner_parts(request: HttpRequest, lesson) -> dict:
    parts: dict = {}
    for fn in learner_hooks(LESSON_CONTEXT_HOOK, request):
        parts.update(fn(request, lesson))
    return parts


def _render_shell(lesson, request: HttpRequest, *, notice, preferred, extra_context) -> str:
    context = lesson.get_context(request)
    context.update(
        {
            "missing_language": notice,
            "preferred_language": preferred,
            # Wagtail's {% wagtailpagecache %} keeps the body of a published revision (and
            # renders a preview's afresh); never one with a knowledge check's feedback in it.
            "lesson_body_cached": not extra_context
            and not getattr(request, "is_preview", False)
            and lesson.live
            and bool(lesson.live_revision_id),
            "lesson_body_ttl": BODY_TTL_SECONDS,
            "csrf_token": CSRF_PLACEHOLDER,
            "progress_slot": slot("progress"),
            "lesson_actions_slot": slot("actions"),
            "messages_slot": slot("messages"),
            "slot_prefix": _SLOT,
        }
    )
    context.update(extra_context or {})
    return render_to_string(lesson.get_template(request), context, request=request)


def _fill(html: str, request: HttpRequest, parts: dict) -> str:
    done = parts.get("lesson_done_keys") or frozenset()
    html = _DONE.sub(lambda match: match[2] if match[1] in done else "", html)
    progress = parts.get("progress")
    html = html.replace(slot("progress"), progress_html(progress) if progress is not None else "")
    actions = parts.get("lesson_actions_html")
    html = html.replace(
        slot("actions"), f'<div class="lesson__actions">{actions}</div>' if actions else ""
    )
    html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # Last, as messages may quote what people typed.
    messages = list(get_messages(request))
    if messages:
        rendered = render_to_string("includes/messages.html", {"messages": messages})
        html = html.replace(slot("messages"), rendered)
    else:
        html = html.replace(slot("messages"), "")
    return html


def render_lesson_page(
    lesson, request: HttpRequest, *, extra_context: dict | None = None, status: int = 200
) -> HttpResponse:
    """The lesson page for ``request``: the shell from the cache (or rendered, and kept when
    it may be), with the learner's parts filled in. ``extra_context`` (the no-script answer to
    a knowledge check) makes a page that is never kept."""
    preferred = preferred_content_language(request)
    notice = missing_translation_notice(lesson, request)
    parts = _learner_parts(request, lesson)
    key = None if extra_context else _shell_key(lesson, request, notice, preferred)
    html = caches["pages"].get(key) if key else None
    if html is None:
        html = _render_shell(
            lesson, request, notice=notice, preferred=preferred, extra_context=extra_context
        )
        if key:
            caches["pages"].set(key, html, SHELL_TTL_SECONDS)
    return HttpResponse(_fill(html, request, parts), status=status)
