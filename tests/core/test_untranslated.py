"""No English left on the learner's pages in Hindi and Assamese.

With the demo data (``seed_demo``), each page a learner reads is rendered in each language and
its text searched for English that has a translation: the English of every translated entry of
the project's catalogue (so a string shown without ``gettext``, or taken from the wrong place,
is caught), the English names of the cadres, competencies, states and districts that have a
name in the language, the English titles of the modules, lessons and assessments translated
into it, and the English month and weekday names. Text inside an element marked
``lang="en"`` is English on purpose (an untranslated module, WCAG 3.1.2) and is left out, as
are scripts and styles; what a screen reader says (``alt``, ``title``, ``aria-label``,
``placeholder``) is searched like the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pprint import pformat

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from certification.models import Certificate
from lms.accounts.models import Cadre, User
from lms.core.i18n import cms_address_in_language
from lms.geography.models import District, State
from modules.content.models import AssessmentPage, Competency, LessonPage, TrainingModulePage

pytestmark = pytest.mark.django_db

LANGUAGES = ("hi", "as")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")
_WORDS = re.compile("[A-Za-z][A-Za-z'\u2019-]*(?:[ ,.:;!?()-]+[A-Za-z][A-Za-z'\u2019-]*)+")
MONTHS_AND_DAYS = [
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip
_SPOKEN = ("alt", "title", "aria-label", "placeholder")


class _Text(HTMLParser):
    """The text a reader gets in the page's language: outside ``lang="en"`` elements, scripts
    and styles, with the spoken attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = (
            self._hidden()
            or tag in ("script", "style", "template")
            or (tag != "html" and (attrs.get("lang") or "").split("-")[0] == "en")
        )
        if not hidden:
            self.parts.extend(attrs[name] for name in _SPOKEN if attrs.get(name))
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        if not self._hidden():
            self.parts.extend(value for name, value in attrs if name in _SPOKEN and value)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)


def readable_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_phrases(language: str) -> set[str]:
    """The English runs of at least two words and ten letters of every entry of the project's
    catalogue whose translation differs from it (placeholders and tags split a text)."""
    catalogue = polib.pofile(
        str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    )
    phrases = set()
    for entry in catalogue.translated_entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for english in filter(None, [entry.msgid, entry.msgid_plural]):
            for piece in _PLACEHOLDER.split(english):
                for run in _WORDS.findall(piece):
                    run = run.strip(" ,.:;!?()-")
                    if len(run) >= 10 and " " in run and not any(run in t for t in translations):
                        phrases.add(run)
    return phrases


def english_names(language: str) -> set[str]:
    """English names of reference entries that have a name in ``language``."""
    names = set()
    for model in (Cadre, Competency, State, District):
        for name, translated in model.objects.values_list("name", f"names__{language}"):
            # "Other" (a cadre) is too common a word to search for.
            if translated and translated != name and name != "Other":
                names.add(name)
    return names


def english_titles(language: str) -> set[str]:
    """English titles of the modules, lessons and assessments that have a live translation
    into ``language`` under another title."""
    titles = set()
    for model in (TrainingModulePage, LessonPage, AssessmentPage):
        translated = dict(
            model.objects.live()
            .filter(locale__language_code=language)
            .values_list("translation_key", "title")
        )
        for key, title in (
            model.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE, translation_key__in=translated)
            .values_list("translation_key", "title")
        ):
            if translated[key] != title:
                titles.add(title)
    return titles


def english_found(text: str, phrases: set[str]) -> list[str]:
    found = [
        phrase for phrase in phrases if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
    ]
    found += [word for word in MONTHS_AND_DAYS if re.search(rf"\b{word}\b", text)]
    return sorted(found)


def _in(page, language: str):
    """``page`` as a reader of ``language`` gets it: its live translation, else the English
    page at the language's address."""
    translated = page.get_translations().live().filter(locale__language_code=language).first()
    if translated is not None:
        return translated.url
    return cms_address_in_language(page.url, language)


def learner_pages(language: str) -> dict[str, str]:
    module = TrainingModulePage.objects.live().get(code="CP-101", locale__language_code="en")
    lesson = LessonPage.objects.live().child_of(module).order_by("path").first()
    assessment = AssessmentPage.objects.live().child_of(module).first()
    certificate = Certificate.objects.filter(revoked_at__isnull=True).order_by("pk").first()
    return {
        "home": cms_address_in_language("/", language),
        "catalogue": _in(module.get_parent(), language),
        "module": _in(module, language),
        "lesson": _in(lesson, language),
        "assessment": _in(assessment, language),
        "my learning": reverse("learning:my_learning"),
        "profile": reverse("accounts:profile"),
        "certificate verification": reverse("certification:verify", args=[certificate.token]),
        "public scorecard": reverse("scorecard:national"),
        "public scorecard of Assam": reverse("scorecard:state", args=["AS"]),
    }


def untranslated(client, language: str) -> dict[str, list[str]]:
    """Per page of ``learner_pages``, the English found on it in ``language``."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    phrases = english_phrases(language) | english_names(language) | english_titles(language)
    problems = {}
    for name, url in learner_pages(language).items():
        response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, (name, url)
        found = english_found(readable_text(html), phrases)
        if found:
            problems[f"{name} ({url})"] = found
    return problems


def test_the_check_finds_english_outside_lang_en_and_ignores_it_inside():
    phrases = {"Continue your training", "Child Welfare Committee (CWC) member"}
    page = (
        '<html lang="as"><body><p>শিশু <b>Continue your training</b></p>'
        '<p lang="en">Child Welfare Committee (CWC) member</p><img alt="7 November 2026">'
        "<script>var s = 'Continue your training';</script></body></html>"
    )
    assert english_found(readable_text(page), phrases) == ["Continue your training", "November"]


def test_learner_pages_in_hindi_and_assamese_have_no_untranslated_english(client):
    call_command("seed_demo")
    learner = User.objects.get(email__startswith="pranjal.bora@")
    assert Certificate.objects.filter(recipient=learner).exists()
    client.force_login(learner)
    problems = {language: untranslated(client, language) for language in LANGUAGES}
    assert problems == {language: {} for language in LANGUAGES}, pformat(problems, width=100)
