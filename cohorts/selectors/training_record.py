"""A trainee's training record: one row per cohort they were admitted to,
with the hours attended (the one attendance rule), result and certificates.
The CSV, the PDF and the offices' bulk downloads all read these rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cohorts.models import Enrolment
from cohorts.selectors.attendance import attendance_stats_for_enrolments
from cohorts.selectors.reports import certificate_counts_for, user_sees_all_offices
from cohorts.selectors.scoping import office_ids_for_user

HOURS_ATTENDED = 5  # the column of `training_record_header`


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


def _record_rows(enrolments: QuerySet[Enrolment], *, now=None) -> list[tuple]:
    """(enrolment, row) per admitted enrolment, in start-date order. A fixed
    number of queries whatever the number of people and cohorts."""
    enrolments = list(
        enrolments.filter(status=Enrolment.Status.ADMITTED)
        .select_related("cohort__course", "cohort__lead_office", "user", "office")
        .order_by("cohort__start_date", "pk")
    )
    stats = attendance_stats_for_enrolments(enrolments, now=now)
    certificates = certificate_counts_for([e.pk for e in enrolments])
    rows = []
    for enrolment in enrolments:
        cohort, counts = enrolment.cohort, certificates.get(enrolment.pk, {})
        rows.append(
            (
                enrolment,
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
                ],
            )
        )
    return rows


def training_record_rows(user, *, now=None) -> list[list]:
    """One row per cohort the user was admitted to: hours attended (the one
    attendance rule), result and certificates. A fixed number of queries."""
    enrolments = Enrolment.objects.filter(user=user)
    return [row for _enrolment, row in _record_rows(enrolments, now=now)]


@dataclass
class TrainingRecord:
    """One person's record, as the PDF and the bulk downloads show it."""

    name: str
    native_name: str
    email: str
    office: str  # the nominating office (bulk records) or ""
    rows: list = field(default_factory=list)

    @property
    def hours_attended(self):
        return sum((row[HOURS_ATTENDED] for row in self.rows), Decimal(0))


def training_record_get(user, *, now=None) -> TrainingRecord:
    """The user's own record (every cohort they were admitted to)."""
    return TrainingRecord(
        name=user.get_full_name() or user.email,
        native_name=user.native_name,
        email=user.email,
        office="",
        rows=training_record_rows(user, now=now),
    )


def training_record_list_for_viewer(viewer, *, now=None) -> list[TrainingRecord]:
    """The records of the trainees the viewer's offices nominated (all offices
    for platform admins), over those nominations only: a coordinator never
    gets a cohort another office put the person forward for. One record per
    person and office, ordered by office then name; people with no admitted
    cohort are left out."""
    enrolments = Enrolment.objects.all()
    if not user_sees_all_offices(viewer):
        enrolments = enrolments.filter(office_id__in=office_ids_for_user(viewer))
    records: dict[tuple[int, int], TrainingRecord] = {}
    for enrolment, row in _record_rows(enrolments, now=now):
        key = (enrolment.office_id, enrolment.user_id)
        if key not in records:
            user = enrolment.user
            records[key] = TrainingRecord(
                name=user.get_full_name() or user.email,
                native_name=user.native_name,
                email=user.email,
                office=enrolment.office.name,
            )
        records[key].rows.append(row)
    return sorted(records.values(), key=lambda r: (r.office, r.name, r.email))
