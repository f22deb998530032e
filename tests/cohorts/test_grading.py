"""Changing a quiz attempt's automatic score: a reason is required, kept, shown
and audited; grading queues (next/previous) follow who may grade whom."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from cohorts.exceptions import AssessmentError, CohortCompletedError, GradingError
from cohorts.models import Cohort, GradeChange, QuizAttempt
from cohorts.selectors.assessments import (
    grading_queue_next_ungraded,
    grading_queue_position,
)
from cohorts.selectors.completion import completion_inputs_for_enrolments
from cohorts.services.assessments import quiz_attempt_start, quiz_attempt_submit
from cohorts.services.grading import quiz_attempt_score_override
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    QuizFactory,
    SessionFactory,
    coordinator_of,
    question_with_choices,
)
from training import audit

pytestmark = pytest.mark.django_db


def submitted_attempt(quiz, enrolment, correct=False):
    """A submitted attempt at `quiz` (one question, Yes is right): 10 or 0."""
    attempt = quiz_attempt_start(assessment=quiz, enrolment=enrolment)
    question = quiz.questions.get()
    choice = question.choices.get(correct=correct)
    return quiz_attempt_submit(attempt=attempt, answers={question.pk: [choice.pk]})


@pytest.fixture
def s():
    lead, partner, other = OfficeFactory(), OfficeFactory(), OfficeFactory()
    cohort = CohortFactory(lead_office=lead, status=Cohort.Status.RUNNING)
    CohortOfficeFactory(cohort=cohort, office=partner)
    CohortOfficeFactory(cohort=cohort, office=other)
    instructor = UserFactory()
    SessionFactory(cohort=cohort).instructors.add(instructor)
    quiz = QuizFactory(cohort=cohort, max_score=10, title="Madrid Protocol")
    question_with_choices(quiz, "single", [("Yes", True), ("No", False)])
    own = AdmittedEnrolmentFactory(cohort=cohort, office=partner)
    others = AdmittedEnrolmentFactory(cohort=cohort, office=other)
    return {
        "cohort": cohort,
        "quiz": quiz,
        "lead": coordinator_of(lead),
        "partner": coordinator_of(partner),
        "instructor": instructor,
        "own": own,
        "others": others,
        "attempt": submitted_attempt(quiz, own),
    }


def grade_entries():
    return ModelLogEntry.objects.filter(action=audit.GRADE_CHANGE)


def test_override_requires_a_reason_and_changes_nothing_without_one(s):
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            quiz_attempt_score_override(
                attempt=s["attempt"], score=8, reason=reason, overridden_by=s["lead"]
            )
        assert "reason" in exc.value.message_dict
    s["attempt"].refresh_from_db()
    assert s["attempt"].score == 0 and s["attempt"].override_reason == ""
    assert not GradeChange.objects.exists() and not grade_entries().exists()


def test_override_keeps_reason_and_automatic_score_audits_once_and_counts(s):
    attempt = quiz_attempt_score_override(
        attempt=s["attempt"],
        score="7,5",
        reason="  Question 1 was ambiguous in Russian.  ",
        overridden_by=s["lead"],
    )
    attempt.refresh_from_db()
    assert attempt.score == Decimal("7.50") and attempt.auto_score == 0
    assert attempt.override_reason == "Question 1 was ambiguous in Russian."
    change = GradeChange.objects.get()
    assert (change.attempt, change.submission, change.source) == (
        attempt,
        None,
        GradeChange.Source.OVERRIDE,
    )
    assert (change.old_score, change.new_score) == (0, Decimal("7.50"))
    assert change.reason == "Question 1 was ambiguous in Russian."
    entry = grade_entries().get()
    assert (entry.user, entry.object_id) == (s["lead"], str(attempt.pk))
    assert entry.data["reason"] == "Question 1 was ambiguous in Russian."
    assert (entry.data["from"], entry.data["to"]) == ("0.00", "7.50")
    outcome = completion_inputs_for_enrolments([s["own"]])[s["own"].pk].outcomes[0]
    assert outcome.score == Decimal("7.50")

    # The same again writes nothing; a second change keeps the first automatic score.
    quiz_attempt_score_override(
        attempt=attempt,
        score="7.5",
        reason="Question 1 was ambiguous in Russian.",
        overridden_by=s["lead"],
    )
    assert grade_entries().count() == 1 and GradeChange.objects.count() == 1
    quiz_attempt_score_override(
        attempt=attempt, score=9, reason="Appeal upheld.", overridden_by=s["lead"]
    )
    attempt.refresh_from_db()
    assert (attempt.score, attempt.auto_score) == (9, 0)
    assert grade_entries().count() == 2 and GradeChange.objects.count() == 2


def test_override_bad_score_is_a_field_error(s):
    with pytest.raises(ValidationError) as exc:
        quiz_attempt_score_override(
            attempt=s["attempt"], score="11", reason="x", overridden_by=s["lead"]
        )
    assert "between 0 and 10" in exc.value.message_dict["score"][0]


def test_co_organizer_overrides_only_its_own_nominees(s):
    theirs = submitted_attempt(s["quiz"], s["others"], correct=True)
    with pytest.raises(GradingError):
        quiz_attempt_score_override(
            attempt=theirs, score=0, reason="No.", overridden_by=s["partner"]
        )
    with pytest.raises(GradingError):
        quiz_attempt_score_override(
            attempt=theirs, score=0, reason="No.", overridden_by=UserFactory()
        )
    theirs.refresh_from_db()
    assert theirs.score == 10 and not grade_entries().exists()
    quiz_attempt_score_override(
        attempt=s["attempt"], score=5, reason="Own nominee.", overridden_by=s["partner"]
    )
    quiz_attempt_score_override(
        attempt=theirs, score=9, reason="Typo.", overridden_by=s["instructor"]
    )
    assert grade_entries().count() == 2


def test_open_attempt_cannot_be_overridden(s):
    quiz = QuizFactory(cohort=s["cohort"], max_score=10)
    question_with_choices(quiz, "single", [("Yes", True), ("No", False)])
    attempt = quiz_attempt_start(assessment=quiz, enrolment=s["own"])
    with pytest.raises(AssessmentError):
        quiz_attempt_score_override(
            attempt=attempt, score=5, reason="Early.", overridden_by=s["lead"]
        )
    assert QuizAttempt.objects.get(pk=attempt.pk).score is None


def test_override_is_refused_on_a_completed_cohort(s):
    Cohort.objects.filter(pk=s["cohort"].pk).update(status=Cohort.Status.COMPLETED)
    s["attempt"].assessment.cohort.refresh_from_db()
    with pytest.raises(CohortCompletedError, match="is completed"):
        quiz_attempt_score_override(
            attempt=s["attempt"], score=5, reason="Late.", overridden_by=s["lead"]
        )
    s["attempt"].refresh_from_db()
    assert s["attempt"].score == 0 and not grade_entries().exists()


def test_queue_position_and_next_ungraded():
    position = grading_queue_position([4, 7, 9], 7)
    assert (position.number, position.total, position.previous, position.next) == (
        2,
        3,
        4,
        9,
    )
    first = grading_queue_position([4, 7, 9], 4)
    assert first.previous is None and first.next == 7
    assert grading_queue_position([4, 7, 9], 5) is None
    queue = [(4, False), (7, True), (9, False)]
    assert grading_queue_next_ungraded(queue) == 4
    assert grading_queue_next_ungraded(queue, after=4) == 9
    assert grading_queue_next_ungraded(queue, after=9) == 4  # wraps round
    assert grading_queue_next_ungraded([(4, True), (9, False)], after=9) is None
