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
    # A cohort of 1,000 signs for minutes on a busy machine (bench/README.md):
    # the global 4-minute limit would fail the batch half-way.
    soft_time_limit=60 * 60,
    time_limit=65 * 60,
)
def certificate_batch_run_task(batch_id: int) -> int:
    """Issue a cohort's certificates for one batch; re-running fills only the gaps."""
    from certificates.services import certificate_batch_run

    return certificate_batch_run(batch_id=batch_id).done
