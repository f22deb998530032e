"""Attendance of one session from a CSV file, checked row by row, all or nothing."""

from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cohorts.csv_import import ImportResult, csv_import_read
from cohorts.exceptions import ImportFileError
from cohorts.models import AttendanceChange, AttendanceMark, Enrolment, Session
from cohorts.selectors.attendance import enrolment_is_expected
from cohorts.selectors.enrolments import enrolment_assessable_office_ids
from cohorts.services.attendance.marks import (
    _not_markable_message,
    attendance_record_bulk,
    session_markable_from,
)
from cohorts.services.cohorts import cohort_ensure_open


@dataclass
class AttendanceImportRow:
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
class AttendanceImportResult(ImportResult):
    changed: int = 0

    def plan(self) -> list[tuple]:
        return [(r.line, r.enrolment_id, r.status, r.note, r.kind) for r in self.rows]


def _status_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in AttendanceMark.Status.choices:
        lookup[value] = value
        lookup[str(label).casefold()] = value
        with translation.override("en"):
            lookup[str(label).casefold()] = value
    return lookup


def attendance_import_csv(
    *, session: Session, file, by, dry_run: bool
) -> AttendanceImportResult:
    """Validate a CSV of attendance (email, status, note) and, unless a dry run,
    record it. All or nothing: if any row fails, nothing is written.

    The file is UTF-8 (a byte-order mark is accepted). `note` is optional; when
    the column is missing, notes are left as they are. Every row gets an
    outcome ("new", "changed", "unchanged") or its errors, among them a
    trainee `by` may not mark (see attendance_record_bulk). Re-importing the
    same file is a no-op: unchanged marks write no history.
    """
    cohort_ensure_open(session.cohort_id)
    result = AttendanceImportResult()
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
        row = AttendanceImportRow(
            line=record.line, email=email, status=status_text, note=note
        )
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
