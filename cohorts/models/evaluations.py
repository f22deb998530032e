import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class EvaluationResponse(models.Model):
    """One trainee's end-of-cohort evaluation, anonymous: it names no person,
    has no time, and its random id does not follow the order of answering."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        related_name="evaluation_responses",
        verbose_name=_("cohort"),
    )
    overall = models.PositiveSmallIntegerField(_("overall"), validators=RATING)
    relevance = models.PositiveSmallIntegerField(
        _("relevance to my work"), validators=RATING
    )
    delivery = models.PositiveSmallIntegerField(
        _("trainers and delivery"), validators=RATING
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self):
        return str(_("Evaluation response"))


class EvaluationReceipt(models.Model):
    """That a trainee answered the evaluation (one answer each), kept apart
    from the answer itself."""

    enrolment = models.OneToOneField(
        "cohorts.Enrolment",
        on_delete=models.CASCADE,
        related_name="evaluation_receipt",
        verbose_name=_("enrolment"),
    )

    class Meta:
        verbose_name = _("evaluation receipt")
        verbose_name_plural = _("evaluation receipts")

    def __str__(self):
        return str(_("Evaluation receipt"))
