from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.core.http import is_htmx
from lms.core.i18n import attach_locale, preferred_translation_redirect
from lms.core.routing import CachedRouteMixin
from lms.geography.names import TranslatedNameMixin, names_field

from . import blocks as module_blocks

MODULE_CODE = re.compile(r"^[A-Z]{2,5}-\d{3}$")
_MARKUP = re.compile(r"[<>]")


class Competency(TranslatedNameMixin, models.Model):
    """One competency of the child-protection workforce framework, grouped by area.
    ``display_name`` (and ``str()``) is its name in the active language
    (``lms.geography.names``)."""

    class Area(models.TextChoices):
        LEGAL = "legal", _("Legal and policy framework")
        CASE = "case", _("Case management")
        PARTICIPATION = "participation", _("Child participation and communication")
        FAMILY = "family", _("Family-based care")
        COORDINATION = "coordination", _("Inter-sectoral coordination")
        DATA = "data", _("Data and documentation")
        SELF_CARE = "self_care", _("Self-care")

    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    name = models.CharField(_("name"), max_length=150, unique=True)
    names = names_field()
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = [
        FieldPanel("area"),
        FieldPanel("name"),
        FieldPanel("names"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["area", "sort_order", "name"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.display_name


def reading_seconds_required(*, share: int, estimated_minutes: int) -> int:
    """Seconds a learner must spend on a lesson of ``estimated_minutes`` before marking it
    complete, when their module asks for ``share`` per cent of the estimate (its
    ``min_reading_share``). The one home of that rule."""
    return -(-estimated_minutes * 60 * share // 100)


class ModulePageMixin(CachedRouteMixin):
    """Rules shared by the module page types. Their routes are cached (``lms.core.routing``):
    the catalogue's router serves a page only when it and the pages above it are live."""

    def clean(self):
        super().clean()
        for field in ("title", "seo_title", "draft_title"):
            value = getattr(self, field, "") or ""
            if _MARKUP.search(value):
                raise ValidationError({"title": _("A title cannot contain < or >.")})


class ModuleCataloguePage(ModulePageMixin, Page):
    """The public list of published modules, with filters and search."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["modules.TrainingModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("module catalogue")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_context  # noqa: PLC0415 (it imports this module)

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(catalogue=self, request=request))
        return context

    def get_template(self, request, *args, **kwargs):
        if is_htmx(request) and request.headers.get("HX-Target") == "results":
            return "modules/includes/catalogue_results.html"
        return super().get_template(request, *args, **kwargs)

    def route(self, request, path_components):
        """Find a module, or a module's lesson or assessment, in one query per level with the
        specific page class, instead of Wagtail's two (the page, then its specific object).
        The lesson keeps its module so that its context need not fetch it again."""
        if not path_components or len(path_components) > 2:
            return super().route(request, path_components)
        module = (
            TrainingModulePage.objects.filter(
                path__startswith=self.path, depth=self.depth + 1, slug=path_components[0]
            )
            .select_related("locale")
            .first()
        )
        if module is None or not module.live:
            raise Http404
        module.catalogue = self
        if len(path_components) == 1:
            return module.route(request, [])
        child_filter = {
            "path__startswith": module.path,
            "depth": module.depth + 1,
            "slug": path_components[1],
        }
        child = LessonPage.objects.filter(**child_filter).select_related("locale").first()
        if child is None:
            child = AssessmentPage.objects.filter(**child_filter).select_related("locale").first()
        if child is None:
            raise Http404
        child.module = module
        return child.route(request, [])

    def serve(self, request, *args, **kwargs):
        response = preferred_translation_redirect(self, request) or super().serve(
            request, *args, **kwargs
        )
        # The same URL answers with the whole page or, for htmx, the results alone: caches
        # (and the browser's back button) must keep them apart.
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response


class TrainingModulePage(ModulePageMixin, Page):
    """A standardised training module: its lessons and at most one assessment are children."""

    class CompletionRule(models.TextChoices):
        LESSONS_AND_ASSESSMENT = (
            "lessons_assessment",
            _("All lessons completed and the assessment passed"),
        )
        WITH_ATTENDANCE = (
            "lessons_assessment_attendance",
            _("All lessons, the assessment, and a share of in-person sessions attended (blended)"),
        )

    code = models.CharField(
        _("module code"),
        max_length=12,
        help_text=_("Two to five capital letters, a hyphen and three digits, e.g. CP-101."),
    )
    version = models.CharField(
        _("version"),
        max_length=20,
        default="1.0",
        help_text=_("Cited on certificates. Raise it when the content changes materially."),
    )
    summary = models.TextField(_("summary"), max_length=600)
    learning_outcomes = StreamField(
        [("outcome", module_blocks.blocks.CharBlock(label=_("Outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
        help_text=_("What a learner can do after the module, one per line."),
    )
    cadres = ParentalManyToManyField(
        "accounts.Cadre", blank=True, related_name="+", verbose_name=_("audience cadres")
    )
    competencies = ParentalManyToManyField(
        Competency, blank=True, related_name="+", verbose_name=_("competencies")
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"),
        null=True,
        blank=True,
        help_text=_("Leave blank to use the sum of the lessons' estimates."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="+",
        verbose_name=_("prerequisite modules"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, validators=[MinValueValidator(1)]
    )
    retake_cooldown_hours = models.PositiveSmallIntegerField(
        _("hours between attempts"),
        default=1,
        help_text=_("How long a learner waits after a failed attempt. 0 for no wait."),
    )
    min_reading_share = models.PositiveSmallIntegerField(
        _("minimum reading time (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "A lesson can be marked complete once the learner has spent this share of its "
            "estimated minutes on it. 0 to switch off."
        ),
    )
    has_pre_test = models.BooleanField(
        _("pre-test"),
        default=False,
        help_text=_(
            "Learners take a pre-test drawn from the assessment's questions before the lessons, "
            "so that trainers see what they learned. It never counts against them."
        ),
    )
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=40,
        choices=CompletionRule.choices,
        default=CompletionRule.LESSONS_AND_ASSESSMENT,
    )
    required_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance required (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("For blended modules: the share of the module's sessions to attend."),
    )
    awards_certificate = models.BooleanField(_("awards a certificate"), default=True)
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave blank if it never expires."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    cover_image_alt = models.CharField(_("cover image description"), max_length=250, blank=True)
    # The code is unique within a language (translations share it). ``locale`` lives on the
    # parent table, so the database constraint is on this copy of "code@language".
    code_in_locale = models.CharField(max_length=24, unique=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("version")]),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover")
        ),
        MultiFieldPanel(
            [
                FieldPanel("cadres", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites"),
            ],
            heading=_("Audience and place in the curriculum"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldRowPanel(
                    [
                        FieldPanel("pass_mark"),
                        FieldPanel("max_attempts"),
                        FieldPanel("retake_cooldown_hours"),
                    ]
                ),
                FieldPanel("min_reading_share"),
                FieldPanel("has_pre_test"),
                FieldPanel("completion_rule"),
                FieldPanel("required_attendance_percent"),
            ],
            heading=_("Assessment and completion"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("awards_certificate"),
                FieldPanel("certificate_validity_months"),
                HelpPanel(_("Which certificate template applies is set under Certificates.")),
            ],
            heading=_("Certificate"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.FilterField("code"),
    ]
    parent_page_types = ["modules.ModuleCataloguePage"]
    subpage_types = ["modules.LessonPage", "modules.AssessmentPage"]

    class Meta:
        verbose_name = _("training module")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        if self.locale_id is None:
            self.locale = self.get_default_locale()
        self.code_in_locale = f"{self.code}@{self.locale.language_code}"
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "code_in_locale"}
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors: dict[str, str] = {}
        self.code = (self.code or "").strip().upper()
        if not MODULE_CODE.match(self.code):
            errors["code"] = _(
                "Use two to five capital letters, a hyphen and three digits, e.g. CP-101."
            )
        elif (
            TrainingModulePage.objects.filter(code=self.code, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["code"] = _("Another module already uses this code.")
        if self.cover_image_id and not self.cover_image_alt.strip():
            errors["cover_image_alt"] = _("Describe the cover image for people who cannot see it.")
        if self.completion_rule == self.CompletionRule.WITH_ATTENDANCE:
            if not self.required_attendance_percent:
                errors["required_attendance_percent"] = _(
                    "A blended module needs the share of sessions to attend."
                )
        elif self.required_attendance_percent:
            errors["required_attendance_percent"] = _(
                "Only blended modules require attendance; choose the blended completion rule "
                "or leave this blank."
            )
        if not self.awards_certificate and self.certificate_validity_months:
            errors["certificate_validity_months"] = _(
                "This module awards no certificate; leave the validity blank."
            )
        if errors:
            raise ValidationError(errors)

    @cached_property
    def catalogue(self) -> Page:
        """The catalogue the module is in (set by the catalogue's router when it routes)."""
        return self.get_parent()

    @cached_property
    def lessons(self):
        return LessonPage.objects.live().child_of(self).order_by("path")

    @cached_property
    def assessment(self) -> AssessmentPage | None:
        return AssessmentPage.objects.live().child_of(self).first()

    @property
    def duration_minutes(self) -> int:
        if self.estimated_minutes:
            return self.estimated_minutes
        return sum(lesson.estimated_minutes for lesson in self.lessons)

    def reading_seconds_required(self, lesson: LessonPage) -> int:
        """Seconds a learner must spend on ``lesson`` before marking it complete."""
        return reading_seconds_required(
            share=self.min_reading_share, estimated_minutes=lesson.estimated_minutes
        )

    @property
    def required_attendance(self) -> int | None:
        """The share (%) of the module's in-person sessions a learner must attend to complete
        it: blended modules only (``None`` for the others). The one home of that rule."""
        if self.completion_rule != self.CompletionRule.WITH_ATTENDANCE:
            return None
        return self.required_attendance_percent or 100

    def live_prerequisites(self) -> list[TrainingModulePage]:
        """The prerequisite modules that are published. On a page built from a revision or
        from the editor's form (previews), the relation is modelcluster's in-memory
        ``FakeQuerySet``: it filters on fields in Python but has no ``live()``."""
        return list(self.prerequisites.filter(live=True))

    def get_context(self, request, *args, **kwargs):
        from .selectors import module_context  # noqa: PLC0415 (it imports this module)

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context(module=self, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        return preferred_translation_redirect(self, request) or super().serve(
            request, *args, **kwargs
        )


class ModuleChildMixin:
    """Lessons and assessments know their module; the catalogue's router sets it."""

    @cached_property
    def module(self) -> TrainingModulePage:
        # One query with the specific class (``get_parent().specific`` takes two); needed when
        # the page came from the route cache rather than the catalogue's router.
        return attach_locale(
            TrainingModulePage.objects.defer("learning_outcomes").get(
                path=self.path[: -self.steplen]
            )
        )


class LessonPage(ModuleChildMixin, ModulePageMixin, Page):
    body = StreamField(module_blocks.LessonStreamBlock(), verbose_name=_("body"))
    # The page shows the body from modules.content.rendering's cache; parsing it on every request
    # costs more than the rest of the row.
    cached_route_defer = ("body",)
    # Its cached HTML shows the lessons beside it (see modules.content.rendering).
    route_fingerprint = True
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["modules.TrainingModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from .selectors import lesson_context  # noqa: PLC0415 (it imports this module)

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        from .rendering import render_lesson_page  # noqa: PLC0415 (it imports this module)

        request.is_preview = False
        return preferred_translation_redirect(self, request) or render_lesson_page(self, request)

    def serve_preview(self, request, mode_name):
        from .rendering import render_lesson_page  # noqa: PLC0415 (it imports this module)

        return render_lesson_page(self, request)


class AssessmentPage(ModuleChildMixin, ModulePageMixin, Page):
    class ShowAnswers(models.TextChoices):
        AFTER_PASS_OR_LAST = "after_pass_or_last", _("After passing or the last attempt")
        ALWAYS = "always", _("After every attempt")
        NEVER = "never", _("Never")

    intro = models.TextField(_("instructions"), blank=True)
    questions = StreamField(module_blocks.QuestionStreamBlock(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Leave blank to use the module's pass mark."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Draw this many questions from the pool for each attempt. Leave blank to ask them all."
        ),
    )
    show_answers = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AFTER_PASS_OR_LAST,
        help_text=_(
            "When a learner sees the correct answers and explanations of an attempt. Shown "
            "earlier, they let a retake be passed from memory."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("draw_count")]),
        FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
        FieldPanel("show_answers"),
        FieldPanel("questions"),
    ]
    parent_page_types = ["modules.TrainingModulePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("assessment")

    def clean(self):
        super().clean()
        pool = len(self.questions or [])
        if pool == 0:
            raise ValidationError({"questions": _("Add at least one question.")})
        if self.draw_count and self.draw_count > pool:
            raise ValidationError(
                {"draw_count": _("The pool has only %(pool)s questions.") % {"pool": pool}}
            )

    def get_context(self, request, *args, **kwargs):
        from .selectors import assessment_context  # noqa: PLC0415 (it imports this module)

        context = super().get_context(request, *args, **kwargs)
        context.update(assessment_context(assessment=self, request=request))
        return context


class RequiredTraining(models.Model):
    """A module that everyone of a cadre must hold: completed within some months of taking up
    the post, or by a date, and renewed when its certificate expires.

    It names the module in its source language (learners may take any translation); the
    scorecard and "Required for your role" on My learning read it through
    ``selectors.required_training``."""

    cadre = models.ForeignKey(
        "accounts.Cadre",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("cadre"),
    )
    module = models.ForeignKey(
        TrainingModulePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("module"),
    )
    within_months = models.PositiveSmallIntegerField(
        _("due within (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Months after a person takes up the post, e.g. 2 for CWC and JJB members. "
            "Leave blank if only a date applies."
        ),
    )
    due_by = models.DateField(
        _("due by"),
        null=True,
        blank=True,
        help_text=_("A date by which everyone in post must hold it, whichever comes later."),
    )
    renew = models.BooleanField(
        _("renew on expiry"),
        default=True,
        help_text=_("When the certificate expires, the module is due again at once."),
    )

    panels = [
        FieldPanel("cadre"),
        FieldPanel("module"),
        FieldRowPanel([FieldPanel("within_months"), FieldPanel("due_by")]),
        FieldPanel("renew"),
    ]

    class Meta:
        ordering = ["cadre__sort_order", "module__code"]
        verbose_name = _("required training")
        verbose_name_plural = _("required training")
        constraints = [
            models.UniqueConstraint(fields=["cadre", "module"], name="required_training_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.module.code}"

    def clean(self):
        super().clean()
        module = getattr(self, "module", None)
        if (
            module is not None
            and module.pk
            and module.locale.language_code != settings.LANGUAGE_CODE
        ):
            raise ValidationError(
                {"module": _("Choose the module in its source language (English).")}
            )
