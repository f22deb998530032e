import base64
import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from accounts.models import OutboundEmail


def email_enqueue(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    key: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> OutboundEmail:
    """Record an email and send it through Celery once the transaction commits.

    `attachments` are (filename, content, mimetype), kept with the record so a
    retry sends the same files. Idempotent per `key`: enqueueing the same key
    again returns the first record and sends nothing more. If the broker is
    down the record stays pending and `email_send_pending` picks it up later.
    """
    from accounts.tasks import email_send_task

    record = _outbound_email(
        {
            "to": to,
            "subject": subject,
            "body": body,
            "html_body": html_body,
            "key": key,
            "headers": headers,
            "attachments": attachments,
        }
    )
    email, created = OutboundEmail.objects.get_or_create(
        key=record.key,
        defaults={
            "to": record.to,
            "subject": record.subject,
            "body": record.body,
            "html_body": record.html_body,
            "headers": record.headers,
            "attachments": record.attachments,
        },
    )
    if created:
        transaction.on_commit(lambda: email_send_task.delay(email.pk), robust=True)
    return email


def email_enqueue_many(messages: list[dict]) -> int:
    """`email_enqueue` for many emails at once, in three queries however many.

    Each message holds `email_enqueue`'s keyword arguments. Idempotent per
    key like it: a key already recorded is skipped. Returns how many were new.
    """
    from accounts.tasks import email_send_task

    records = {}
    for message in messages:
        record = _outbound_email(message)
        records[record.key] = record
    known = set(
        OutboundEmail.objects.filter(key__in=records).values_list("key", flat=True)
    )
    new = [record for key, record in records.items() if key not in known]
    OutboundEmail.objects.bulk_create(new, ignore_conflicts=True)
    # Read the ids back: a conflicting row written meanwhile is sent only
    # once anyway, as `email_send` locks the row and skips a sent email.
    ids = OutboundEmail.objects.filter(
        key__in=[record.key for record in new]
    ).values_list("pk", flat=True)
    for pk in ids:
        transaction.on_commit(lambda pk=pk: email_send_task.delay(pk), robust=True)
    return len(new)


def _outbound_email(message: dict) -> OutboundEmail:
    """The unsaved record of one message (`email_enqueue`'s arguments)."""
    return OutboundEmail(
        key=message.get("key") or f"adhoc:{uuid.uuid4()}",
        to=list(message["to"]),
        subject=message["subject"][:255],
        body=message["body"],
        html_body=message.get("html_body", ""),
        headers=dict(message.get("headers") or {}),
        attachments=[
            {
                "filename": filename,
                "mimetype": mimetype,
                "content": base64.b64encode(content).decode("ascii"),
            }
            for filename, content, mimetype in message.get("attachments") or ()
        ],
    )


def email_send(*, email_id: int) -> bool:
    """Send one recorded email unless already sent. Returns True if it sent now.

    Locks the row so two workers running the same task cannot both send.
    Raises the transport's error (the task retries it).
    """
    error = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email_id)
        if email.status == OutboundEmail.Status.SENT:
            return False
        email.attempts += 1
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=email.to,
            headers=email.headers or None,
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for item in email.attachments:
            message.attach(
                item["filename"], base64.b64decode(item["content"]), item["mimetype"]
            )
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - recorded, then re-raised below
            error = exc
            email.last_error = str(exc)[:2000]
        else:
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    if error is not None:
        raise error
    return True


def email_mark_failed(*, email_id: int, error: str) -> None:
    """Record that an email gave up after its retries."""
    OutboundEmail.objects.filter(pk=email_id).exclude(
        status=OutboundEmail.Status.SENT
    ).update(status=OutboundEmail.Status.FAILED, last_error=error[:2000])


def email_send_pending(*, older_than_seconds: int = 120) -> int:
    """Re-enqueue pending emails that no worker has sent (e.g. after a broker outage)."""
    from accounts.tasks import email_send_task

    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.PENDING, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        email_send_task.delay(pk)
    return len(ids)
