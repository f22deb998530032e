"""Report table of the end-of-cohort evaluation."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort
from cohorts.selectors.evaluations import evaluation_results_for_cohorts
from cohorts.selectors.reports.cells import ReportTable, suppress_table


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


def evaluation_table(cohorts: list[Cohort]) -> ReportTable:
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
