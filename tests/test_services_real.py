"""Run only against real services (.ci/run): PostgreSQL, Redis and a Celery worker."""

import time

import pytest

from accounts.models import OutboundEmail
from accounts.services import email_enqueue

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_worker_sends_queued_email_and_records_it_in_postgresql(services):
    email = email_enqueue(
        to=["verifier@example.org"], subject="Worker check", body="x", key="svc:worker"
    )

    def sent():
        email.refresh_from_db()
        return email.status == OutboundEmail.Status.SENT

    assert _wait_for(sent), "the Celery worker did not mark the email as sent"
    assert email.sent_at is not None
    assert email.attempts == 1
