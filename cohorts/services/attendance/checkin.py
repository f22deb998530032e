"""Self check-in with the rotating code shown in the session."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import checkin_codes
from cohorts.exceptions import CheckInError
from cohorts.models import AttendanceChange, AttendanceMark, Enrolment, Session
from cohorts.selectors.attendance import enrolment_is_expected
from cohorts.services.attendance.marks import (
    attendance_record_bulk,
    session_markable_from,
)
from cohorts.services.cohorts import cohort_ensure_open
from training.dates import format_moment_with_zone

# How many past windows we still recognise, to say "expired" rather than "wrong".
_EXPIRED_WINDOWS = 20


def _checkin_window(session: Session):
    return session_markable_from(session), session.ends_at


def attendance_check_in(
    *, user, code: str, session_id: int | None = None, now=None
) -> AttendanceMark:
    """Check a trainee in with the rotating code shown in the session.

    With `session_id` (from the QR code) only that session is tried, otherwise
    every session of the trainee's cohorts that is open for check-in. The code
    of the current and the previous time window is accepted. Marks present,
    or late once the grace period after the start has passed. Records the
    change like any other (source "check-in").

    Raises CheckInError with a message for the trainee when the code is
    malformed, wrong or expired, the session is not open for check-in, the
    trainee is not enrolled or not expected, or already checked in.
    """
    now = now or timezone.now()
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == checkin_codes.DIGITS):
        raise CheckInError(_("Enter the 6-digit code shown by your instructor."))

    admitted = Enrolment.objects.filter(user=user, status=Enrolment.Status.ADMITTED)
    if session_id is not None:
        session = Session.objects.select_related("cohort").filter(pk=session_id).first()
        if session is None:
            raise CheckInError(_("This check-in link is not valid."))
        if not admitted.filter(cohort_id=session.cohort_id).exists():
            raise CheckInError(_("You are not enrolled in the cohort of this session."))
        opens, closes = _checkin_window(session)
        if now < opens:
            raise CheckInError(
                _("Check-in for this session opens at %(time)s.")
                % {"time": format_moment_with_zone(opens)}
            )
        if now > closes:
            raise CheckInError(
                _(
                    "This session has ended and check-in is closed. "
                    "Ask your instructor to mark your attendance."
                )
            )
        candidates = [session]
    else:
        candidates = list(
            Session.objects.filter(
                cohort__in=admitted.values("cohort"),
                starts_at__lte=now
                + timedelta(minutes=settings.ATTENDANCE_CHECKIN_OPENS_MINUTES),
                ends_at__gte=now,
            ).select_related("cohort")
        )
        if not candidates:
            if not admitted.exists():
                raise CheckInError(
                    _(
                        "You are not enrolled in a cohort, so there is nothing to check in to."
                    )
                )
            raise CheckInError(
                _(
                    "None of your sessions is open for check-in now. Check-in "
                    "opens %(minutes)s minutes before a session starts and "
                    "closes when it ends."
                )
                % {"minutes": settings.ATTENDANCE_CHECKIN_OPENS_MINUTES}
            )

    current = checkin_codes.window_at(now)
    session = next(
        (
            s
            for s in candidates
            for w in (current, current - 1)
            if checkin_codes.code_matches(s.pk, code, w)
        ),
        None,
    )
    if session is None:
        expired = any(
            checkin_codes.code_matches(s.pk, code, w)
            for s in candidates
            for w in range(current - _EXPIRED_WINDOWS, current - 1)
        )
        if expired:
            raise CheckInError(
                _("This code has expired. Enter the code shown on the screen now.")
            )
        raise CheckInError(
            _("This code is not right. Check the code on the screen and try again.")
        )

    enrolment = admitted.get(cohort_id=session.cohort_id)
    cohort_ensure_open(session.cohort_id)
    if not enrolment_is_expected(enrolment, session):
        raise CheckInError(
            _("You were admitted after this session; no check-in is needed.")
        )
    mark = AttendanceMark.objects.filter(session=session, enrolment=enrolment).first()
    if mark is not None and mark.status in (
        AttendanceMark.Status.PRESENT,
        AttendanceMark.Status.LATE,
    ):
        raise CheckInError(
            _("You are already checked in to “%(session)s” (%(status)s).")
            % {"session": session.title, "status": mark.get_status_display()},
            extra={"already": True},
        )
    late_after = session.starts_at + timedelta(
        minutes=settings.ATTENDANCE_LATE_AFTER_MINUTES
    )
    status = (
        AttendanceMark.Status.LATE
        if now > late_after
        else AttendanceMark.Status.PRESENT
    )
    attendance_record_bulk(
        session=session,
        marks={enrolment.pk: (status, None)},
        by=user,
        source=AttendanceChange.Source.CHECK_IN,
        now=now,
    )
    return AttendanceMark.objects.select_related("session").get(
        session=session, enrolment=enrolment
    )
