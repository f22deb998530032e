"""Domain errors of the cohorts app; each message is safe to show to the user."""

from training.exceptions import ApplicationError


class EnrolmentError(ApplicationError):
    """Base class for errors about applying and deciding on applications."""


class ApplicationsClosedError(EnrolmentError):
    """The cohort is not open for applications (status or window)."""


class DuplicateApplicationError(EnrolmentError):
    """The trainee has already applied to this cohort."""


class OfficeNotParticipatingError(EnrolmentError):
    """The named office does not take part in the cohort."""


class QuotaFullError(EnrolmentError):
    """The nominating office has used all of its seats."""


class CapacityFullError(EnrolmentError):
    """The cohort has admitted as many trainees as it has seats."""


class InvalidTransitionError(EnrolmentError):
    """The decision does not apply to the application's current status."""


class NotAllowedError(EnrolmentError):
    """The person acting does not coordinate the office that takes this decision."""


class ImportFileError(ApplicationError):
    """An imported CSV file cannot be read at all (size, encoding, header)."""


class AttendanceError(ApplicationError):
    """Attendance could not be recorded; `extra["errors"]` lists per-row problems."""


class CheckInError(ApplicationError):
    """A self check-in was refused; the message says why."""


class AssessmentError(ApplicationError):
    """A trainee or grader cannot do this with this assessment now."""


class AttemptLimitError(AssessmentError):
    pass


class AssessmentClosedError(AssessmentError):
    pass


class GradingError(AssessmentError):
    pass


class AuthoringNotAllowedError(AssessmentError):
    """Only the lead office's coordinators and the cohort's instructors write
    its assessments."""


class QuestionsFrozenError(AssessmentError):
    """Trainees have started the quiz: its questions may no longer change."""


class AssessmentHasWorkError(AssessmentError):
    """Trainees have attempts or submissions: the assessment cannot be deleted."""


class CohortStateError(ApplicationError):
    pass


class SessionError(ApplicationError):
    """A session cannot be scheduled, changed or deleted; the message says why."""


class SessionNotAllowedError(SessionError):
    """Only the lead office's coordinators schedule a cohort's sessions."""


class SessionHasAttendanceError(SessionError):
    """The session has attendance marks, so deleting it would lose them."""


class CohortCompletedError(CohortStateError):
    """The cohort is completed (or archived): nothing may change until reopened."""


class CohortNotReadyError(CohortStateError):
    """The cohort cannot be completed yet (nothing to complete it on)."""


class SurveyError(ApplicationError):
    """The survey may not be answered or written (now, or by this user)."""
