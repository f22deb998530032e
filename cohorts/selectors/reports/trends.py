"""Report trends per month: completions, trainees attending, hours attended."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Enrolment
from cohorts.selectors.reports.cells import ReportTable, suppress_table


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


def trends_table(enrolments: list[Enrolment], stats) -> ReportTable:
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
