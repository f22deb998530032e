from training.exceptions import ApplicationError


class AttendanceError(ApplicationError):
    """Attendance could not be recorded; `extra["errors"]` lists per-row problems."""


class CheckInError(ApplicationError):
    """A self check-in was refused; the message says why."""
