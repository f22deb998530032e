"""Writes for a cohort's sessions: one at a time, a weekly series, edits, deletion.

Only the lead office's coordinators (and superusers) schedule a cohort's
sessions: the check is here, so every caller (admin, import, shell) obeys it.
Each write is logged in Wagtail's history of the session, as the admin's own
create/edit/delete actions would.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cohorts.exceptions import SessionHasAttendanceError, SessionNotAllowedError
from cohorts.models import AttendanceMark, Cohort, Session
from cohorts.selectors.scoping import user_leads_cohort

MAX_SERIES = 52
EDITABLE_FIELDS = ("title", "starts_at", "ends_at", "room", "online_url")


def _require_lead(by, cohort: Cohort) -> None:
    if not user_leads_cohort(by, cohort):
        raise SessionNotAllowedError(
            _("Only coordinators of the lead office, %(office)s, schedule sessions.")
            % {"office": cohort.lead_office.name}
        )


def session_outside_cohort_dates(
    cohort: Cohort, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> bool:
    """True when the session starts before or ends after the cohort's dates,
    read as calendar days in the cohort's time zone. A warning, not an error:
    an orientation call often comes before the first day."""
    zone = cohort.zone
    return (
        starts_at.astimezone(zone).date() < cohort.start_date
        or ends_at.astimezone(zone).date() > cohort.end_date
    )


@transaction.atomic
def session_create(
    *,
    cohort: Cohort,
    by,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: str = "",
    online_url: str = "",
    instructors: Iterable = (),
) -> Session:
    """Schedule one session of `cohort`.

    Raises SessionNotAllowedError unless `by` coordinates the lead office, and
    ValidationError (writing nothing) when it ends before it starts.
    """
    _require_lead(by, cohort)
    session = Session(
        cohort=cohort,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        online_url=online_url,
    )
    session.full_clean()
    session.save()
    session.instructors.set(list(instructors))
    log(session, "wagtail.create", user=by)
    return session


@transaction.atomic
def session_update(*, session: Session, by, instructors=None, **fields) -> Session:
    """Change a session's title, times, room or link (and instructors if given).

    The cohort never changes: marks belong to it. Raises SessionNotAllowedError
    or ValidationError (writing nothing).
    """
    _require_lead(by, session.cohort)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    session.save()
    if instructors is not None:
        session.instructors.set(list(instructors))
    log(session, "wagtail.edit", user=by)
    return session


@transaction.atomic
def session_delete(*, session: Session, by) -> None:
    """Delete a session that has no attendance marks.

    Locks the session first, so a check-in cannot add a mark between the check
    and the deletion. Raises SessionNotAllowedError or SessionHasAttendanceError.
    """
    _require_lead(by, session.cohort)
    Session.objects.select_for_update().filter(pk=session.pk).first()
    if AttendanceMark.objects.filter(session=session).exists():
        raise SessionHasAttendanceError(
            _(
                "“%(session)s” has attendance marks, so it cannot be deleted. "
                "Change its date or title instead."
            )
            % {"session": session.title}
        )
    log(session, "wagtail.delete", user=by)
    session.delete()


@transaction.atomic
def session_series_create(
    *,
    cohort: Cohort,
    by,
    title: str,
    first_start: datetime.datetime,
    duration: datetime.timedelta,
    count: int,
    room: str = "",
    online_url: str = "",
    instructors: Iterable = (),
) -> list[Session]:
    """Schedule `count` weekly sessions, titled "<title> (n/count)".

    `first_start` is a wall-clock time in the cohort's time zone (naive, or
    aware in any zone: its wall-clock reading is kept). Every session starts at
    that same local time, a week apart, also across a daylight-saving change.
    All or nothing: raises SessionNotAllowedError, or ValidationError for a
    count outside 1–52 or a duration that is not positive.
    """
    from django.core.exceptions import ValidationError

    _require_lead(by, cohort)
    if not 1 <= count <= MAX_SERIES:
        raise ValidationError(
            _("A series has between 1 and %(max)s sessions.") % {"max": MAX_SERIES}
        )
    if duration <= datetime.timedelta(0):
        raise ValidationError(_("The session must end after it starts."))
    zone = cohort.zone
    local = first_start.replace(tzinfo=None)
    instructors = list(instructors)
    sessions = []
    for n in range(count):
        starts_at = (local + datetime.timedelta(weeks=n)).replace(tzinfo=zone)
        # Add the duration in UTC: wall-clock arithmetic would lose or gain an
        # hour for a session that spans the night of the change.
        starts_at = starts_at.astimezone(datetime.UTC)
        sessions.append(
            session_create(
                cohort=cohort,
                by=by,
                title=f"{title} ({n + 1}/{count})",
                starts_at=starts_at,
                ends_at=starts_at + duration,
                room=room,
                online_url=online_url,
                instructors=instructors,
            )
        )
    return sessions
