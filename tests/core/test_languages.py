"""The interface in each language the switcher offers: a compiled catalogue, the page's
``lang`` attribute, and the switcher naming every language in its own script."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["hi", "as"])
def test_the_interface_speaks_each_offered_language(client, code):
    assert code in settings.LMS_INTERFACE_LANGUAGES
    with translation.override(code):
        skip = translation.gettext("Skip to main content")
        log_in = translation.gettext("Log in")
    assert skip != "Skip to main content"  # translated, not the English fallback
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    html = client.get(reverse("account_login")).content.decode()
    assert f'<html lang="{code}"' in html
    assert skip in html
    assert log_in in html
    assert '<option value="as" lang="as"' in html
    assert "অসমীয়া" in html
    assert "हिन्दी" in html


def test_assamese_is_known_to_django():
    assert translation.get_language_info("as")["name_local"] == "অসমীয়া"
