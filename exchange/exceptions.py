"""Domain errors of the exchange app; each message is safe to show to the user."""

from training.exceptions import ApplicationError


class ExchangeError(ApplicationError):
    """Base class for errors about discussions."""


class PostingNotAllowedError(ExchangeError):
    """The member may read but not write here (muted, a closed cohort, a removed post)."""


class ModerationNotAllowedError(ExchangeError):
    """Only the cohort's moderators may do this."""


class DuplicateReportError(ExchangeError):
    """The member has already reported this post."""


class MemberBannedError(ExchangeError):
    """A moderator banned the member from the cohort's discussions."""
