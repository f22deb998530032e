from training.exceptions import ApplicationError


class LessonNotAvailableError(ApplicationError):
    """The lesson is not live or does not belong to a live course."""


class TranslationSubmitError(ApplicationError):
    """The translated page cannot be submitted for review."""
