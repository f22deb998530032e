"""A cohort's certificates are issued by short chunk tasks that count once."""

import pytest
from django.urls import reverse

import certificates.services
from certificates.models import Certificate, CertificateBatch
from certificates.services import certificate_batch_plan, cohort_certificates_issue
from certificates.tasks import (
    certificate_batch_chunk_run_task,
    certificate_batch_run_task,
)
from cohorts.models import Enrolment
from tests.cohorts.factories import coordinator_of

from .factories import CompletedCohortFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chunk_runs(monkeypatch):
    """The (chunk, enrolment ids) of every chunk the tasks run, run for real."""
    runs = []
    real = certificates.services.certificate_batch_chunk_run

    def spy(*, batch_id, chunk, progress=None):
        runs.append((chunk, CertificateBatch.objects.get(pk=batch_id).chunks[chunk]))
        return real(batch_id=batch_id, chunk=chunk)

    monkeypatch.setattr(certificates.services, "certificate_batch_chunk_run", spy)
    return runs


def _batch(cohort, size=5):
    CompletedEnrolmentFactory.create_batch(size, cohort=cohort)
    return CertificateBatch.objects.create(cohort=cohort, total=size)


def test_a_batch_of_120_runs_as_3_chunks_and_shows_120_of_120_done(
    client, settings, chunk_runs, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 50
    cohort = CompletedCohortFactory()
    CompletedEnrolmentFactory.create_batch(120, cohort=cohort)
    lead = coordinator_of(cohort.lead_office)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:cohort_issue", kwargs={"slug": cohort.slug})
        )
    assert [(chunk, len(ids)) for chunk, ids in chunk_runs] == [
        (0, 50),
        (1, 50),
        (2, 20),
    ]
    issued = Certificate.objects.filter(cohort=cohort)
    assert issued.count() == 120
    assert issued.exclude(pdf_sha256="").count() == 120
    content = client.get(response.url).content.decode()
    assert "120 of 120 issued" in content and "Done" in content
    assert 'http-equiv="refresh"' not in content


def test_a_retried_chunk_issues_nothing_twice_and_counts_once(settings):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 3
    batch = _batch(CompletedCohortFactory(), size=5)
    assert certificate_batch_plan(batch_id=batch.pk) == [0, 1]
    first, _second = CertificateBatch.objects.get(pk=batch.pk).chunks
    # The first try of chunk 0 died after its first certificate.
    certificates.services.certificate_issue(
        enrolment=Enrolment.objects.get(pk=first[0])
    )
    for _ in range(2):  # the retry, then a redelivery of the same message
        certificate_batch_chunk_run_task.delay(batch.pk, 0).get()
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (
        CertificateBatch.Status.RUNNING,
        3,
        5,
    )
    assert Certificate.objects.filter(enrolment_id__in=first).count() == 3
    certificate_batch_chunk_run_task.delay(batch.pk, 1).get()
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (CertificateBatch.Status.DONE, 5)
    assert Certificate.objects.filter(cohort=batch.cohort).count() == 5


def test_planning_a_running_batch_again_returns_its_unrecorded_chunks(settings):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 2
    batch = _batch(CompletedCohortFactory(), size=5)
    assert certificate_batch_plan(batch_id=batch.pk) == [0, 1, 2]
    certificate_batch_chunk_run_task.delay(batch.pk, 1).get()
    # Enrolments completing meanwhile change no chunk of the running batch.
    CompletedEnrolmentFactory(cohort=batch.cohort)
    assert certificate_batch_plan(batch_id=batch.pk, chunk_size=50) == [0, 2]
    batch.refresh_from_db()
    assert (batch.done, batch.total, len(batch.chunks)) == (2, 5, 3)


def test_planning_again_queues_no_chunk_twice(settings, chunk_runs):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 2
    batch = _batch(CompletedCohortFactory(), size=3)
    assert certificate_batch_run_task.delay(batch.pk).get() == 2
    assert certificate_batch_run_task.delay(batch.pk).get() == 0
    assert [chunk for chunk, _ids in chunk_runs] == [0, 1]
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (
        CertificateBatch.Status.DONE,
        3,
        3,
    )


def test_a_batch_without_completed_enrolments_is_done_at_once(
    django_capture_on_commit_callbacks,
):
    cohort = CompletedCohortFactory()
    CompletedEnrolmentFactory(
        cohort=cohort, completion=Enrolment.Completion.NOT_COMPLETED
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = cohort_certificates_issue(cohort=cohort, by=None)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (
        CertificateBatch.Status.DONE,
        0,
        0,
    )


def test_a_holder_without_a_name_is_reported_and_the_rest_issued(settings):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 2
    cohort = CompletedCohortFactory()
    batch = _batch(cohort, size=2)
    nameless = CompletedEnrolmentFactory(
        cohort=cohort, user__first_name="", user__last_name=""
    )
    certificate_batch_run_task.delay(batch.pk).get()
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (
        CertificateBatch.Status.DONE,
        3,
        3,
    )
    assert batch.error.startswith(f"{nameless.pk}: ")
    assert Certificate.objects.filter(cohort=cohort).count() == 2


def test_a_chunk_that_fails_for_good_marks_the_batch_failed(settings, monkeypatch):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 2
    batch = _batch(CompletedCohortFactory(), size=3)

    def broken(**kwargs):
        raise ValueError("signing key unreadable")

    certificate_batch_plan(batch_id=batch.pk)
    monkeypatch.setattr(certificates.services, "certificate_batch_chunk_run", broken)
    # As a worker runs it: the error ends in the task's failure hook.
    result = certificate_batch_chunk_run_task.apply((batch.pk, 0), throw=False)
    assert result.failed()
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.FAILED
    assert "signing key unreadable" in batch.error
