from .api_tokens import OfficeApiToken
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
from .attendance import AttendanceChange, CalendarToken
from .cohorts import Cohort, CohortOffice
from .enrolments import Enrolment
from .evaluations import EvaluationReceipt, EvaluationResponse
from .offices import Office, OfficeMembership
from .records import TrainingRecordArchive
from .sessions import AttendanceMark, Session

__all__ = [
    "AttendanceChange",
    "AcceptedAnswer",
    "Answer",
    "Assessment",
    "AssignmentSubmission",
    "Choice",
    "GradeChange",
    "Question",
    "QuizAttempt",
    "AttendanceMark",
    "CalendarToken",
    "Cohort",
    "CohortOffice",
    "Enrolment",
    "EvaluationReceipt",
    "EvaluationResponse",
    "Office",
    "OfficeApiToken",
    "OfficeMembership",
    "Session",
    "TrainingRecordArchive",
]
