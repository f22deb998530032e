"""Assessment pages: trainees take quizzes and upload work; graders grade and export."""

import zoneinfo
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cohorts.exceptions import AssessmentError, CohortStateError
from cohorts.forms.assessments import (
    AssignmentUploadForm,
    GradeImportForm,
    QuizAttemptForm,
)
from cohorts.models import Assessment, AssignmentSubmission, QuizAttempt
from cohorts.selectors.assessments import (
    cohort_get_for_grader,
    enrolment_get_for_trainee,
    gradebook_for_cohort,
    quiz_attempt_list,
    quiz_questions_for_attempt,
    user_can_author,
    user_can_grade,
)
from cohorts.selectors.completion import completion_inputs_for_enrolments
from cohorts.selectors.enrolments import enrolment_assessable
from cohorts.selectors.scoping import user_leads_cohort
from cohorts.services.assessments import (
    QUIZ_GRACE,
    assignment_submit,
    grade_import,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from cohorts.services.completion import completion_evaluate
from cohorts.views.imports import ImportFlow, import_flow_view
from training.exports import export_response
from training.storage import private_file_response


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _render(request, template, context, status=200):
    """Render with dates in the viewer's own time zone."""
    with timezone.override(_zone(getattr(request.user, "time_zone", "UTC"))):
        return render(request, template, context, status=status)


# ---- trainees ----


@login_required
def assessment_list(request, cohort_slug):
    """The trainee's assessments in one cohort and their standing ("My standing")."""
    enrolment = enrolment_get_for_trainee(request.user, cohort_slug)
    inputs = completion_inputs_for_enrolments([enrolment])[enrolment.pk]
    return _render(
        request,
        "cohorts/assessments/assessment_list.html",
        {
            "cohort": enrolment.cohort,
            "enrolment": enrolment,
            "outcomes": inputs.outcomes,
            "result": completion_evaluate(enrolment, inputs=inputs),
            "now": timezone.now(),
        },
    )


def _trainee_assessment(request, cohort_slug, pk):
    enrolment = enrolment_get_for_trainee(request.user, cohort_slug)
    assessment = get_object_or_404(
        Assessment.objects.published(), pk=pk, cohort=enrolment.cohort
    )
    assessment.cohort = enrolment.cohort
    return enrolment, assessment


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, cohort_slug, pk):
    """A quiz's attempts, or an assignment's upload form and grade."""
    enrolment, assessment = _trainee_assessment(request, cohort_slug, pk)
    now = timezone.now()
    context = {
        "cohort": enrolment.cohort,
        "assessment": assessment,
        "past_due": now > assessment.due_at,
    }
    if assessment.is_quiz:
        attempts = list(quiz_attempt_list(assessment, enrolment))
        open_attempt = next((a for a in attempts if a.is_open), None)
        context.update(
            attempts=attempts,
            open_attempt=open_attempt,
            attempts_left=max(assessment.attempt_limit - len(attempts), 0),
            question_count=assessment.questions.count(),
        )
        return _render(request, "cohorts/assessments/quiz_detail.html", context)
    submission = AssignmentSubmission.objects.filter(
        assessment=assessment, enrolment=enrolment
    ).first()
    form = AssignmentUploadForm()
    if request.method == "POST":
        form = AssignmentUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                assignment_submit(
                    assessment=assessment,
                    enrolment=enrolment,
                    file=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            except (AssessmentError, CohortStateError) as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Your file was received."))
                return redirect(request.path)
    context.update(submission=submission, form=form)
    status = 400 if form.errors else 200
    return _render(
        request, "cohorts/assessments/assignment_detail.html", context, status
    )


@login_required
@require_POST
def quiz_start(request, cohort_slug, pk):
    enrolment, assessment = _trainee_assessment(request, cohort_slug, pk)
    try:
        attempt = quiz_attempt_start(assessment=assessment, enrolment=enrolment)
    except (AssessmentError, CohortStateError) as exc:
        messages.error(request, exc.message)
        return redirect("cohorts:assessment_detail", cohort_slug, assessment.pk)
    return redirect("cohorts:quiz_attempt", cohort_slug, attempt.pk)


def _quiz_clock(attempt: QuizAttempt, now) -> dict:
    """The deadline and countdown shown while an attempt is open."""
    deadline = attempt.deadline
    seconds_left = max(int((deadline - now).total_seconds()), 0)
    return {
        "deadline": deadline,
        "seconds_left": seconds_left,
        # A running clock only when it matters (not a week ahead).
        "show_timer": seconds_left <= 3 * 3600,
        "grace_seconds": int(QUIZ_GRACE.total_seconds()),
    }


@login_required
@require_http_methods(["GET", "POST"])
def quiz_attempt(request, cohort_slug, pk):
    """Take an open attempt (the server keeps the time), or see a finished one.

    Correct answers are shown only after the quiz's due date, so trainees who
    have not yet taken it cannot learn them from others.
    """
    enrolment = enrolment_get_for_trainee(request.user, cohort_slug)
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("assessment"),
        pk=pk,
        enrolment=enrolment,
    )
    assessment = attempt.assessment
    questions = quiz_questions_for_attempt(attempt)
    now = timezone.now()
    if (
        attempt.is_open
        and request.method == "GET"
        and now > attempt.deadline + QUIZ_GRACE
    ):
        # Time ran out with the page closed: close the attempt, show the result.
        try:
            attempt = quiz_attempt_submit(attempt=attempt, answers={}, now=now)
        except CohortStateError as exc:
            messages.error(request, exc.message)
    if attempt.is_open:
        form = QuizAttemptForm(
            request.POST if request.method == "POST" else None, questions=questions
        )
        action = request.POST.get("action", "submit")
        if request.method == "POST" and form.is_valid() and action == "review":
            return _render(
                request,
                "cohorts/assessments/quiz_review.html",
                {
                    **_quiz_clock(attempt, now),
                    "cohort": enrolment.cohort,
                    "assessment": assessment,
                    "attempt": attempt,
                    "form": form,
                    "rows": form.review(),
                },
            )
        # "change" comes back from the review page: the form again, filled in.
        if request.method == "POST" and form.is_valid() and action == "submit":
            try:
                attempt = quiz_attempt_submit(attempt=attempt, answers=form.answers())
            except (AssessmentError, CohortStateError) as exc:
                messages.error(request, exc.message)
            else:
                if attempt.timed_out:
                    messages.warning(
                        request,
                        _(
                            "Time was up before your answers arrived; they were not counted."
                        ),
                    )
                else:
                    messages.success(request, _("Your answers were submitted."))
            return redirect("cohorts:quiz_attempt", cohort_slug, attempt.pk)
        return _render(
            request,
            "cohorts/assessments/quiz_take.html",
            {
                **_quiz_clock(attempt, now),
                "cohort": enrolment.cohort,
                "assessment": assessment,
                "attempt": attempt,
                "form": form,
            },
        )
    reveal = now > assessment.due_at
    review = []
    if reveal:
        answers = {
            a.question_id: a for a in attempt.answers.prefetch_related("choices").all()
        }
        for question in questions:
            answer = answers.get(question.pk)
            review.append(
                {
                    "question": question,
                    "answer": answer,
                    "chosen": {c.pk for c in answer.choices.all()} if answer else set(),
                }
            )
    return _render(
        request,
        "cohorts/assessments/quiz_result.html",
        {
            "cohort": enrolment.cohort,
            "assessment": assessment,
            "attempt": attempt,
            "reveal": reveal,
            "review": review,
        },
    )


@login_required
def submission_download(request, pk):
    """Send an assignment file as an attachment to its trainee or to whoever
    may grade it (a co-organizing office: its own nominees' files only)."""
    submission = get_object_or_404(
        AssignmentSubmission.objects.select_related(
            "enrolment__cohort", "assessment__cohort"
        ),
        pk=pk,
    )
    own = submission.enrolment.user_id == request.user.pk
    may_grade = user_can_grade(
        request.user, submission.assessment.cohort
    ) and enrolment_assessable(request.user, submission.enrolment)
    if not (own or may_grade):
        raise Http404
    if not submission.file:
        raise Http404
    return private_file_response(
        submission.file,
        filename=submission.original_name or submission.file.name.rsplit("/")[-1],
        content_type="application/octet-stream",
    )


# ---- instructors and coordinators ----


@login_required
def gradebook(request, cohort_slug):
    """Every admitted trainee's scores, weighted final score and completion."""
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)
    book = gradebook_for_cohort(cohort, viewer=request.user)
    return _render(
        request,
        "cohorts/assessments/gradebook.html",
        {
            "cohort": cohort,
            "book": book,
            "can_complete": user_leads_cohort(request.user, cohort),
            "can_author": user_can_author(request.user, cohort),
        },
    )


def _num(value) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def _gradebook_table(book):
    header = [
        _("Email"),
        _("Name"),
        _("Name in own script"),
        _("Office"),
        _("Attendance (%)"),
    ]
    header += [
        f"{a.title} (/{_num(a.max_score)}, ×{_num(a.weight)})" for a in book.assessments
    ]
    header += [_("Final score (%)"), _("Completion"), _("Still missing")]
    rows = []
    for row in book.rows:
        user = row.enrolment.user
        line = [
            user.email if row.details_visible else "",
            user.get_full_name(),
            user.native_name,
            row.enrolment.office.short_code,
            row.result.attendance_rate,
        ]
        line += [o.score for o in row.outcomes]
        line += [
            row.result.final_score,
            row.enrolment.get_completion_display(),
            "; ".join(row.result.missing),
        ]
        rows.append(line)
    return header, rows


@login_required
def gradebook_export(request, cohort_slug, fmt):
    """The gradebook as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)
    header, rows = _gradebook_table(gradebook_for_cohort(cohort, viewer=request.user))
    return export_response(
        fmt=fmt,
        filename=f"gradebook-{slugify(cohort.slug)}",
        header=header,
        rows=rows,
        title=_("Gradebook"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def grade_import_view(request, cohort_slug):
    """Upload grades as CSV, see each row's outcome, then confirm to import."""
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)

    def done(result):
        messages.success(request, _("Grades imported."))
        return reverse("cohorts:gradebook", args=[cohort.slug])

    return import_flow_view(
        request,
        ImportFlow(
            kind="grades",
            scope=f"cohort-{cohort.pk}",
            run=lambda data, dry_run: grade_import(
                cohort=cohort, data=data, imported_by=request.user, dry_run=dry_run
            ),
            form_class=GradeImportForm,
            template="cohorts/assessments/grade_import.html",
            render=_render,
            done=done,
            context={"cohort": cohort},
        ),
    )
