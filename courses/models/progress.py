"""What a trainee has started and completed. Keyed by page id, so it survives
re-publishing; deleting a lesson deletes its progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CourseProgress(models.Model):
    """A trainee has started a course; remembers where to resume."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_progress",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="progress"
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("last lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        verbose_name = _("course progress")
        verbose_name_plural = _("course progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="unique_course_progress"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"


class LessonProgress(models.Model):
    """A trainee completed a lesson."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="unique_lesson_progress"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_id}"
