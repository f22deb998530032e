"""Programme reports: figures per office and per cohort, and the one
small-cell suppression every output (page, CSV, XLSX, JSON) goes through.

Definitions (all over the cohorts the filters and the viewer's scope keep):

- applications: every enrolment; nominations: enrolments an office put
  forward that hold a seat (nominated or admitted); admissions: admitted.
- attendance rate: attended ÷ expected held sessions of the admitted trainees,
  pooled, by `attendance_stats_for_enrolments` (the one attendance rule).
- completion rate: completed ÷ admitted; average final score: mean over
  admitted trainees who have one.
- certificates issued/revoked: the certificates app's rule, through the
  ``report_certificate_counts`` hook (cohorts does not import certificates).
- hours delivered: length of the held sessions of the row's cohorts (an
  office's row: the cohorts it takes part in); hours attended: the sum of the
  attended sessions' lengths over the admitted trainees (person-hours).

Breakdowns: the same figures by the nominating office's country or region,
and by the trainees' optional sector and gender (blank: "Not stated"), over
the enrolments of the offices the viewer may see.

Suppression (`suppress_table`): a count of 1 to 4 people shows "<5" (0 is
shown: it reveals nobody); a rate, score or person-hours figure shows "<5"
when its row admitted 1 to 4 people. Secondary suppression: the total minus
the shown cells of a column gives the sum of its hidden cells, so whenever a
column with a shown total has hidden cells, its smallest shown non-zero cell is
hidden too (one hidden cell is never alone, and two hidden 1s never add up to
a telling 2); with no such cell left, the total is hidden. Totals are computed
from the people, not by adding the shown cells.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

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
from cohorts.selectors.evaluations import evaluation_results_for_cohorts
from cohorts.selectors.scoping import office_ids_for_user

SMALL_CELL = 5
HIDDEN = "<5"
HUNDRED = Decimal(100)


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


# ---- figures ----


@dataclass
class Figures:
    applications: int = 0
    nominations: int = 0
    admissions: int = 0
    expected: int = 0
    attended: int = 0
    completed: int = 0
    scored: int = 0
    score_sum: Decimal = Decimal(0)
    certificates_issued: int = 0
    certificates_revoked: int = 0
    hours_delivered: Decimal = Decimal(0)
    hours_attended: Decimal = Decimal(0)

    @staticmethod
    def _percent(part, whole) -> Decimal | None:
        if not whole:
            return None
        return (HUNDRED * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def attendance_rate(self) -> Decimal | None:
        return self._percent(self.attended, self.expected)

    @property
    def completion_rate(self) -> Decimal | None:
        return self._percent(self.completed, self.admissions)

    @property
    def average_score(self) -> Decimal | None:
        if not self.scored:
            return None
        return (self.score_sum / self.scored).quantize(Decimal("0.1"), ROUND_HALF_UP)


# (attribute, heading, kind): "people" counts people; "derived" is about the
# row's admitted people; "plain" is about sessions, not people.
COLUMNS = (
    ("applications", _("Applications"), "people"),
    ("nominations", _("Nominations"), "people"),
    ("admissions", _("Admissions"), "people"),
    ("attendance_rate", _("Attendance rate (%)"), "derived"),
    ("completion_rate", _("Completion rate (%)"), "derived"),
    ("average_score", _("Average final score (%)"), "derived"),
    ("certificates_issued", _("Certificates issued"), "people"),
    ("certificates_revoked", _("Certificates revoked"), "people"),
    ("hours_delivered", _("Training hours delivered"), "plain"),
    ("hours_attended", _("Training hours attended"), "derived"),
)
ADDITIVE = {"applications", "nominations", "admissions", "certificates_issued",
            "certificates_revoked", "hours_attended"}  # fmt: skip


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


# ---- suppression: the one rule ----


def is_small(value) -> bool:
    return isinstance(value, int) and 0 < value < SMALL_CELL


def suppress_table(
    rows: list, total, *, columns=COLUMNS, additive=ADDITIVE, people="admissions"
) -> tuple[list, list]:
    """The cells to show for `rows` and `total`: numbers, None (no figure)
    or HIDDEN. Every output of the reports shows these cells. `columns` are
    (attribute, heading, kind); a "derived" cell hides when its row's
    `people` count is small; `additive` columns add up to their total."""
    everything = [*rows, *([total] if total else [])]
    cells = [[getattr(f, attr) for attr, _label, _kind in columns] for f in everything]
    for figures, row in zip(everything, cells, strict=True):
        for i, (_attr, _label, kind) in enumerate(columns):
            if kind == "people" and is_small(row[i]):
                row[i] = HIDDEN
            elif kind == "derived" and is_small(getattr(figures, people)):
                row[i] = HIDDEN
    if total is not None:
        body = cells[:-1]
        for i, (attr, _label, _kind) in enumerate(columns):
            if attr not in additive or cells[-1][i] == HIDDEN:
                continue
            if not any(r[i] == HIDDEN for r in body):
                continue
            shown = [r for r in body if r[i] not in (HIDDEN, None) and r[i] != 0]
            if shown:
                min(shown, key=lambda r: r[i])[i] = HIDDEN
            else:
                cells[-1][i] = HIDDEN
    return (cells[:-1], cells[-1]) if total else (cells, [])


# ---- the report ----


@dataclass
class ReportTable:
    caption: str
    row_heading: str
    rows: list[tuple[str, list]] = field(default_factory=list)  # (label, cells)
    total: list = field(default_factory=list)
    columns: tuple = ()  # (attribute, heading, kind); () for COLUMNS

    def keys(self) -> list[str]:
        return [attr for attr, _label, _kind in self.columns or COLUMNS]

    def headings(self) -> list[str]:
        return [str(label) for _attr, label, _kind in self.columns or COLUMNS]


@dataclass
class ProgrammeReport:
    offices: ReportTable
    cohorts: ReportTable
    breakdowns: dict[str, ReportTable] = field(default_factory=dict)
    # Tables with columns of their own: "trends", "evaluation".
    extra: dict[str, ReportTable] = field(default_factory=dict)

    @property
    def tables(self) -> list[ReportTable]:
        return [self.offices, self.cohorts, *self.breakdowns.values()]

    @property
    def is_empty(self) -> bool:
        return not self.cohorts.rows

    def headings(self) -> list[str]:
        return [str(label) for _attr, label, _kind in COLUMNS]


def _table(caption, row_heading, labelled: Iterable[tuple[str, Figures]], total):
    labelled = list(labelled)
    cells, total_cells = suppress_table([f for _label, f in labelled], total)
    return ReportTable(
        caption=caption,
        row_heading=row_heading,
        rows=[(label, c) for (label, _f), c in zip(labelled, cells, strict=True)],
        total=total_cells,
    )


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
        offices=_table(_("Figures per office"), _("Office"), office_rows, office_total),
        cohorts=_table(
            _("Figures per cohort (all taking-part offices)"),
            _("Cohort"),
            ((c.title, by_cohort[c.pk]) for c in cohorts),
            cohort_total,
        ),
        breakdowns=_breakdowns(seen, offices, stats, certificates, office_total),
        extra={
            "trends": _trends(seen, stats),
            "evaluation": _evaluation(cohorts),
        },
    )


# ---- trends over time ----


@dataclass
class MonthFigures:
    completions: int = 0
    people: set = field(default_factory=set)  # user ids attending that month
    hours_attended: Decimal = Decimal(0)

    @property
    def attendees(self) -> int:
        return len(self.people)


TREND_COLUMNS = (
    ("completions", _("Completions"), "people"),
    ("attendees", _("Trainees attending"), "people"),
    ("hours_attended", _("Training hours attended"), "derived"),
)


def _month(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


def _trends(enrolments: list[Enrolment], stats) -> ReportTable:
    """Per month, every month from the first to the last with a figure:
    completions (by the month completed), trainees who attended a session and
    their person-hours (by the month the session began), suppressed like every
    table; the hours hide where fewer than 5 people attended."""
    months: dict[datetime.date, MonthFigures] = {}
    total = MonthFigures()
    for enrolment in enrolments:
        if enrolment.status != Enrolment.Status.ADMITTED:
            continue
        if enrolment.completion == Enrolment.Completion.COMPLETED and (
            enrolment.completed_at
        ):
            month = _month(timezone.localtime(enrolment.completed_at).date())
            months.setdefault(month, MonthFigures()).completions += 1
            total.completions += 1
        for month, hours in stats[enrolment.pk].hours_by_month.items():
            figures = months.setdefault(month, MonthFigures())
            figures.people.add(enrolment.user_id)
            figures.hours_attended += hours
            total.people.add(enrolment.user_id)
            total.hours_attended += hours
    if months:
        month, last = min(months), max(months)
        while month < last:  # months with nothing are shown as 0
            month = _month(month + datetime.timedelta(days=32))
            months.setdefault(month, MonthFigures())
    labelled = sorted(months.items())
    cells, total_cells = suppress_table(
        [f for _m, f in labelled],
        total,
        columns=TREND_COLUMNS,
        additive={"completions", "hours_attended"},
        people="attendees",
    )
    return ReportTable(
        columns=TREND_COLUMNS,
        caption=_("Trends per month"),
        row_heading=_("Month"),
        rows=[
            (m.strftime("%Y-%m"), c) for (m, _f), c in zip(labelled, cells, strict=True)
        ],
        total=total_cells,
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
        name: _table(caption, row_heading, groups[name].items(), total)
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


# ---- end-of-cohort evaluation ----


@dataclass
class EvaluationFigures:
    responses: int = 0
    overall: Decimal | None = None
    relevance: Decimal | None = None
    delivery: Decimal | None = None


EVALUATION_COLUMNS = (
    ("responses", _("Responses"), "people"),
    ("overall", _("Overall (1–5)"), "derived"),
    ("relevance", _("Relevance to work (1–5)"), "derived"),
    ("delivery", _("Trainers and delivery (1–5)"), "derived"),
)


def _evaluation(cohorts: list[Cohort]) -> ReportTable:
    """Responses and mean ratings per cohort: ratings only once the evaluation
    closed with at least 5 responses; the total counts responses only."""
    results = evaluation_results_for_cohorts(cohorts)
    rows = [
        (c.title, EvaluationFigures(results[c.pk].responses, **results[c.pk].means))
        for c in cohorts
    ]
    total = EvaluationFigures(sum(f.responses for _t, f in rows))
    cells, total_cells = suppress_table(
        [f for _t, f in rows],
        total,
        columns=EVALUATION_COLUMNS,
        additive={"responses"},
        people="responses",
    )
    return ReportTable(
        columns=EVALUATION_COLUMNS,
        caption=_("End-of-cohort evaluation"),
        row_heading=_("Cohort"),
        rows=[(t, c) for (t, _f), c in zip(rows, cells, strict=True)],
        total=total_cells,
    )
