from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Session(models.Model):
    """A scheduled meeting of a cohort (a lecture, workshop or visit)."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("cohort"),
    )
    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online_url = models.URLField(_("online link"), blank=True)
    room = models.CharField(_("room"), max_length=255, blank=True)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="taught_sessions",
        verbose_name=_("instructors"),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["cohort", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def duration(self):
        return self.ends_at - self.starts_at


class AttendanceMark(models.Model):
    """Whether one admitted trainee attended one session.

    No row means "not marked yet"; sessions held before the trainee was
    admitted are "not expected" and never get a row.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", pgettext_lazy("attendance status", "Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="marks",
        verbose_name=_("session"),
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.CASCADE,
        related_name="attendance_marks",
        verbose_name=_("enrolment"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="unique_mark_per_session"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} @ {self.session}: {self.status}"
