"""Emails to trainees whose attendance so far is below their cohort's minimum."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import OutboundEmail
from accounts.services import email_enqueue
from cohorts.models import Enrolment, OfficeMembership
from cohorts.selectors.attendance import (
    attendance_rates_for_cohort,
    cohort_list_running,
)


def attendance_warning_send(*, now=None) -> int:
    """Email each admitted trainee of a running cohort whose attendance so far is
    below the cohort's minimum, together with their nominating office's
    coordinators. One email per enrolment, ever: the email key
    `attendance-warning-<enrolment id>` makes re-runs send nothing more.
    Returns the number of emails newly enqueued.
    """
    now = now or timezone.now()
    enqueued = 0
    for cohort in cohort_list_running():
        rates = attendance_rates_for_cohort(cohort, now=now)
        below = {
            pk: rate
            for pk, rate in rates.items()
            if rate is not None and rate < cohort.min_attendance_percent
        }
        if not below:
            continue
        keys = {pk: f"attendance-warning-{pk}" for pk in below}
        done = set(
            OutboundEmail.objects.filter(key__in=keys.values()).values_list(
                "key", flat=True
            )
        )
        todo = [pk for pk, key in keys.items() if key not in done]
        if not todo:
            continue
        enrolments = Enrolment.objects.filter(pk__in=todo).select_related("user")
        coordinators: dict[int, list[str]] = {}
        for office_id, email in OfficeMembership.objects.filter(
            office_id__in={e.office_id for e in enrolments},
            role=OfficeMembership.Role.COORDINATOR,
        ).values_list("office_id", "user__email"):
            coordinators.setdefault(office_id, []).append(email)
        for enrolment in enrolments:
            with translation.override(
                enrolment.user.language or settings.LANGUAGE_CODE
            ):
                subject = _("Attendance below the minimum in %(cohort)s") % {
                    "cohort": cohort.title
                }
                body = render_to_string(
                    "cohorts/email/attendance_warning.txt",
                    {
                        "name": enrolment.user.get_full_name() or enrolment.user.email,
                        "cohort": cohort.title,
                        "rate": below[enrolment.pk],
                        "minimum": cohort.min_attendance_percent,
                    },
                )
            email_enqueue(
                to=[enrolment.user.email, *coordinators.get(enrolment.office_id, [])],
                subject=subject,
                body=body,
                key=keys[enrolment.pk],
            )
            enqueued += 1
    return enqueued
