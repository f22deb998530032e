import datetime

import pytest
from django.db import IntegrityError

from tests.cohorts.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_cohort_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        CohortFactory(
            start_date=datetime.date(2026, 5, 10), end_date=datetime.date(2026, 5, 1)
        )


def test_one_application_per_trainee_and_cohort():
    enrolment = EnrolmentFactory()
    with pytest.raises(IntegrityError):
        EnrolmentFactory(cohort=enrolment.cohort, user=enrolment.user)


def test_attendance_mark_is_unique_per_session_and_enrolment(db):
    from django.db import IntegrityError, transaction

    from tests.cohorts.factories import AttendanceMarkFactory

    mark = AttendanceMarkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceMarkFactory(session=mark.session, enrolment=mark.enrolment)


def test_session_must_end_after_it_starts(db):
    from django.db import IntegrityError, transaction

    from tests.cohorts.factories import SessionFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        s = SessionFactory.build()
        SessionFactory(
            cohort=SessionFactory().cohort, starts_at=s.starts_at, ends_at=s.starts_at
        )
