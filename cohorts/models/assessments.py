import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cohorts.files import (
    ASSIGNMENT_EXTENSIONS,
    assignment_upload_to,
    private_storage,
    validate_document_content,
    validate_upload_size,
)


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        """What trainees see and what counts towards completion."""
        return self.filter(status=Assessment.Status.PUBLISHED)


class Assessment(ClusterableModel):
    """A graded piece of work in a cohort: an auto-graded quiz or an uploaded assignment.

    A cluster (questions, their choices and accepted answers) so that the admin
    edits a whole quiz on one screen and saves it in one go.
    """

    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        ASSIGNMENT = "assignment", _("Assignment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("cohort"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Relative weight in the final score."),
    )
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=7,
        decimal_places=2,
        default=100,
        validators=[MinValueValidator(0.01)],
    )
    due_at = models.DateTimeField(_("due"))
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Must be submitted to complete the cohort."),
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, validators=[MinValueValidator(1)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Quizzes only; leave empty for no limit."),
    )
    instructions = models.TextField(_("instructions"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Trainees see an assessment, and it counts, once published."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gt=0), name="assessment_max_score_positive"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="assessment_weight_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(attempt_limit__gte=1), name="assessment_attempts_positive"
            ),
            models.UniqueConstraint(
                fields=["cohort", "title"], name="unique_assessment_title_per_cohort"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_quiz(self):
        return self.kind == self.Kind.QUIZ

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class Question(ClusterableModel):
    """One quiz question; choices or accepted answers say what is correct."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT_ANSWER = "short_answer", _("Short answer")

    assessment = ParentalKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("assessment"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        default=1,
        # 0 is allowed: an ungraded question (a survey item) in a graded quiz.
        validators=[MinValueValidator(0)],
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Shown with the correct answer after the due date."),
    )
    keep_with_previous = models.BooleanField(
        _("keep with previous question"),
        default=False,
        help_text=_(
            "When questions are shuffled, this question stays right after the "
            "one before it (for a follow-up question)."
        ),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]

    @property
    def has_choices(self):
        return self.kind != self.Kind.SHORT_ANSWER


class Choice(models.Model):
    question = ParentalKey(
        Question,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("question"),
    )
    text = models.CharField(_("text"), max_length=500)
    correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class AcceptedAnswer(models.Model):
    """An answer accepted for a short-answer question (compared after normalising)."""

    question = ParentalKey(
        Question,
        on_delete=models.CASCADE,
        related_name="accepted_answers",
        verbose_name=_("question"),
    )
    text = models.CharField(_("text"), max_length=255)

    class Meta:
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")

    def __str__(self):
        return self.text


class QuizAttempt(models.Model):
    """One try at a quiz, with its own question order and a server-side clock."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("quiz"),
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("enrolment"),
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    question_order = models.JSONField(_("question order"), default=list)
    started_at = models.DateTimeField(_("started at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    timed_out = models.BooleanField(
        _("timed out"),
        default=False,
        help_text=_("Submitted after the time limit; answers were not counted."),
    )
    score = models.DecimalField(
        _("score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    auto_score = models.DecimalField(
        _("automatic score"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The score the quiz gave, kept when staff override it."),
    )
    override_reason = models.TextField(
        _("reason for the changed score"),
        blank=True,
        help_text=_("Why staff changed the automatic score; shown to the trainee."),
    )

    class Meta:
        ordering = ["assessment", "enrolment", "number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "enrolment", "number"],
                name="unique_attempt_number",
            ),
            models.UniqueConstraint(
                fields=["assessment", "enrolment"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt_per_quiz",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.assessment} #{self.number}"

    @property
    def deadline(self):
        """When answers stop counting: the time limit or the due date, whichever is first.

        The due date caps it because correct answers are shown after it.
        """
        due = self.assessment.due_at
        minutes = self.assessment.time_limit_minutes
        if not minutes:
            return due
        return min(self.started_at + datetime.timedelta(minutes=minutes), due)

    @property
    def is_open(self):
        return self.submitted_at is None

    @property
    def is_overridden(self):
        return bool(self.override_reason)


class Answer(models.Model):
    attempt = models.ForeignKey(
        QuizAttempt,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("attempt"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("question"),
    )
    choices = models.ManyToManyField(
        Choice, blank=True, related_name="+", verbose_name=_("chosen")
    )
    text = models.CharField(_("answer"), max_length=255, blank=True)
    points = models.DecimalField(
        _("points awarded"), max_digits=6, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="unique_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.attempt} · {self.question_id}"


class AssignmentSubmission(models.Model):
    """A trainee's file for an assignment, and its grade.

    One per trainee and assignment: re-uploading before grading replaces the
    file. An imported grade for work handed in on paper has no file.
    """

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("assignment"),
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("enrolment"),
    )
    file = models.FileField(
        _("file"),
        storage=private_storage,
        upload_to=assignment_upload_to,
        max_length=255,
        blank=True,
        validators=[
            FileExtensionValidator(ASSIGNMENT_EXTENSIONS),
            validate_upload_size,
            validate_document_content,
        ],
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    late = models.BooleanField(_("late"), default=False)
    score = models.DecimalField(
        _("score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    feedback = models.TextField(_("feedback"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("graded by"),
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)

    class Meta:
        ordering = ["assessment", "submitted_at"]
        verbose_name = _("assignment submission")
        verbose_name_plural = _("assignment submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "enrolment"], name="unique_submission"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.assessment}"

    @property
    def is_graded(self):
        return self.score is not None


class GradeChange(models.Model):
    """Audit trail: every score set by hand or by import, with who and when.

    Either an assignment's grade or a quiz attempt's overridden score.
    """

    class Source(models.TextChoices):
        GRADING = "grading", _("Grading")
        IMPORT = "import", _("Import")
        OVERRIDE = "override", _("Quiz score overridden")

    submission = models.ForeignKey(
        AssignmentSubmission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grade_changes",
        verbose_name=_("submission"),
    )
    attempt = models.ForeignKey(
        QuizAttempt,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grade_changes",
        verbose_name=_("quiz attempt"),
    )
    reason = models.TextField(_("reason"), blank=True)
    old_score = models.DecimalField(
        _("old score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    new_score = models.DecimalField(
        _("new score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    feedback = models.TextField(_("feedback"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(submission__isnull=False, attempt__isnull=True)
                | Q(submission__isnull=True, attempt__isnull=False),
                name="grade_change_of_submission_or_attempt",
            )
        ]

    def __str__(self):
        graded = self.submission or self.attempt
        return f"{graded}: {self.old_score} → {self.new_score}"
