"""The programme reports in the Wagtail admin and their download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cohorts.forms.reports import ReportFilterForm
from cohorts.selectors.reports import (
    COLUMNS,
    HIDDEN,
    ProgrammeReport,
    ReportFilters,
    programme_report,
    report_export_rows,
    report_json,
    user_may_see_reports,
)
from cohorts.selectors.training_record import (
    training_record_header,
    training_record_rows,
)
from training.exports import FORMATS, export_response

CHART_COLUMN = "admissions"
BAR_HEIGHT = 28


def _chart(report: ProgrammeReport) -> dict:
    """Bars of admissions per cohort (in start-date order), hidden cells
    drawn as no bar and labelled "<5"; the cohorts table is its text."""
    index = [attr for attr, _label, _kind in COLUMNS].index(CHART_COLUMN)
    values = [(label, cells[index]) for label, cells in report.cohorts.rows]
    largest = max((v for _l, v in values if v != HIDDEN), default=0) or 1
    bars = [
        {
            "label": label,
            "value": value,
            "width": 0 if value == HIDDEN else round(240 * value / largest),
            "y": i * BAR_HEIGHT,
        }
        for i, (label, value) in enumerate(values)
    ]
    return {"bars": bars, "height": max(len(bars), 1) * BAR_HEIGHT}


def _form_and_report(request):
    if not user_may_see_reports(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    filters = form.filters() if form.is_bound else ReportFilters()
    return form, programme_report(request.user, filters)


def reports(request):
    """The filter form, the chart and the tables; 400 with the form's errors
    for filters that do not parse."""
    form, report = _form_and_report(request)
    title = _("Programme reports")
    query = request.GET.urlencode()
    return TemplateResponse(
        request,
        "cohorts/admin/reports.html",
        {
            "page_title": title,
            "header_title": title,
            "form": form,
            "report": report,
            "chart": _chart(report) if report and not report.is_empty else None,
            "query": f"?{query}" if query else "",
        },
        status=400 if report is None else 200,
    )


def reports_export(request, fmt: str):
    """The page's tables as CSV, XLSX or JSON: the same suppressed cells."""
    form, report = _form_and_report(request)
    if report is None:
        return reports(request)
    if fmt == "json":
        return JsonResponse(report_json(report))
    return export_response(
        fmt=fmt if fmt in FORMATS else "",
        filename="programme-report",
        header=[_("Table"), _("Row"), *report.headings()],
        rows=report_export_rows(report),
        title=_("Programme report"),
    )


@login_required
def my_training_record(request):
    """The trainee's own training record as CSV (from My learning)."""
    return export_response(
        fmt="csv",
        filename="training-record",
        header=training_record_header(),
        rows=training_record_rows(request.user),
        title=_("Training record"),
    )
