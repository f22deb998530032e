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


def test_a_drawn_status_index_taken_meanwhile_is_drawn_again(settings, monkeypatch):
    """Another issuer took one of the chunk's drawn indexes between the draw
    and the insert: that certificate draws again, none is lost."""
    from certificates.services import batches

    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 50
    batch = _batch(CompletedCohortFactory(), size=3)
    certificate_batch_plan(batch_id=batch.pk)
    taken = certificates.services.certificate_issue(
        enrolment=CompletedEnrolmentFactory()
    )
    real = batches.status_list_indexes_draw

    def draw_with_a_clash(*, status_list, count):
        assert status_list == taken.status_list
        return [taken.status_index, *real(status_list=status_list, count=count)[1:]]

    monkeypatch.setattr(batches, "status_list_indexes_draw", draw_with_a_clash)
    certificate_batch_chunk_run_task.delay(batch.pk, 0).get()

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.error) == (
        CertificateBatch.Status.DONE,
        3,
        "",
    )
    issued = Certificate.objects.filter(cohort=batch.cohort)
    assert issued.count() == 3
    indexes = {taken.status_index, *issued.values_list("status_index", flat=True)}
    assert len(indexes) == 4


def test_a_chunk_keeps_holders_identities_and_gives_new_holders_one(settings):
    """A holder who already has an identity (an earlier certificate) keeps it in
    the new credential; a first-time holder gets a new one."""
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 50
    cohort = CompletedCohortFactory()
    returning = CompletedEnrolmentFactory(cohort=cohort)
    known = certificates.services.holder_identity_get(user=returning.user).uuid
    CompletedEnrolmentFactory(cohort=cohort)
    batch = CertificateBatch.objects.create(cohort=cohort, total=2)
    certificate_batch_plan(batch_id=batch.pk)
    certificate_batch_chunk_run_task.delay(batch.pk, 0).get()

    first, second = Certificate.objects.filter(cohort=cohort).order_by("enrolment_id")
    assert first.holder_uuid == known
    assert first.credential["credentialSubject"]["id"] == f"urn:uuid:{known}"
    assert second.holder_uuid not in (None, known)


def test_a_chunk_costs_a_handful_of_queries_per_certificate(settings):
    """What a batch costs beside rendering (bench/README.md): a chunk loads
    what its certificates share once, then 7 queries issue each and 5 store
    its PDF (rendered here in the same process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 50

    def chunk_queries(size):
        batch = _batch(CompletedCohortFactory(), size=size)
        certificate_batch_plan(batch_id=batch.pk)
        with CaptureQueriesContext(connection) as queries:
            certificate_batch_chunk_run_task.delay(batch.pk, 0).get()
        assert Certificate.objects.filter(cohort=batch.cohort).count() == size
        return len(queries)

    chunk_queries(1)  # the first status list is created and published
    per_certificate = (chunk_queries(11) - chunk_queries(1)) / 10
    assert per_certificate <= 12


def test_a_chunk_hands_its_pdfs_to_tasks_of_several(settings, monkeypatch):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 50
    settings.CERTIFICATE_PDF_TASK_SIZE = 2
    handed = []
    real = certificates.services.certificate_pdfs_render

    def spy(*, certificate_ids):
        handed.append(len(certificate_ids))
        return real(certificate_ids=certificate_ids)

    monkeypatch.setattr(certificates.services, "certificate_pdfs_render", spy)
    batch = _batch(CompletedCohortFactory(), size=5)
    certificate_batch_plan(batch_id=batch.pk)
    certificate_batch_chunk_run_task.delay(batch.pk, 0).get()

    assert handed == [2, 2, 1]
    issued = Certificate.objects.filter(cohort=batch.cohort)
    assert issued.exclude(pdf_sha256="").count() == 5


def test_a_pdf_task_of_several_renders_only_those_missing(settings):
    settings.CERTIFICATE_BATCH_CHUNK_SIZE = 50
    settings.CERTIFICATE_PDF_TASK_SIZE = 50
    batch = _batch(CompletedCohortFactory(), size=3)
    certificate_batch_plan(batch_id=batch.pk)
    certificate_batch_chunk_run_task.delay(batch.pk, 0).get()
    first, *rest = Certificate.objects.filter(cohort=batch.cohort).order_by("pk")
    kept = (first.pdf.name, first.pdf_sha256)
    Certificate.objects.filter(pk__in=[c.pk for c in rest]).update(
        pdf="", pdf_sha256=""
    )

    ids = [first.pk, *(c.pk for c in rest)]
    assert certificates.services.certificate_pdfs_render(certificate_ids=ids) == 2
    assert certificates.services.certificate_pdfs_render(certificate_ids=ids) == 0
    first.refresh_from_db()
    assert (first.pdf.name, first.pdf_sha256) == kept
    for certificate in Certificate.objects.filter(pk__in=ids):
        assert certificate.pdf.read().startswith(b"%PDF")
