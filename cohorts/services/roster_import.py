"""Adding nominated trainees to a cohort from a CSV roster, with a dry run."""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.exceptions import RosterImportError
from cohorts.models import Cohort, CohortOffice, Enrolment
from cohorts.selectors.scoping import office_ids_for_user
from cohorts.services import notifications

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


@dataclass
class RosterImportResult:
    rows: list[RosterRowOutcome] = field(default_factory=list)
    written: bool = False

    @property
    def has_errors(self) -> bool:
        return any(r.outcome == "error" for r in self.rows)

    @property
    def to_add(self) -> int:
        return sum(r.outcome == "add" for r in self.rows)


def _read(data: bytes) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterImportError(_("The file is not UTF-8 encoded text.")) from None
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        raise RosterImportError(
            _("The header row lacks these columns: %(cols)s.")
            % {"cols": ", ".join(missing)}
        )
    reader.fieldnames = headers
    rows = list(reader)
    if len(rows) > MAX_ROWS:
        raise RosterImportError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
    return rows


def _check(cohort: Cohort, by, raw_rows: list[dict]) -> RosterImportResult:
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
            status__in=(Enrolment.Status.NOMINATED, Enrolment.Status.ADMITTED),
        ).count()
        for code, p in participations.items()
    }
    seen: set[str] = set()
    result = RosterImportResult()
    for line, raw in enumerate(raw_rows, start=2):
        row = RosterRowOutcome(
            line=line,
            email=(raw.get("email") or "").strip().lower(),
            office_code=(raw.get("office") or "").strip().lower(),
            employer=(raw.get("employer") or "").strip(),
            position=(raw.get("position") or "").strip(),
        )
        result.rows.append(row)
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
    people who already applied are skipped. Raises RosterImportError if the
    file cannot be read.
    """
    raw_rows = _read(data)
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
        if result.has_errors:
            return result
        offices = {p.office.short_code: p.office for p in cohort.participations.all()}
        for row in result.rows:
            if row.outcome != "add":
                continue
            user = User.objects.filter(email=row.email).first()
            if user is None:
                user = User.objects.create_user(email=row.email)
            enrolment = Enrolment(
                cohort=cohort,
                user=user,
                office=offices[row.office_code],
                employer=row.employer,
                position=row.position,
                motivation=_("Added from a roster file by %(office)s.")
                % {"office": offices[row.office_code].name},
                status=Enrolment.Status.NOMINATED,
            )
            enrolment.full_clean(validate_unique=False)
            enrolment.save()
            notifications.notify_decision(enrolment)
        result.written = True
    return result
