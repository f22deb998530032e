"""Signals other apps listen to (certificates issue on completion)."""

from django.dispatch import Signal

# Sent with `enrolment=` after commit, when an enrolment becomes completed.
enrolment_completed = Signal()

# Sent with `enrolment_ids=` after commit, whenever attendance marks of those
# enrolments were created or changed (roster, self check-in, CSV import).
attendance_changed = Signal()
