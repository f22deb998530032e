"""Signals other apps listen to (certificates issue on completion)."""

from django.dispatch import Signal

# Sent with `enrolment=` after commit, when an enrolment becomes completed.
enrolment_completed = Signal()

# Sent with `enrolment_ids=` (a list) after attendance marks change; completion
# is recomputed for those enrolments.
attendance_changed = Signal()  # sent with enrolment_ids=
