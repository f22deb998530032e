"""Signals other apps listen to (certificates issue on completion)."""

from django.dispatch import Signal

# Sent with `enrolment=` after commit, when an enrolment becomes completed.
enrolment_completed = Signal()
