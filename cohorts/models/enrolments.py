from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Enrolment(models.Model):
    """A trainee's application to a cohort and its decisions, through to admission.

    Applied → nominated / wait-listed / rejected by the nominating office →
    admitted / declined by the lead office; an admitted trainee may withdraw.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        NOMINATED = "nominated", _("Nominated")
        WAITLISTED = "waitlisted", _("Wait-listed")
        REJECTED = "rejected", _("Rejected")
        ADMITTED = "admitted", _("Admitted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The one list of statuses that hold one of the nominating office's seats
    # (quotas, seat counts, roster imports all read it).
    SEAT_HOLDING_STATUSES = (Status.NOMINATED, Status.ADMITTED)

    class Completion(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", pgettext_lazy("trainee result", "Completed")
        NOT_COMPLETED = (
            "not_completed",
            pgettext_lazy("trainee result", "Not completed"),
        )

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("cohort"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("trainee"),
    )
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("nominating office"),
    )
    employer = models.CharField(_("employer"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    motivation = models.TextField(_("motivation"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    admitted_at = models.DateTimeField(_("admitted at"), null=True, blank=True)
    # Completion is computed from the cohort's rules by one service and stored
    # here so rosters, gradebooks and certificates read it without recomputing.
    completion = models.CharField(
        _("completion"),
        max_length=20,
        choices=Completion.choices,
        default=Completion.IN_PROGRESS,
    )
    attendance_rate = models.DecimalField(
        _("attendance rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    final_score = models.DecimalField(
        _("final score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    completion_missing = models.JSONField(_("still missing"), default=list, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="unique_enrolment_per_cohort"
            )
        ]
        indexes = [models.Index(fields=["cohort", "office", "status"])]

    def __str__(self):
        return f"{self.user} → {self.cohort} ({self.get_status_display()})"
