import smtplib
from unittest import mock

import pytest
from django.core import mail

from accounts.models import OutboundEmail
from accounts.services import email_enqueue, email_send
from accounts.tasks import email_send_task

pytestmark = pytest.mark.django_db


def test_email_enqueue_sends_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(to=["a@example.org"], subject="Hi", body="Body", key="k1")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Hi"]


def test_email_enqueue_same_key_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to=["a@example.org"], subject="Decision", body="B", key="dec:1")
        email_enqueue(to=["a@example.org"], subject="Decision", body="B", key="dec:1")
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.count() == 1


def test_retried_send_task_never_sends_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(
            to=["a@example.org"], subject="Once", body="B", key="once"
        )
    assert email_send_task.delay(email.pk).get() is False
    assert len(mail.outbox) == 1


def test_failed_send_stays_pending_and_records_error():
    email = OutboundEmail.objects.create(
        key="x", to=["a@example.org"], subject="S", body="B"
    )
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send",
        side_effect=smtplib.SMTPServerDisconnected("gone"),
    ):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1
    assert "gone" in email.last_error


def test_email_enqueue_sends_its_attachments(django_capture_on_commit_callbacks):
    content = b"PK\x03\x04 spreadsheet bytes"
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(
            to=["a@example.org"],
            subject="Report",
            body="Attached.",
            key="report:1",
            attachments=[("report.xlsx", content, "application/vnd.ms-excel")],
        )
    assert mail.outbox[0].attachments == [
        ("report.xlsx", content, "application/vnd.ms-excel")
    ]
