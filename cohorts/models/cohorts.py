import zoneinfo

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from accounts.models import validate_time_zone


class Cohort(ClusterableModel):
    """One run of a course, organized by a lead office with co-organizing offices."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", pgettext_lazy("cohort status", "Completed")
        ARCHIVED = "archived", _("Archived")

    class DeliveryMode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("course"),
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    lead_office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.PROTECT,
        related_name="led_cohorts",
        verbose_name=_("lead office"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    delivery_mode = models.CharField(
        _("delivery mode"),
        max_length=20,
        choices=DeliveryMode.choices,
        default=DeliveryMode.ONLINE,
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    capacity = models.PositiveIntegerField(_("capacity"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Completion rules (see the completion service).
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80
    )
    excused_counts_as_attended = models.BooleanField(
        _("excused absences count as attended"), default=True
    )
    min_final_score = models.DecimalField(
        _("minimum final score (%)"), max_digits=5, decimal_places=2, default=60
    )
    require_required_assessments = models.BooleanField(
        _("required assessments must be submitted"), default=True
    )
    contact_hours = models.PositiveSmallIntegerField(
        _("contact hours"),
        null=True,
        blank=True,
        help_text=_("Printed on certificates; defaults to the course's hours."),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for certificates that do not expire."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="cohort_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=F("applications_open_at")),
                name="cohort_applications_close_after_open",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="cohort_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100),
                name="cohort_min_attendance_percent_range",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The cohort's time zone (UTC if the stored name is unknown)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


class CohortOffice(models.Model):
    """An office taking part in a cohort (the lead office too), with its seat quota."""

    # A ParentalKey so quotas are edited inline on the cohort form.
    cohort = ParentalKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("cohort"),
    )
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("office"),
    )
    seat_quota = models.PositiveIntegerField(
        _("seat quota"), help_text=_("How many trainees this office may nominate.")
    )

    class Meta:
        verbose_name = _("participating office")
        verbose_name_plural = _("participating offices")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "office"], name="unique_cohort_office"
            )
        ]

    def __str__(self):
        return f"{self.office.short_code} in {self.cohort} ({self.seat_quota} seats)"
