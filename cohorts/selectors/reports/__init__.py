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
the enrolments of the offices the viewer may see. Trends per month
(`trends.py`) and the surveys (`surveys.py`) are tables
with columns of their own, suppressed by the same rule (`cells.py`).

Suppression (`suppress_table`): a count of 1 to 4 people shows "<5" (0 is
shown: it reveals nobody); a rate, score or person-hours figure shows "<5"
when its row admitted 1 to 4 people. Secondary suppression: the total minus
the shown cells of a column gives the sum of its hidden cells, so whenever a
column with a shown total has hidden cells, its smallest shown non-zero cell is
hidden too (one hidden cell is never alone, and two hidden 1s never add up to
a telling 2); with no such cell left, the total is hidden. Totals are computed
from the people, not by adding the shown cells. A total's rates and averages
hide with its people's count, or beside a hidden cell of their column
(`cells.total_rates_suppress`): otherwise the total's rate and the shown rows'
would give the hidden rows' figure.
"""

from cohorts.selectors.reports.cells import (
    ADDITIVE,
    COLUMNS,
    HIDDEN,
    SMALL_CELL,
    Figures,
    ReportTable,
    is_small,
    suppress_table,
)
from cohorts.selectors.reports.programme import (
    ProgrammeReport,
    ReportFilters,
    certificate_counts_for,
    programme_report,
    programme_report_for_offices,
    report_export_header,
    report_export_rows,
    report_json,
    user_may_see_reports,
    user_sees_all_offices,
)
from cohorts.selectors.reports.surveys import GAIN_COLUMNS, SURVEY_COLUMNS
from cohorts.selectors.reports.trends import TREND_COLUMNS

__all__ = [
    "ADDITIVE",
    "COLUMNS",
    "GAIN_COLUMNS",
    "HIDDEN",
    "SMALL_CELL",
    "SURVEY_COLUMNS",
    "TREND_COLUMNS",
    "Figures",
    "ProgrammeReport",
    "ReportFilters",
    "ReportTable",
    "certificate_counts_for",
    "is_small",
    "programme_report",
    "programme_report_for_offices",
    "report_export_header",
    "report_export_rows",
    "report_json",
    "suppress_table",
    "user_may_see_reports",
    "user_sees_all_offices",
]
