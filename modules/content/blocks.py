"""StreamField blocks for lessons and assessments. Every block has its own template under
``templates/modules/blocks/``. No block accepts raw HTML.

Questions and knowledge checks carry their correct answers in the stored page, and those
answers never reach a learner's browser before the attempt is submitted: the templates render
options by their stable block ids only, and grading happens on the server (``grading.py``).
"""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

#: Rich text in lessons: structure and emphasis only.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]

#: The stored markup (Wagtail's database format) each rich-text feature may produce.
_FEATURE_TAGS = {
    "h2": {"h2"},
    "h3": {"h3"},
    "h4": {"h4"},
    "bold": {"b"},
    "italic": {"i"},
    "ol": {"ol", "li"},
    "ul": {"ul", "li"},
    "link": {"a"},
    "document-link": {"a"},
}
_BLOCK_TAGS = {"p", "h2", "h3", "h4", "li"}
_LINK_SCHEMES = {"http", "https", "mailto", "tel"}


class _RichTextChecker(HTMLParser):
    """Collects what a rich-text value holds beyond what its features allow."""

    def __init__(self, features: list[str], extra_tags: set[str]):
        super().__init__(convert_charrefs=True)
        self.features = set(features)
        self.allowed = {"p", "br", *extra_tags}.union(
            *(_FEATURE_TAGS.get(f, set()) for f in features)
        )
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self.problems.append(_("The tag <%(tag)s> is not allowed here.") % {"tag": tag})
            return
        for name, value in attrs:
            if tag == "a" and not self._link_attribute_ok(name, value or "", dict(attrs)):
                self.problems.append(_("This link is not allowed: %(attr)s.") % {"attr": name})
            elif tag != "a" and not (name == "data-block-key" and tag in _BLOCK_TAGS):
                self.problems.append(
                    _("The attribute %(attr)s is not allowed on <%(tag)s>.")
                    % {"attr": name, "tag": tag}
                )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _link_attribute_ok(self, name: str, value: str, attrs: dict) -> bool:
        linktype = attrs.get("linktype")
        if name == "href":
            # External, email and telephone links, and links within the page (Wagtail's "link").
            scheme = urlsplit(value.strip()).scheme.lower()
            return "link" in self.features and linktype is None and scheme in _LINK_SCHEMES | {""}
        if name == "linktype":
            wanted = {"page": "link", "document": "document-link"}.get(value)
            return wanted in self.features
        return name == "id" and linktype is not None and value.isdigit()


def rich_text_problems(html: str, features: list[str], extra_tags=frozenset()) -> list[str]:
    """What ``html`` (rich text as stored) holds that the editor with ``features`` could not
    have produced: other tags, attributes, or links with other schemes (``javascript:``).
    Content imported from files must keep to what authors can write in the admin."""
    checker = _RichTextChecker(features, set(extra_tags))
    checker.feed(html)
    checker.close()
    return checker.problems


def _rich_text_error(block, value) -> ValidationError | None:
    source = getattr(value, "source", value) or ""
    problems = rich_text_problems(source, block.features or [])
    return ValidationError(problems) if problems else None


class RichTextRulesMixin:
    """For a StructBlock: its rich-text fields keep to their features (``rich_text_problems``)."""

    def clean(self, value):
        errors = {
            name: error
            for name, child in self.child_blocks.items()
            if isinstance(child, blocks.RichTextBlock)
            and (error := _rich_text_error(child, value.get(name)))
        }
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return super().clean(value)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "modules/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "modules/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """An uploaded video file, played by the browser: it works where embeds do not."""

    video = DocumentChooserBlock(
        label=_("Video file"), help_text=_("An MP4 (H.264) or WebM file uploaded as a document.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("A .vtt subtitles file in the lesson's language."),
    )
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("What is said and shown, for people who cannot play the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video (uploaded)")
        template = "modules/blocks/video.html"


class VideoEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video (embedded)")
        template = "modules/blocks/video_embed.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=150)
    description = blocks.CharBlock(label=_("Description"), max_length=250, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "modules/blocks/document.html"


class CalloutBlock(RichTextRulesMixin, blocks.StructBlock):
    NOTE, WARNING, LAW = "note", "warning", "law"

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[(NOTE, _("Note")), (WARNING, _("Warning")), (LAW, _("Provision of law"))],
        default=NOTE,
    )
    title = blocks.CharBlock(label=_("Title"), max_length=150, required=False)
    body = blocks.RichTextBlock(label=_("Text"), features=SHORT_RICH_TEXT_FEATURES)
    act = blocks.CharBlock(
        label=_("Act"),
        max_length=200,
        required=False,
        help_text=_(
            "For a provision of law: e.g. Juvenile Justice (Care and Protection of "
            "Children) Act, 2015."
        ),
    )
    section = blocks.CharBlock(
        label=_("Section"),
        max_length=60,
        required=False,
        help_text=_("For a provision of law: e.g. Section 31."),
    )

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "modules/blocks/callout.html"

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] == self.LAW:
            errors = {}
            if not value["act"]:
                errors["act"] = ValidationError(_("Name the act for a provision of law."))
            if not value["section"]:
                errors["section"] = ValidationError(_("Give the section for a provision of law."))
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value


class CaseStudyBlock(RichTextRulesMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    scenario = blocks.RichTextBlock(label=_("Scenario"), features=SHORT_RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Questions for reflection"), min_num=0
    )
    discussion = blocks.RichTextBlock(
        label=_("Discussion"),
        features=SHORT_RICH_TEXT_FEATURES,
        required=False,
        help_text=_("What good practice looks like in this case."),
    )

    class Meta:
        icon = "user"
        label = _("Case study")
        template = "modules/blocks/case_study.html"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150, default=_("Key points"))
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Points"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "modules/blocks/key_points.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said or wrote it"), max_length=150)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "modules/blocks/quote.html"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Option")


def _check_options(value, *, exactly_one: bool) -> dict[str, ValidationError]:
    """The rules every question with options follows: at least two options, at least one
    correct, exactly one for single-choice questions."""
    options = value["options"]
    correct = sum(1 for option in options if option["correct"])
    if len(options) < 2:
        return {"options": ValidationError(_("Give at least two options."))}
    if correct == 0:
        return {"options": ValidationError(_("Mark at least one option as correct."))}
    if exactly_one and correct != 1:
        return {"options": ValidationError(_("Mark exactly one option as correct."))}
    return {}


class OptionRulesMixin:
    """Validates a block's ``options`` with ``_check_options``."""

    exactly_one_correct = False

    def clean(self, value):
        value = super().clean(value)
        errors = _check_options(value, exactly_one=self.exactly_one_correct)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


#: The verdict the knowledge check's answer shows before each feedback text (the same messages
#: as ``knowledge_check_feedback.html``).
_FEEDBACK_VERDICTS = {"feedback_correct": "Correct.", "feedback_incorrect": "Not quite."}


def _leading_verdict(text: str, verdict: str) -> str | None:
    """The form of ``verdict`` (in English or in any content language) that ``text`` begins
    with as a word of its own, e.g. "Correct. Section 2(13)…", "सही।", "Not quite —"."""
    text = (text or "").lstrip().casefold()
    forms = {verdict}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        with translation.override(code):
            forms.add(translation.gettext(verdict))
    for form in sorted(forms, key=len, reverse=True):
        word = form.rstrip(".!।").strip()
        if not word or not text.startswith(word.casefold()):
            continue
        rest = text[len(word) :].lstrip()
        # "Correct." or "Correct — …" repeats the verdict; "Correctly placed…" does not.
        if not rest or unicodedata.category(rest[0]).startswith("P"):
            return word
    return None


def _feedback_errors(value, skip=()) -> dict[str, ValidationError]:
    """A knowledge check's feedback texts that begin with the verdict the page shows before
    them (fields in ``skip`` already have an error)."""
    errors = {}
    for name, verdict in _FEEDBACK_VERDICTS.items():
        if name not in skip and (word := _leading_verdict(value.get(name) or "", verdict)):
            errors[name] = ValidationError(
                _(
                    "Leave out “%(verdict)s” at the start: the page already says it before "
                    "the feedback."
                )
                % {"verdict": word}
            )
    return errors


class KnowledgeCheckBlock(OptionRulesMixin, blocks.StructBlock):
    """An ungraded question inside a lesson, answered inline with immediate feedback."""

    question = blocks.TextBlock(label=_("Question"))
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)
    feedback_correct = blocks.TextBlock(label=_("Feedback when right"))
    feedback_incorrect = blocks.TextBlock(label=_("Feedback when wrong"))

    class Meta:
        icon = "help"
        label = _("Knowledge check")
        template = "modules/blocks/knowledge_check.html"

    def clean(self, value):
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            errors = {**_feedback_errors(value, skip=error.block_errors), **error.block_errors}
            raise StructBlockValidationError(
                block_errors=errors, non_block_errors=error.non_block_errors
            ) from error
        if errors := _feedback_errors(value):
            raise StructBlockValidationError(block_errors=errors)
        return cleaned

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Only the option ids and texts go to the template; whether several answers are
        # expected decides checkboxes or radio buttons.
        context["options"] = [
            (bound.id, bound.value["text"]) for bound in value["options"].bound_blocks
        ]
        context["several"] = sum(1 for option in value["options"] if option["correct"]) > 1
        return context


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="modules/blocks/text.html",
    )
    image = ImageBlock()
    video = VideoBlock()
    video_embed = VideoEmbedBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    key_points = KeyPointsBlock()
    quote = QuoteBlock()
    knowledge_check = KnowledgeCheckBlock()

    def clean(self, value):
        # The text block is a bare RichTextBlock: its rule is checked here, by position.
        errors = {
            index: error
            for index, child in enumerate(value)
            if isinstance(child.block, blocks.RichTextBlock)
            and (error := _rich_text_error(child.block, child.value))
        }
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return super().clean(value)


# --- Assessment questions -----------------------------------------------------------------


class BaseQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    points = blocks.IntegerBlock(label=_("Points"), min_value=1, max_value=100, default=1)
    explanation = blocks.TextBlock(
        label=_("Explanation"), help_text=_("Shown to the learner after the attempt.")
    )


class SingleChoiceQuestionBlock(OptionRulesMixin, BaseQuestionBlock):
    exactly_one_correct = True
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestionBlock(OptionRulesMixin, BaseQuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


class TrueFalseQuestionBlock(BaseQuestionBlock):
    correct_answer = blocks.ChoiceBlock(
        label=_("The statement is"), choices=[("true", _("True")), ("false", _("False"))]
    )

    class Meta:
        icon = "radio-empty"
        label = _("True or false")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()

    class Meta:
        min_num = 1
