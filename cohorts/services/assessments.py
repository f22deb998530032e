"""Quizzes, assignments and grades: every write goes through these services.

Quiz scoring. Each question is worth its points; the quiz score is the share
of points earned, scaled to the quiz's maximum score. The best submitted
attempt counts towards the final score.
- single choice and true/false: full points when exactly the correct choice
  is picked, else 0;
- multiple choice (partial credit): each correct choice picked earns
  points / number of correct choices, each wrong choice picked takes one such
  share away, never below 0 (so picking every choice earns nothing);
- short answer: full points when the answer matches an accepted answer after
  normalising (Unicode NFKC, case folded, surrounding punctuation and repeated
  spaces removed), else 0.
"""

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.csv_import import ImportResult, csv_import_read
from cohorts.exceptions import (
    AssessmentClosedError,
    AssessmentError,
    AttemptLimitError,
    GradingError,
    ImportFileError,
)
from cohorts.models import (
    Answer,
    Assessment,
    AssignmentSubmission,
    Cohort,
    Enrolment,
    GradeChange,
    Question,
    QuizAttempt,
)
from cohorts.selectors.assessments import user_can_grade
from cohorts.selectors.enrolments import (
    enrolment_assessable,
    enrolment_assessable_office_ids,
)
from cohorts.services.cohorts import cohort_ensure_open
from cohorts.services.completion import completion_recompute, completion_recompute_many
from training.audit import GRADE_CHANGE, audit_log

# Slack for the network and a slow phone between the clock running out and
# the request arriving; beyond it the answers are not counted.
QUIZ_GRACE = timedelta(seconds=30)
CENT = Decimal("0.01")


def question_order_shuffled(assessment: Assessment) -> list[int]:
    """The quiz's question ids in a random order for one attempt.

    A question marked "keep with previous question" stays right after the one
    before it, so a follow-up never comes before what it refers to: the
    questions are shuffled as groups, each group in its authored order.
    """
    groups: list[list[int]] = []
    for pk, keep in assessment.questions.order_by("order", "pk").values_list(
        "pk", "keep_with_previous"
    ):
        if keep and groups:
            groups[-1].append(pk)
        else:
            groups.append([pk])
    random.SystemRandom().shuffle(groups)
    return [pk for group in groups for pk in group]


def normalise_answer(text: str) -> str:
    """Compare short answers this way: NFKC, casefold, trimmed punctuation/spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .,;:!?。，、'\"“”‘’()[]")


def _check_trainee(assessment: Assessment, enrolment: Enrolment) -> None:
    if (
        enrolment.cohort_id != assessment.cohort_id
        or enrolment.status != Enrolment.Status.ADMITTED
    ):
        raise AssessmentError(_("Only admitted trainees of this cohort can do this."))
    if not assessment.is_published:
        raise AssessmentError(_("This assessment is not published yet."))


def _close_expired(attempt: QuizAttempt, now) -> bool:
    """Close an open attempt whose time ran out (answers not counted)."""
    if attempt.is_open and now > attempt.deadline + QUIZ_GRACE:
        attempt.submitted_at = now
        attempt.timed_out = True
        attempt.score = Decimal(0)
        attempt.save(update_fields=["submitted_at", "timed_out", "score"])
        return True
    return False


def quiz_attempt_start(
    *, assessment: Assessment, enrolment: Enrolment, now=None
) -> QuizAttempt:
    """Start (or resume) the trainee's attempt at a quiz.

    Returns the open attempt if there is one still within its time; otherwise
    creates the next attempt with the questions in a fresh random order.
    Raises AssessmentClosedError after the due date and AttemptLimitError when
    all attempts are used. Safe to call twice (resumes).
    """
    now = now or timezone.now()
    _check_trainee(assessment, enrolment)
    cohort_ensure_open(assessment.cohort_id)
    if not assessment.is_quiz:
        raise AssessmentError(_("This assessment is not a quiz."))
    error = None
    with transaction.atomic():
        # Serialise starts by the same trainee (double clicks, two tabs).
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        attempts = list(
            QuizAttempt.objects.filter(assessment=assessment, enrolment=enrolment)
        )
        for attempt in attempts:
            attempt.assessment = assessment
            if attempt.is_open:
                if not _close_expired(attempt, now):
                    return attempt
                completion_recompute(enrolment)
        # An attempt closed above for running out of time stays closed even
        # when no new attempt may start, so the error is raised after commit.
        if now > assessment.due_at:
            error = AssessmentClosedError(_("This quiz closed on its due date."))
        elif len(attempts) >= assessment.attempt_limit:
            error = AttemptLimitError(
                _("You have used all %(n)s attempts at this quiz.")
                % {"n": assessment.attempt_limit}
            )
        else:
            order = question_order_shuffled(assessment)
        if not error and not order:
            error = AssessmentError(_("This quiz has no questions yet."))
        if not error:
            attempt = QuizAttempt(
                assessment=assessment,
                enrolment=enrolment,
                number=len(attempts) + 1,
                question_order=order,
                started_at=now,
            )
            attempt.full_clean()
            attempt.save()
    if error:
        raise error
    return attempt


def _grade_question(question: Question, chosen: set[int], text: str) -> Decimal:
    if question.kind == Question.Kind.SHORT_ANSWER:
        accepted = {normalise_answer(a.text) for a in question.accepted_answers.all()}
        given = normalise_answer(text)
        return question.points if given and given in accepted else Decimal(0)
    correct = {c.pk for c in question.choices.all() if c.correct}
    if not correct:
        return Decimal(0)
    if question.kind == Question.Kind.MULTIPLE:
        share = question.points / len(correct)
        net = len(chosen & correct) - len(chosen - correct)
        return max(Decimal(0), share * net)
    return question.points if chosen == correct else Decimal(0)


def quiz_attempt_submit(
    *, attempt: QuizAttempt, answers: dict[int, list[int] | str], now=None
) -> QuizAttempt:
    """Grade and close an attempt; then recompute the trainee's completion.

    `answers` maps question ids to chosen choice ids (choice questions) or to
    the text typed (short answer); unknown ids are ignored. Past the time
    limit plus QUIZ_GRACE the attempt closes as timed out with no answers
    counted; the due date caps the time limit, since correct answers are
    shown after it. Raises AssessmentError if already submitted.
    """
    now = now or timezone.now()
    cohort_ensure_open(attempt.assessment.cohort_id)
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update()
            .select_related("assessment", "enrolment__cohort")
            .get(pk=attempt.pk)
        )
        if not attempt.is_open:
            raise AssessmentError(_("This attempt was already submitted."))
        if _close_expired(attempt, now):
            completion_recompute(attempt.enrolment)
            return attempt
        questions = {
            q.pk: q
            for q in Question.objects.filter(
                pk__in=attempt.question_order
            ).prefetch_related("choices", "accepted_answers")
        }
        total = Decimal(0)
        earned = Decimal(0)
        for qid in attempt.question_order:
            question = questions.get(qid)
            if question is None:
                continue
            given = answers.get(qid, [] if question.has_choices else "")
            chosen, text = set(), ""
            if question.has_choices:
                valid = {c.pk for c in question.choices.all()}
                given = given if isinstance(given, list | tuple | set) else [given]
                chosen = {int(c) for c in given if str(c).isdigit()} & valid
                if question.kind != Question.Kind.MULTIPLE and len(chosen) > 1:
                    chosen = set()  # two answers to a one-answer question: none
            else:
                text = str(given)[:255]
            points = _grade_question(question, chosen, text)
            answer = Answer.objects.create(
                attempt=attempt,
                question=question,
                text=text,
                points=points.quantize(CENT),
            )
            if chosen:
                answer.choices.set(chosen)
            total += question.points
            earned += points
        max_score = Decimal(str(attempt.assessment.max_score))
        attempt.score = (
            (earned / total * max_score).quantize(CENT) if total else Decimal(0)
        )
        attempt.submitted_at = now
        attempt.save(update_fields=["score", "submitted_at"])
        completion_recompute(attempt.enrolment)
    return attempt


def assignment_submit(
    *, assessment: Assessment, enrolment: Enrolment, file, now=None
) -> AssignmentSubmission:
    """Store the trainee's file for an assignment; late if after the due date.

    Re-uploading before grading replaces the file; after grading it is
    refused (AssessmentError). The file is validated (extension, size and
    content) before anything is written: raises ValidationError.
    """
    now = now or timezone.now()
    _check_trainee(assessment, enrolment)
    cohort_ensure_open(assessment.cohort_id)
    if assessment.is_quiz:
        raise AssessmentError(_("This assessment is a quiz, not an assignment."))
    with transaction.atomic():
        submission = (
            AssignmentSubmission.objects.select_for_update()
            .filter(assessment=assessment, enrolment=enrolment)
            .first()
        )
        if submission and submission.is_graded:
            raise AssessmentError(
                _("This assignment is already graded; it cannot be replaced.")
            )
        old_file = submission.file.name if submission and submission.file else ""
        submission = submission or AssignmentSubmission(
            assessment=assessment, enrolment=enrolment
        )
        submission.file = file
        submission.original_name = file.name.rsplit("/", 1)[-1][:255]
        submission.submitted_at = now
        submission.late = now > assessment.due_at
        submission.full_clean()
        submission.save()
        if old_file:
            storage = submission.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
        completion_recompute(enrolment)
    return submission


def score_validate(assessment: Assessment, score) -> Decimal:
    """The score as a Decimal of cents; ValidationError unless 0 to the maximum."""
    try:
        value = Decimal(str(score).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("The score must be a number.")) from None
    if not value.is_finite() or value < 0 or value > assessment.max_score:
        raise ValidationError(
            _("The score must be between 0 and %(max)s.")
            % {"max": f"{Decimal(str(assessment.max_score)).normalize():f}"}
        )
    return value.quantize(CENT)


def not_gradable_message() -> str:
    """Why a co-organizer may not grade another office's nominee."""
    return _(
        "Only its nominating office, the lead office or the cohort's "
        "instructors grade this trainee."
    )


def assignment_grade(
    *,
    submission: AssignmentSubmission,
    score,
    feedback: str = "",
    graded_by,
) -> AssignmentSubmission:
    """Give a score (0 to the maximum) and feedback; keep the change history.

    Only the cohort's instructors and coordinators may grade, and a
    co-organizing office only its own nominees (GradingError).
    Raises ValidationError for a bad score. Recomputes completion.
    Grading again with the same values changes nothing.
    """
    assessment = submission.assessment
    if not user_can_grade(graded_by, assessment.cohort):
        raise GradingError(_("You cannot grade this cohort."))
    if not enrolment_assessable(graded_by, submission.enrolment):
        raise GradingError(not_gradable_message())
    cohort_ensure_open(assessment.cohort_id)
    value = score_validate(assessment, score)
    with transaction.atomic():
        submission = (
            AssignmentSubmission.objects.select_for_update(of=("self",))
            .select_related("enrolment__user", "assessment")
            .get(pk=submission.pk)
        )
        _set_grade(
            submission,
            value,
            feedback,
            graded_by,
            GradeChange.Source.GRADING,
        )
        completion_recompute(submission.enrolment)
    return submission


def grade_change_record(
    graded: AssignmentSubmission | QuizAttempt,
    *,
    new_score: Decimal,
    user,
    source: str,
    feedback: str = "",
    reason: str = "",
) -> GradeChange:
    """Record a score change of a submission or a quiz attempt, before it is saved.

    Writes one GradeChange and one audit entry (with the reason, if any);
    the caller saves the new score in the same transaction. Not idempotent:
    call it only when something changes.
    """
    data = {"from": graded.score, "to": new_score, "source": source}
    if reason:
        data["reason"] = reason
    audit_log(
        GRADE_CHANGE,
        graded,
        user,
        data,
        title=f"{graded.enrolment.user} · {graded.assessment}",
    )
    is_attempt = isinstance(graded, QuizAttempt)
    return GradeChange.objects.create(
        submission=None if is_attempt else graded,
        attempt=graded if is_attempt else None,
        old_score=graded.score,
        new_score=new_score,
        feedback=feedback,
        reason=reason,
        source=source,
        changed_by=user,
    )


def _set_grade(submission, value, feedback, user, source) -> bool:
    """Write the grade, its GradeChange and one audit entry; False if unchanged."""
    if submission.score == value and submission.feedback == feedback:
        return False
    grade_change_record(
        submission, new_score=value, user=user, source=source, feedback=feedback
    )
    submission.score = value
    submission.feedback = feedback
    submission.graded_by = user
    submission.graded_at = timezone.now()
    submission.save(update_fields=["score", "feedback", "graded_by", "graded_at"])
    return True


# ---- grade import ----

IMPORT_COLUMNS = ("email", "assessment", "score", "feedback")


@dataclass
class GradeImportRow:
    line: int
    email: str
    assessment: str
    score: str
    outcome: str = ""  # "create", "update", "unchanged" or "error"
    errors: list[str] = field(default_factory=list)
    # Resolved on validation, used on write.
    enrolment: Enrolment | None = None
    target: Assessment | None = None
    value: Decimal | None = None
    feedback: str = ""


@dataclass
class GradeImportResult(ImportResult):
    def plan(self) -> list[tuple]:
        return [
            (
                r.line,
                r.enrolment and r.enrolment.pk,
                r.target and r.target.pk,
                r.value,
                r.feedback,
                r.outcome,
            )
            for r in self.rows
        ]


def grade_import(
    *, cohort: Cohort, data, imported_by, dry_run: bool = True
) -> GradeImportResult:
    """Import assignment grades from CSV (email, assessment, score, feedback).

    `data` is the file's bytes, text or the uploaded file itself; it is read
    by cohorts.csv_import (size cap, UTF-8, per-cell checks as row errors).

    Validates every row first and reports each row's outcome; writes only when
    not a dry run and every row is valid, all in one transaction (all or
    nothing). Rows name an admitted trainee by email and an assignment of the
    cohort by title; a row for work handed in on paper creates a submission
    without a file. Quiz scores come from attempts and cannot be imported.
    Re-importing the same file changes nothing. Raises GradingError when the
    user may not grade the cohort; a co-organizing office's rows for other
    offices' nominees are row errors.
    """
    if not user_can_grade(imported_by, cohort):
        raise GradingError(_("You cannot grade this cohort."))
    cohort_ensure_open(cohort)
    result = GradeImportResult()
    if isinstance(data, str):
        data = data.encode()
    try:
        parsed = csv_import_read(
            data, columns=IMPORT_COLUMNS, required=IMPORT_COLUMNS[:3]
        )
    except ImportFileError as exc:
        result.errors.append(exc.message)
        return result
    if not parsed:
        result.errors.append(_("The file has no rows."))
        return result
    enrolments = {
        e.user.email.casefold(): e
        for e in cohort.enrolments.filter(
            status=Enrolment.Status.ADMITTED
        ).select_related("user", "cohort")
    }
    assessments = {a.title.casefold(): a for a in cohort.assessments.published()}
    submissions = {
        (s.enrolment_id, s.assessment_id): s
        for s in AssignmentSubmission.objects.filter(assessment__cohort=cohort)
    }
    allowed = enrolment_assessable_office_ids(imported_by, cohort)
    seen = set()
    for raw in parsed:
        row = GradeImportRow(
            line=raw.line,
            email=raw.get("email"),
            assessment=raw.get("assessment"),
            score=raw.get("score"),
            feedback=raw.get("feedback"),
        )
        result.rows.append(row)
        if raw.errors:
            row.errors.extend(raw.errors)
            row.outcome = "error"
            continue
        row.enrolment = enrolments.get(row.email.casefold())
        if row.enrolment is None:
            row.errors.append(_("No admitted trainee with this email in the cohort."))
        elif allowed is not None and row.enrolment.office_id not in allowed:
            row.errors.append(not_gradable_message())
        row.target = assessments.get(row.assessment.casefold())
        if row.target is None:
            row.errors.append(_("No assessment with this title in the cohort."))
        elif row.target.is_quiz:
            row.errors.append(_("Quiz scores come from attempts; not imported."))
        elif row.score:
            try:
                row.value = score_validate(row.target, row.score)
            except ValidationError as exc:
                row.errors.extend(exc.messages)
        else:
            row.errors.append(_("The score is empty."))
        key = (row.email.casefold(), row.assessment.casefold())
        if key in seen:
            row.errors.append(_("Duplicate of an earlier row."))
        seen.add(key)
        if row.errors:
            row.outcome = "error"
            continue
        existing = submissions.get((row.enrolment.pk, row.target.pk))
        if existing is None:
            row.outcome = "create"
        elif existing.score == row.value and existing.feedback == row.feedback:
            row.outcome = "unchanged"
        else:
            row.outcome = "update"
    if dry_run or not result.ok:
        return result
    now = timezone.now()
    with transaction.atomic():
        touched = set()
        for row in result.rows:
            if row.outcome == "unchanged":
                continue
            submission, _created = (
                AssignmentSubmission.objects.select_for_update().get_or_create(
                    assessment=row.target,
                    enrolment=row.enrolment,
                    defaults={"submitted_at": now},
                )
            )
            submission.enrolment, submission.assessment = row.enrolment, row.target
            if _set_grade(
                submission,
                row.value,
                row.feedback,
                imported_by,
                GradeChange.Source.IMPORT,
            ):
                touched.add(row.enrolment.pk)
        completion_recompute_many(list(touched), now=now)
    result.written = True
    return result
