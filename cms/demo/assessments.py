"""Demo assessments: a quiz and an assignment with grades in each completed cohort.

For every completed cohort that has no assessments yet: a six-question quiz
on priority and the PPH, a graded case-study assignment, attempts and grades
for its admitted trainees (a few weak or missing, so some do not complete),
then `cohort_complete` settles completion. Idempotent: cohorts that already
have assessments are left alone. Does nothing when there are no cohorts.

Sources for the quiz facts:
- Paris Convention for the Protection of Industrial Property, Art. 4A(1) and
  4C(1) (WIPO Lex, https://www.wipo.int/wipolex/en/text/288514): priority of
  12 months for patents and utility models, 6 months for industrial designs
  and trademarks.
- Patent Cooperation Treaty, Art. 22(1) (WIPO, https://www.wipo.int/pct/en/
  texts/articles/a22.html): national phase by 30 months from the priority date.
- Patent Prosecution Highway: the office of later examination accelerates its
  own examination using the earlier office's work; it still applies its own
  law (JPO PPH portal, https://www.jpo.go.jp/e/system/patent/shinsa/soki/pph/).
- CNIPA's PPH partners by the end of 2020 (30 offices, 16 of them Belt and
  Road partners): the background article in /work/shared/background/.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from cohorts.models import (
    AcceptedAnswer,
    Assessment,
    Choice,
    Cohort,
    Enrolment,
    OfficeMembership,
    Question,
)
from cohorts.services.assessments import (
    assignment_grade,
    assignment_submit,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from cohorts.services.completion import cohort_complete

from . import running

SINGLE, MULTIPLE, TRUE_FALSE, SHORT = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.TRUE_FALSE,
    Question.Kind.SHORT_ANSWER,
)

# kind, text, choices [(text, correct)] or accepted answers, explanation
QUESTIONS = [
    (
        SINGLE,
        "Under the Paris Convention, how long is the priority period for "
        "patents and utility models?",
        [("6 months", False), ("12 months", True), ("18 months", False)]
        + [("30 months", False)],
        "Paris Convention, Article 4C(1): twelve months for patents and utility "
        "models.",
    ),
    (
        SINGLE,
        "And for industrial designs and trademarks?",
        [("3 months", False), ("6 months", True), ("12 months", False)]
        + [("24 months", False)],
        "Paris Convention, Article 4C(1): six months for industrial designs and "
        "trademarks.",
    ),
    (
        MULTIPLE,
        # The quiz page says "Select all that apply." under every such question.
        "A first filing in a Paris Union country can found a right of priority "
        "for which of these?",
        [("A patent", True), ("A utility model", True), ("A trademark", True)]
        + [("Copyright in a book", False), ("A trade secret", False)],
        "Paris Convention, Article 4A(1): patents, utility models, industrial "
        "designs and trademarks.",
    ),
    (
        TRUE_FALSE,
        "Under the Patent Prosecution Highway, the office of later examination "
        "must grant a patent once the office of earlier examination has found "
        "the claims allowable.",
        [("True", False), ("False", True)],
        "False: the later office examines faster using the earlier office's "
        "work, but decides under its own law.",
    ),
    (
        SHORT,
        "Under PCT Article 22(1), how many months from the priority date does an "
        "applicant generally have to enter the national phase? (a number)",
        ["30", "30 months", "thirty", "thirty months"],
        "PCT Article 22(1): 30 months from the priority date; some offices "
        "allow longer.",
    ),
    (
        SINGLE,
        "By the end of 2020, with how many patent examination agencies had "
        "CNIPA signed PPH agreements?",
        [("16", False), ("30", True), ("45", False), ("60", False)],
        "30 agencies, 16 of them in Belt and Road countries (background article).",
    ),
]

# Per trainee, cycling: how many quiz questions they answer right (of 6) and
# their case-study score out of 20 (None: never handed in).
PROFILES = [(6, 17), (5, 15), (4, 13), (2, 7), (5, None), (6, 18), (3, 11)]

MEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _grader(cohort):
    membership = (
        OfficeMembership.objects.filter(
            office=cohort.lead_office, role=OfficeMembership.Role.COORDINATOR
        )
        .select_related("user")
        .first()
    )
    if membership:
        return membership.user
    return get_user_model().objects.filter(is_superuser=True).first()


def _create_quiz(cohort, due_at):
    quiz = Assessment.objects.create(
        cohort=cohort,
        title="Quiz: priority and the Patent Prosecution Highway",
        kind=Assessment.Kind.QUIZ,
        weight=1,
        max_score=10,
        due_at=due_at,
        required=True,
        attempt_limit=2,
        time_limit_minutes=20,
        instructions="Six questions; 20 minutes; two attempts, the best counts.",
        status=Assessment.Status.PUBLISHED,
    )
    for order, (kind, text, options, explanation) in enumerate(QUESTIONS):
        question = Question.objects.create(
            assessment=quiz, kind=kind, text=text, order=order, explanation=explanation
        )
        if kind == SHORT:
            for accepted in options:
                AcceptedAnswer.objects.create(question=question, text=accepted)
        else:
            for position, (choice, correct) in enumerate(options):
                Choice.objects.create(
                    question=question, text=choice, correct=correct, order=position
                )
    return quiz


def _answers(quiz, right: int) -> dict:
    """Answers with the first `right` questions (by order) correct."""
    answers = {}
    questions = quiz.questions.prefetch_related("choices", "accepted_answers")
    for index, question in enumerate(questions):
        correct = index < right
        if question.kind == SHORT:
            answers[question.pk] = "30 months" if correct else "18"
        else:
            choices = question.choices.all()
            right_ids = [c.pk for c in choices if c.correct]
            wrong_ids = [c.pk for c in choices if not c.correct]
            answers[question.pk] = right_ids if correct else wrong_ids[:1]
    return answers


def seed(ctx):
    cohorts = list(
        Cohort.objects.filter(status=Cohort.Status.COMPLETED, assessments__isnull=True)
        .select_related("lead_office")
        .distinct()
    )
    if not cohorts:
        ctx.write("assessments: no completed cohort without assessments; nothing to do")
        return
    for cohort in cohorts:
        grader = _grader(cohort)
        due_at = datetime.datetime.combine(
            cohort.end_date, datetime.time(12), tzinfo=datetime.UTC
        )
        quiz = _create_quiz(cohort, due_at)
        case = Assessment.objects.create(
            cohort=cohort,
            title="Case study: a PPH request",
            kind=Assessment.Kind.ASSIGNMENT,
            status=Assessment.Status.PUBLISHED,
            weight=2,
            max_score=20,
            due_at=due_at,
            required=True,
            instructions=(
                "In two or three pages, advise an applicant whose claims were "
                "found allowable by one office how to request accelerated "
                "examination under the PPH at a partner office: conditions, "
                "documents, and what the partner office still examines."
            ),
        )
        with running(cohort):
            enrolments = list(
                cohort.enrolments.filter(status=Enrolment.Status.ADMITTED).order_by(
                    "pk"
                )
            )
            for index, enrolment in enumerate(enrolments):
                right, score = PROFILES[index % len(PROFILES)]
                started = due_at - datetime.timedelta(days=3, hours=index)
                attempt = quiz_attempt_start(
                    assessment=quiz, enrolment=enrolment, now=started
                )
                quiz_attempt_submit(
                    attempt=attempt,
                    answers=_answers(quiz, right),
                    now=started + datetime.timedelta(minutes=12),
                )
                if score is None:
                    continue
                submission = assignment_submit(
                    assessment=case,
                    enrolment=enrolment,
                    file=ContentFile(MEMO_PDF, name="pph-case-study.pdf"),
                    now=due_at - datetime.timedelta(days=1, hours=index),
                )
                if grader:
                    assignment_grade(
                        submission=submission,
                        score=Decimal(score),
                        feedback="Clear structure; cite the PPH guidelines of the "
                        "partner office for the documents required.",
                        graded_by=grader,
                    )
        results = cohort_complete(cohort=cohort)
        done = sum(1 for r in results.values() if r.completed)
        ctx.write(
            f"assessments: {cohort.title}: quiz and case study for "
            f"{len(enrolments)} trainees; {done} completed, "
            f"{len(results) - done} not completed"
        )
