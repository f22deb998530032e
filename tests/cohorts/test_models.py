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
