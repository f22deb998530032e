"""A course's modules and lessons in order, and the course above a lesson."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page

from courses.localization import source_page
from courses.models import CoursePage, LessonPage, ModulePage


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
    """Modules and lessons of `course`, in order, in one query (base Page rows),
    kept per process until pages change (courses.site_cache).

    For a translated course the structure is the source course's, each page
    replaced by its translation where there is one (two queries); the others
    stay in the source language. `source_ids` maps each page to its source page.
    """
    from courses import site_cache

    return site_cache.course_outline(course, lambda: _course_outline_build(course))


def _course_outline_build(course: CoursePage) -> CourseOutline:
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
