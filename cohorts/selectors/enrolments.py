"""Reads about applications: rosters for coordinators, the trainee's own list."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from cohorts.models import Assessment, Cohort, Enrolment, Session
from cohorts.selectors.scoping import office_ids_for_user


def enrolment_list_for_cohort(
    cohort: Cohort, *, status: str = "", office_id: int | None = None
) -> QuerySet[Enrolment]:
    """A cohort's applications, optionally filtered; callers check scoping first."""
    qs = Enrolment.objects.filter(cohort=cohort).select_related("user", "office")
    if status:
        qs = qs.filter(status=status)
    if office_id:
        qs = qs.filter(office_id=office_id)
    return qs.order_by("office__name", "created_at", "pk")


def enrolment_details_office_ids(
    user, cohort: Cohort, *, office_ids: set[int] | None = None
) -> set[int] | None:
    """Offices whose applicants' details `user` may read in `cohort`.

    None means all (superusers and the lead office's coordinators); otherwise
    the user's own offices: a co-organizer sees details of its own nominees only.
    An office's own system (API token) reads as its office: pass `user=None`
    and `office_ids={token.office_id}`.
    """
    if user is not None and user.is_superuser:
        return None
    mine = office_ids_for_user(user) if office_ids is None else office_ids
    if cohort.lead_office_id in mine:
        return None
    return mine


def enrolment_details_visible(user, enrolment: Enrolment) -> bool:
    """True when `user` may read the application's contact, employer and motivation."""
    allowed = enrolment_details_office_ids(user, enrolment.cohort)
    return allowed is None or enrolment.office_id in allowed


def enrolment_assessable_office_ids_by_cohort(
    user, cohorts: list[Cohort]
) -> dict[int, set[int] | None]:
    """Offices whose nominees `user` may mark (attendance) and grade, per cohort.

    None means all: superusers, the lead office's coordinators and the
    cohort's instructors (they teach one of its sessions). Otherwise the
    user's own offices: a co-organizer marks and grades its own nominees only.
    Two queries whatever the number of cohorts.
    """
    if not user or not user.is_authenticated:
        return {c.pk: set() for c in cohorts}
    if user.is_superuser:
        return {c.pk: None for c in cohorts}
    mine = office_ids_for_user(user)
    teaching = set(
        Session.objects.filter(
            cohort_id__in=[c.pk for c in cohorts], instructors=user
        ).values_list("cohort_id", flat=True)
    )
    return {
        c.pk: None if c.lead_office_id in mine or c.pk in teaching else mine
        for c in cohorts
    }


def enrolment_assessable_office_ids(user, cohort: Cohort) -> set[int] | None:
    """Offices whose nominees `user` may mark and grade in `cohort` (None: all)."""
    return enrolment_assessable_office_ids_by_cohort(user, [cohort])[cohort.pk]


def enrolment_assessable(user, enrolment: Enrolment) -> bool:
    """True when `user` may mark the trainee's attendance and grade their work."""
    allowed = enrolment_assessable_office_ids(user, enrolment.cohort)
    return allowed is None or enrolment.office_id in allowed


def cohort_before_start(cohort: Cohort) -> bool:
    """Whether the open cohort has not started yet, in its own time zone.

    Until then a trainee may undo a withdrawal and an office its decision.
    """
    today = timezone.localdate(timezone=ZoneInfo(cohort.time_zone or "UTC"))
    return cohort.status == Cohort.Status.OPEN and today < cohort.start_date


def _deciding_office_id(enrolment: Enrolment) -> int | None:
    """The office that took the rejection or decline (None for other statuses)."""
    if enrolment.status == Enrolment.Status.REJECTED:
        return enrolment.office_id
    if enrolment.status == Enrolment.Status.DECLINED:
        return enrolment.cohort.lead_office_id
    return None


def enrolment_decision_undoable(user, enrolment: Enrolment, *, mine=None) -> bool:
    """Whether `user` may take back the rejection or decline: the deciding office
    (nominating office for a rejection, lead office for a decline) before the
    cohort starts. The rest (a free seat, the decision's audit entry) is checked
    by enrolment_decision_undo. `mine`: the user's office ids, if already read.
    """
    office_id = _deciding_office_id(enrolment)
    if office_id is None or not cohort_before_start(enrolment.cohort):
        return False
    if user.is_superuser:
        return True
    return office_id in (office_ids_for_user(user) if mine is None else mine)


@dataclass
class RosterRow:
    enrolment: Enrolment
    details_visible: bool
    undoable: bool = False


def roster_rows_for_user(user, cohort: Cohort, enrolments) -> list[RosterRow]:
    """Pair each enrolment with whether `user` may see its details and undo its
    decision."""
    allowed = enrolment_details_office_ids(user, cohort)
    mine = office_ids_for_user(user)
    rows = []
    for e in enrolments:
        e.cohort = cohort
        rows.append(
            RosterRow(
                e,
                allowed is None or e.office_id in allowed,
                enrolment_decision_undoable(user, e, mine=mine),
            )
        )
    return rows


def enrolment_list_for_user(user) -> QuerySet[Enrolment]:
    """The trainee's own applications, newest cohort first."""
    return (
        Enrolment.objects.filter(user=user)
        .select_related("cohort__course", "cohort__lead_office", "office")
        .order_by("-cohort__start_date", "-created_at")
    )


def session_list_upcoming_for_user(user, *, limit: int = 10) -> QuerySet[Session]:
    """The next sessions of cohorts the trainee is admitted to."""
    return (
        Session.objects.filter(
            cohort__enrolments__user=user,
            cohort__enrolments__status=Enrolment.Status.ADMITTED,
            ends_at__gte=timezone.now(),
        )
        .select_related("cohort")
        .order_by("starts_at")[:limit]
    )


@dataclass(frozen=True)
class Deadline:
    """One dated item on My learning: an assessment's due date or a session."""

    when: object  # aware datetime
    kind: str  # "quiz", "assignment" or "session"
    title: str
    cohort: Cohort
    assessment: Assessment | None = None
    session: Session | None = None


def deadline_list_for_user(user, *, now=None, limit: int = 10) -> list[Deadline]:
    """Published assessments still to be handed in and sessions not yet over,
    of the cohorts the trainee is admitted to, soonest first."""
    now = now or timezone.now()
    assessments = (
        Assessment.objects.published()
        .filter(
            cohort__enrolments__user=user,
            cohort__enrolments__status=Enrolment.Status.ADMITTED,
            due_at__gte=now,
        )
        .select_related("cohort")
        .order_by("due_at", "pk")[:limit]
    )
    items = [
        Deadline(a.due_at, a.kind, a.title, a.cohort, assessment=a) for a in assessments
    ] + [
        Deadline(s.starts_at, "session", s.title, s.cohort, session=s)
        for s in session_list_upcoming_for_user(user, limit=limit)
    ]
    return sorted(items, key=lambda d: d.when)[:limit]


def my_cohorts_context(user) -> dict:
    """Context for the My learning cohorts section (templates/cohorts/includes)."""
    from cohorts.selectors.surveys import survey_list_due

    enrolments = list(enrolment_list_for_user(user))
    admitted = [e for e in enrolments if e.status == Enrolment.Status.ADMITTED]
    surveys_due: dict[int, list] = {}
    for due in survey_list_due(user=user):
        surveys_due.setdefault(due.enrolment.pk, []).append(due)
    for enrolment in admitted:
        enrolment.surveys_due = surveys_due.get(enrolment.pk, [])
    return {
        "cohort_applications": [e for e in enrolments if e not in admitted],
        "cohort_enrolled": admitted,
        "cohort_deadlines": deadline_list_for_user(user),
        "cohort_time_zone": user.time_zone or "UTC",
    }
