"""A trainee's training record: one row per cohort they were admitted to,
with the hours attended (the one attendance rule), result and certificates.
The CSV, the PDF and the offices' bulk downloads all read these rows."""

from django.utils.translation import gettext_lazy as _

from cohorts.models import Enrolment
from cohorts.selectors.attendance import attendance_stats_for_enrolments
from cohorts.selectors.reports import certificate_counts_for


def training_record_header() -> list[str]:
    return [
        str(label)
        for label in (
            _("Course"),
            _("Cohort"),
            _("Start date"),
            _("End date"),
            _("Lead office"),
            _("Training hours attended"),
            _("Attendance rate (%)"),
            _("Result"),
            _("Final score (%)"),
            _("Certificates issued"),
            _("Certificates revoked"),
        )
    ]


def training_record_rows(user, *, now=None) -> list[list]:
    """One row per cohort the user was admitted to: hours attended (the one
    attendance rule), result and certificates. A fixed number of queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status=Enrolment.Status.ADMITTED)
        .select_related("cohort__course", "cohort__lead_office")
        .order_by("cohort__start_date", "pk")
    )
    stats = attendance_stats_for_enrolments(enrolments, now=now)
    certificates = certificate_counts_for([e.pk for e in enrolments])
    rows = []
    for enrolment in enrolments:
        cohort, counts = enrolment.cohort, certificates.get(enrolment.pk, {})
        rows.append(
            [
                cohort.course.title,
                cohort.title,
                cohort.start_date,
                cohort.end_date,
                cohort.lead_office.name,
                stats[enrolment.pk].attended_hours,
                stats[enrolment.pk].rate,
                enrolment.get_completion_display(),
                enrolment.final_score,
                counts.get("issued", 0),
                counts.get("revoked", 0),
            ]
        )
    return rows
