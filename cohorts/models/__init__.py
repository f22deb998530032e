from .assessments import (
    AcceptedAnswer,
    Answer,
    Assessment,
    AssignmentSubmission,
    Choice,
    GradeChange,
    Question,
    QuizAttempt,
)
from .cohorts import Cohort, CohortOffice
from .enrolments import Enrolment
from .offices import Office, OfficeMembership
from .sessions import AttendanceMark, Session

__all__ = [
    "AcceptedAnswer",
    "Answer",
    "Assessment",
    "AssignmentSubmission",
    "Choice",
    "GradeChange",
    "Question",
    "QuizAttempt",
    "AttendanceMark",
    "Cohort",
    "CohortOffice",
    "Enrolment",
    "Office",
    "OfficeMembership",
    "Session",
]
