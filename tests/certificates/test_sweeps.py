"""The PDF sweeper: a certificate left without its PDF by a lost task gets it,
once."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_pdf_sweep
from certificates.tasks import certificate_pdf_sweep_task

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def _issued_without_pdf(minutes_ago: int) -> Certificate:
    """A certificate whose PDF task was lost (its on-commit enqueue never ran)."""
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return certificate


def test_sweeper_renders_pdfs_left_missing_and_only_once(settings):
    settings.CERTIFICATE_PDF_SWEEP_MINUTES = 2
    lost = _issued_without_pdf(minutes_ago=5)
    recent = _issued_without_pdf(minutes_ago=0)

    assert certificate_pdf_sweep_task.delay().get() == 1

    lost.refresh_from_db()
    recent.refresh_from_db()
    assert lost.pdf and len(lost.pdf_sha256) == 64
    assert not recent.pdf  # its own task may still be on its way
    stored = lost.pdf.storage.listdir("certificates")[1]
    assert stored == [f"{lost.code}.pdf"]

    sha = lost.pdf_sha256
    assert certificate_pdf_sweep() == 0  # nothing left missing
    lost.refresh_from_db()
    assert lost.pdf_sha256 == sha
    assert lost.pdf.storage.listdir("certificates")[1] == stored


def test_sweeper_queues_a_certificate_again_only_after_its_lease(settings, monkeypatch):
    settings.CERTIFICATE_PDF_SWEEP_MINUTES = 2
    lost = _issued_without_pdf(minutes_ago=5)
    queued = []  # the broker: the task is queued, not yet run
    monkeypatch.setattr("certificates.services.sweeps._pdf_enqueue", queued.append)

    assert certificate_pdf_sweep() == 1
    assert certificate_pdf_sweep() == 0  # still leased: its task may be queued
    assert queued == [lost.pk]

    cache.clear()  # the lease ran out and the task was lost again
    assert certificate_pdf_sweep() == 1
    assert queued == [lost.pk, lost.pk]
