"""Reads for assessments: who may grade, a trainee's view, the gradebook."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from cohorts.models import (
    Assessment,
    AssignmentSubmission,
    Cohort,
    Enrolment,
    QuizAttempt,
    Session,
)
from cohorts.selectors.completion import (
    AssessmentOutcome,
    completion_inputs_for_enrolments,
)
from cohorts.selectors.enrolments import (
    enrolment_assessable_office_ids,
    enrolment_details_office_ids,
)
from cohorts.selectors.scoping import office_ids_by_user, office_ids_for_user


def _cohort_list_for_staff(user, *, office_field: str) -> QuerySet[Cohort]:
    """Cohorts the user teaches a session of, or whose `office_field` is one of
    the user's offices (superusers: all)."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    qs = Cohort.objects.select_related("course", "lead_office")
    if user.is_superuser:
        return qs
    taught = Session.objects.filter(instructors=user).values("cohort_id")
    return qs.filter(
        Q(**{f"{office_field}__in": office_ids_for_user(user)}) | Q(pk__in=taught)
    ).distinct()


def _user_is_staff_of(user, cohort: Cohort, cohorts) -> bool:
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return cohorts(user).filter(pk=cohort.pk).exists()


def cohort_list_for_grader(user) -> QuerySet[Cohort]:
    """Cohorts the user may grade: they teach a session, or coordinate a taking-part office.

    Co-organizing offices see the whole gradebook, as they see the roster.
    """
    return _cohort_list_for_staff(user, office_field="participations__office_id")


def cohort_list_for_author(user) -> QuerySet[Cohort]:
    """Cohorts whose quizzes and assignments the user may write: the lead
    office's coordinators and the cohort's instructors (superusers: all).

    Co-organizing offices grade and see the assessments but do not write them.
    """
    return _cohort_list_for_staff(user, office_field="lead_office_id")


def user_can_author(user, cohort: Cohort) -> bool:
    """True for the lead office's coordinators, the cohort's instructors, superusers."""
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.pk in author_ids_by_cohort([cohort], [user.pk])[cohort.pk]
    )


def author_ids_by_cohort(cohorts, user_ids) -> dict[int, set[int]]:
    """{cohort id: those of `user_ids` who write its assessments} in two queries:
    the lead office's coordinators and the cohort's instructors, as
    `cohort_list_for_author` (superusers are not listed: callers add them)."""
    offices = office_ids_by_user(user_ids)
    authors = {
        cohort.pk: {u for u, mine in offices.items() if cohort.lead_office_id in mine}
        for cohort in cohorts
    }
    for cohort_id, user_id in Session.objects.filter(
        cohort_id__in=authors, instructors__in=offices
    ).values_list("cohort_id", "instructors"):
        authors[cohort_id].add(user_id)
    return authors


def assessment_list_for_staff(user) -> QuerySet[Assessment]:
    """Assessments of the cohorts the user may grade, with cohort and office."""
    return Assessment.objects.filter(
        cohort__in=cohort_list_for_grader(user).values("pk")
    ).select_related("cohort", "cohort__lead_office")


def user_can_grade(user, cohort: Cohort) -> bool:
    """True for the cohort's session instructors and its offices' coordinators."""
    return _user_is_staff_of(user, cohort, cohort_list_for_grader)


def cohort_get_for_grader(user, **lookup) -> Cohort:
    """The cohort, or Http404 if the user may not grade it."""
    try:
        return cohort_list_for_grader(user).get(**lookup)
    except Cohort.DoesNotExist:
        raise Http404 from None


def enrolment_get_for_trainee(user, cohort_slug: str) -> Enrolment:
    """The user's admitted enrolment in the cohort, or Http404."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Enrolment.objects.select_related("cohort", "user").get(
            user=user, cohort__slug=cohort_slug, status=Enrolment.Status.ADMITTED
        )
    except Enrolment.DoesNotExist:
        raise Http404 from None


@dataclass
class Standing:
    enrolment: Enrolment
    outcomes: list[AssessmentOutcome]
    result: object  # CompletionResult


def standing_list_for_user(user) -> list[Standing]:
    """Where the user stands in each cohort they were admitted to (My learning).

    Newest cohort first; a fixed number of queries however many cohorts.
    """
    from cohorts.services.completion import completion_evaluate

    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user, status=Enrolment.Status.ADMITTED)
        .select_related("cohort")
        .order_by("-cohort__start_date")
    )
    inputs = completion_inputs_for_enrolments(enrolments)
    return [
        Standing(
            enrolment=e,
            outcomes=inputs[e.pk].outcomes,
            result=completion_evaluate(e, inputs=inputs[e.pk]),
        )
        for e in enrolments
    ]


def assessment_list_for_enrolment(enrolment: Enrolment) -> list[AssessmentOutcome]:
    """Each assessment of the trainee's cohort with where they stand on it."""
    inputs = completion_inputs_for_enrolments([enrolment])[enrolment.pk]
    return inputs.outcomes


def quiz_attempt_list(assessment: Assessment, enrolment: Enrolment):
    return QuizAttempt.objects.filter(
        assessment=assessment, enrolment=enrolment
    ).order_by("number")


def work_filter_gradable_by(qs: QuerySet, grader, cohort: Cohort) -> QuerySet:
    """Keep the submissions or attempts (`qs`) of trainees `grader` may grade in
    `cohort`, by enrolment_assessable's rule."""
    allowed = enrolment_assessable_office_ids(grader, cohort)
    return qs if allowed is None else qs.filter(enrolment__office_id__in=allowed)


def submission_list_for_grading(assessment: Assessment, *, grader) -> QuerySet:
    """An assignment's submissions that `grader` may grade, in grading order.

    A co-organizing office's coordinator gets its own nominees' only. The
    order (trainee's name, then id) is the queue that next/previous follow.
    """
    return (
        work_filter_gradable_by(
            AssignmentSubmission.objects.filter(assessment=assessment),
            grader,
            assessment.cohort,
        )
        .select_related("enrolment__user", "enrolment__office", "graded_by")
        .order_by("enrolment__user__last_name", "enrolment__user__first_name", "pk")
    )


def quiz_attempt_list_for_grading(assessment: Assessment, *, grader) -> QuerySet:
    """A quiz's submitted attempts that `grader` may re-score, in grading order.

    Scoped and ordered like `submission_list_for_grading`, then by attempt.
    """
    return (
        work_filter_gradable_by(
            QuizAttempt.objects.filter(
                assessment=assessment, submitted_at__isnull=False
            ),
            grader,
            assessment.cohort,
        )
        .select_related("enrolment__user", "enrolment__office")
        .order_by(
            "enrolment__user__last_name",
            "enrolment__user__first_name",
            "enrolment_id",
            "number",
        )
    )


@dataclass
class QueuePosition:
    """Where one piece of work sits in a grading queue (ids of its neighbours)."""

    number: int  # 1-based
    total: int
    previous: int | None
    next: int | None


def grading_queue_position(ids: list[int], current: int) -> QueuePosition | None:
    """The position of `current` among `ids` (the queue's order); None if absent."""
    if current not in ids:
        return None
    i = ids.index(current)
    return QueuePosition(
        number=i + 1,
        total=len(ids),
        previous=ids[i - 1] if i > 0 else None,
        next=ids[i + 1] if i + 1 < len(ids) else None,
    )


def grading_queue_next_ungraded(
    queue: list[tuple[int, bool]], *, after: int | None = None
) -> int | None:
    """The first ungraded id of (id, graded) pairs after `after`, wrapping round;
    None when everything is graded."""
    ids = [pk for pk, _graded in queue]
    start = ids.index(after) + 1 if after in ids else 0
    for pk, graded in queue[start:] + queue[:start]:
        if not graded and pk != after:
            return pk
    return None


@dataclass
class GradebookRow:
    enrolment: Enrolment
    outcomes: list[AssessmentOutcome]
    result: object  # CompletionResult
    details_visible: bool  # may the viewer read the trainee's contact details


@dataclass
class Gradebook:
    cohort: Cohort
    assessments: list[Assessment]
    rows: list[GradebookRow]


def gradebook_for_cohort(cohort: Cohort, *, viewer, now=None) -> Gradebook:
    """Every admitted trainee's scores, weighted final score and completion.

    Contact details are visible to `viewer` by the applications page's rule
    (`enrolment_details_office_ids`). A fixed number of queries whatever the
    number of trainees, sessions and assessments.
    """
    from cohorts.services.completion import completion_evaluate

    allowed = enrolment_details_office_ids(viewer, cohort)
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ADMITTED)
        .select_related("user", "office", "cohort")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    for enrolment in enrolments:
        enrolment.cohort = cohort
    inputs = completion_inputs_for_enrolments(enrolments, now=now)
    # The same assessments as the outcomes: drafts count for nobody yet.
    assessments = list(cohort.assessments.published())
    rows = [
        GradebookRow(
            enrolment=e,
            outcomes=inputs[e.pk].outcomes,
            result=completion_evaluate(e, inputs=inputs[e.pk]),
            details_visible=allowed is None or e.office_id in allowed,
        )
        for e in enrolments
    ]
    return Gradebook(cohort=cohort, assessments=assessments, rows=rows)


def quiz_questions_for_attempt(attempt: QuizAttempt) -> list:
    """The attempt's questions in its own shuffled order, choices prefetched."""
    questions = {
        q.pk: q
        for q in attempt.assessment.questions.prefetch_related(
            Prefetch("choices"), "accepted_answers"
        )
    }
    return [questions[pk] for pk in attempt.question_order if pk in questions]
