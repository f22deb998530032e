"""Arrangements journeys share: demo objects put in the state a journey starts from."""

from django.contrib.auth import get_user_model

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
