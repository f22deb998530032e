"""Writes for attendance: roster marking, self check-in, CSV import, warnings.

The modules hold one job each; the names used elsewhere are re-exported here.
"""

from cohorts.services.attendance.calendar_tokens import (
    calendar_token_get,
    calendar_token_reset,
)
from cohorts.services.attendance.checkin import attendance_check_in
from cohorts.services.attendance.imports import (
    AttendanceImportResult,
    AttendanceImportRow,
    attendance_import_csv,
)
from cohorts.services.attendance.marks import (
    attendance_record_bulk,
    session_markable_from,
)
from cohorts.services.attendance.warning_emails import attendance_warning_send

__all__ = [
    "AttendanceImportResult",
    "AttendanceImportRow",
    "attendance_check_in",
    "attendance_import_csv",
    "attendance_record_bulk",
    "attendance_warning_send",
    "calendar_token_get",
    "calendar_token_reset",
    "session_markable_from",
]
