from .api_tokens import OfficeApiToken
from .cohorts import Cohort, CohortOffice
from .enrolments import Enrolment
from .offices import Office, OfficeMembership
from .sessions import AttendanceMark, Session

__all__ = [
    "AttendanceMark",
    "Cohort",
    "CohortOffice",
    "Enrolment",
    "Office",
    "OfficeApiToken",
    "OfficeMembership",
    "Session",
]
