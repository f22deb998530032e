class ApplicationError(Exception):
    """Base class for domain errors: a message safe to show to the user, plus extras."""

    def __init__(self, message, extra=None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
