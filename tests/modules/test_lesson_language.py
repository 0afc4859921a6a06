"""An English lesson shown on a Hindi page (no translation yet) is marked as English for speech
output (WCAG 3.1.2), while the interface's own words inside it stay marked as Hindi."""

from __future__ import annotations

import re

import pytest

from modules.content.models import LessonPage
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def test_an_untranslated_lesson_is_marked_english_and_its_interface_words_hindi(client):
    module = make_module(lessons=1)
    lesson = LessonPage.objects.child_of(module).live().get()
    html = client.get(f"/hi{lesson.url}").content.decode()
    assert '<html lang="hi"' in html
    assert '<div class="lesson__body" lang="en">' in html
    button = re.search(r'<button type="submit" class="button button--secondary"[^>]*>', html)
    assert button is not None
    assert 'lang="hi"' in button.group(0)
    # In English, the body needs no mark of its own.
    english = client.get(lesson.url).content.decode()
    assert '<div class="lesson__body">' in english
