"""One rule for expected sessions and one attendance rate, wherever it is shown.

The same history gives the same rate in the low-attendance warning, the
gradebook, the hub, completion and the certificate.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import OutboundEmail
from cohorts.models import AttendanceMark, Cohort
from cohorts.selectors.assessments import gradebook_for_cohort
from cohorts.selectors.attendance import enrolment_is_expected, roster_for_session
from cohorts.selectors.hub import cohort_figures
from cohorts.services.completion import cohort_complete, completion_recompute
from cohorts.tasks import attendance_warning_send_task
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
S = AttendanceMark.Status


def _ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


@pytest.fixture(autouse=True)
def _signing_keys(settings, tmp_path):
    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SIGNING_KEYS_AUTO_CREATE = True


def history(excused_counts: bool):
    """Five past sessions and a future one; the trainee was admitted in the
    middle of the second session."""
    cohort = CohortFactory(
        status=Cohort.Status.RUNNING, excused_counts_as_attended=excused_counts
    )
    before, during, present, excused, absent = (
        SessionFactory(cohort=cohort, starts_at=_ago(days=d)) for d in (9, 7, 5, 3, 1)
    )
    future = SessionFactory(cohort=cohort, starts_at=_ago(days=-2))
    trainee = AdmittedEnrolmentFactory(
        cohort=cohort, admitted_at=during.starts_at + datetime.timedelta(minutes=30)
    )
    AttendanceMarkFactory(session=present, enrolment=trainee, status=S.PRESENT)
    AttendanceMarkFactory(session=excused, enrolment=trainee, status=S.EXCUSED)
    AttendanceMarkFactory(session=absent, enrolment=trainee, status=S.ABSENT)
    sessions = {"before": before, "during": during, "future": future}
    return cohort, trainee, sessions


def rate_in_warning(cohort, trainee):
    cohort.min_attendance_percent = 100
    cohort.save()
    attendance_warning_send_task.delay()
    body = OutboundEmail.objects.get(key=f"attendance-warning-{trainee.pk}").body
    return Decimal(body.split(" is ", 1)[1].split("%", 1)[0])


def rate_in_gradebook(cohort, trainee):
    (row,) = gradebook_for_cohort(cohort, viewer=UserFactory(is_superuser=True)).rows
    return row.result.attendance_rate


def rate_in_hub(cohort, trainee):
    return cohort_figures(cohort, UserFactory(is_superuser=True)).attendance_rate


def rate_in_completion(cohort, trainee):
    completion_recompute(trainee)
    return trainee.attendance_rate


def rate_on_certificate(cohort, trainee):
    from certificates.services import certificate_issue

    cohort.min_attendance_percent = 0
    cohort.save()
    cohort_complete(cohort=cohort)
    trainee.refresh_from_db()
    return certificate_issue(enrolment=trainee).attendance_rate


@pytest.mark.parametrize(
    ("excused_counts", "expected"),
    [(True, Decimal("66.67")), (False, Decimal("33.33"))],
)
@pytest.mark.parametrize(
    "surface",
    [
        rate_in_warning,
        rate_in_gradebook,
        rate_in_hub,
        rate_in_completion,
        rate_on_certificate,
    ],
)
def test_every_surface_shows_the_same_rate(surface, excused_counts, expected):
    cohort, trainee, _sessions = history(excused_counts)
    assert surface(cohort, trainee) == expected


def test_sessions_before_or_during_admission_and_future_ones_are_not_counted():
    cohort, trainee, sessions = history(excused_counts=True)
    assert not enrolment_is_expected(trainee, sessions["before"])
    assert not enrolment_is_expected(trainee, sessions["during"])
    # A future session is expected but not held, so never counted yet.
    assert enrolment_is_expected(trainee, sessions["future"])
    (row,) = roster_for_session(sessions["during"])
    assert row.expected is False
