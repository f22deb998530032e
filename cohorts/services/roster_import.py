"""Adding nominated trainees to a cohort from a CSV roster, with a dry run."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.csv_import import CsvRow, ImportResult, csv_import_read
from cohorts.exceptions import ImportFileError
from cohorts.models import Cohort, CohortOffice, Enrolment
from cohorts.selectors.scoping import office_ids_for_user
from cohorts.services import notifications
from cohorts.services.cohorts import cohort_ensure_open
from training.audit import ENROLMENT_DECISION, audit_log

COLUMNS = ("email", "office", "employer", "position")
MAX_ROWS = 1000


@dataclass
class RosterRowOutcome:
    line: int
    email: str
    office_code: str
    employer: str
    position: str
    outcome: str = "add"  # add | skip | error
    message: str = ""
    new_account: bool = False
    # Built and validated by the check, saved as is by the real run.
    user: object = None
    enrolment: Enrolment | None = None

    @property
    def errors(self) -> list[str]:
        return [self.message] if self.outcome == "error" else []


@dataclass
class RosterImportResult(ImportResult):
    @property
    def to_add(self) -> int:
        return sum(r.outcome == "add" for r in self.rows)

    def plan(self) -> list[tuple]:
        return [
            (r.line, r.email, r.office_code, r.employer, r.position, r.outcome)
            for r in self.rows
        ]


def _read(data) -> list[CsvRow]:
    return csv_import_read(data, columns=COLUMNS, required=COLUMNS, max_rows=MAX_ROWS)


def _model_errors(exc: ValidationError, model) -> str:
    """One line naming each field, e.g. "employer: Ensure this value has …"."""
    parts = []
    for name, messages in exc.message_dict.items():
        label = (
            "" if name == NON_FIELD_ERRORS else model._meta.get_field(name).verbose_name
        )
        parts.extend(f"{label}: {m}" if label else m for m in messages)
    return " ".join(parts)


def _check(cohort: Cohort, by, raw_rows: list[CsvRow]) -> RosterImportResult:
    User = get_user_model()
    participations = {
        p.office.short_code: p
        for p in CohortOffice.objects.filter(cohort=cohort).select_related("office")
    }
    mine = None if by.is_superuser else office_ids_for_user(by)
    held = {
        code: Enrolment.objects.filter(
            cohort=cohort,
            office=p.office,
            status__in=Enrolment.SEAT_HOLDING_STATUSES,
        ).count()
        for code, p in participations.items()
    }
    seen: set[str] = set()
    result = RosterImportResult()
    for raw in raw_rows:
        row = RosterRowOutcome(
            line=raw.line,
            email=raw.get("email").lower(),
            office_code=raw.get("office").lower(),
            employer=raw.get("employer"),
            position=raw.get("position"),
        )
        result.rows.append(row)
        if raw.errors:
            row.outcome, row.message = "error", " ".join(raw.errors)
            continue
        participation = participations.get(row.office_code)
        try:
            validate_email(row.email)
        except ValidationError:
            row.outcome, row.message = "error", _("Not a valid email address.")
            continue
        if row.email in seen:
            row.outcome, row.message = (
                "error",
                _("This email appears twice in the file."),
            )
            continue
        seen.add(row.email)
        if participation is None:
            row.outcome, row.message = (
                "error",
                _("No participating office with code “%(code)s”.")
                % {"code": row.office_code},
            )
            continue
        if mine is not None and participation.office_id not in mine:
            row.outcome, row.message = (
                "error",
                _("You do not coordinate %(office)s.")
                % {"office": participation.office.name},
            )
            continue
        if not row.employer or not row.position:
            row.outcome, row.message = "error", _("Employer and position are required.")
            continue
        user = User.objects.filter(email=row.email).first()
        if user and Enrolment.objects.filter(cohort=cohort, user=user).exists():
            row.outcome, row.message = (
                "skip",
                _("Already has an application; unchanged."),
            )
            continue
        if held[row.office_code] >= participation.seat_quota:
            row.outcome, row.message = (
                "error",
                _("%(office)s has no seat left (quota %(quota)s).")
                % {
                    "office": participation.office.name,
                    "quota": participation.seat_quota,
                },
            )
            continue
        # The model's own validation (lengths, choices), in the dry run too.
        new_user = User(email=row.email) if user is None else None
        enrolment = Enrolment(
            cohort=cohort,
            user=user,
            office=participation.office,
            employer=row.employer,
            position=row.position,
            motivation=_("Added from a roster file by %(office)s.")
            % {"office": participation.office.name},
            status=Enrolment.Status.NOMINATED,
        )
        try:
            if new_user is not None:
                new_user.full_clean(exclude=["password"], validate_unique=False)
        except ValidationError as exc:
            row.outcome, row.message = "error", _model_errors(exc, User)
            continue
        try:
            enrolment.full_clean(
                exclude=["user"] if user is None else None, validate_unique=False
            )
        except ValidationError as exc:
            row.outcome, row.message = "error", _model_errors(exc, Enrolment)
            continue
        row.user, row.enrolment = user, enrolment
        held[row.office_code] += 1
        row.new_account = user is None
        row.message = (
            _("New account; will be nominated.")
            if user is None
            else _("Will be nominated.")
        )
    return result


def roster_import(
    *, cohort: Cohort, by, data: bytes, dry_run: bool
) -> RosterImportResult:
    """Nominate the trainees listed in a CSV file (email, office, employer, position).

    Validates every row first. With `dry_run`, or when any row has an error,
    nothing is written and the result shows each row's outcome. Otherwise all
    rows are written in one transaction, holding the offices' quota rows
    locked; new emails get an account without a password (they set one with
    "forgot password"), and each trainee is emailed the nomination. Rows for
    people who already applied are skipped. The dry run runs the same checks,
    model validation included, as the real run. A file that cannot be read
    (too large, not UTF-8, columns missing) or has no rows gives `errors`.
    """
    cohort_ensure_open(cohort)
    try:
        raw_rows = _read(data)
    except ImportFileError as exc:
        return RosterImportResult(errors=[exc.message])
    if not raw_rows:
        return RosterImportResult(errors=[_("The file has no rows to import.")])
    if dry_run:
        return _check(cohort, by, raw_rows)
    User = get_user_model()
    with transaction.atomic():
        list(
            CohortOffice.objects.select_for_update()
            .filter(cohort=cohort)
            .order_by("pk")
        )
        result = _check(cohort, by, raw_rows)
        if not result.ok:
            return result
        for row in result.rows:
            if row.outcome != "add":
                continue
            enrolment = row.enrolment
            enrolment.user = row.user or User.objects.create_user(email=row.email)
            enrolment.save()
            audit_log(
                ENROLMENT_DECISION,
                enrolment,
                by,
                {"to": enrolment.status, "source": "import"},
            )
            notifications.notify_decision(enrolment)
        result.written = True
    return result
