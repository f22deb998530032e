"""Cohort states: the guard every write service calls, reopening, status edits.

A completed (or archived) cohort is closed: completion is final and
certificates are issued from it, so no mark, grade, submission, quiz attempt,
enrolment decision or withdrawal is accepted until its lead office reopens it
with a reason (`cohort_reopen`). The guard lives in the services, so the
roster, imports, check-in, the API and commands are all refused alike.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.exceptions import CohortCompletedError, CohortStateError, NotAllowedError
from cohorts.models import Cohort, Enrolment
from cohorts.selectors.scoping import user_leads_cohort
from training.audit import COHORT_REOPEN, audit_log

CLOSED_STATUSES = (Cohort.Status.COMPLETED, Cohort.Status.ARCHIVED)


def cohort_ensure_open(cohort: Cohort | int) -> None:
    """Raise CohortCompletedError when the cohort is completed or archived.

    Reads the status from the database, not the instance, so a stale object
    in a long request cannot slip a write past a completion. One query.
    """
    cohort_id = cohort if isinstance(cohort, int) else cohort.pk
    title = (
        Cohort.objects.filter(pk=cohort_id, status__in=CLOSED_STATUSES)
        .values_list("title", flat=True)
        .first()
    )
    if title is not None:
        raise CohortCompletedError(
            _(
                "“%(cohort)s” is completed: nothing can be changed until its "
                "lead office reopens it."
            )
            % {"cohort": title}
        )


def cohort_status_choices(cohort: Cohort) -> list[tuple[str, str]]:
    """Statuses the cohort edit form may offer.

    Completing goes through the confirmation page (`cohort_complete`) and
    reopening through `cohort_reopen`, so a closed cohort is offered only the
    closed statuses and an open one never "completed".
    """
    if cohort.pk and cohort.status in CLOSED_STATUSES:
        allowed = CLOSED_STATUSES
    else:
        allowed = tuple(s for s in Cohort.Status.values if s != Cohort.Status.COMPLETED)
    return [(v, label) for v, label in Cohort.Status.choices if v in allowed]


def cohort_status_validate(cohort: Cohort, status: str) -> None:
    """ValidationError when the edit form would move the cohort to `status`
    (see `cohort_status_choices`); keeping the current status is always fine."""
    if status == cohort.status:
        return
    if status not in dict(cohort_status_choices(cohort)):
        if cohort.status in CLOSED_STATUSES:
            raise ValidationError(
                _("A completed cohort is reopened from its hub, with a reason.")
            )
        raise ValidationError(
            _("Complete a cohort from its gradebook, after checking who completes.")
        )


@transaction.atomic
def cohort_reopen(*, cohort: Cohort, by, reason: str) -> Cohort:
    """Reopen a completed cohort: it runs again and completion is provisional.

    Only coordinators of the lead office (or superusers) may (NotAllowedError);
    the reason is required (ValidationError). Every admitted enrolment goes back
    to "in progress" until the cohort is completed again; certificates already
    issued stay as they are (correct or revoke them explicitly). Raises
    CohortStateError when the cohort is not completed. Audited.
    """
    from cohorts.services.completion import completion_recompute_many

    reason = (reason or "").strip()
    if not user_leads_cohort(by, cohort):
        raise NotAllowedError(_("Only the lead office can reopen this cohort."))
    if not reason:
        raise ValidationError(_("Give the reason for reopening the cohort."))
    stored = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if stored.status != Cohort.Status.COMPLETED:
        raise CohortStateError(_("Only a completed cohort can be reopened."))
    cohort.status = Cohort.Status.RUNNING
    cohort.save(update_fields=["status", "updated_at"])
    completion_recompute_many(
        list(
            cohort.enrolments.filter(status=Enrolment.Status.ADMITTED).values_list(
                "pk", flat=True
            )
        )
    )
    audit_log(COHORT_REOPEN, cohort, by, {"reason": reason})
    return cohort
