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
    from certificates.tasks import certificate_issue_task

    enrolment = CompletedEnrolmentFactory()
    # Results are ignored by default (settings); these callers want the codes.
    results = [
        certificate_issue_task.apply_async((enrolment.pk,), ignore_result=False)
        for _ in range(4)
    ]
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


def _in_threads(functions):
    """Run the callables at once, each on its own database connection."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_concurrent_issuing_in_postgresql_creates_one_certificate(services):
    from certificates.services import certificate_issue

    enrolment = CompletedEnrolmentFactory()
    results = _in_threads([lambda: certificate_issue(enrolment=enrolment).code] * 4)
    assert len(set(results)) == 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_concurrent_revocations_keep_every_status_bit(services):
    from certificates.models import StatusList
    from certificates.services import certificate_issue, certificate_revoke

    certificates = [
        certificate_issue(enrolment=CompletedEnrolmentFactory()) for _ in range(4)
    ]
    _in_threads(
        [
            (lambda c=c: certificate_revoke(certificate=c, reason="Concurrent test"))
            for c in certificates
        ]
    )
    status_list = StatusList.objects.get(pk=certificates[0].status_list_id)
    assert all(status_list.bit_get(c.status_index) for c in certificates)
