"""The platform's name as people read it: in the active language.

The built-in name ("Child Protection Training") is a translatable string; a deployment that
names itself otherwise (``WAGTAIL_SITE_NAME``) shows its own name as it is, in every language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

#: The name the platform ships with, marked for translation.
DEFAULT_SITE_NAME = gettext_noop("Child Protection Training")


def site_name() -> str:
    """The site's name in the active language (the deployment's own name untranslated)."""
    name = settings.WAGTAIL_SITE_NAME
    return gettext(DEFAULT_SITE_NAME) if name == DEFAULT_SITE_NAME else name
