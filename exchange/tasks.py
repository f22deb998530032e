from celery import shared_task


@shared_task(acks_late=True)
def exchange_digest_send_task() -> int:
    """Send the discussion digests due this hour (idempotent per member and day)."""
    from exchange.services.notifications import digest_send_due

    return digest_send_due()
