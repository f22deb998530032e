"""Training record PDF: plain data in, PDF bytes out (no ORM access)."""

from django.template.loader import render_to_string
from django.utils import timezone

from training.pdf import pdf_from_html


def training_record_html(record, header: list[str]) -> str:
    """The record as one A4 page per screenful of rows, in the current language."""
    return render_to_string(
        "cohorts/pdf/training_record.html",
        {"record": record, "header": header, "today": timezone.localdate()},
    )


def training_record_pdf_render(record, header: list[str]) -> bytes:
    """The record (a `TrainingRecord`) as PDF bytes."""
    return pdf_from_html(training_record_html(record, header))
