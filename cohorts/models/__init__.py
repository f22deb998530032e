from .cohorts import Cohort, CohortOffice
from .enrolments import Enrolment
from .offices import Office, OfficeMembership

__all__ = ["Cohort", "CohortOffice", "Enrolment", "Office", "OfficeMembership"]
