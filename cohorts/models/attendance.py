import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceChange(models.Model):
    """One change of one attendance mark: who changed it, when, from what to what.

    Written by the attendance services on every create or change of a mark and
    never edited, so the record holds up when a certificate is questioned.
    """

    class Source(models.TextChoices):
        ROSTER = "roster", _("Roster")
        CHECK_IN = "check_in", _("Self check-in")
        IMPORT = "import", _("CSV import")

    session = models.ForeignKey(
        "cohorts.Session",
        on_delete=models.CASCADE,
        related_name="attendance_changes",
        verbose_name=_("session"),
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.CASCADE,
        related_name="attendance_changes",
        verbose_name=_("enrolment"),
    )
    old_status = models.CharField(_("old status"), max_length=10, blank=True)
    new_status = models.CharField(_("new status"), max_length=10)
    old_note = models.CharField(_("old note"), max_length=500, blank=True)
    new_note = models.CharField(_("new note"), max_length=500, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ROSTER
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        indexes = [models.Index(fields=["session", "changed_at"])]

    def __str__(self):
        return (
            f"{self.enrolment} @ {self.session}: {self.old_status} → {self.new_status}"
        )


def _new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's iCalendar feed URL; resetting it revokes old links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("user"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=_new_calendar_token
    )
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return f"calendar feed of {self.user}"
