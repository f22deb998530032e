"""The programme report: figures per office, per cohort, breakdowns, extras."""

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.permissions import is_platform_admin
from cohorts.hub import REPORT_CERTIFICATES_HOOK
from cohorts.models import Cohort, CohortOffice, Enrolment, Office, Session
from cohorts.selectors.attendance import (
    attendance_stats_for_enrolments,
    session_hours,
)
from cohorts.selectors.reports.cells import (
    COLUMNS,
    Figures,
    ReportTable,
    labelled_table,
)
from cohorts.selectors.reports.surveys import survey_tables
from cohorts.selectors.reports.trends import trends_table
from cohorts.selectors.scoping import office_ids_for_user

# ---- scope ----


def user_sees_all_offices(user) -> bool:
    """Platform admins and superusers see every office's figures."""
    return is_platform_admin(user)


def user_may_see_reports(user) -> bool:
    """Coordinators (their offices), platform admins and superusers (all)."""
    return user_sees_all_offices(user) or bool(office_ids_for_user(user))


# ---- filters ----


@dataclass(frozen=True)
class ReportFilters:
    start: datetime.date | None = None  # cohorts starting on or after
    end: datetime.date | None = None  # cohorts starting on or before
    course_id: int | None = None
    ip_area_id: int | None = None
    country: str = ""  # offices of this country (cohorts: one takes part)


def _cohorts_in_scope(office_ids, filters: ReportFilters) -> QuerySet[Cohort]:
    qs = Cohort.objects.all()
    if office_ids is not None:
        qs = qs.filter(participations__office_id__in=office_ids)
    if filters.start:
        qs = qs.filter(start_date__gte=filters.start)
    if filters.end:
        qs = qs.filter(start_date__lte=filters.end)
    if filters.course_id:
        qs = qs.filter(course_id=filters.course_id)
    if filters.ip_area_id:
        qs = qs.filter(course__ip_areas=filters.ip_area_id)
    if filters.country:
        qs = qs.filter(participations__office__country=filters.country)
    return qs.select_related("course").distinct().order_by("start_date", "title")


def _add(figures: Figures, enrolment: Enrolment, stats, certificates) -> None:
    figures.applications += 1
    if enrolment.status in Enrolment.SEAT_HOLDING_STATUSES:
        figures.nominations += 1
    if enrolment.status != Enrolment.Status.ADMITTED:
        return
    figures.admissions += 1
    figures.expected += stats.expected
    figures.attended += stats.attended
    figures.hours_attended += stats.attended_hours
    figures.completed += enrolment.completion == Enrolment.Completion.COMPLETED
    if enrolment.final_score is not None:
        figures.scored += 1
        figures.score_sum += enrolment.final_score
    counts = certificates.get(enrolment.pk, {})
    figures.certificates_issued += counts.get("issued", 0)
    figures.certificates_revoked += counts.get("revoked", 0)


def certificate_counts_for(enrolment_ids: list[int]) -> dict[int, dict]:
    """{enrolment id: {"issued": n, "revoked": n}} by the certificates app's rule."""
    counts: dict[int, dict] = {}
    for fn in hooks.get_hooks(REPORT_CERTIFICATES_HOOK):
        counts.update(fn(enrolment_ids))
    return counts


# ---- the report ----


@dataclass
class ProgrammeReport:
    offices: ReportTable
    cohorts: ReportTable
    breakdowns: dict[str, ReportTable] = field(default_factory=dict)
    # Tables with columns of their own: "trends", the surveys'.
    extra: dict[str, ReportTable] = field(default_factory=dict)

    @property
    def tables(self) -> list[ReportTable]:
        return [self.offices, self.cohorts, *self.breakdowns.values()]

    @property
    def is_empty(self) -> bool:
        return not self.cohorts.rows

    def headings(self) -> list[str]:
        return [str(label) for _attr, label, _kind in COLUMNS]


def programme_report(user, filters: ReportFilters, *, now=None) -> ProgrammeReport:
    """Figures per office (the viewer's offices; all for platform admins) and
    per cohort (cohort totals), suppressed. A fixed number of queries
    whatever the number of cohorts."""
    office_ids = None if user_sees_all_offices(user) else office_ids_for_user(user)
    return programme_report_for_offices(office_ids, filters, now=now)


def programme_report_for_offices(
    office_ids: set[int] | None, filters: ReportFilters, *, now=None
) -> ProgrammeReport:
    """The report as a coordinator of `office_ids` sees it (None: every
    office), e.g. one office's monthly report."""
    now = now or timezone.now()
    cohorts = list(_cohorts_in_scope(office_ids, filters))
    cohort_ids = [c.pk for c in cohorts]
    enrolments = list(
        Enrolment.objects.filter(cohort_id__in=cohort_ids).select_related(
            "cohort", "user"
        )
    )
    admitted = [e for e in enrolments if e.status == Enrolment.Status.ADMITTED]
    stats = attendance_stats_for_enrolments(admitted, now=now)
    certificates = certificate_counts_for([e.pk for e in admitted])
    delivered: dict[int, Decimal] = {}
    for session in Session.objects.filter(cohort_id__in=cohort_ids, ends_at__lte=now):
        delivered[session.cohort_id] = delivered.get(
            session.cohort_id, Decimal(0)
        ) + session_hours(session)

    office_filter = {} if office_ids is None else {"pk__in": office_ids}
    if filters.country:
        office_filter["country"] = filters.country
    offices = {o.pk: o for o in Office.objects.filter(**office_filter)}
    office_cohorts: dict[int, set[int]] = {}
    for office_id, cohort_id in CohortOffice.objects.filter(
        cohort_id__in=cohort_ids, office_id__in=offices
    ).values_list("office_id", "cohort_id"):
        office_cohorts.setdefault(office_id, set()).add(cohort_id)

    by_cohort = {c.pk: Figures(hours_delivered=delivered.get(c.pk, 0)) for c in cohorts}
    by_office = {
        pk: Figures(hours_delivered=sum(delivered.get(c, 0) for c in ids))
        for pk, ids in office_cohorts.items()
    }
    office_total = Figures(
        hours_delivered=sum(
            delivered.get(c, 0) for c in set().union(*office_cohorts.values())
        )
    )
    cohort_total = Figures(hours_delivered=sum(delivered.values(), Decimal(0)))
    for enrolment in enrolments:
        enrolment_stats = stats.get(enrolment.pk)
        _add(by_cohort[enrolment.cohort_id], enrolment, enrolment_stats, certificates)
        _add(cohort_total, enrolment, enrolment_stats, certificates)
        if enrolment.office_id in offices:
            figures = by_office.setdefault(enrolment.office_id, Figures())
            _add(figures, enrolment, enrolment_stats, certificates)
            _add(office_total, enrolment, enrolment_stats, certificates)
    office_rows = sorted(
        ((offices[pk].name, f) for pk, f in by_office.items()), key=lambda r: r[0]
    )
    seen = [e for e in enrolments if e.office_id in offices]
    return ProgrammeReport(
        offices=labelled_table(
            _("Figures per office"), _("Office"), office_rows, office_total
        ),
        cohorts=labelled_table(
            _("Figures per cohort (all taking-part offices)"),
            _("Cohort"),
            ((c.title, by_cohort[c.pk]) for c in cohorts),
            cohort_total,
        ),
        breakdowns=_breakdowns(seen, offices, stats, certificates, office_total),
        extra={
            "trends": trends_table(seen, stats),
            **survey_tables(cohorts, office_cohorts, offices),
        },
    )


BREAKDOWNS = (
    ("country", _("Figures by country or region of the nominating office"),
     _("Country or region")),
    ("sector", _("Figures by sector"), _("Sector")),
    ("gender", _("Figures by gender"), _("Gender")),
)  # fmt: skip


def _breakdowns(enrolments, offices, stats, certificates, total) -> dict:
    """The enrolments' figures by country, sector and gender; every sector and
    gender is a row (0 reveals nobody), "Not stated" last. Sessions are not
    people's: hours delivered show no figure here."""
    not_stated = str(_("Not stated"))
    groups: dict[str, dict[str, Figures]] = {}
    for name in ("sector", "gender"):
        choices = get_user_model()._meta.get_field(name).choices
        groups[name] = {
            str(label): Figures(hours_delivered=None) for _v, label in choices
        }
        groups[name][not_stated] = Figures(hours_delivered=None)
    countries = sorted({offices[e.office_id].country for e in enrolments})
    groups["country"] = {c: Figures(hours_delivered=None) for c in countries}
    for enrolment in enrolments:
        keys = {
            "country": offices[enrolment.office_id].country,
            "sector": enrolment.user.get_sector_display() or not_stated,
            "gender": enrolment.user.get_gender_display() or not_stated,
        }
        for name, key in keys.items():
            _add(
                groups[name][str(key)], enrolment, stats.get(enrolment.pk), certificates
            )
    total = replace(total, hours_delivered=None)
    return {
        name: labelled_table(caption, row_heading, groups[name].items(), total)
        for name, caption, row_heading in BREAKDOWNS
    }


def report_export_header(report: ProgrammeReport) -> list[str]:
    return [str(_("Table")), str(_("Row")), *report.headings()]


def report_export_rows(report: ProgrammeReport):
    """Rows for the CSV/XLSX download: the same cells as the page; a table
    with columns of its own starts with a heading row."""
    total = str(_("Total"))
    for table in [*report.tables, *report.extra.values()]:
        if not table.rows:
            continue
        if table.columns:
            yield [str(_("Table")), str(_("Row")), *table.headings()]
        for label, cells in table.rows:
            yield [str(table.row_heading), label, *cells]
        yield [str(table.row_heading), total, *table.total]


def report_json(report: ProgrammeReport) -> dict:
    """The report for JSON: the same suppressed cells, keyed by column."""

    def table(t: ReportTable) -> dict:
        keys = t.keys()
        return {
            "rows": [
                {"label": label, **dict(zip(keys, c, strict=True))}
                for label, c in t.rows
            ],
            "total": dict(zip(keys, t.total, strict=True)) if t.rows else None,
        }

    return {
        "offices": table(report.offices),
        "cohorts": table(report.cohorts),
        **{name: table(t) for name, t in report.breakdowns.items()},
        **{name: table(t) for name, t in report.extra.items()},
    }
