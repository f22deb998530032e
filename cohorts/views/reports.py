"""The programme reports in the Wagtail admin and their download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.forms.reports import ReportFilterForm
from cohorts.models import TrainingRecordArchive
from cohorts.pdf import training_record_pdf_render
from cohorts.selectors.reports import (
    COLUMNS,
    HIDDEN,
    TREND_COLUMNS,
    ProgrammeReport,
    ReportFilters,
    programme_report,
    report_export_header,
    report_export_rows,
    report_json,
    user_may_see_reports,
)
from cohorts.selectors.training_record import (
    training_record_get,
    training_record_header,
    training_record_list_for_viewer,
    training_record_rows,
)
from cohorts.services.records import training_record_archive_request
from training.exports import FORMATS, export_response
from training.storage import private_file_response

BAR_HEIGHT = 28


def _bar_chart(table, columns, attr: str) -> dict:
    """Horizontal bars of one column of `table` (its rows in order), hidden
    cells drawn as no bar and labelled "<5"; the table is the chart's text."""
    index = [a for a, _label, _kind in columns].index(attr)
    values = [(label, cells[index]) for label, cells in table.rows]
    largest = max((v for _l, v in values if v not in (HIDDEN, None)), default=0) or 1
    bars = [
        {
            "label": label,
            "value": value,
            "width": 0 if value in (HIDDEN, None) else round(240 * value / largest),
            "y": i * BAR_HEIGHT,
        }
        for i, (label, value) in enumerate(values)
    ]
    return {"bars": bars, "height": max(len(bars), 1) * BAR_HEIGHT}


def _charts(report: ProgrammeReport) -> list[dict]:
    """The page's charts, each described by the table that holds its figures."""
    charts = [
        {
            "id": "chart-admissions",
            "heading": _("Admissions per cohort"),
            "title": _(
                "Admissions per cohort, by start date; the table of figures per "
                "cohort below gives the same numbers."
            ),
            "table_id": "report-cohorts",
            **_bar_chart(report.cohorts, COLUMNS, "admissions"),
        }
    ]
    trends = report.extra["trends"]
    if trends.rows:
        for attr, heading in (
            ("completions", _("Completions per month")),
            ("hours_attended", _("Training hours attended per month")),
        ):
            charts.append(
                {
                    "id": f"chart-{attr}",
                    "heading": heading,
                    "title": _(
                        "%(heading)s; the table of trends per month below gives "
                        "the same numbers."
                    )
                    % {"heading": heading},
                    "table_id": "report-trends",
                    **_bar_chart(trends, TREND_COLUMNS, attr),
                }
            )
    return charts


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
            "charts": _charts(report) if report and not report.is_empty else [],
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
        header=report_export_header(report),
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


@login_required
def my_training_record_pdf(request):
    """The trainee's own training record as PDF (from My learning)."""
    record = training_record_get(request.user)
    response = HttpResponse(
        training_record_pdf_render(record, training_record_header()),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="training-record.pdf"'
    return response


def office_training_records(request, fmt: str):
    """The records of the trainees the viewer's offices nominated as one CSV
    or XLSX. Coordinators get their offices' nominees only, over those
    nominations; platform admins every office's. The PDFs come as a zip
    built in the background (`office_training_records_archive_request`)."""
    if not user_may_see_reports(request.user):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    records = training_record_list_for_viewer(request.user)
    return export_response(
        fmt=fmt,
        filename="training-records",
        header=[
            _("Trainee"),
            _("Email"),
            _("Nominating office"),
            *training_record_header(),
        ],
        rows=(
            [record.name, record.email, record.office, *row]
            for record in records
            for row in record.rows
        ),
        title=_("Training records"),
    )


@require_POST
def office_training_records_archive_request(request):
    """Queue the zip of the nominees' record PDFs; on to its progress page."""
    archive = training_record_archive_request(by=request.user)
    return redirect("cohort_training_records_archive", pk=archive.pk)


def _own_archive(request, pk: int) -> TrainingRecordArchive:
    """The archive, for its requester only (while they may still see reports)."""
    if not user_may_see_reports(request.user):
        raise PermissionDenied
    archive = get_object_or_404(TrainingRecordArchive, pk=pk)
    if archive.requested_by_id != request.user.pk:
        raise PermissionDenied
    return archive


def office_training_records_archive(request, pk: int):
    """The archive's progress (the page reloads itself until it is ready)
    and, once ready, its download."""
    archive = _own_archive(request, pk)
    title = _("Training records of your nominees (PDF)")
    return TemplateResponse(
        request,
        "cohorts/admin/training_records_archive.html",
        {"page_title": title, "header_title": title, "archive": archive},
    )


def office_training_records_archive_download(request, pk: int):
    """The ready zip, served to its requester only; 404 before it is ready."""
    archive = _own_archive(request, pk)
    if archive.status != TrainingRecordArchive.Status.DONE or not archive.file:
        raise Http404
    try:
        return private_file_response(
            archive.file,
            filename="training-records.zip",
            content_type="application/zip",
        )
    except FileNotFoundError as exc:
        raise Http404 from exc
