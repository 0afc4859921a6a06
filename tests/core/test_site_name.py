"""The platform's name is read in the reader's language; a deployment's own name as it is."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from lms.core.site_name import site_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Child Protection Training"),
        ("hi", "बाल संरक्षण प्रशिक्षण"),
        ("as", "শিশু সুৰক্ষা প্ৰশিক্ষণ"),
    ],
)
def test_the_header_names_the_platform_in_the_pages_language(client, language, name):
    with translation.override(language):
        assert site_name() == name
    client.cookies["lms_language"] = language
    content = client.get("/help/").content.decode()
    assert f'<a class="site-name" href="/">{name}</a>' in content
    assert f"\u2013 {name}</title>" in content  # the title ends with the name


@override_settings(WAGTAIL_SITE_NAME="Assam Child Protection Academy")
def test_a_deployments_own_name_is_shown_as_it_is():
    with translation.override("hi"):
        assert site_name() == "Assam Child Protection Academy"
