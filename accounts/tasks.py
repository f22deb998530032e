import smtplib

from celery import shared_task


def _email_send_failure(self, exc, task_id, args, kwargs, einfo):
    from .services import email_mark_failed

    email_mark_failed(email_id=args[0], error=str(exc))


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    on_failure=_email_send_failure,
)
def email_send_task(email_id: int) -> bool:
    """Send a recorded email; a no-op if it was already sent."""
    from .services import email_send

    return email_send(email_id=email_id)


@shared_task
def email_send_pending_task() -> int:
    """Periodic: re-enqueue emails left pending by a broker outage."""
    from .services import email_send_pending

    return email_send_pending()
