"""A trainee's progress through a course and the courses they started."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from courses.localization import active_locale_id, default_locale_id
from courses.models import CoursePage, CourseProgress, LessonPage, LessonProgress

from .outline import CourseOutline, course_outline


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
    condition = Q(pk__in=[])
    for page in pages:
        condition |= Q(path__startswith=page.path, depth__gt=page.depth)
    return condition
