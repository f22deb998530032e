"""Run only against real services (.ci/run): PostgreSQL, Redis and a Celery worker."""

import time

import pytest

from certificates.models import Certificate

from .factories import CompletedEnrolmentFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_concurrent_issue_tasks_on_the_worker_create_one_certificate(services):
    # The worker signs for real, so this needs the crypto package.
    pytest.importorskip("certificates.credentials.dataintegrity")
    from certificates.tasks import certificate_issue_task

    enrolment = CompletedEnrolmentFactory()
    results = [certificate_issue_task.delay(enrolment.pk) for _ in range(4)]
    codes = {result.get(timeout=60) for result in results}
    assert len(codes) == 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (
            Certificate.objects.filter(enrolment=enrolment)
            .exclude(pdf_sha256="")
            .exists()
        ):
            break
        time.sleep(0.5)
    assert Certificate.objects.get(enrolment=enrolment).pdf_sha256
