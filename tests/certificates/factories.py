import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from cohorts.models import Cohort, Enrolment
from tests.cohorts.factories import AdmittedEnrolmentFactory, CohortFactory


class CompletedCohortFactory(CohortFactory):
    status = Cohort.Status.COMPLETED
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=40)
    )
    end_date = factory.LazyAttribute(
        lambda o: o.start_date + datetime.timedelta(days=10)
    )
    applications_open_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=90)
    )
    applications_close_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=50)
    )
    contact_hours = 24


class CompletedEnrolmentFactory(AdmittedEnrolmentFactory):
    """An admitted trainee who met the cohort's completion rules."""

    cohort = factory.SubFactory(CompletedCohortFactory)
    completion = Enrolment.Completion.COMPLETED
    attendance_rate = Decimal("93.75")
    final_score = Decimal("88.50")
    completed_at = factory.LazyFunction(timezone.now)
