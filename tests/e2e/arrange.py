"""Arrangements journeys share: demo objects put in the state a journey starts from."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from cohorts.models import Cohort, Enrolment
from cohorts.services.enrolments import enrolment_admit, enrolment_nominate

OPEN_COHORT = "Eurasian PPH workshop with WIPO"


def admit_demo_trainee() -> Enrolment:
    """The demo trainee (who applied through EAPO) admitted to the open cohort."""
    cohort = Cohort.objects.get(title=OPEN_COHORT)
    lead = get_user_model().objects.get(email="coordinator.eapo@example.org")
    enrolment = Enrolment.objects.get(cohort=cohort, user__email="trainee@example.org")
    enrolment_nominate(enrolment=enrolment, by=lead)
    return enrolment_admit(enrolment=enrolment, by=lead)


def start_first_session(cohort: Cohort):
    """Move the cohort's first session to start in five minutes (check-in is
    open), taught by the demo instructor; return it."""
    session = cohort.sessions.order_by("starts_at").first()
    session.starts_at = timezone.now() + datetime.timedelta(minutes=5)
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.save()
    session.instructors.add(
        get_user_model().objects.get(email="instructor@example.org")
    )
    return session
