import datetime

import pytest
from django.utils import timezone

from cms.demo import DemoContext
from cms.demo import attendance as demo_attendance
from cohorts.models import AttendanceMark, Cohort, Session
from cohorts.selectors.attendance import attendance_rates_for_cohort
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import AdmittedEnrolmentFactory, CohortFactory

pytestmark = pytest.mark.django_db


def ctx():
    return DemoContext(password="x", write=lambda line: None)


def test_seed_copes_with_no_cohorts():
    demo_attendance.seed(ctx())
    assert not Session.objects.exists()


def test_seed_adds_past_marked_and_future_sessions_once():
    instructor = UserFactory(email="instructor@example.org")
    today = timezone.localdate()
    completed = CohortFactory(
        status=Cohort.Status.COMPLETED,
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=50),
        applications_open_at=timezone.now() - datetime.timedelta(days=120),
        applications_close_at=timezone.now() - datetime.timedelta(days=90),
    )
    AdmittedEnrolmentFactory.create_batch(
        8, cohort=completed, admitted_at=timezone.now() - datetime.timedelta(days=80)
    )
    open_cohort = CohortFactory(status=Cohort.Status.OPEN)

    demo_attendance.seed(ctx())
    demo_attendance.seed(ctx())

    past = Session.objects.filter(cohort=completed)
    assert 6 <= past.count() <= 8
    assert all(s.ends_at < timezone.now() for s in past)
    assert all(instructor in s.instructors.all() for s in past)
    assert (
        AttendanceMark.objects.filter(session__cohort=completed).count()
        == 8 * past.count()
    )
    rates = attendance_rates_for_cohort(completed)
    low = [r for r in rates.values() if r < completed.min_attendance_percent]
    assert 1 <= len(low) < len(rates)

    future = Session.objects.filter(cohort=open_cohort)
    assert 6 <= future.count() <= 8
    assert all(s.starts_at > timezone.now() for s in future)
