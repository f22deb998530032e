"""Grading pages: an assessment's work, graded one after another (next/previous).

A co-organizing office's coordinator sees and reaches only its own nominees'
work (enrolment_assessable); anyone else's is a 404, as for outsiders.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cohorts.exceptions import AssessmentError, CohortStateError, GradingError
from cohorts.forms.assessments import GradeForm, ScoreOverrideForm
from cohorts.models import Assessment, AssignmentSubmission, QuizAttempt
from cohorts.selectors.assessments import (
    cohort_get_for_grader,
    grading_queue_next_ungraded,
    grading_queue_position,
    quiz_attempt_list_for_grading,
    quiz_questions_for_attempt,
    submission_list_for_grading,
    user_can_author,
)
from cohorts.selectors.enrolments import enrolment_assessable
from cohorts.services.assessments import assignment_grade
from cohorts.services.grading import quiz_attempt_score_override
from cohorts.views.assessments import _render

SAVE_AND_NEXT = "save_next"


def _queue_links(ids, current, url_name, cohort_slug):
    """Position ("3 of 12") and the previous/next pages of a grading queue."""
    position = grading_queue_position(ids, current)
    if position is None:
        return None
    return {
        "number": position.number,
        "total": position.total,
        "previous": position.previous
        and reverse(url_name, args=[cohort_slug, position.previous]),
        "next": position.next and reverse(url_name, args=[cohort_slug, position.next]),
    }


def _next_ungraded_url(cohort, assessment, after) -> str:
    url = reverse("cohorts:grading_next", args=[cohort.slug, assessment.pk])
    return f"{url}?{urlencode({'after': after})}"


@login_required
def assessment_grading(request, cohort_slug, pk):
    """An assessment's work the user may grade: assignment submissions to grade,
    or a quiz's submitted attempts whose score staff may change."""
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)
    assessment = get_object_or_404(Assessment, pk=pk, cohort=cohort)
    assessment.cohort = cohort
    context = {
        "cohort": cohort,
        "assessment": assessment,
        "can_author": user_can_author(request.user, cohort),
    }
    if assessment.is_quiz:
        context["attempts"] = quiz_attempt_list_for_grading(
            assessment, grader=request.user
        )
    else:
        submissions = list(submission_list_for_grading(assessment, grader=request.user))
        context.update(
            submissions=submissions,
            ungraded=sum(1 for s in submissions if not s.is_graded),
        )
    return _render(request, "cohorts/assessments/grading.html", context)


@login_required
def grading_next(request, cohort_slug, pk):
    """Open the next ungraded submission (after `?after=<id>`, wrapping round),
    or say that nothing is left to grade."""
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)
    assessment = get_object_or_404(Assessment, pk=pk, cohort=cohort)
    assessment.cohort = cohort
    if assessment.is_quiz:
        return redirect("cohorts:assessment_grading", cohort.slug, assessment.pk)
    after = request.GET.get("after", "")
    queue = [
        (pk, score is not None)
        for pk, score in submission_list_for_grading(
            assessment, grader=request.user
        ).values_list("pk", "score")
    ]
    target = grading_queue_next_ungraded(
        queue, after=int(after) if after.isdigit() else None
    )
    if target is not None:
        return redirect("cohorts:submission_grade", cohort.slug, target)
    return _render(
        request,
        "cohorts/assessments/grading_done.html",
        {"cohort": cohort, "assessment": assessment, "total": len(queue)},
    )


def _work_for_grader(request, cohort_slug, model, pk, **lookup):
    """The cohort and one submission or quiz attempt of it whose trainee the
    user may assess; Http404 otherwise."""
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)
    work = get_object_or_404(
        model.objects.select_related(
            "assessment", "enrolment__user", "enrolment__office"
        ),
        pk=pk,
        assessment__cohort=cohort,
        **lookup,
    )
    work.assessment.cohort = work.enrolment.cohort = cohort
    if not enrolment_assessable(request.user, work.enrolment):
        raise Http404
    return cohort, work


@login_required
@require_http_methods(["GET", "POST"])
def submission_grade(request, cohort_slug, pk):
    """Grade one submission, with previous/next through the assessment's queue."""
    cohort, submission = _work_for_grader(
        request, cohort_slug, AssignmentSubmission, pk
    )
    assessment = submission.assessment
    initial = {"score": submission.score, "feedback": submission.feedback}
    form = GradeForm(
        request.POST or None, initial=initial, max_score=assessment.max_score
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            assignment_grade(
                submission=submission,
                score=form.cleaned_data["score"],
                feedback=form.cleaned_data["feedback"],
                graded_by=request.user,
            )
        except ValidationError as exc:
            form.add_error("score", exc)
        except CohortStateError as exc:
            form.add_error(None, exc.message)
        except GradingError as exc:
            messages.error(request, exc.message)
            status = 403
        else:
            messages.success(request, _("Grade saved."))
            if SAVE_AND_NEXT in request.POST:
                return redirect(_next_ungraded_url(cohort, assessment, submission.pk))
            return redirect("cohorts:assessment_grading", cohort.slug, assessment.pk)
    ids = list(
        submission_list_for_grading(assessment, grader=request.user).values_list(
            "pk", flat=True
        )
    )
    return _render(
        request,
        "cohorts/assessments/submission_grade.html",
        {
            "cohort": cohort,
            "assessment": assessment,
            "submission": submission,
            "form": form,
            "queue": _queue_links(
                ids, submission.pk, "cohorts:submission_grade", cohort.slug
            ),
            "history": submission.grade_changes.select_related("changed_by"),
        },
        status=400 if form.errors else status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attempt_score(request, cohort_slug, pk):
    """Change a submitted quiz attempt's score, with the reason the trainee sees."""
    cohort, attempt = _work_for_grader(
        request, cohort_slug, QuizAttempt, pk, submitted_at__isnull=False
    )
    assessment = attempt.assessment
    ids = list(
        quiz_attempt_list_for_grading(assessment, grader=request.user).values_list(
            "pk", flat=True
        )
    )
    queue = _queue_links(ids, attempt.pk, "cohorts:attempt_score", cohort.slug)
    form = ScoreOverrideForm(
        request.POST or None,
        # Every change gives its own reason: the last one is shown, not refilled.
        initial={"score": attempt.score},
        max_score=assessment.max_score,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            quiz_attempt_score_override(
                attempt=attempt,
                score=form.cleaned_data["score"],
                reason=form.cleaned_data["reason"],
                overridden_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except (AssessmentError, CohortStateError) as exc:
            form.add_error(None, exc.message)
        except GradingError as exc:
            messages.error(request, exc.message)
            status = 403
        else:
            messages.success(request, _("Score changed."))
            if SAVE_AND_NEXT in request.POST and queue and queue["next"]:
                return redirect(queue["next"])
            return redirect("cohorts:assessment_grading", cohort.slug, assessment.pk)
    answers = {
        a.question_id: a for a in attempt.answers.prefetch_related("choices").all()
    }
    review = [
        (question, answers.get(question.pk))
        for question in quiz_questions_for_attempt(attempt)
    ]
    return _render(
        request,
        "cohorts/assessments/attempt_score.html",
        {
            "cohort": cohort,
            "assessment": assessment,
            "attempt": attempt,
            "form": form,
            "queue": queue,
            "review": review,
            "history": attempt.grade_changes.select_related("changed_by"),
        },
        status=400 if form.errors else status,
    )
