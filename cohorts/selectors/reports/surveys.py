"""Report tables of the surveys: responses, per-question distributions and
the learning gain of the knowledge tests, per cohort and per office.

Results (means, distributions, gain) show only once a survey has closed with
at least 5 responses in each phase (`survey_results_shown`); every cell then
goes through the small-cell rule (`suppress_table`).

Learning gain is unpaired: the mean score after the cohort minus the mean
score before it, in percentage points, over the anonymous responses of each
phase. No answer is ever linked to a trainee or to another answer, so pre and
post need no pairing token; an office's gain pools the responses of the
cohorts it takes part in (a response names no office either).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from cohorts.selectors.reports.cells import (
    ReportTable,
    labelled_table,
    suppress_table,
)
from cohorts.selectors.surveys import survey_phases, survey_results_shown

TENTH = Decimal("0.1")
Phase = SurveyResponse.Phase


def _tenth(value) -> Decimal:
    return Decimal(value).quantize(TENTH, ROUND_HALF_UP)


@dataclass
class SurveyFigures:
    responses: int = 0
    mean_rating: Decimal | None = None
    mean_score: Decimal | None = None


SURVEY_COLUMNS = (
    ("responses", _("Responses"), "people"),
    ("mean_rating", _("Mean rating (1–5)"), "derived"),
    ("mean_score", _("Mean score (%)"), "derived"),
)


@dataclass
class GainFigures:
    pre_responses: int = 0
    post_responses: int = 0
    pre_sum: Decimal = Decimal(0)  # the sum of the responses' scores (%)
    post_sum: Decimal = Decimal(0)
    shown: bool = True

    @property
    def people(self) -> int:
        return min(self.pre_responses, self.post_responses)

    def _mean(self, total, n):
        return total / n if self.shown and n else None

    @property
    def pre_score(self):
        mean = self._mean(self.pre_sum, self.pre_responses)
        return None if mean is None else _tenth(mean)

    @property
    def post_score(self):
        mean = self._mean(self.post_sum, self.post_responses)
        return None if mean is None else _tenth(mean)

    @property
    def gain(self):
        pre = self._mean(self.pre_sum, self.pre_responses)
        post = self._mean(self.post_sum, self.post_responses)
        return None if pre is None or post is None else _tenth(post - pre)

    def add(self, other: "GainFigures") -> None:
        self.pre_responses += other.pre_responses
        self.post_responses += other.post_responses
        self.pre_sum += other.pre_sum
        self.post_sum += other.post_sum


GAIN_COLUMNS = (
    ("pre_responses", _("Responses before"), "people"),
    ("post_responses", _("Responses after"), "people"),
    ("pre_score", _("Mean score before (%)"), "derived"),
    ("post_score", _("Mean score after (%)"), "derived"),
    ("gain", _("Learning gain (points)"), "derived"),
)

ANSWER_COLUMNS = (("answers", _("Answers"), "people"),)


@dataclass
class AnswerCount:
    answers: int = 0


def _label(survey: Survey, phase: str) -> str:
    label = f"{survey.cohort.title} · {survey.title}"
    return f"{label} · {Phase(phase).label}" if phase != Phase.ONLY else label


def survey_tables(cohorts, office_cohorts: dict, offices: dict, *, today=None):
    """{"surveys", "survey_answers", "learning_gain", "learning_gain_by_office"}
    tables over the surveys of `cohorts`; `office_cohorts` {office id: cohort
    ids} and `offices` {id: Office} give the office rows. Six queries
    whatever the number of cohorts and surveys."""
    today = today or timezone.localdate()
    surveys = list(
        Survey.objects.filter(cohort__in=cohorts)
        .select_related("cohort")
        .prefetch_related("questions")
        .order_by("cohort__start_date", "cohort__title", "closes_on", "pk")
    )
    counts: dict[tuple, dict] = {}
    for row in (
        SurveyResponse.objects.filter(survey__in=surveys)
        .values("survey_id", "phase")
        .annotate(n=Count("pk"), correct=Sum("correct"))
    ):
        counts[row["survey_id"], row["phase"]] = row
    ratings = {
        (row["response__survey_id"], row["response__phase"]): row["mean"]
        for row in SurveyAnswer.objects.filter(
            response__survey__in=surveys, rating__isnull=False
        )
        .values("response__survey_id", "response__phase")
        .annotate(mean=Avg("rating"))
    }
    shown = {
        s.pk: survey_results_shown(
            s,
            {p: counts.get((s.pk, p), {}).get("n", 0) for p in survey_phases(s)},
            today=today,
        )
        for s in surveys
    }
    distribution: dict[tuple, int] = {}
    for row in (
        SurveyAnswer.objects.filter(
            response__survey__in=[s for s in surveys if shown[s.pk]],
            question__kind__in=[SurveyQuestion.Kind.RATING, SurveyQuestion.Kind.CHOICE],
        )
        .values("question_id", "response__phase", "rating", "option")
        .annotate(n=Count("pk"))
    ):
        key = (row["question_id"], row["response__phase"])
        value = row["rating"] or row["option"]
        distribution[(*key, value)] = distribution.get((*key, value), 0) + row["n"]

    survey_rows, answer_rows, gain_rows = [], [], []
    gain_by_cohort: dict[int, GainFigures] = {}
    for survey in surveys:
        scored = sum(1 for q in survey.questions.all() if q.correct_option)
        gain = GainFigures(shown=shown[survey.pk])
        for phase in survey_phases(survey):
            row = counts.get((survey.pk, phase), {"n": 0, "correct": None})
            figures = SurveyFigures(row["n"])
            if shown[survey.pk]:
                mean = ratings.get((survey.pk, phase))
                figures.mean_rating = None if mean is None else _tenth(mean)
                if scored and row["n"]:
                    score_sum = Decimal(100 * (row["correct"] or 0)) / scored
                    figures.mean_score = _tenth(score_sum / row["n"])
                    if phase == Phase.PRE:
                        gain.pre_responses, gain.pre_sum = row["n"], score_sum
                    else:
                        gain.post_responses, gain.post_sum = row["n"], score_sum
            elif phase == Phase.PRE:
                gain.pre_responses = row["n"]
            elif phase == Phase.POST:
                gain.post_responses = row["n"]
            survey_rows.append((_label(survey, phase), figures))
            if shown[survey.pk]:
                answer_rows += _answer_rows(survey, phase, distribution)
        if survey.is_knowledge_test and scored:
            gain_rows.append((f"{survey.cohort.title} · {survey.title}", gain))
            if gain.shown:
                gain_by_cohort.setdefault(survey.cohort_id, GainFigures()).add(gain)

    gain_total = GainFigures()
    for _name, gain in gain_rows:
        if gain.shown:
            gain_total.add(gain)
    by_office = []
    for office_id, cohort_ids in office_cohorts.items():
        pooled = GainFigures()
        for cohort_id in cohort_ids:
            if cohort_id in gain_by_cohort:
                pooled.add(gain_by_cohort[cohort_id])
        if pooled.pre_responses or pooled.post_responses:
            by_office.append((offices[office_id].name, pooled))
    by_office.sort(key=lambda r: r[0])
    # Offices share cohorts: their rows do not add up to the total.
    gain_columns = {"columns": GAIN_COLUMNS, "additive": set(), "people": "people"}
    return {
        "surveys": labelled_table(
            _("Surveys"),
            _("Survey"),
            survey_rows,
            SurveyFigures(sum(f.responses for _name, f in survey_rows)),
            columns=SURVEY_COLUMNS,
            additive={"responses"},
            people="responses",
        ),
        "survey_answers": ReportTable(
            columns=ANSWER_COLUMNS,
            caption=_(
                "Answers per question (closed surveys with at least 5 responses)"
            ),
            row_heading=_("Question and answer"),
            rows=answer_rows,
            total=[None],
        ),
        "learning_gain": labelled_table(
            _("Learning gain per cohort (knowledge tests)"),
            _("Knowledge test"),
            gain_rows,
            gain_total,
            **gain_columns,
        ),
        "learning_gain_by_office": labelled_table(
            _("Learning gain per office (its cohorts' knowledge tests)"),
            _("Office"),
            by_office,
            gain_total,
            **gain_columns,
        ),
    }


def _answer_rows(survey: Survey, phase: str, distribution: dict) -> list:
    """(label, cells) per option of each rating or choice question, each
    question's options suppressed against its number of answers."""
    rows = []
    for number, question in enumerate(survey.questions.all(), start=1):
        if question.kind == SurveyQuestion.Kind.RATING:
            options = [str(i) for i in range(1, 6)]
        elif question.kind == SurveyQuestion.Kind.CHOICE:
            options = question.option_list
        else:
            continue
        counted = [
            AnswerCount(distribution.get((question.pk, phase, i), 0))
            for i in range(1, len(options) + 1)
        ]
        cells, _total = suppress_table(
            counted, AnswerCount(sum(c.answers for c in counted)),
            columns=ANSWER_COLUMNS, additive={"answers"}, people="answers",
        )  # fmt: skip
        prefix = f"{_label(survey, phase)} · {number}. {question.text}"
        for i, (option, cell) in enumerate(zip(options, cells, strict=True), 1):
            mark = f" ({_('correct')})" if question.correct_option == i else ""
            rows.append((f"{prefix}: {option}{mark}", cell))
    return rows
