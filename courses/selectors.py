"""Reads for the catalogue, course outlines, progress and the regimes comparison.

Each selector runs a fixed number of queries, whatever the number of courses,
lessons or jurisdictions (pinned by tests/courses/test_queries.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.localization import (
    active_locale_id,
    default_locale_id,
    in_active_locale,
    source_page,
)
from courses.models import (
    CourseIndexPage,
    CoursePage,
    CourseProgress,
    IPArea,
    JurisdictionIndexPage,
    JurisdictionPage,
    LessonPage,
    LessonProgress,
    ModulePage,
    Treaty,
    TreatyMembership,
)

COVER_RENDITION = "fill-640x360"


def course_list_for_catalogue(
    *,
    catalogue: CourseIndexPage,
    ip_area: str = "",
    jurisdiction: str = "",
    level: str = "",
    language: str = "",
    **_unused,
) -> QuerySet[CoursePage]:
    """Live courses of `catalogue`, filtered, with areas and covers prefetched.

    In the active language: translated courses, and the source-language ones
    not translated yet (courses.localization). `language` keeps the courses
    that can be read in that language, in the original or a translation.
    """
    source = source_page(catalogue)
    qs = (
        in_active_locale(
            CoursePage.objects.filter(
                Q(path__startswith=catalogue.path) | Q(path__startswith=source.path),
                depth=catalogue.depth + 1,
            )
        )
        .live()
        .public()
        .select_related("cover_image")
        .prefetch_related(
            "ip_areas",
            Prefetch(
                "jurisdictions",
                queryset=JurisdictionPage.objects.only(
                    "id", "title", "slug", "locale_id", "url_path"
                ),
            ),
            Prefetch(
                "cover_image",
                queryset=get_image_model().objects.prefetch_renditions(COVER_RENDITION),
            ),
        )
        .order_by("title")
    )
    if ip_area:
        qs = qs.filter(ip_areas__code=ip_area)
    if jurisdiction:
        qs = qs.filter(jurisdictions__slug=jurisdiction)
    if level:
        qs = qs.filter(level=level)
    if language:
        qs = qs.filter(translation_key__in=_course_keys_readable_in(language))
    return qs.distinct()


def _course_keys_readable_in(language: str) -> QuerySet:
    """Translation keys of the courses with a live version in `language`: a
    source course taught in it, or a translation into it."""
    default = default_locale_id()
    return (
        CoursePage.objects.live()
        .filter(
            Q(locale_id=default, language=language)
            | (Q(locale__language_code=language) & ~Q(locale_id=default))
        )
        .values("translation_key")
    )


@dataclass
class OutlineItem:
    page: Page
    kind: str  # "module" or "lesson"
    number: int = 0  # lesson number within the course
    lessons: list[OutlineItem] = field(default_factory=list)


@dataclass
class CourseOutline:
    """The live modules and lessons of a course, in tree order."""

    course: CoursePage
    sections: list[OutlineItem]  # top-level items: modules (with lessons) or lessons
    lessons: list[Page]
    # page id → id of its source-language page (progress is kept on the source)
    source_ids: dict[int, int] = field(default_factory=dict)

    def source_id(self, page) -> int:
        return self.source_ids.get(page.pk, page.pk)

    def index_of(self, lesson) -> int | None:
        for position, page in enumerate(self.lessons):
            if page.pk == lesson.pk:
                return position
        return None

    def previous(self, lesson):
        position = self.index_of(lesson)
        return self.lessons[position - 1] if position else None

    def next(self, lesson):
        position = self.index_of(lesson)
        if position is None or position + 1 >= len(self.lessons):
            return None
        return self.lessons[position + 1]


def course_outline(*, course: CoursePage) -> CourseOutline:
    """Modules and lessons of `course`, in order, in one query (base Page rows).

    For a translated course the structure is the source course's, each page
    replaced by its translation where there is one (two queries); the others
    stay in the source language. `source_ids` maps each page to its source page.
    """
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(ModulePage, LessonPage)
    module_type, lesson_type = types[ModulePage].pk, types[LessonPage].pk
    fields = (
        "id",
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "content_type_id",
        "locale_id",
        "translation_key",
    )
    source = source_page(course)
    pages = list(
        Page.objects.descendant_of(source)
        .live()
        .filter(content_type_id__in=[module_type, lesson_type])
        .only(*fields)
        .order_by("path")
    )
    source_ids = {page.pk: page.pk for page in pages}
    source_ids[course.pk] = source.pk
    if source.pk != course.pk:
        translated = {
            page.translation_key: page
            for page in Page.objects.descendant_of(course)
            .live()
            .filter(content_type_id__in=[module_type, lesson_type])
            .only(*fields)
        }
        localized = []
        for page in pages:
            translation = translated.get(page.translation_key)
            if translation is not None:
                # Keep the source's tree position so modules still nest.
                source_ids[translation.pk] = page.pk
                translation.source_path = page.path
                page = translation
            localized.append(page)
        pages = localized
    sections: list[OutlineItem] = []
    lessons: list[Page] = []
    modules: dict[str, OutlineItem] = {}
    for page in pages:
        path = getattr(page, "source_path", page.path)
        if page.content_type_id == module_type:
            item = OutlineItem(page=page, kind="module")
            modules[path] = item
            sections.append(item)
            continue
        item = OutlineItem(page=page, kind="lesson", number=len(lessons) + 1)
        lessons.append(page)
        parent = modules.get(path[: -Page.steplen])
        if parent is not None:
            parent.lessons.append(item)
        elif page.depth == source.depth + 1:
            sections.append(item)
    return CourseOutline(
        course=course, sections=sections, lessons=lessons, source_ids=source_ids
    )


@dataclass
class Progress:
    """A trainee's progress through one course."""

    started: bool
    completed_ids: set[int]
    total: int
    resume_lesson: Page | None
    next_lesson: Page | None
    last_lesson_id: int | None = None

    @property
    def completed(self) -> int:
        return len(self.completed_ids)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return bool(self.total) and self.completed >= self.total


def course_progress_get(
    *, user, course: CoursePage, outline: CourseOutline | None = None
) -> Progress | None:
    """The user's progress in `course` (None when anonymous); two queries."""
    if not user.is_authenticated:
        return None
    outline = outline or course_outline(course=course)
    record = CourseProgress.objects.filter(
        user=user, course_id=outline.source_id(course)
    ).first()
    lesson_ids = [outline.source_id(page) for page in outline.lessons]
    completed = set(
        LessonProgress.objects.filter(user=user, lesson_id__in=lesson_ids).values_list(
            "lesson_id", flat=True
        )
    )
    return _progress(record, outline, completed)


def _progress(record, outline, completed_source_ids) -> Progress:
    """Progress in `outline`'s pages from completions recorded on source pages."""
    completed = {
        page.pk
        for page in outline.lessons
        if outline.source_id(page) in completed_source_ids
    }
    next_lesson = next(
        (page for page in outline.lessons if page.pk not in completed), None
    )
    resume = None
    if record and record.last_lesson_id:
        resume = next(
            (
                page
                for page in outline.lessons
                if outline.source_id(page) == record.last_lesson_id
            ),
            None,
        )
    return Progress(
        started=record is not None,
        completed_ids=completed,
        total=len(outline.lessons),
        resume_lesson=resume or next_lesson,
        next_lesson=next_lesson,
        last_lesson_id=resume.pk if resume else None,
    )


@dataclass
class CourseInProgress:
    course: CoursePage
    progress: Progress
    # Titles in the reader's language where the pages are translated.
    title: str = ""
    resume_title: str = ""


def course_list_in_progress(*, user) -> list[CourseInProgress]:
    """Courses the user started, most recent first, with progress; three queries."""
    from django.contrib.contenttypes.models import ContentType

    records = list(
        CourseProgress.objects.filter(user=user, course__live=True)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    if not records:
        return []
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    lessons = list(
        Page.objects.live()
        .public()
        .filter(content_type_id=lesson_type)
        .filter(_descendants_of([record.course for record in records]))
        .only(
            "id", "title", "url_path", "path", "depth", "locale_id", "translation_key"
        )
        .order_by("path")
    )
    completed = set(
        LessonProgress.objects.filter(
            user=user, lesson_id__in=[lesson.pk for lesson in lessons]
        ).values_list("lesson_id", flat=True)
    )
    result = []
    for record in records:
        course_lessons = [
            lesson for lesson in lessons if lesson.path.startswith(record.course.path)
        ]
        outline = CourseOutline(
            course=record.course, sections=[], lessons=course_lessons
        )
        done = completed & {lesson.pk for lesson in course_lessons}
        progress = _progress(record, outline, done)
        resume = progress.resume_lesson
        result.append(
            CourseInProgress(
                course=record.course,
                progress=progress,
                title=record.course.title,
                resume_title=resume.title if resume else "",
            )
        )
    _translate_titles(result)
    return result


def _translate_titles(items: list[CourseInProgress]) -> None:
    """Titles of the translations into the reader's language; one query, none in
    the source language. Progress stays on source pages; links are localized by
    the template."""
    locale_id = active_locale_id()
    if not items or locale_id is None or locale_id == default_locale_id():
        return
    keys = {item.course.translation_key for item in items}
    keys |= {
        item.progress.resume_lesson.translation_key
        for item in items
        if item.progress.resume_lesson
    }
    titles = dict(
        Page.objects.live()
        .filter(translation_key__in=keys, locale_id=locale_id)
        .values_list("translation_key", "title")
    )
    for item in items:
        item.title = titles.get(item.course.translation_key, item.title)
        if item.progress.resume_lesson:
            item.resume_title = titles.get(
                item.progress.resume_lesson.translation_key, item.resume_title
            )


def _descendants_of(pages):
    from django.db.models import Q

    condition = Q(pk__in=[])
    for page in pages:
        condition |= Q(path__startswith=page.path, depth__gt=page.depth)
    return condition


def jurisdiction_list(*, index: JurisdictionIndexPage | None = None, public=True):
    """Live jurisdiction pages in the active language (source where untranslated),
    by title; only unrestricted ones when `public`."""
    qs = in_active_locale(JurisdictionPage.objects.live()).order_by("title")
    if public:
        qs = qs.public()
    if index is not None:
        source = source_page(index)
        qs = qs.filter(
            Q(path__startswith=index.path) | Q(path__startswith=source.path),
            depth=index.depth + 1,
        )
    return qs


# Rows of the comparison table: (label, attribute on JurisdictionPage).
COMPARISON_FIELDS = [
    (_("Kind"), "get_kind_display"),
    (_("IP office"), "ip_office"),
    (_("Official languages of procedure"), "official_languages"),
    (_("PPH partners"), "pph_partners"),
    (_("Geographical indications protected by"), "get_gi_protection_display"),
    (_("Geographical indications: notes"), "gi_notes"),
    (_("Traditional knowledge and genetic resources"), "tk_gr_protection"),
    (_("Patent term"), "patent_term"),
    (_("Utility model term"), "utility_model_term"),
    (_("Industrial design term"), "design_term"),
    (_("Trademark term"), "trademark_term"),
    (_("Copyright term"), "copyright_term"),
]


@dataclass
class ComparisonRow:
    label: str
    cells: list  # str for fields; TreatyMembership or None for treaties
    is_treaty: bool = False
    treaty: Treaty | None = None


@dataclass
class Comparison:
    jurisdictions: list[JurisdictionPage]
    rows: list[ComparisonRow]
    treaty_rows: list[ComparisonRow]
    missing: list[str]


def jurisdiction_comparison(*, slugs: list[str]) -> Comparison:
    """Structured fields of the jurisdictions with `slugs`, side by side.

    Keeps the order of `slugs`; unknown or unpublished slugs are listed in
    `missing`. Treaty rows are the treaties any of them has a membership
    record for (no record reads "unknown"). Two queries whatever the number
    of jurisdictions.
    """
    pages = {
        page.slug: page
        for page in in_active_locale(JurisdictionPage.objects.live())
        .filter(slug__in=slugs)
        .prefetch_related(
            Prefetch(
                "treaty_memberships",
                queryset=TreatyMembership.objects.select_related("treaty"),
            )
        )
    }
    jurisdictions = [pages[slug] for slug in slugs if slug in pages]
    missing = [slug for slug in slugs if slug not in pages]
    rows = []
    for label, attribute in COMPARISON_FIELDS:
        cells = []
        for page in jurisdictions:
            value = getattr(page, attribute)
            cells.append(value() if callable(value) else value)
        rows.append(ComparisonRow(label=label, cells=cells))
    treaties = {
        membership.treaty_id: membership.treaty
        for page in jurisdictions
        for membership in page.treaty_memberships.all()
    }
    treaty_rows = []
    for treaty in sorted(
        treaties.values(), key=lambda t: (t.sort_order, t.short_name.lower())
    ):
        cells = []
        for page in jurisdictions:
            membership = next(
                (m for m in page.treaty_memberships.all() if m.treaty_id == treaty.pk),
                None,
            )
            cells.append(membership)
        treaty_rows.append(
            ComparisonRow(
                label=treaty.short_name, cells=cells, is_treaty=True, treaty=treaty
            )
        )
    return Comparison(
        jurisdictions=jurisdictions, rows=rows, treaty_rows=treaty_rows, missing=missing
    )


def ip_area_list():
    return IPArea.objects.all()


# Pages read for the substring search (courses.search); beyond that, the
# full-text results alone.
SUBSTRING_SEARCH_LIMIT = 2000


def page_search(*, query: str):
    """Live courses, lessons and jurisdictions matching `query`, in the active
    language (source-language pages where not translated).

    The full-text results first; for Chinese, Japanese, Korean or Arabic
    queries, and for any query the full-text search finds nothing for, then the
    pages whose indexed text contains every term (courses.search).
    """
    from courses.search import search_matches, search_needs_substring, search_terms

    pages = in_active_locale(
        Page.objects.live().public().type(CoursePage, LessonPage, JurisdictionPage)
    )
    found = pages.specific(defer=True).search(query)
    if not search_needs_substring(query) and found.count():
        return found
    terms = search_terms(query)
    results = list(found)
    seen = {page.pk for page in results}
    candidates = pages.exclude(pk__in=seen).order_by("path").specific()
    results += [
        page
        for page in candidates[:SUBSTRING_SEARCH_LIMIT]
        if search_matches(page, terms)
    ]
    return results


def course_for_lesson(*, lesson) -> Page | None:
    """The live course above `lesson`; free when routing cached the ancestors."""
    from django.contrib.contenttypes.models import ContentType

    course_type = ContentType.objects.get_for_model(CoursePage).pk
    ancestors = getattr(lesson, "_route_ancestors", None)
    if ancestors is not None:
        return next(
            (
                page
                for page in ancestors
                if page.content_type_id == course_type and page.live
            ),
            None,
        )
    return CoursePage.objects.ancestor_of(lesson).live().first()


@dataclass(frozen=True)
class PageCache:
    """How templates cache a page body: vary on `key`, keep it `timeout` seconds."""

    key: int
    timeout: int


def page_cache_get(*, request) -> PageCache | None:
    """Fragment-cache parameters for this request, or None to render afresh.

    Only anonymous GETs without a query string of published pages (not previews)
    are served from the cache: they all see the same page. One cache read.
    """
    import time

    from django.conf import settings
    from django.core.cache import cache

    from courses.services import PAGE_CACHE_GENERATION_KEY

    if (
        not settings.COURSES_PAGE_CACHE
        or request.method != "GET"
        or request.GET
        or getattr(request, "is_preview", False)
        or request.user.is_authenticated
    ):
        return None
    generation = cache.get_or_set(PAGE_CACHE_GENERATION_KEY, time.time_ns, None)
    return PageCache(key=generation, timeout=settings.COURSES_PAGE_CACHE_SECONDS)


def page_title_in_language(*, page, language_code: str) -> str:
    """The title of `page`'s live translation into `language_code`, or ""."""
    translation = (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=language_code,
        )
        .live()
        .only("title")
        .first()
    )
    return translation.title if translation else ""


def page_in_source_language(*, page):
    """The source-language page `page` translates (itself for a source page).

    Cohorts, progress and certificates refer to source pages; a translated
    course page uses this to find its cohorts.
    """
    return source_page(page)
