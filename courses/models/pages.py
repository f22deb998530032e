"""The course tree: catalogue → course → (module) → lesson."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts import roles
from courses.blocks import LessonStreamBlock, SourceStreamBlock
from courses.localization import LocalizedPageMixin
from courses.routing import RouteAncestorsMixin


class IPArea(models.Model):
    """A fixed area of IP law a course covers (created by a data migration)."""

    class Code(models.TextChoices):
        PATENTS = "patents", _("Patents")
        TRADEMARKS = "trademarks", _("Trademarks")
        COPYRIGHT = "copyright", _("Copyright")
        INDUSTRIAL_DESIGNS = "industrial_designs", _("Industrial designs")
        GEOGRAPHICAL_INDICATIONS = (
            "geographical_indications",
            _("Geographical indications"),
        )
        TRADITIONAL_KNOWLEDGE = "traditional_knowledge", _("Traditional knowledge")
        GENETIC_RESOURCES = "genetic_resources", _("Genetic resources")
        ENFORCEMENT = "enforcement", _("Enforcement")
        EXAMINATION_COOPERATION = (
            "examination_cooperation",
            _("Examination cooperation / PPH"),
        )

    # One colour per area for drawn badges and demo images (contrast ≥ 4.5:1
    # against white text).
    COLOURS = {
        Code.PATENTS: "#1d5f8f",
        Code.TRADEMARKS: "#8a3b12",
        Code.COPYRIGHT: "#6b3a8c",
        Code.INDUSTRIAL_DESIGNS: "#0f6e62",
        Code.GEOGRAPHICAL_INDICATIONS: "#5c6b12",
        Code.TRADITIONAL_KNOWLEDGE: "#8c2f4f",
        Code.GENETIC_RESOURCES: "#2f6b2f",
        Code.ENFORCEMENT: "#a12622",
        Code.EXAMINATION_COOPERATION: "#3a4a8c",
    }
    DEFAULT_COLOUR = "#35495e"

    code = models.CharField(_("code"), max_length=40, unique=True, choices=Code)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("IP area")
        verbose_name_plural = _("IP areas")

    def __str__(self):
        return str(self.get_code_display())

    @property
    def colour(self) -> str:
        return self.COLOURS.get(self.code, self.DEFAULT_COLOUR)


class CourseIndexPage(LocalizedPageMixin, RouteAncestorsMixin, Page):
    """The course catalogue."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.forms import CatalogueFilterForm
        from courses.selectors import course_list_for_catalogue, page_cache_get

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["courses"] = course_list_for_catalogue(catalogue=self, **filters)
        context["filtered"] = any(filters.values())
        context["page_cache"] = page_cache_get(request=request)
        return context


def _instructor_choices():
    return {"groups__name": roles.INSTRUCTORS}


class CoursePage(LocalizedPageMixin, RouteAncestorsMixin, Page):
    """A course: what trainees study; cohorts run it."""

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(_("summary"), blank=True)
    learning_outcomes = RichTextField(
        _("learning outcomes"),
        blank=True,
        features=["ul", "ol", "bold", "italic", "link"],
        help_text=_("What a trainee can do after the course; one item per line."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    language = models.CharField(
        _("language of instruction"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )
    estimated_hours = models.PositiveIntegerField(_("estimated hours"), default=10)
    ip_areas = ParentalManyToManyField(
        IPArea, verbose_name=_("IP areas"), blank=True, related_name="courses"
    )
    jurisdictions = ParentalManyToManyField(
        "courses.JurisdictionPage",
        verbose_name=_("jurisdictions covered"),
        blank=True,
        related_name="courses",
    )
    instructors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructors"),
        blank=True,
        related_name="taught_courses",
        limit_choices_to=_instructor_choices,
        help_text=_("Instructors who may edit this course and its lessons."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("cover image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the cover image shows, for people who cannot see it. "
            "Required with a cover image."
        ),
    )
    badge_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("badge image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The badge on the course's certificates: a square PNG or JPEG, at "
            "least 400 pixels wide. Without one, a badge with the course's "
            "initials is drawn."
        ),
    )
    sources = StreamField(
        SourceStreamBlock(), verbose_name=_("sources"), blank=True, default=list
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("cover_image"),
                FieldPanel("cover_image_alt"),
                FieldPanel("badge_image"),
            ],
            heading=_("Images"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("language"),
                FieldPanel("estimated_hours"),
                FieldPanel("ip_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("jurisdictions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Catalogue"),
        ),
        FieldPanel(
            "instructors",
            widget=forms.CheckboxSelectMultiple,
            permission="wagtailcore.publish_page",
        ),
        InlinePanel(
            "teaching_team",
            heading=_("Instructors shown on the course page"),
            label=_("instructor"),
        ),
        FieldPanel("sources"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.FilterField("level"),
        index.FilterField("language"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    @property
    def badge_colour(self) -> str:
        """The colour of the course's first IP area, for drawn badges."""
        area = self.ip_areas.first()
        return area.colour if area else IPArea.DEFAULT_COLOUR

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {"cover_image_alt": _("Describe the cover image for screen readers.")}
            )

    @property
    def reading_language(self) -> str:
        """The language this version of the course is written in.

        `language` is the source course's, and translations copy it; a
        translation is in its locale's language.
        """
        from courses.localization import default_locale_id, locale_language

        if self.locale_id and self.locale_id != default_locale_id():
            return locale_language(self.locale_id)
        return self.language

    def get_reading_language_display(self) -> str:
        return str(dict(settings.LANGUAGES).get(self.reading_language, ""))

    def permissions_for_user(self, user):
        from courses.permissions import CoursePagePermissionTester

        return CoursePagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import (
            course_outline,
            course_progress_get,
            page_cache_get,
        )

        context = super().get_context(request, *args, **kwargs)
        # Lazy: a body served from the cache never reads the outline.
        outline = SimpleLazyObject(lambda: course_outline(course=self))
        context["outline"] = outline
        context["progress"] = course_progress_get(
            user=request.user, course=self, outline=outline
        )
        context["page_cache"] = page_cache_get(request=request)
        return context


class CourseInstructor(Orderable):
    """A person teaching a course, as the course page presents them.

    Separate from `CoursePage.instructors` (the accounts that may edit the
    course): guest lecturers and examiners need no account.
    """

    course = ParentalKey(
        CoursePage, on_delete=models.CASCADE, related_name="teaching_team"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role or office"),
        max_length=200,
        blank=True,
        help_text=_("For example: Senior patent examiner, CNIPA."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), max_length=600, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")

    def __str__(self):
        return self.name


class ModulePage(LocalizedPageMixin, RouteAncestorsMixin, Page):
    """An optional group of lessons inside a course."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def permissions_for_user(self, user):
        from courses.permissions import CoursePagePermissionTester

        return CoursePagePermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its lessons are listed on the course.
        from django.shortcuts import redirect

        from courses.localization import page_url

        parent = self.get_parent()
        return redirect(page_url(parent, request) + f"#module-{self.pk}")


class LessonPage(LocalizedPageMixin, RouteAncestorsMixin, Page):
    """One lesson: a StreamField body that trainees read and mark complete."""

    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=30)
    body = StreamField(
        LessonStreamBlock(), verbose_name=_("body"), blank=True, default=list
    )
    sources = StreamField(
        SourceStreamBlock(), verbose_name=_("sources"), blank=True, default=list
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def permissions_for_user(self, user):
        from courses.permissions import CoursePagePermissionTester

        return CoursePagePermissionTester(user, self)

    def get_course(self):
        """The live course this lesson belongs to (a base Page), or None."""
        from courses.selectors import course_for_lesson

        return course_for_lesson(lesson=self)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import (
            course_outline,
            course_progress_get,
            page_cache_get,
        )
        from courses.services import course_progress_visit

        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        # Lazy: a body served from the cache never reads the outline.
        outline = (
            SimpleLazyObject(lambda: course_outline(course=course)) if course else None
        )
        progress = None
        if course:
            progress = course_progress_get(
                user=request.user, course=course, outline=outline
            )
            if progress and progress.started and progress.last_lesson_id != self.pk:
                course_progress_visit(user=request.user, course=course, lesson=self)
        context.update(
            course=course,
            outline=outline,
            progress=progress,
            previous_lesson=SimpleLazyObject(
                lambda: outline.previous(self) if outline else None
            ),
            next_lesson=SimpleLazyObject(
                lambda: outline.next(self) if outline else None
            ),
            page_cache=page_cache_get(request=request),
            # The lesson's own text and sources: the same for every reader.
            content_cache=page_cache_get(request=request, same_for_everyone=True),
        )
        return context
