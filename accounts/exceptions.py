"""Domain errors of the accounts app; each message is safe to show to the user."""

from training.exceptions import ApplicationError


class NetworkError(ApplicationError):
    """Base class for errors of the alumni and expert network."""


class ContactLimitError(NetworkError):
    """The requester has sent the day's quota of contact requests."""


class ContactNotAllowedError(NetworkError):
    """The expert cannot be contacted by this member (hidden, self, already asked)."""


class DesignationError(NetworkError):
    """An office may not mark this person, or the answer is not possible."""
