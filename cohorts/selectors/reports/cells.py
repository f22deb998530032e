"""The cells of every report table and the one suppression rule.

Suppression (`suppress_table`): a count of 1 to 4 people shows "<5" (0 is
shown: it reveals nobody); a rate, score or person-hours figure shows "<5"
when its row's people are 1 to 4. Secondary suppression: the total minus
the shown cells of a column gives the sum of its hidden cells, so whenever a
column with a shown total has hidden cells, its smallest shown non-zero cell is
hidden too (one hidden cell is never alone, and two hidden 1s never add up to
a telling 2); with no such cell left, the total is hidden. Totals are computed
from the people, not by adding the shown cells. A total's rates and averages
follow the same rule (`total_rates_suppress`): hidden with its people's count,
or beside a hidden cell of their column.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from cohorts.selectors.attendance import AttendanceStats

SMALL_CELL = 5
HIDDEN = "<5"
HUNDRED = Decimal(100)


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
        pooled = AttendanceStats(expected=self.expected, attended=self.attended)
        return pooled.rate_to(Decimal("0.1"))

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
        total_rates_suppress(cells[-1], cells[:-1], columns, additive, people)
    return (cells[:-1], cells[-1]) if total else (cells, [])


def total_rates_suppress(total, body, columns, additive, people) -> None:
    """Hide, in the `total` cells, the rates and averages (derived columns
    that do not add up) that would let a reader estimate a hidden count.

    A total's rate is about the same people as the total's count, so it hides
    when that count shows "<5" (small, or hidden to cover another cell); and
    when a row's figure in its column is hidden: the total's rate, less the
    shown rows' rates weighted by their shown counts, would give the hidden
    rows' rate, and with their people (total minus shown) a count of fewer
    than 5. No figure (None) stays no figure. Changes `total` in place."""
    keys = [attr for attr, _label, _kind in columns]
    people_hidden = people in keys and total[keys.index(people)] == HIDDEN
    for i, (attr, _label, kind) in enumerate(columns):
        if kind != "derived" or attr in additive or total[i] is None:
            continue
        if people_hidden or any(row[i] == HIDDEN for row in body):
            total[i] = HIDDEN


# ---- tables ----


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


def labelled_table(
    caption, row_heading, labelled: Iterable[tuple[str, Figures]], total, **columns
):
    """A suppressed table of (label, figures) rows; `columns` are
    suppress_table's keyword arguments for a table with columns of its own."""
    labelled = list(labelled)
    cells, total_cells = suppress_table([f for _label, f in labelled], total, **columns)
    return ReportTable(
        caption=caption,
        row_heading=row_heading,
        rows=[(label, c) for (label, _f), c in zip(labelled, cells, strict=True)],
        total=total_cells,
        columns=columns.get("columns", ()),
    )
