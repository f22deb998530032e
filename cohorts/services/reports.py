"""The monthly programme report emailed to each office."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Office
from cohorts.selectors.reports import (
    ReportFilters,
    programme_report_for_offices,
    report_export_header,
    report_export_rows,
)
from cohorts.services.notifications import office_email
from training.exports import XLSX_CONTENT_TYPE, export_xlsx

REPORT_MONTHS = 12  # cohorts starting in the reported month and the 11 before


def _month_start(day: datetime.date, months_back: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def monthly_report_send(*, today: datetime.date | None = None) -> int:
    """Email each office taking part in a cohort its report for last month:
    an XLSX with only its own rows and the totals of its cohorts (cohorts
    starting in the last 12 months), "<5" cells as on the page. Returns how
    many offices were written to. Idempotent: one email per office and month.
    """
    today = today or timezone.localdate()
    month = _month_start(today, 1)
    filters = ReportFilters(
        start=_month_start(month, REPORT_MONTHS - 1),
        end=_month_start(today, 0) - datetime.timedelta(days=1),
    )
    sent = 0
    for office in Office.objects.filter(participations__isnull=False).distinct():
        report = programme_report_for_offices({office.pk}, filters)
        if report.is_empty:
            continue

        def context(office=office):
            return {
                "office": office.name,
                "month": month,
                "url": settings.SITE_URL + reverse("cohort_reports"),
            }

        content = export_xlsx(
            report_export_header(report),
            report_export_rows(report),
            title=_("Programme report"),
        )
        filename = f"programme-report-{office.short_code}-{month:%Y-%m}.xlsx"
        sent += office_email(
            office,
            name="monthly_report",
            key=f"monthly-report-{office.pk}-{month:%Y-%m}",
            context=context,
            attachments=[(filename, content, XLSX_CONTENT_TYPE)],
        )
    return sent
