"""Domain errors of the cohorts app; messages are safe to show to users."""

from training.exceptions import ApplicationError


class AssessmentError(ApplicationError):
    """A trainee or grader cannot do this with this assessment now."""


class AttemptLimitError(AssessmentError):
    pass


class AssessmentClosedError(AssessmentError):
    pass


class GradingError(AssessmentError):
    pass


class CohortStateError(ApplicationError):
    pass
