"""Recording attendance marks: one transaction for many trainees of one session."""

from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.exceptions import AttendanceError
from cohorts.models import AttendanceChange, AttendanceMark, Enrolment, Session
from cohorts.selectors.attendance import enrolment_is_expected
from cohorts.selectors.enrolments import enrolment_assessable_office_ids
from cohorts.services.cohorts import cohort_ensure_open
from cohorts.signals import attendance_changed
from training.audit import ATTENDANCE_EDIT, audit_log_many


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
