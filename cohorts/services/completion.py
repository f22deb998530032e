"""Completion: whether an admitted trainee met the cohort's rules.

One function, `completion_evaluate`, decides from the cohort's rules
(minimum attendance, required assessments submitted, minimum weighted final
score). `completion_recompute` stores its result on the enrolment and is
called whenever an input changes: a quiz submitted, a grade given or
imported, attendance marked (the `attendance_changed` signal) and the cohort
completed.

When is completion final? Only when the cohort's status is completed (or
archived), set by `cohort_complete`. Until then every admitted enrolment
stays "in progress" and shows what is still missing, even if every rule is
met today: later sessions can still lower attendance and late grades can
still change the final score. Holding the last session is not enough, since
assignments are often due and graded after it. Once the cohort is completed
each admitted enrolment becomes completed or not completed, and the cohort is
closed: every write service refuses changes (`cohorts.services.cohorts.
cohort_ensure_open`) until the lead office reopens it with a reason.
"""

import functools
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cohorts.exceptions import CohortNotReadyError, CohortStateError
from cohorts.models import Cohort, Enrolment
from cohorts.selectors.completion import (
    AssessmentOutcome,
    CompletionInputs,
    completion_inputs_for_enrolments,
)
from cohorts.services.cohorts import CLOSED_STATUSES
from cohorts.signals import enrolment_completed
from training.audit import COHORT_COMPLETE, audit_log

HUNDRED = Decimal(100)


@dataclass
class CompletionResult:
    attendance_rate: Decimal | None
    final_score: Decimal | None
    missing: list[str] = field(default_factory=list)
    completed: bool = False
    final: bool = False  # the cohort is completed, so this is the outcome

    @property
    def status(self) -> str:
        if not self.final:
            return Enrolment.Completion.IN_PROGRESS
        if self.completed:
            return Enrolment.Completion.COMPLETED
        return Enrolment.Completion.NOT_COMPLETED


def weighted_final_score(outcomes: list[AssessmentOutcome]) -> Decimal | None:
    """Percent: sum(weight × score / max) / sum(weights); missing work counts 0.

    None when the cohort has no weighted assessments.
    """
    total_weight = sum((o.assessment.weight for o in outcomes), Decimal(0))
    if not total_weight:
        return None
    earned = sum(
        (
            o.assessment.weight * (o.score or 0) / o.assessment.max_score
            for o in outcomes
        ),
        Decimal(0),
    )
    return (HUNDRED * earned / total_weight).quantize(Decimal("0.01"))


def _percent(value: Decimal, threshold) -> str:
    """A whole percent, unless rounding would hide that `value` is below the bar."""
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole >= Decimal(threshold) > value:
        return f"{value.quantize(Decimal('0.1'), rounding=ROUND_DOWN)}"
    return f"{whole}"


def completion_evaluate(
    enrolment: Enrolment, *, inputs: CompletionInputs | None = None
) -> CompletionResult:
    """Apply the cohort's completion rules to one enrolment; writes nothing.

    `inputs` may be passed when already loaded for many enrolments at once
    (see `completion_inputs_for_enrolments`); otherwise they are read here.
    `missing` lists, in order, what stands between the trainee and completion:
    attendance below the minimum, required assessments not submitted,
    submitted work not graded yet, and a final score below the minimum.
    """
    cohort = enrolment.cohort
    if inputs is None:
        inputs = completion_inputs_for_enrolments([enrolment])[enrolment.pk]
    rate = inputs.attendance.rate
    final_score = weighted_final_score(inputs.outcomes)
    missing = []
    if rate is not None and rate < cohort.min_attendance_percent:
        missing.append(
            _("attendance %(rate)s%% of %(required)s%% required")
            % {
                "rate": _percent(rate, cohort.min_attendance_percent),
                "required": cohort.min_attendance_percent,
            }
        )
    for outcome in inputs.outcomes:
        title = outcome.assessment.title
        if not outcome.submitted:
            if cohort.require_required_assessments and outcome.assessment.required:
                missing.append(_("%(title)s not submitted") % {"title": title})
        elif not outcome.graded:
            missing.append(_("%(title)s not graded yet") % {"title": title})
    if final_score is not None and final_score < cohort.min_final_score:
        required = Decimal(str(cohort.min_final_score)).normalize()
        missing.append(
            _("final score %(score)s%% of %(required)s%% required")
            % {
                "score": _percent(final_score, required),
                "required": f"{required:f}",
            }
        )
    return CompletionResult(
        attendance_rate=rate,
        final_score=final_score,
        missing=missing,
        completed=not missing,
        final=cohort.status in CLOSED_STATUSES,
    )


def completion_recompute_many(enrolments, *, now=None) -> dict[int, CompletionResult]:
    """Recompute and store completion for admitted enrolments among `enrolments`.

    Locks the enrolment rows so two recomputations cannot both see the change
    to "completed"; sends `enrolment_completed` after commit, exactly once per
    change to completed. Enrolments not admitted are left alone. Idempotent.
    """
    ids = [e.pk if isinstance(e, Enrolment) else e for e in enrolments]
    now = now or timezone.now()
    results = {}
    with transaction.atomic():
        locked = list(
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .filter(pk__in=ids, status=Enrolment.Status.ADMITTED)
            .order_by("pk")
        )
        inputs = completion_inputs_for_enrolments(locked, now=now)
        changed = []
        for enrolment in locked:
            # Stored in the default language whoever triggered the change;
            # pages evaluate again in the reader's language.
            with translation.override(settings.LANGUAGE_CODE):
                result = completion_evaluate(enrolment, inputs=inputs[enrolment.pk])
                result.missing = [str(m) for m in result.missing]
            results[enrolment.pk] = result
            newly_completed = (
                result.status == Enrolment.Completion.COMPLETED
                and enrolment.completion != Enrolment.Completion.COMPLETED
            )
            values = {
                "completion": result.status,
                "attendance_rate": result.attendance_rate,
                "final_score": result.final_score,
                "completion_missing": [str(m) for m in result.missing],
                "completed_at": (
                    now
                    if newly_completed
                    else enrolment.completed_at
                    if result.status == Enrolment.Completion.COMPLETED
                    else None
                ),
            }
            if any(getattr(enrolment, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(enrolment, key, value)
                enrolment.updated_at = now
                changed.append(enrolment)
            if newly_completed:
                transaction.on_commit(
                    functools.partial(
                        enrolment_completed.send, sender=Enrolment, enrolment=enrolment
                    )
                )
        if changed:
            Enrolment.objects.bulk_update(
                changed,
                [
                    "completion",
                    "attendance_rate",
                    "final_score",
                    "completion_missing",
                    "completed_at",
                    "updated_at",
                ],
            )
    return results


def completion_recompute(enrolment: Enrolment) -> CompletionResult | None:
    """Recompute and store one enrolment's completion (None if not admitted).

    See `completion_recompute_many` for locking, the signal and idempotency.
    """
    result = completion_recompute_many([enrolment]).get(enrolment.pk)
    enrolment.refresh_from_db()
    return result


def cohort_complete(*, cohort: Cohort, by=None) -> dict[int, CompletionResult]:
    """Mark the cohort completed and settle every admitted enrolment.

    Each admitted enrolment becomes completed or not completed; those newly
    completed send `enrolment_completed` after commit. Raises CohortStateError
    for draft cohorts and CohortNotReadyError for a cohort with neither a
    session nor an assessment (nothing to complete it on). The change of status
    is audited with `by`. Idempotent: completing again only recomputes.
    """
    if cohort.status == Cohort.Status.DRAFT:
        raise CohortStateError(_("A draft cohort cannot be completed."))
    if not (cohort.sessions.exists() or cohort.assessments.exists()):
        raise CohortNotReadyError(
            _(
                "This cohort has no session and no assessment: there is nothing "
                "to complete it on. Schedule its sessions or add its assessments."
            )
        )
    with transaction.atomic():
        # The stored status, not the caller's copy: it may have been reopened.
        status = Cohort.objects.select_for_update().get(pk=cohort.pk).status
        if status not in CLOSED_STATUSES:
            cohort.status = Cohort.Status.COMPLETED
            cohort.save(update_fields=["status", "updated_at"])
            audit_log(COHORT_COMPLETE, cohort, by)
        ids = cohort.enrolments.filter(status=Enrolment.Status.ADMITTED).values_list(
            "pk", flat=True
        )
        return completion_recompute_many(list(ids))
