"""Writes for trainee progress. All idempotent: unique constraints + get_or_create.

Progress is recorded against the source-language pages, so reading a course in
another language continues the same progress (courses.localization).
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.exceptions import LessonNotAvailableError
from courses.localization import source_page
from courses.models import CoursePage, CourseProgress, LessonPage, LessonProgress


def course_start(*, user, course: CoursePage) -> CourseProgress:
    """Record that `user` started `course`; return the progress record.

    Idempotent: starting again returns the existing record unchanged.
    Raises LessonNotAvailableError when the course is not live.
    """
    if not course.live:
        raise LessonNotAvailableError(_("This course is not available."))
    course = source_page(course)
    progress, _created = CourseProgress.objects.get_or_create(user=user, course=course)
    return progress


def course_progress_visit(*, user, course: CoursePage, lesson: LessonPage) -> None:
    """Remember `lesson` as where `user` resumes `course` (one UPDATE, no-op if same)."""
    course, lesson = source_page(course), source_page(lesson)
    CourseProgress.objects.filter(user=user, course=course).exclude(
        last_lesson=lesson
    ).update(last_lesson=lesson, last_activity_at=timezone.now())


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> LessonProgress:
    """Mark `lesson` complete for `user`, starting its course if needed.

    Idempotent: completing twice keeps the first completion time. Updates the
    course's resume point to this lesson. Raises LessonNotAvailableError when
    the lesson or its course is not live.
    """
    course = CoursePage.objects.ancestor_of(lesson).live().first()
    if not lesson.live or course is None:
        raise LessonNotAvailableError(_("This lesson is not available."))
    course, lesson = source_page(course), source_page(lesson)
    progress, _created = CourseProgress.objects.get_or_create(
        user=user, course=course, defaults={"last_lesson": lesson}
    )
    progress.last_lesson = lesson
    progress.last_activity_at = timezone.now()
    progress.save(update_fields=["last_lesson", "last_activity_at"])
    completion, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson
    )
    return completion


def lesson_uncomplete(*, user, lesson: LessonPage) -> None:
    """Clear the user's completion of `lesson` (idempotent)."""
    lesson = source_page(lesson)
    LessonProgress.objects.filter(user=user, lesson=lesson).delete()


PAGE_CACHE_GENERATION_KEY = "courses:page-cache-generation"


def page_cache_bump() -> None:
    """Invalidate every cached page body for anonymous visitors, after commit.

    Called when pages are published, unpublished, moved or deleted, and when
    treaties change. Idempotent in effect: a new generation number makes the old
    fragments unreachable (they expire on their own).
    """
    transaction.on_commit(
        lambda: cache.set(PAGE_CACHE_GENERATION_KEY, time.time_ns(), None)
    )
