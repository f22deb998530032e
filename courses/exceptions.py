from training.exceptions import ApplicationError


class LessonNotAvailableError(ApplicationError):
    """The lesson is not live or does not belong to a live course."""
