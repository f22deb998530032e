from celery import shared_task
from django.db import OperationalError

# Database hiccups are worth retrying; domain errors (ApplicationError) are not.
TRANSIENT = (OperationalError, OSError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def certificate_issue_task(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment; a no-op when it exists."""
    from certificates.exceptions import CertificateError
    from certificates.services import certificate_issue
    from cohorts.models import Enrolment

    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    try:
        return certificate_issue(enrolment=enrolment).code
    except CertificateError:
        return None


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def certificate_pdf_render_task(certificate_id: int) -> str:
    """Render and store a certificate's PDF; a no-op when it has one."""
    from certificates.services import certificate_pdf_render

    return certificate_pdf_render(certificate_id=certificate_id).pdf_sha256


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def certificate_pdfs_render_task(certificate_ids: list[int]) -> int:
    """Render and store several certificates' PDFs (a batch's); those that
    have one are left alone, so a retry redoes only what is missing."""
    from certificates.services import certificate_pdfs_render

    return certificate_pdfs_render(certificate_ids=certificate_ids)


@shared_task(acks_late=True)
def certificate_pdf_sweep_task() -> int:
    """Periodic: queue PDFs again for certificates a lost task left without one."""
    from certificates.services import certificate_pdf_sweep

    return certificate_pdf_sweep()


def _certificate_batch_run_failure(self, exc, task_id, args, kwargs, einfo):
    from django.utils import timezone

    from certificates.models import CertificateBatch

    CertificateBatch.objects.filter(pk=args[0]).update(
        status=CertificateBatch.Status.FAILED,
        error=str(exc)[:2000],
        finished_at=timezone.now(),
    )


@shared_task(
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
    on_failure=_certificate_batch_run_failure,
)
def certificate_batch_run_task(batch_id: int) -> int:
    """Split a batch into chunk tasks (one broker round trip for all of them);
    planning again queues nothing twice."""
    from celery import group

    from certificates.services import certificate_batch_plan

    chunks = certificate_batch_plan(batch_id=batch_id)
    if chunks:
        group(
            certificate_batch_chunk_run_task.s(batch_id, number) for number in chunks
        ).apply_async()
    return len(chunks)


@shared_task(
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
    on_failure=_certificate_batch_run_failure,
)
def certificate_batch_chunk_run_task(batch_id: int, chunk: int) -> int:
    """Issue one chunk of a batch's certificates (seconds, not minutes); a
    recorded chunk is a no-op and a retried one issues nothing twice."""
    from certificates.services import certificate_batch_chunk_run

    return certificate_batch_chunk_run(batch_id=batch_id, chunk=chunk).done


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def certificate_pdf_refresh_task(certificate_id: int) -> str:
    """Re-render a PDF whose co-signing offices changed; a no-op otherwise."""
    from certificates.services import certificate_pdf_refresh

    return certificate_pdf_refresh(certificate_id=certificate_id).pdf_sha256


def _cohort_endorsement_sign_failure(self, exc, task_id, args, kwargs, einfo):
    from django.utils import timezone

    from certificates.models import CohortEndorsement

    CohortEndorsement.objects.filter(pk=args[0]).update(
        status=CohortEndorsement.Status.FAILED,
        error=str(exc)[:2000],
        finished_at=timezone.now(),
    )


@shared_task(
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
    on_failure=_cohort_endorsement_sign_failure,
)
def cohort_endorsement_sign_task(approval_id: int) -> int:
    """Sign an office's endorsement of every certificate of the cohort it approved;
    re-running signs only what is missing."""
    from certificates.services import cohort_endorsement_sign

    return cohort_endorsement_sign(approval_id=approval_id).done


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def certificate_endorsements_sign_task(certificate_id: int) -> int:
    """Endorse a new certificate for the offices that already approved its cohort."""
    from certificates.services import certificate_endorsements_sign

    return certificate_endorsements_sign(certificate_id=certificate_id)
