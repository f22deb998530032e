"""Offices' bulk training records: the zip of PDFs, built in the background."""

import io
import zipfile

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from cohorts.models import TrainingRecordArchive
from cohorts.pdf import training_record_pdf_render
from cohorts.selectors.reports import user_may_see_reports
from cohorts.selectors.training_record import (
    training_record_header,
    training_record_list_for_viewer,
)
from cohorts.services.notifications import notify_training_records_ready


@transaction.atomic
def training_record_archive_request(*, by) -> TrainingRecordArchive:
    """Ask for the PDFs of the records of `by`'s offices' nominees as one zip.

    Queues the build (queue "pdfs") after commit. Raises PermissionDenied for
    someone who may not see reports. Idempotent while a request of `by` is
    still being prepared: that one is returned, nothing new is queued.
    """
    if not user_may_see_reports(by):
        raise PermissionDenied
    working = (
        TrainingRecordArchive.objects.select_for_update()
        .filter(
            requested_by=by,
            status__in=(
                TrainingRecordArchive.Status.PENDING,
                TrainingRecordArchive.Status.RUNNING,
            ),
        )
        .first()
    )
    if working is not None:
        return working
    archive = TrainingRecordArchive(requested_by=by)
    archive.full_clean()
    archive.save()
    from cohorts.tasks import training_record_archive_build_task

    transaction.on_commit(lambda: training_record_archive_build_task.delay(archive.pk))
    return archive


def training_record_archive_build(*, archive_id: int) -> TrainingRecordArchive:
    """Render one PDF per record its requester may have now (their offices'
    nominees; every office's for platform admins), zip them into private
    storage, counting progress, then email the requester that it is ready.

    Idempotent: a finished archive is returned as it is; a re-run after a lost
    worker starts the count again and replaces nothing already delivered.
    """
    archive = TrainingRecordArchive.objects.select_related("requested_by").get(
        pk=archive_id
    )
    if archive.status == TrainingRecordArchive.Status.DONE:
        return archive
    records = training_record_list_for_viewer(archive.requested_by)
    header = training_record_header()
    rows = TrainingRecordArchive.objects.filter(pk=archive_id)
    rows.update(status=TrainingRecordArchive.Status.RUNNING, total=len(records), done=0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for number, record in enumerate(records, start=1):
            name = slugify(f"{record.office} {record.name}") or "trainee"
            zipped.writestr(
                f"{number:04d}-{name}.pdf", training_record_pdf_render(record, header)
            )
            rows.update(done=F("done") + 1)
    archive.file.save(
        f"training-records-{archive.pk}.zip", ContentFile(buffer.getvalue()), save=False
    )
    with transaction.atomic():
        rows.update(
            status=TrainingRecordArchive.Status.DONE,
            file=archive.file.name,
            finished_at=timezone.now(),
            error="",
        )
        archive.refresh_from_db()
        notify_training_records_ready(archive)
    return archive


def training_record_archive_fail(*, archive_id: int, error: str) -> None:
    """Mark the archive failed with `error` (the task's last failure)."""
    TrainingRecordArchive.objects.filter(pk=archive_id).exclude(
        status=TrainingRecordArchive.Status.DONE
    ).update(
        status=TrainingRecordArchive.Status.FAILED,
        error=error[:2000],
        finished_at=timezone.now(),
    )
