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
from .offices import Office, OfficeMembership
from .records import TrainingRecordArchive
from .sessions import AttendanceMark, Session
from .surveys import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyReceipt,
    SurveyResponse,
)

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
    "Office",
    "OfficeApiToken",
    "OfficeMembership",
    "Session",
    "TrainingRecordArchive",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyReceipt",
    "SurveyResponse",
]
