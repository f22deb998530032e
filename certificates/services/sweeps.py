"""Periodic repair: work that a lost task left undone is queued again."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from certificates.models import Certificate

from .certificates import _pdf_enqueue

SWEEP_KEY = "certificates:pdf-sweep:{pk}"


def certificate_pdf_sweep() -> int:
    """Queue the PDF task again for certificates issued more than
    CERTIFICATE_PDF_SWEEP_MINUTES ago that still have no PDF; return how many.

    A worker killed mid-task (or a broker outage when the certificate was
    issued) would otherwise leave them without one until the broker's
    visibility timeout. Each certificate is queued again at most once per
    CERTIFICATE_PDF_SWEEP_LEASE_MINUTES, so a long queue of PDFs after a big
    batch is not flooded with copies. Idempotent: the PDF task stores a PDF
    once (certificate_pdf_render).
    """
    now = timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.CERTIFICATE_PDF_SWEEP_MINUTES)
    lease = max(1, round(settings.CERTIFICATE_PDF_SWEEP_LEASE_MINUTES * 60))
    missing = Certificate.objects.filter(issued_at__lt=cutoff, pdf_sha256="")
    queued = 0
    for pk in missing.order_by("pk").values_list("pk", flat=True).iterator():
        key = SWEEP_KEY.format(pk=pk)
        if not cache.add(key, 1, lease):
            continue
        try:
            _pdf_enqueue(pk)
        except Exception:
            cache.delete(key)  # the broker is down: try again next time
            raise
        queued += 1
    return queued
