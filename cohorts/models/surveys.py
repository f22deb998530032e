"""Surveys per cohort: reaction, knowledge test before and after, follow-up.

An anonymous survey's response names no person and carries no time; that a
trainee answered is kept apart, on a receipt (one per trainee and phase).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class Survey(ClusterableModel):
    """A survey of one cohort's admitted trainees, written by its coordinators."""

    class Kind(models.TextChoices):
        REACTION = "reaction", _("Reaction (after the cohort)")
        KNOWLEDGE = "knowledge", _("Knowledge test (before and after)")
        FOLLOW_UP = "follow_up", _("Follow-up (months later)")

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("cohort"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Anonymous answers name nobody and carry no date; only that a "
            "trainee answered is kept, apart from the answer."
        ),
    )
    opens_on = models.DateField(_("opens on"))
    post_opens_on = models.DateField(
        _("test after the cohort opens on"),
        null=True,
        blank=True,
        help_text=_(
            "Knowledge tests only: answers before this day are the test before "
            "the cohort, answers from this day on the test after it."
        ),
    )
    closes_on = models.DateField(
        _("closes on"),
        help_text=_("Results are shown after this day, with at least 5 answers."),
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["closes_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_knowledge_test(self) -> bool:
        return self.kind == self.Kind.KNOWLEDGE

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("A survey closes on or after the day it opens.")
        if self.is_knowledge_test:
            if not self.post_opens_on:
                errors["post_opens_on"] = _(
                    "A knowledge test needs the day its test after the cohort opens."
                )
            elif (
                self.opens_on
                and self.closes_on
                and not (self.opens_on < self.post_opens_on <= self.closes_on)
            ):
                errors["post_opens_on"] = _(
                    "The test after the cohort opens after the survey opens and "
                    "on or before it closes."
                )
        elif self.post_opens_on:
            errors["post_opens_on"] = _("Only a knowledge test has a test after.")
        if errors:
            raise ValidationError(errors)


class SurveyQuestion(Orderable):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        TEXT = "text", _("Free text")
        CHOICE = "choice", _("Multiple choice")

    survey = ParentalKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("survey"),
    )
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.RATING
    )
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("Multiple choice only: one option per line."),
    )
    correct_option = models.PositiveSmallIntegerField(
        _("correct option"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Knowledge tests: the number of the correct option (1 is the first line)."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self):
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        options = self.option_list
        if self.kind == self.Kind.CHOICE:
            if len(options) < 2:
                raise ValidationError(
                    {"options": _("Give at least two options, one per line.")}
                )
            if self.correct_option and self.correct_option > len(options):
                raise ValidationError(
                    {"correct_option": _("There is no option with this number.")}
                )
        elif options or self.correct_option:
            raise ValidationError(
                {"options": _("Only a multiple-choice question has options.")}
            )


class SurveyResponse(models.Model):
    """One trainee's answers to one phase of a survey. Anonymous: no user, no
    time, and a random id that does not follow the order of answering."""

    class Phase(models.TextChoices):
        ONLY = "only", _("Survey")
        PRE = "pre", _("Before the cohort")
        POST = "post", _("After the cohort")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("survey"),
    )
    phase = models.CharField(
        _("phase"), max_length=4, choices=Phase.choices, default=Phase.ONLY
    )
    # Only when the survey is not anonymous.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    correct = models.PositiveSmallIntegerField(
        _("correct answers"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return str(_("Survey response"))


class SurveyAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    option = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once"
            )
        ]

    def __str__(self):
        return str(_("Survey answer"))


class SurveyReceipt(models.Model):
    """That a trainee answered a survey's phase (once), kept apart from the
    answer itself."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="receipts"
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.CASCADE,
        related_name="survey_receipts",
        verbose_name=_("enrolment"),
    )
    phase = models.CharField(
        max_length=4,
        choices=SurveyResponse.Phase.choices,
        default=SurveyResponse.Phase.ONLY,
    )

    class Meta:
        verbose_name = _("survey receipt")
        verbose_name_plural = _("survey receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "enrolment", "phase"], name="survey_receipt_once"
            )
        ]

    def __str__(self):
        return str(_("Survey receipt"))
