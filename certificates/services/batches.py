"""Issuing a cohort's certificates in one batch, as short chunk tasks.

A batch is split into chunks of `CERTIFICATE_BATCH_CHUNK_SIZE` enrolments, each
a task of its own on the signing queue, so no task holds a worker for minutes
and every worker process shares signing and rendering (bench/README.md).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.exceptions import (
    EnrolmentNotCompletedError,
    HolderNameMissingError,
    NotLeadOfficeError,
)
from certificates.models import Certificate, CertificateBatch
from cohorts.models import Cohort, Enrolment

from .certificates import (
    _certificate_issue,
    _cohort_facts,
    _Loaded,
    holder_identities_get,
)
from .status_lists import status_list_current, status_list_indexes_draw


def cohort_certificates_issue(*, cohort: Cohort, by) -> CertificateBatch:
    """Start issuing certificates for all completed enrolments of a cohort.

    Only for coordinators of the lead office. Creates a batch whose progress the
    tasks update; issuing is idempotent, so running it again only fills gaps.
    """
    from cohorts.selectors.scoping import user_leads_cohort

    if by is not None and not user_leads_cohort(by, cohort):
        raise NotLeadOfficeError()
    total = cohort.enrolments.filter(completion=Enrolment.Completion.COMPLETED).count()
    batch = CertificateBatch.objects.create(cohort=cohort, requested_by=by, total=total)
    pk = batch.pk

    def enqueue():
        from certificates.tasks import certificate_batch_run_task

        certificate_batch_run_task.delay(pk)

    transaction.on_commit(enqueue)
    return batch


@transaction.atomic
def certificate_batch_plan(
    *, batch_id: int, chunk_size: int | None = None
) -> list[int]:
    """Split a batch into chunks of enrolment ids, mark it running, and return
    the numbers of the chunks to queue.

    A running batch keeps its split and returns the chunks not yet recorded
    (a batch task retried after a failed enqueue queues them again; chunks are
    idempotent, so a redelivered one wastes only time). A done batch returns
    none. A batch without completed enrolments is done at once.
    """
    batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
    if batch.status == CertificateBatch.Status.DONE:
        return []
    if batch.status == CertificateBatch.Status.RUNNING and batch.chunks:
        return [n for n in range(len(batch.chunks)) if n not in batch.chunks_done]
    size = max(1, chunk_size or settings.CERTIFICATE_BATCH_CHUNK_SIZE)
    ids = list(
        batch.cohort.enrolments.filter(completion=Enrolment.Completion.COMPLETED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batch.chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
    batch.status = CertificateBatch.Status.RUNNING
    batch.total, batch.done, batch.error = len(ids), 0, ""
    batch.chunks_done, batch.finished_at = [], None
    if not ids:
        batch.status, batch.finished_at = CertificateBatch.Status.DONE, timezone.now()
    batch.save()
    return list(range(len(batch.chunks)))


def certificate_batch_chunk_run(
    *, batch_id: int, chunk: int, progress=None
) -> CertificateBatch:
    """Issue the certificates of one chunk of a batch, then count the chunk once.

    Loads the cohort's facts, the enrolments' completion inputs, the holders'
    identities, the status list and free indexes on it once for the chunk, signs each certificate in its own transaction (`certificate_issue`'s
    lock and guard), and queues the PDFs of the chunk's certificates that have
    none in one go. The chunk is recorded under the batch's row lock: its
    enrolments count towards `done`, row errors (no holder name, no longer
    completed) are kept, and the last chunk marks the batch done.

    Idempotent: a recorded chunk is a no-op, and a retried chunk issues no
    certificate twice. `progress` (optional) is called with (number, size)
    after each enrolment.
    """
    from cohorts.selectors.completion import completion_inputs_for_enrolments

    batch = CertificateBatch.objects.select_related("cohort").get(pk=batch_id)
    if chunk in batch.chunks_done or chunk >= len(batch.chunks):
        return batch
    enrolment_ids = batch.chunks[chunk]
    enrolments = list(
        Enrolment.objects.filter(pk__in=enrolment_ids, cohort_id=batch.cohort_id)
        .select_related("user")
        .order_by("pk")
    )
    cohort = Cohort.objects.select_related("course", "lead_office").get(
        pk=batch.cohort_id
    )
    facts = _cohort_facts(cohort)
    inputs = completion_inputs_for_enrolments(enrolments)
    holder_uuids = holder_identities_get(users=[e.user for e in enrolments])
    status_list = status_list_current()
    indexes = status_list_indexes_draw(status_list=status_list, count=len(enrolments))
    errors = []
    for number, (enrolment, index) in enumerate(
        zip(enrolments, indexes, strict=True), start=1
    ):
        loaded = _Loaded(
            cohort=cohort,
            facts=facts,
            inputs=inputs[enrolment.pk],
            holder_uuid=holder_uuids[enrolment.user_id],
            status_list=status_list,
            status_index=index,
        )
        try:
            _certificate_issue(
                enrolment, by=batch.requested_by, loaded=loaded, pdf_later=True
            )
        except (HolderNameMissingError, EnrolmentNotCompletedError) as exc:
            errors.append(f"{enrolment.pk}: {exc.message}")
        if progress:
            progress(number, len(enrolments))
    _chunk_pdfs_enqueue(enrolment_ids)
    return _chunk_record(batch_id, chunk, len(enrolment_ids), errors)


def _chunk_pdfs_enqueue(enrolment_ids: list[int]) -> None:
    """Queue the PDFs the chunk's current certificates lack (also those of a
    try that stopped before queueing them), CERTIFICATE_PDF_TASK_SIZE to a
    task, with one broker connection."""
    from celery import group

    from certificates.tasks import certificate_pdfs_render_task

    pks = list(
        Certificate.objects.filter(
            enrolment_id__in=enrolment_ids, superseded_at__isnull=True, pdf_sha256=""
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    size = max(1, settings.CERTIFICATE_PDF_TASK_SIZE)
    if pks:
        group(
            certificate_pdfs_render_task.s(pks[start : start + size])
            for start in range(0, len(pks), size)
        ).apply_async()


@transaction.atomic
def _chunk_record(
    batch_id: int, chunk: int, size: int, errors: list[str]
) -> CertificateBatch:
    batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
    if chunk in batch.chunks_done:
        return batch
    batch.chunks_done = [*batch.chunks_done, chunk]
    batch.done += size
    batch.error = "\n".join(filter(None, [batch.error, *errors]))
    if len(batch.chunks_done) >= len(batch.chunks):
        batch.status, batch.finished_at = CertificateBatch.Status.DONE, timezone.now()
    batch.save(update_fields=["chunks_done", "done", "error", "status", "finished_at"])
    return batch


def certificate_batch_run(*, batch_id: int, progress=None) -> CertificateBatch:
    """Issue every certificate of a batch in this process, chunk after chunk
    (the `issue_certificates` command; the tasks run the chunks in parallel).

    Idempotent: already issued certificates are returned as they are. `progress`
    (optional) is called with (done, total) after each certificate.
    """
    chunks = certificate_batch_plan(batch_id=batch_id)
    planned = CertificateBatch.objects.get(pk=batch_id).chunks
    total = sum(len(planned[number]) for number in chunks)
    before = 0
    for number in chunks:

        def chunk_progress(done, _size, before=before):
            if progress:
                progress(before + done, total)

        certificate_batch_chunk_run(
            batch_id=batch_id, chunk=number, progress=chunk_progress
        )
        before += len(planned[number])
    return CertificateBatch.objects.get(pk=batch_id)
