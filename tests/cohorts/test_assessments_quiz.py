import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cohorts.exceptions import AssessmentClosedError, AttemptLimitError
from cohorts.models import Question
from cohorts.services.assessments import (
    normalise_answer,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    EnrolmentFactory,
    QuestionFactory,
    QuizFactory,
    question_with_choices,
    short_answer_question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return QuizFactory(max_score=10, attempt_limit=2)


@pytest.fixture
def enrolment(quiz):
    return AdmittedEnrolmentFactory(cohort=quiz.cohort)


def correct_ids(question):
    return [c.pk for c in question.choices.all() if c.correct]


def wrong_ids(question):
    return [c.pk for c in question.choices.all() if not c.correct]


def test_single_choice_full_points_only_for_the_correct_choice(quiz, enrolment):
    q = question_with_choices(
        quiz, Question.Kind.SINGLE, [("12 months", True), ("6 months", False)]
    )
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q.pk: correct_ids(q)})
    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")

    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q.pk: wrong_ids(q)})
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_single_choice_with_two_picks_scores_nothing(quiz, enrolment):
    q = question_with_choices(quiz, Question.Kind.SINGLE, [("a", True), ("b", False)])
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q.pk: correct_ids(q) + wrong_ids(q)})
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_true_false(quiz, enrolment):
    q = question_with_choices(
        quiz, Question.Kind.TRUE_FALSE, [("True", False), ("False", True)]
    )
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q.pk: correct_ids(q)})
    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")


@pytest.mark.parametrize(
    ("right", "wrong", "expected"),
    [
        (3, 0, "10.00"),  # all correct choices
        (2, 0, "6.67"),  # two of three: two shares
        (2, 1, "3.33"),  # a wrong pick cancels one share
        (3, 2, "3.33"),
        (1, 2, "0.00"),  # never below zero
        (0, 0, "0.00"),
    ],
)
def test_multiple_choice_partial_credit(quiz, enrolment, right, wrong, expected):
    q = question_with_choices(
        quiz,
        Question.Kind.MULTIPLE,
        [("patent", True), ("utility model", True), ("trademark", True)]
        + [("copyright", False), ("trade secret", False)],
    )
    picked = correct_ids(q)[:right] + wrong_ids(q)[:wrong]
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q.pk: picked})
    attempt.refresh_from_db()
    assert attempt.score == Decimal(expected)


@pytest.mark.parametrize(
    ("given", "points"),
    [
        ("30", 1),
        ("  30 months. ", 1),
        ("THIRTY MONTHS", 1),
        ("３０", 1),  # full-width digits (NFKC)
        ("31", 0),
        ("", 0),
    ],
)
def test_short_answer_normalised_comparison(quiz, enrolment, given, points):
    q = short_answer_question(quiz, ["30", "30 months", "thirty months"])
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q.pk: given})
    attempt.refresh_from_db()
    assert attempt.score == Decimal(10 * points)


def test_normalise_answer():
    assert normalise_answer("  Paris   Convention! ") == "paris convention"


def test_score_is_share_of_points_scaled_to_max(quiz, enrolment):
    q1 = question_with_choices(
        quiz, Question.Kind.SINGLE, [("a", True), ("b", False)], points=3
    )
    q2 = short_answer_question(quiz, ["yes"], points=1)
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q1.pk: correct_ids(q1), q2.pk: "no"})
    attempt.refresh_from_db()
    assert attempt.score == Decimal("7.50")


def test_choices_of_other_questions_are_ignored(quiz, enrolment):
    q1 = question_with_choices(quiz, Question.Kind.SINGLE, [("a", True)])
    q2 = question_with_choices(quiz, Question.Kind.SINGLE, [("b", False)])
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={q2.pk: correct_ids(q1)})
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_attempt_limit(quiz, enrolment):
    question_with_choices(quiz, Question.Kind.SINGLE, [("a", True)])
    for _ in range(2):
        attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
        quiz_attempt_submit(attempt=attempt, answers={})
    with pytest.raises(AttemptLimitError):
        quiz_attempt_start(assessment=quiz, enrolment=enrolment)


def test_starting_twice_resumes_the_open_attempt(quiz, enrolment):
    QuestionFactory(assessment=quiz)
    first = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    again = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    assert again.pk == first.pk


def test_submitting_twice_is_refused(quiz, enrolment):
    from cohorts.exceptions import AssessmentError

    QuestionFactory(assessment=quiz)
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    quiz_attempt_submit(attempt=attempt, answers={})
    with pytest.raises(AssessmentError):
        quiz_attempt_submit(attempt=attempt, answers={})


def test_question_order_is_shuffled_per_attempt():
    quiz = QuizFactory(attempt_limit=30)
    enrolment = AdmittedEnrolmentFactory(cohort=quiz.cohort)
    ids = [QuestionFactory(assessment=quiz).pk for _ in range(6)]
    orders = set()
    for _ in range(10):
        attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
        assert sorted(attempt.question_order) == sorted(ids)
        orders.add(tuple(attempt.question_order))
        quiz_attempt_submit(attempt=attempt, answers={})
    # 10 shuffles of 6 questions all equal has probability (1/720)**9.
    assert len(orders) > 1


def test_time_limit_enforced_on_the_server(quiz, enrolment):
    quiz.time_limit_minutes = 10
    quiz.save()
    q = question_with_choices(quiz, Question.Kind.SINGLE, [("a", True)])
    start = timezone.now()
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment, now=start)
    # Within the grace period the answers still count.
    ok = quiz_attempt_submit(
        attempt=attempt,
        answers={q.pk: correct_ids(q)},
        now=start + datetime.timedelta(minutes=10, seconds=20),
    )
    assert ok.score == Decimal("10.00") and not ok.timed_out

    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment, now=start)
    late = quiz_attempt_submit(
        attempt=attempt,
        answers={q.pk: correct_ids(q)},
        now=start + datetime.timedelta(minutes=11),
    )
    assert late.timed_out and late.score == 0


def test_expired_open_attempt_is_closed_and_counts_as_used(quiz, enrolment):
    QuestionFactory(assessment=quiz)
    quiz.time_limit_minutes = 5
    quiz.attempt_limit = 1
    quiz.save()
    start = timezone.now()
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment, now=start)
    with pytest.raises(AttemptLimitError):
        quiz_attempt_start(
            assessment=quiz,
            enrolment=enrolment,
            now=start + datetime.timedelta(minutes=6),
        )
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.submitted_at is not None


def test_quiz_closes_on_due_date(quiz, enrolment):
    with pytest.raises(AssessmentClosedError):
        quiz_attempt_start(
            assessment=quiz,
            enrolment=enrolment,
            now=quiz.due_at + datetime.timedelta(minutes=1),
        )


def test_quiz_without_questions_cannot_start(quiz, enrolment):
    from cohorts.exceptions import AssessmentError

    with pytest.raises(AssessmentError):
        quiz_attempt_start(assessment=quiz, enrolment=enrolment)


def test_only_admitted_trainees_of_the_cohort_take_quizzes(quiz):
    from cohorts.exceptions import AssessmentError

    applicant = EnrolmentFactory(cohort=quiz.cohort)
    outsider = AdmittedEnrolmentFactory()
    for enrolment in (applicant, outsider):
        with pytest.raises(AssessmentError):
            quiz_attempt_start(assessment=quiz, enrolment=enrolment)


def test_due_date_caps_an_open_attempt(quiz, enrolment):
    """Answers are revealed after the due date, so no attempt may outlast it."""
    q = question_with_choices(quiz, Question.Kind.SINGLE, [("a", True)])
    start = quiz.due_at - datetime.timedelta(minutes=5)
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment, now=start)
    late = quiz_attempt_submit(
        attempt=attempt,
        answers={q.pk: correct_ids(q)},
        now=quiz.due_at + datetime.timedelta(minutes=2),
    )
    assert late.timed_out and late.score == 0


def test_a_follow_up_question_stays_right_after_the_one_it_refers_to():
    quiz = QuizFactory(attempt_limit=30)
    enrolment = AdmittedEnrolmentFactory(cohort=quiz.cohort)
    ids = [QuestionFactory(assessment=quiz, order=i).pk for i in range(6)]
    # Question 3 refers to question 2; question 4 to question 3.
    Question.objects.filter(pk__in=ids[2:4]).update(keep_with_previous=True)
    orders = set()
    for _ in range(10):
        attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
        order = attempt.question_order
        assert sorted(order) == sorted(ids)
        start = order.index(ids[1])
        assert order[start : start + 3] == ids[1:4]
        orders.add(tuple(order))
        quiz_attempt_submit(attempt=attempt, answers={})
    assert len(orders) > 1  # the groups are still shuffled
