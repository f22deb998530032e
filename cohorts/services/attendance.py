"""Writes for attendance: roster marking, self check-in, CSV import, warnings."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import OutboundEmail
from accounts.services import email_enqueue
from cohorts import checkin_codes
from cohorts.csv_import import csv_import_read
from cohorts.exceptions import AttendanceError, CheckInError, ImportFileError
from cohorts.models import (
    AttendanceChange,
    AttendanceMark,
    CalendarToken,
    Enrolment,
    OfficeMembership,
    Session,
)
from cohorts.selectors.attendance import (
    attendance_rates_for_cohort,
    cohort_list_running,
    enrolment_is_expected,
)
from cohorts.selectors.enrolments import enrolment_assessable_office_ids
from cohorts.services.cohorts import cohort_ensure_open
from cohorts.signals import attendance_changed
from training.audit import ATTENDANCE_EDIT, audit_log_many

# How many past windows we still recognise, to say "expired" rather than "wrong".
_EXPIRED_WINDOWS = 20


def session_markable_from(session: Session):
    """When marking opens: check-in opening time before the start (never later)."""
    return session.starts_at - timedelta(
        minutes=settings.ATTENDANCE_CHECKIN_OPENS_MINUTES
    )


def _send_attendance_changed(session_id: int, enrolment_ids: list[int]) -> None:
    attendance_changed.send(
        sender=Session, session_id=session_id, enrolment_ids=enrolment_ids
    )


def _not_markable_message() -> str:
    return _(
        "Only its nominating office, the lead office or the cohort's "
        "instructors mark this trainee."
    )


@transaction.atomic
def attendance_record_bulk(
    *,
    session: Session,
    marks: Mapping[int, tuple[str, str | None]],
    by,
    source: str = AttendanceChange.Source.ROSTER,
    now=None,
) -> list[int]:
    """Record the marks of many trainees for one session in one transaction.

    `marks` maps enrolment id → (status, note); a note of None keeps the
    current note. Every created or changed mark gets an AttendanceChange row;
    unchanged marks write nothing, so submitting the same marks again is a
    no-op. After commit `cohorts.signals.attendance_changed` is sent with the
    ids of enrolments whose marks changed. Returns those ids. Each created or
    changed mark gets one audit entry, except a trainee's own check-in (the
    AttendanceChange history keeps it; auditing every check-in would bury the
    staff's edits).

    Raises AttendanceError, writing nothing, when the session has not started
    (future sessions cannot be marked) or when any row is invalid: not an
    admitted trainee of the cohort, not expected (admitted after the session),
    unknown status, or (for staff sources: roster and import) a trainee
    `by` may not mark: a co-organizing office marks only its own nominees,
    the lead office and the cohort's instructors mark all.
    `extra["errors"]` maps enrolment id → message.
    """
    now = now or timezone.now()
    # Lock the session: concurrent check-ins and roster saves queue up here,
    # so two writers cannot both create the same mark.
    Session.objects.select_for_update().filter(pk=session.pk).first()
    cohort_ensure_open(session.cohort_id)
    if now < session_markable_from(session):
        raise AttendanceError(
            _("This session has not started yet; future sessions cannot be marked.")
        )
    enrolments = (
        Enrolment.objects.filter(cohort_id=session.cohort_id, pk__in=list(marks))
        .select_related("user")
        .in_bulk()
    )
    allowed = (
        None
        if source == AttendanceChange.Source.CHECK_IN
        else enrolment_assessable_office_ids(by, session.cohort)
    )
    errors: dict[int, str] = {}
    for enrolment_id, (status, note) in marks.items():
        enrolment = enrolments.get(enrolment_id)
        if enrolment is None:
            errors[enrolment_id] = _("Not a trainee of this cohort.")
        elif allowed is not None and enrolment.office_id not in allowed:
            errors[enrolment_id] = _not_markable_message()
        elif enrolment.status != Enrolment.Status.ADMITTED:
            errors[enrolment_id] = _("Not admitted to this cohort.")
        elif not enrolment_is_expected(enrolment, session):
            errors[enrolment_id] = _(
                "Not expected: admitted after this session was held."
            )
        elif status not in AttendanceMark.Status.values:
            errors[enrolment_id] = _("Unknown status “%(status)s”.") % {
                "status": status
            }
        elif note is not None and len(note) > 500:
            errors[enrolment_id] = _("The note is longer than 500 characters.")
    if errors:
        raise AttendanceError(
            _("Nothing was saved: some marks are not valid."), extra={"errors": errors}
        )

    existing = {
        m.enrolment_id: m
        for m in AttendanceMark.objects.filter(session=session, enrolment_id__in=marks)
    }
    to_create, to_update, changes = [], [], []
    for enrolment_id, (status, note) in marks.items():
        mark = existing.get(enrolment_id)
        old_status, old_note = (mark.status, mark.note) if mark else ("", "")
        new_note = old_note if note is None else note.strip()
        if mark is not None and (old_status, old_note) == (status, new_note):
            continue
        if mark is None:
            to_create.append(
                AttendanceMark(
                    session=session,
                    enrolment_id=enrolment_id,
                    status=status,
                    note=new_note,
                    marked_by=by,
                )
            )
        else:
            mark.status, mark.note, mark.marked_by, mark.updated_at = (
                status,
                new_note,
                by,
                now,
            )
            to_update.append(mark)
        changes.append(
            AttendanceChange(
                session=session,
                enrolment_id=enrolment_id,
                old_status=old_status,
                new_status=status,
                old_note=old_note,
                new_note=new_note,
                source=source,
                changed_by=by,
            )
        )
    AttendanceMark.objects.bulk_create(to_create)
    AttendanceMark.objects.bulk_update(
        to_update, ["status", "note", "marked_by", "updated_at"]
    )
    AttendanceChange.objects.bulk_create(changes)
    if source != AttendanceChange.Source.CHECK_IN:
        written = {m.enrolment_id: m for m in (*to_create, *to_update)}
        audit_log_many(
            ATTENDANCE_EDIT,
            [
                (
                    written[c.enrolment_id],
                    {"from": c.old_status, "to": c.new_status, "source": source},
                    f"{enrolments[c.enrolment_id].user} @ {session.title}",
                )
                for c in changes
            ],
            by,
        )
    changed_ids = [c.enrolment_id for c in changes]
    if changed_ids:
        session_id = session.pk
        transaction.on_commit(lambda: _send_attendance_changed(session_id, changed_ids))
    return changed_ids


# ---- self check-in ----


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
                % {"time": date_format(timezone.localtime(opens), "DATETIME_FORMAT")}
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


# ---- CSV import ----


@dataclass
class ImportRow:
    line: int
    email: str
    status: str
    note: str | None
    name: str = ""
    outcome: str = ""
    kind: str = ""  # new, changed or unchanged
    enrolment_id: int | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems with the whole file
    written: bool = False
    changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not any(r.errors for r in self.rows)

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]


def _status_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in AttendanceMark.Status.choices:
        lookup[value] = value
        lookup[str(label).casefold()] = value
        with translation.override("en"):
            lookup[str(label).casefold()] = value
    return lookup


def attendance_import_csv(*, session: Session, file, by, dry_run: bool) -> ImportResult:
    """Validate a CSV of attendance (email, status, note) and, unless a dry run,
    record it. All or nothing: if any row fails, nothing is written.

    The file is UTF-8 (a byte-order mark is accepted). `note` is optional; when
    the column is missing, notes are left as they are. Every row gets an
    outcome ("new", "changed", "unchanged") or its errors, among them a
    trainee `by` may not mark (see attendance_record_bulk). Re-importing the
    same file is a no-op: unchanged marks write no history.
    """
    cohort_ensure_open(session.cohort_id)
    result = ImportResult()
    if timezone.now() < session_markable_from(session):
        result.errors.append(
            _("This session has not started yet; future sessions cannot be marked.")
        )
        return result
    try:
        records = csv_import_read(
            file, columns=("email", "status", "note"), required=("email", "status")
        )
    except ImportFileError as exc:
        result.errors.append(exc.message)
        return result
    has_note = bool(records) and "note" in records[0].cells

    enrolments = {
        e.user.email.casefold(): e
        for e in Enrolment.objects.filter(cohort_id=session.cohort_id).select_related(
            "user"
        )
    }
    marks = {m.enrolment_id: m for m in AttendanceMark.objects.filter(session=session)}
    allowed = enrolment_assessable_office_ids(by, session.cohort)
    statuses = _status_lookup()
    labels = dict(AttendanceMark.Status.choices)
    seen: dict[str, int] = {}
    for record in records:
        email = record.get("email")
        status_text = record.get("status")
        note = record.get("note") if has_note else None
        row = ImportRow(line=record.line, email=email, status=status_text, note=note)
        result.rows.append(row)
        if record.errors:
            row.errors.extend(record.errors)
            continue
        enrolment = enrolments.get(email.casefold())
        if not email:
            row.errors.append(_("The email is missing."))
        elif email.casefold() in seen:
            row.errors.append(
                _("This email is already on line %(line)s.")
                % {"line": seen[email.casefold()]}
            )
        elif enrolment is None:
            row.errors.append(
                _("No trainee with this email is enrolled in the cohort.")
            )
        else:
            seen[email.casefold()] = record.line
            row.name = " · ".join(
                n
                for n in (enrolment.user.get_full_name(), enrolment.user.native_name)
                if n
            )
            if allowed is not None and enrolment.office_id not in allowed:
                row.errors.append(_not_markable_message())
            elif enrolment.status != Enrolment.Status.ADMITTED:
                row.errors.append(_("This trainee is not admitted to the cohort."))
            elif not enrolment_is_expected(enrolment, session):
                row.errors.append(
                    _("Not expected: admitted after this session was held.")
                )
        status = statuses.get(status_text.casefold())
        if status is None:
            row.errors.append(
                _("Unknown status “%(status)s”; use present, late, excused or absent.")
                % {"status": status_text}
            )
        else:
            row.status = status
        if note is not None and len(note) > 500:
            row.errors.append(_("The note is longer than 500 characters."))
        if row.errors:
            continue
        mark = marks.get(enrolment.pk)
        new_note = mark.note if (note is None and mark) else (note or "")
        if mark is None:
            row.kind = "new"
            row.outcome = _("new: %(status)s") % {"status": labels[status]}
        elif (mark.status, mark.note) == (status, new_note):
            row.kind = "unchanged"
            row.outcome = _("unchanged")
        else:
            row.kind = "changed"
            row.outcome = _("changed: %(old)s → %(new)s") % {
                "old": labels[mark.status],
                "new": labels[status],
            }
        row.enrolment_id = enrolment.pk
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no rows to import."))
    if not result.ok or dry_run:
        return result
    changed = attendance_record_bulk(
        session=session,
        marks={r.enrolment_id: (r.status, r.note) for r in result.rows},
        by=by,
        source=AttendanceChange.Source.IMPORT,
    )
    result.written = True
    result.changed = len(changed)
    return result


# ---- calendar feed tokens ----


def calendar_token_get(*, user) -> CalendarToken:
    """The user's calendar feed token, created on first use. Idempotent."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def calendar_token_reset(*, user) -> CalendarToken:
    """Replace the user's calendar token: links with the old token stop working."""
    from cohorts.models.attendance import _new_calendar_token

    token, _created = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": _new_calendar_token()}
    )
    return token


# ---- low attendance warnings ----


def attendance_warning_send(*, now=None) -> int:
    """Email each admitted trainee of a running cohort whose attendance so far is
    below the cohort's minimum, together with their nominating office's
    coordinators. One email per enrolment, ever: the email key
    `attendance-warning-<enrolment id>` makes re-runs send nothing more.
    Returns the number of emails newly enqueued.
    """
    now = now or timezone.now()
    enqueued = 0
    for cohort in cohort_list_running():
        rates = attendance_rates_for_cohort(cohort, now=now)
        below = {
            pk: rate
            for pk, rate in rates.items()
            if rate is not None and rate < cohort.min_attendance_percent
        }
        if not below:
            continue
        keys = {pk: f"attendance-warning-{pk}" for pk in below}
        done = set(
            OutboundEmail.objects.filter(key__in=keys.values()).values_list(
                "key", flat=True
            )
        )
        todo = [pk for pk, key in keys.items() if key not in done]
        if not todo:
            continue
        enrolments = Enrolment.objects.filter(pk__in=todo).select_related("user")
        coordinators: dict[int, list[str]] = {}
        for office_id, email in OfficeMembership.objects.filter(
            office_id__in={e.office_id for e in enrolments},
            role=OfficeMembership.Role.COORDINATOR,
        ).values_list("office_id", "user__email"):
            coordinators.setdefault(office_id, []).append(email)
        for enrolment in enrolments:
            with translation.override(
                enrolment.user.language or settings.LANGUAGE_CODE
            ):
                subject = _("Attendance below the minimum in %(cohort)s") % {
                    "cohort": cohort.title
                }
                body = _(
                    "Dear %(name)s,\n\n"
                    "your attendance in %(cohort)s is %(rate)s%% of the sessions "
                    "held so far; %(minimum)s%% is needed to complete the course.\n"
                    "Please attend the remaining sessions, or talk to your "
                    "coordinator if something keeps you away.\n\n"
                    "Your nominating office's coordinators receive a copy of this "
                    "message.\n"
                ) % {
                    "name": enrolment.user.get_full_name() or enrolment.user.email,
                    "cohort": cohort.title,
                    "rate": below[enrolment.pk],
                    "minimum": cohort.min_attendance_percent,
                }
            email_enqueue(
                to=[enrolment.user.email, *coordinators.get(enrolment.office_id, [])],
                subject=subject,
                body=body,
                key=keys[enrolment.pk],
            )
            enqueued += 1
    return enqueued
