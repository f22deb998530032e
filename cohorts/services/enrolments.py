"""Applying to a cohort and the decisions on an application.

Seat limits are enforced in the database: every service that may use a seat
locks the row that holds the limit (`CohortOffice` for an office's quota,
`Cohort` for the capacity) with `select_for_update()` inside the transaction
before counting, so parallel decisions queue up instead of overbooking.
Locks are always taken in the order Cohort → CohortOffice → Enrolment.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.exceptions import (
    ApplicationsClosedError,
    CapacityFullError,
    DuplicateApplicationError,
    InvalidTransitionError,
    NotAllowedError,
    OfficeNotParticipatingError,
    QuotaFullError,
)
from cohorts.models import Cohort, CohortOffice, Enrolment, Office
from cohorts.selectors.enrolments import cohort_before_start
from cohorts.selectors.scoping import office_ids_for_user
from cohorts.services import notifications
from cohorts.services.cohorts import cohort_ensure_open
from training.audit import (
    ENROLMENT_DECISION,
    ENROLMENT_DECISION_UNDO,
    audit_last,
    audit_log,
)

S = Enrolment.Status

# Statuses from which a trainee may still withdraw.
ACTIVE = (S.APPLIED, S.NOMINATED, S.WAITLISTED, S.ADMITTED)


def _coordinates(user, office_id: int) -> bool:
    return user.is_superuser or office_id in office_ids_for_user(user)


def _require_nominating_coordinator(user, enrolment: Enrolment) -> None:
    if not _coordinates(user, enrolment.office_id):
        raise NotAllowedError(
            _("Only coordinators of %(office)s decide on this nomination.")
            % {"office": enrolment.office.name}
        )


def _require_lead_coordinator(user, enrolment: Enrolment) -> None:
    if not _coordinates(user, enrolment.cohort.lead_office_id):
        raise NotAllowedError(
            _("Only coordinators of the lead office, %(office)s, admit or decline.")
            % {"office": enrolment.cohort.lead_office.name}
        )


def _require_status(enrolment: Enrolment, allowed, action: str) -> None:
    if enrolment.status not in allowed:
        raise InvalidTransitionError(
            _("Cannot %(action)s an application that is %(status)s.")
            % {"action": action, "status": enrolment.get_status_display().lower()}
        )


def _locked(enrolment: Enrolment) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__lead_office", "office", "user")
        .get(pk=enrolment.pk)
    )


def _lock_participation(cohort_id: int, office_id: int) -> CohortOffice:
    try:
        return (
            CohortOffice.objects.select_for_update()
            .select_related("office")
            .get(cohort_id=cohort_id, office_id=office_id)
        )
    except CohortOffice.DoesNotExist:
        raise OfficeNotParticipatingError(
            _("This office does not take part in the cohort.")
        ) from None


def _seats_held(cohort_id: int, office_id: int) -> int:
    return Enrolment.objects.filter(
        cohort_id=cohort_id,
        office_id=office_id,
        status__in=Enrolment.SEAT_HOLDING_STATUSES,
    ).count()


def _admitted_count(cohort_id: int) -> int:
    return Enrolment.objects.filter(cohort_id=cohort_id, status=S.ADMITTED).count()


def _save_status(enrolment: Enrolment, status: str, **extra) -> Enrolment:
    enrolment.status = status
    for name, value in extra.items():
        setattr(enrolment, name, value)
    enrolment.save(update_fields=["status", "updated_at", *extra])
    return enrolment


def _decide(enrolment: Enrolment, status: str, by, action=ENROLMENT_DECISION, **data):
    """Save the new status and write its one audit entry; return the entry."""
    old = enrolment.status
    # An undo gives back the place as it was, admission date included.
    admitted = status == S.ADMITTED and action == ENROLMENT_DECISION
    _save_status(
        enrolment, status, **({"admitted_at": timezone.now()} if admitted else {})
    )
    data = {"from": old, "to": status, **{k: v for k, v in data.items() if v}}
    return audit_log(action, enrolment, by, data)


def enrolment_apply(
    *,
    cohort: Cohort,
    user,
    office: Office,
    employer: str,
    position: str,
    motivation: str,
) -> Enrolment:
    """Record a trainee's application to an open cohort, nominated by `office`.

    Emails the trainee a receipt after commit. Raises ApplicationsClosedError
    outside the application window or status, OfficeNotParticipatingError if
    `office` does not take part, DuplicateApplicationError on a second
    application (also when two arrive at once: the unique constraint decides).
    """
    now = timezone.now()
    if cohort.status != Cohort.Status.OPEN or not (
        cohort.applications_open_at <= now < cohort.applications_close_at
    ):
        raise ApplicationsClosedError(
            _("%(cohort)s is not open for applications.") % {"cohort": cohort.title}
        )
    if not CohortOffice.objects.filter(cohort=cohort, office=office).exists():
        raise OfficeNotParticipatingError(
            _("%(office)s does not take part in %(cohort)s.")
            % {"office": office.name, "cohort": cohort.title}
        )
    duplicate = DuplicateApplicationError(
        _(
            "You have already applied to %(cohort)s. Follow your application "
            "on My learning."
        )
        % {"cohort": cohort.title}
    )
    if Enrolment.objects.filter(cohort=cohort, user=user).exists():
        raise duplicate
    enrolment = Enrolment(
        cohort=cohort,
        user=user,
        office=office,
        employer=employer.strip(),
        position=position.strip(),
        motivation=motivation.strip(),
    )
    enrolment.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise duplicate from None
    notifications.notify_application_received(enrolment)
    return enrolment


@transaction.atomic
def enrolment_nominate(*, enrolment: Enrolment, by) -> Enrolment:
    """Nominate an applied or wait-listed trainee, within the office's seat quota.

    Only coordinators of the nominating office. Locks the office's quota row
    first, so parallel nominations never exceed it. Emails the trainee.
    Raises NotAllowedError, InvalidTransitionError, QuotaFullError.
    """
    cohort_ensure_open(enrolment.cohort_id)
    participation = _lock_participation(enrolment.cohort_id, enrolment.office_id)
    enrolment = _locked(enrolment)
    _require_nominating_coordinator(by, enrolment)
    _require_status(enrolment, (S.APPLIED, S.WAITLISTED), _("nominate"))
    if (
        _seats_held(enrolment.cohort_id, enrolment.office_id)
        >= participation.seat_quota
    ):
        raise QuotaFullError(
            _(
                "%(office)s has used all %(quota)s of its seats in this cohort. "
                "Wait-list the application instead."
            )
            % {"office": participation.office.name, "quota": participation.seat_quota}
        )
    _decide(enrolment, S.NOMINATED, by)
    notifications.notify_decision(enrolment)
    return enrolment


@transaction.atomic
def enrolment_waitlist(*, enrolment: Enrolment, by) -> Enrolment:
    """Put an applied or nominated trainee on the office's waiting list.

    Only coordinators of the nominating office. Emails the trainee.
    """
    cohort_ensure_open(enrolment.cohort_id)
    enrolment = _locked(enrolment)
    _require_nominating_coordinator(by, enrolment)
    _require_status(enrolment, (S.APPLIED, S.NOMINATED), _("wait-list"))
    _decide(enrolment, S.WAITLISTED, by)
    notifications.notify_decision(enrolment)
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """Reject an application that the office has not yet seen admitted.

    Only coordinators of the nominating office. Emails the trainee, with the
    optional `reason`. The office may undo it until the cohort starts
    (enrolment_decision_undo).
    """
    cohort_ensure_open(enrolment.cohort_id)
    enrolment = _locked(enrolment)
    _require_nominating_coordinator(by, enrolment)
    _require_status(enrolment, (S.APPLIED, S.WAITLISTED, S.NOMINATED), _("reject"))
    entry = _decide(enrolment, S.REJECTED, by, reason=reason.strip())
    notifications.notify_decision(enrolment, reason=reason.strip(), event=entry.pk)
    return enrolment


@transaction.atomic
def enrolment_admit(*, enrolment: Enrolment, by) -> Enrolment:
    """Admit a nominated trainee, within the cohort's capacity.

    Only coordinators of the lead office. Locks the cohort row first, so
    parallel admissions never exceed the capacity. Emails the trainee.
    Raises NotAllowedError, InvalidTransitionError, CapacityFullError.
    """
    cohort_ensure_open(enrolment.cohort_id)
    cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    enrolment = _locked(enrolment)
    _require_lead_coordinator(by, enrolment)
    _require_status(enrolment, (S.NOMINATED,), _("admit"))
    if _admitted_count(cohort.pk) >= cohort.capacity:
        raise CapacityFullError(
            _("All %(capacity)s seats of %(cohort)s are taken.")
            % {"capacity": cohort.capacity, "cohort": cohort.title}
        )
    _decide(enrolment, S.ADMITTED, by)
    notifications.notify_decision(enrolment)
    return enrolment


@transaction.atomic
def enrolment_decline(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """Decline a nominated trainee. Only coordinators of the lead office.

    Emails the trainee, with the optional `reason`. The lead office may undo
    it until the cohort starts (enrolment_decision_undo).
    """
    cohort_ensure_open(enrolment.cohort_id)
    enrolment = _locked(enrolment)
    _require_lead_coordinator(by, enrolment)
    _require_status(enrolment, (S.NOMINATED,), _("decline"))
    entry = _decide(enrolment, S.DECLINED, by, reason=reason.strip())
    notifications.notify_decision(enrolment, reason=reason.strip(), event=entry.pk)
    return enrolment


def _promote_first_waitlisted(cohort_id: int, office_id: int) -> Enrolment | None:
    """Nominate the office's longest-waiting trainee if a seat is free (locks held)."""
    participation = CohortOffice.objects.get(cohort_id=cohort_id, office_id=office_id)
    if _seats_held(cohort_id, office_id) >= participation.seat_quota:
        return None
    candidate = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__lead_office", "office", "user")
        .filter(cohort_id=cohort_id, office_id=office_id, status=S.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if candidate is None:
        return None
    _decide(candidate, S.NOMINATED, None, promoted=True)
    notifications.notify_promoted(candidate)
    return candidate


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, by) -> Enrolment:
    """Withdraw an application or an admitted trainee.

    The trainee may withdraw their own application; coordinators of the
    nominating or lead office may record a withdrawal for them. If the trainee
    held one of the office's seats, the office's first wait-listed trainee is
    nominated automatically (and told), and the lead office is emailed when an
    admitted trainee withdraws. Raises NotAllowedError, InvalidTransitionError.
    """
    cohort_ensure_open(enrolment.cohort_id)
    Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    CohortOffice.objects.select_for_update().filter(
        cohort_id=enrolment.cohort_id, office_id=enrolment.office_id
    ).first()
    enrolment = _locked(enrolment)
    if not (
        by.pk == enrolment.user_id
        or _coordinates(by, enrolment.office_id)
        or _coordinates(by, enrolment.cohort.lead_office_id)
    ):
        raise NotAllowedError(_("You cannot withdraw this application."))
    _require_status(enrolment, ACTIVE, _("withdraw"))
    held_seat = enrolment.status in Enrolment.SEAT_HOLDING_STATUSES
    was_admitted = enrolment.status == S.ADMITTED
    _decide(enrolment, S.WITHDRAWN, by)
    promoted = None
    if held_seat:
        promoted = _promote_first_waitlisted(enrolment.cohort_id, enrolment.office_id)
    if was_admitted:
        notifications.notify_lead_of_withdrawal(enrolment, promoted)
    return enrolment


def enrolment_withdrawal_undoable(cohort: Cohort) -> bool:
    """Whether a trainee may still undo a withdrawal: the cohort has not started.

    The start date is read in the cohort's own time zone.
    """
    return cohort_before_start(cohort)


@transaction.atomic
def enrolment_withdraw_undo(
    *, enrolment: Enrolment, by, previous_status: str
) -> Enrolment:
    """Give a trainee back what they just withdrew from, if it is still free.

    Only the trainee, only before the cohort starts, and only into the status
    they held (`previous_status`, which the caller recorded at withdrawal). A
    nomination or place needs a free seat of the office's quota, a place also a
    free seat of the cohort's capacity: the seat may have gone to the first
    wait-listed trainee meanwhile. Tells the lead office when a place is taken
    back. Takes the same locks, in the same order, as the decisions. Raises
    NotAllowedError, InvalidTransitionError, QuotaFullError, CapacityFullError.
    """
    cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    participation = _lock_participation(enrolment.cohort_id, enrolment.office_id)
    enrolment = _locked(enrolment)
    if by.pk != enrolment.user_id:
        raise NotAllowedError(_("Only the trainee can undo their withdrawal."))
    if enrolment.status != S.WITHDRAWN or previous_status not in ACTIVE:
        raise InvalidTransitionError(_("There is no withdrawal to undo."))
    if not enrolment_withdrawal_undoable(cohort):
        raise InvalidTransitionError(
            _("%(cohort)s has started: the withdrawal cannot be undone.")
            % {"cohort": cohort.title}
        )
    seat_gone = _(
        "Your seat has been given to someone else meanwhile, so the withdrawal "
        "cannot be undone."
    )
    if previous_status in Enrolment.SEAT_HOLDING_STATUSES and (
        _seats_held(cohort.pk, enrolment.office_id) >= participation.seat_quota
    ):
        raise QuotaFullError(seat_gone)
    if previous_status == S.ADMITTED and _admitted_count(cohort.pk) >= cohort.capacity:
        raise CapacityFullError(seat_gone)
    _decide(enrolment, previous_status, by, action=ENROLMENT_DECISION_UNDO)
    if previous_status == S.ADMITTED:
        notifications.notify_lead_of_withdrawal_undone(enrolment)
    return enrolment


# Decisions an office may take back until the cohort starts, and who may.
UNDOABLE = {
    S.REJECTED: _require_nominating_coordinator,
    S.DECLINED: _require_lead_coordinator,
}


@transaction.atomic
def enrolment_decision_undo(*, enrolment: Enrolment, by) -> Enrolment:
    """Take back a rejection or a decline: the application returns to its status before.

    Only coordinators of the office that decided (nominating office for a
    rejection, lead office for a decline), only before the cohort starts. The
    previous status is read from the decision's audit entry. Going back to a
    nomination needs a free seat of the office's quota. Emails the trainee and
    writes one audit entry. Raises NotAllowedError, InvalidTransitionError,
    QuotaFullError.
    """
    cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    participation = _lock_participation(enrolment.cohort_id, enrolment.office_id)
    enrolment = _locked(enrolment)
    if enrolment.status not in UNDOABLE:
        raise InvalidTransitionError(_("There is no decision to undo."))
    UNDOABLE[enrolment.status](by, enrolment)
    if not enrolment_withdrawal_undoable(cohort):
        raise InvalidTransitionError(
            _("%(cohort)s has started: the decision cannot be undone.")
            % {"cohort": cohort.title}
        )
    entry = audit_last(ENROLMENT_DECISION, enrolment)
    previous = (entry.data or {}).get("from") if entry else None
    if not entry or entry.data.get("to") != enrolment.status or previous not in ACTIVE:
        raise InvalidTransitionError(_("There is no decision to undo."))
    if previous in Enrolment.SEAT_HOLDING_STATUSES and (
        _seats_held(cohort.pk, enrolment.office_id) >= participation.seat_quota
    ):
        raise QuotaFullError(
            _(
                "%(office)s has used all %(quota)s of its seats in this cohort. "
                "Wait-list the application instead."
            )
            % {"office": participation.office.name, "quota": participation.seat_quota}
        )
    undo = _decide(enrolment, previous, by, action=ENROLMENT_DECISION_UNDO)
    notifications.notify_decision_undone(enrolment, event=undo.pk)
    return enrolment


DECISIONS = {
    "nominate": enrolment_nominate,
    "waitlist": enrolment_waitlist,
    "reject": enrolment_reject,
    "admit": enrolment_admit,
    "decline": enrolment_decline,
    "withdraw": enrolment_withdraw,
}
