import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cohorts.exceptions import CohortCompletedError
from cohorts.models import AttendanceMark, Cohort, Enrolment
from cohorts.selectors.completion import attendance_stats_for_enrolments
from cohorts.services.assessments import assignment_grade
from cohorts.services.cohorts import cohort_reopen
from cohorts.services.completion import (
    cohort_complete,
    completion_evaluate,
    completion_recompute,
)
from cohorts.signals import attendance_changed, enrolment_completed
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    AttendanceMarkFactory,
    CohortFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db
S = AttendanceMark.Status


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def cohort():
    return CohortFactory(
        status=Cohort.Status.RUNNING,
        min_attendance_percent=80,
        min_final_score=60,
        excused_counts_as_attended=True,
    )


def held_sessions(cohort, n, start_days_ago=20):
    return [
        SessionFactory(cohort=cohort, starts_at=days_ago(start_days_ago - i))
        for i in range(n)
    ]


def attend(enrolment, sessions, statuses):
    for session, status in zip(sessions, statuses, strict=False):
        AttendanceMarkFactory(session=session, enrolment=enrolment, status=status)


def test_attendance_below_minimum_is_reported_exactly(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    sessions = held_sessions(cohort, 3)
    attend(enrolment, sessions, [S.PRESENT, S.LATE, S.ABSENT])
    result = completion_evaluate(enrolment)
    assert result.attendance_rate == Decimal("66.67")
    assert result.missing == ["attendance 67% of 80% required"]
    assert not result.completed


def test_unmarked_held_sessions_count_as_not_attended(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    sessions = held_sessions(cohort, 4)
    attend(enrolment, sessions, [S.PRESENT, S.PRESENT, S.PRESENT])
    assert completion_evaluate(enrolment).attendance_rate == Decimal("75.00")


def test_excused_counts_as_attended_only_when_the_cohort_says_so(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    sessions = held_sessions(cohort, 5)
    attend(enrolment, sessions, [S.PRESENT, S.PRESENT, S.PRESENT, S.EXCUSED, S.EXCUSED])
    assert completion_evaluate(enrolment).missing == []
    cohort.excused_counts_as_attended = False
    cohort.save()
    enrolment.refresh_from_db()
    assert completion_evaluate(enrolment).missing == ["attendance 60% of 80% required"]


def test_sessions_before_admission_and_future_sessions_are_not_expected(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort, admitted_at=days_ago(10))
    SessionFactory(cohort=cohort, starts_at=days_ago(15))  # before admission
    held = SessionFactory(cohort=cohort, starts_at=days_ago(5))
    SessionFactory(cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=2))
    SessionFactory(  # running now: not over yet
        cohort=cohort, starts_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    AttendanceMarkFactory(session=held, enrolment=enrolment, status=S.PRESENT)
    stats = attendance_stats_for_enrolments([enrolment.pk])[enrolment.pk]
    assert (stats.expected, stats.attended, stats.rate) == (1, 1, Decimal("100.00"))


def test_no_sessions_held_yet_means_no_attendance_rule_yet(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    result = completion_evaluate(enrolment)
    assert result.attendance_rate is None and result.missing == []


def test_rounding_never_shows_the_minimum_when_below_it(cohort):
    cohort.min_attendance_percent = 80
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    sessions = held_sessions(cohort, 49, start_days_ago=55)  # 39/49 = 79.59%
    attend(enrolment, sessions, [S.PRESENT] * 39)
    assert completion_evaluate(enrolment).missing == [
        "attendance 79.5% of 80% required"
    ]


def test_required_assessment_not_submitted(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    AssessmentFactory(cohort=cohort, title="Assignment 2", required=True, weight=0)
    AssessmentFactory(cohort=cohort, title="Optional reading", required=False, weight=0)
    assert completion_evaluate(enrolment).missing == ["Assignment 2 not submitted"]
    cohort.require_required_assessments = False
    assert completion_evaluate(enrolment).missing == []


def test_submitted_but_ungraded_work_is_listed(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    essay = AssessmentFactory(cohort=cohort, title="Essay", weight=0)
    AssignmentSubmissionFactory(assessment=essay, enrolment=enrolment)
    assert completion_evaluate(enrolment).missing == ["Essay not graded yet"]


def test_weighted_final_score_counts_missing_work_as_zero(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    a = AssessmentFactory(cohort=cohort, weight=1, max_score=20)
    b = AssessmentFactory(cohort=cohort, weight=3, max_score=50)
    AssessmentFactory(cohort=cohort, weight=1, max_score=10, required=False)
    AssignmentSubmissionFactory(assessment=a, enrolment=enrolment, score=10)  # 50%
    AssignmentSubmissionFactory(assessment=b, enrolment=enrolment, score=50)  # 100%
    # (1×0.5 + 3×1 + 1×0) / 5 = 70%
    assert completion_evaluate(enrolment).final_score == Decimal("70.00")


def test_final_score_below_minimum(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    a = AssessmentFactory(cohort=cohort, max_score=20)
    AssignmentSubmissionFactory(assessment=a, enrolment=enrolment, score=11)
    assert completion_evaluate(enrolment).missing == ["final score 55% of 60% required"]


def test_everything_missing_is_listed_in_order(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    attend(enrolment, held_sessions(cohort, 3), [S.PRESENT, S.PRESENT, S.ABSENT])
    AssessmentFactory(cohort=cohort, title="Assignment 2")
    assert "; ".join(completion_evaluate(enrolment).missing) == (
        "attendance 67% of 80% required; Assignment 2 not submitted; "
        "final score 0% of 60% required"
    )


def met_everything(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    attend(enrolment, held_sessions(cohort, 2), [S.PRESENT, S.PRESENT])
    a = AssessmentFactory(cohort=cohort, max_score=10)
    AssignmentSubmissionFactory(assessment=a, enrolment=enrolment, score=9)
    return enrolment


def test_enrolments_stay_in_progress_while_the_cohort_runs(cohort):
    enrolment = met_everything(cohort)
    result = completion_recompute(enrolment)
    assert result.completed and not result.final
    assert enrolment.completion == Enrolment.Completion.IN_PROGRESS
    assert enrolment.final_score == Decimal("90.00")
    assert enrolment.attendance_rate == Decimal("100.00")


def test_cohort_complete_settles_each_admitted_enrolment_and_signals_once(
    cohort, django_capture_on_commit_callbacks
):
    good = met_everything(cohort)
    weak = AdmittedEnrolmentFactory(cohort=cohort)
    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append(enrolment.pk)

    enrolment_completed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cohort_complete(cohort=cohort)
        with django_capture_on_commit_callbacks(execute=True):
            cohort_complete(cohort=cohort)
            completion_recompute(good)
    finally:
        enrolment_completed.disconnect(receiver)
    assert received == [good.pk]
    good.refresh_from_db()
    weak.refresh_from_db()
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.COMPLETED
    assert good.completion == Enrolment.Completion.COMPLETED
    assert good.completed_at is not None and good.completion_missing == []
    assert weak.completion == Enrolment.Completion.NOT_COMPLETED
    assert weak.completion_missing == [
        "attendance 0% of 80% required",
        f"{cohort.assessments.get().title} not submitted",
        "final score 0% of 60% required",
    ]


def test_a_late_grade_needs_the_cohort_reopened_then_completes_and_signals(
    cohort, django_capture_on_commit_callbacks
):
    enrolment = met_everything(cohort)
    extra = AssessmentFactory(cohort=cohort, title="Late essay", weight=0)
    submission = AssignmentSubmissionFactory(assessment=extra, enrolment=enrolment)
    cohort_complete(cohort=cohort)
    enrolment.refresh_from_db()
    assert enrolment.completion_missing == ["Late essay not graded yet"]
    lead = coordinator_of(cohort.lead_office)
    with pytest.raises(CohortCompletedError):
        assignment_grade(submission=submission, score=80, graded_by=lead)
    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append(1)

    enrolment_completed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cohort_reopen(cohort=cohort, by=lead, reason="Late essay to grade")
            assignment_grade(submission=submission, score=80, graded_by=lead)
            cohort_complete(cohort=cohort, by=lead)
    finally:
        enrolment_completed.disconnect(receiver)
    enrolment.refresh_from_db()
    assert enrolment.completion == Enrolment.Completion.COMPLETED
    assert received == [1]


def test_attendance_changed_signal_recomputes(cohort):
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    sessions = held_sessions(cohort, 2)
    attend(enrolment, sessions, [S.PRESENT])
    attendance_changed.send(sender=None, enrolment_ids=[enrolment.pk])
    enrolment.refresh_from_db()
    assert enrolment.attendance_rate == Decimal("50.00")
    assert enrolment.completion_missing == ["attendance 50% of 80% required"]


def test_attendance_for_a_whole_cohort_in_three_queries(
    cohort, django_assert_num_queries
):
    enrolments = AdmittedEnrolmentFactory.create_batch(4, cohort=cohort)
    sessions = held_sessions(cohort, 3)
    for enrolment in enrolments:
        attend(enrolment, sessions, [S.PRESENT, S.ABSENT, S.EXCUSED])
    with django_assert_num_queries(3):  # enrolments, held sessions, marks
        stats = attendance_stats_for_enrolments([e.pk for e in enrolments])
    assert {s.attended for s in stats.values()} == {2}


def test_enrolments_not_admitted_are_left_alone(cohort):
    enrolment = AdmittedEnrolmentFactory(
        cohort=cohort, status=Enrolment.Status.WITHDRAWN
    )
    assert completion_recompute(enrolment) is None
    SessionFactory(cohort=cohort)
    cohort_complete(cohort=cohort)
    enrolment.refresh_from_db()
    assert enrolment.completion == Enrolment.Completion.IN_PROGRESS
