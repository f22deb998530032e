import calendar
import datetime
import hashlib
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from certificates.exceptions import (
    CertificateNotCurrentError,
    EnrolmentNotCompletedError,
    HolderNameMissingError,
)
from certificates.models import Certificate, HolderIdentity, StatusList
from cohorts.models import Cohort, Enrolment
from training.audit import (
    CERTIFICATE_CORRECT,
    CERTIFICATE_ISSUE,
    CERTIFICATE_REVOKE,
    audit_log,
)

from . import credentials
from .status_lists import status_list_bit_set, status_list_entry_assign

# Tries of one certificate whose insert collides with a concurrent issuer's.
ISSUE_ATTEMPTS = 3


def _audit(action: str, certificate: Certificate, by, data: dict | None = None):
    title = f"{certificate.holder_name} · {certificate.course_title}"
    return audit_log(action, certificate, by, data, title=title)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def holder_identity_get(*, user) -> HolderIdentity:
    """The holder's stable urn:uuid identity, created on first use. Idempotent."""
    identity, _ = HolderIdentity.objects.get_or_create(user=user)
    return identity


def holder_identities_get(*, users) -> dict[int, uuid.UUID]:
    """{user id: identity uuid} of many holders, creating the missing ones (a
    batch chunk asks once, not once per certificate). Idempotent."""
    user_ids = {user.pk for user in users}
    found = dict(
        HolderIdentity.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "uuid"
        )
    )
    if missing := user_ids - found.keys():
        HolderIdentity.objects.bulk_create(
            [HolderIdentity(user_id=pk) for pk in missing], ignore_conflicts=True
        )
        found |= dict(
            HolderIdentity.objects.filter(user_id__in=missing).values_list(
                "user_id", "uuid"
            )
        )
    return found


def _second_language(code: str) -> str:
    """`code` if the platform has that language and it is not English, else ""."""
    languages = {language for language, _name in settings.LANGUAGES}
    if code in languages and code != settings.LANGUAGE_CODE:
        return code
    return ""


def _course_title_in(course, language_code: str) -> str:
    from courses.selectors import page_title_in_language

    if not language_code:
        return ""
    return page_title_in_language(page=course, language_code=language_code)


@dataclass
class _CohortFacts:
    """What every certificate of one cohort reads alike, loaded once per cohort
    (a batch chunk issues dozens of certificates of the same cohort)."""

    co_offices: list[dict]
    catalogue_url: str
    ip_areas: list[dict]
    endorsed: bool
    course_titles: dict[str, str] = field(default_factory=dict)

    def course_title_in(self, course, language_code: str) -> str:
        if language_code not in self.course_titles:
            self.course_titles[language_code] = _course_title_in(course, language_code)
        return self.course_titles[language_code]


def _cohort_facts(cohort: Cohort) -> _CohortFacts:
    course = cohort.course
    catalogue = course.get_parent().specific
    catalogue_url = catalogue.get_full_url() or settings.SITE_URL + "/"
    with translation.override(settings.LANGUAGE_CODE):
        ip_areas = [
            {
                "code": area.code,
                "name": str(area),
                "url": f"{catalogue_url}?ip_area={area.code}",
            }
            for area in course.ip_areas.all()
        ]
    return _CohortFacts(
        co_offices=[
            {"name": p.office.name, "code": p.office.short_code}
            for p in cohort.participations.select_related("office")
            .exclude(office_id=cohort.lead_office_id)
            .order_by("office__name")
        ],
        catalogue_url=catalogue_url,
        ip_areas=ip_areas,
        endorsed=cohort.endorsements.exists(),
    )


def _learning_record(inputs, facts: _CohortFacts) -> dict:
    """What the trainee did, frozen for the credential's evidence and alignment:
    attendance (the platform's one attendance rule), the published assessments
    and the IP areas the course teaches, in English as the credential is."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "sessions_expected": inputs.attendance.expected,
            "sessions_attended": inputs.attendance.attended,
            "assessments": [
                {"title": o.assessment.title, "kind": o.assessment.kind}
                for o in inputs.outcomes
            ],
            "ip_areas": [dict(area) for area in facts.ip_areas],
        }


def _snapshot(enrolment: Enrolment, facts: _CohortFacts, inputs) -> dict:
    cohort = enrolment.cohort
    user = enrolment.user
    # The holder's preferred language when they chose one, else the lead office's.
    second_language = _second_language(user.language or cohort.lead_office.language)
    return {
        "second_language": second_language,
        "course_title_second": facts.course_title_in(cohort.course, second_language),
        "holder_name": user.get_full_name().strip(),
        "holder_native_name": user.native_name,
        "course_title": cohort.course.title,
        "cohort_title": cohort.title,
        "start_date": cohort.start_date,
        "end_date": cohort.end_date,
        "hours": cohort.contact_hours or cohort.course.estimated_hours,
        "attendance_rate": enrolment.attendance_rate,
        "final_score": enrolment.final_score,
        "learning_record": _learning_record(inputs, facts),
        "lead_office_name": cohort.lead_office.name,
        "lead_office_code": cohort.lead_office.short_code,
        "co_offices": [dict(office) for office in facts.co_offices],
    }


def _certificate_create(
    enrolment: Enrolment,
    snapshot: dict,
    *,
    endorsed: bool,
    pdf_later: bool = False,
    holder_uuid: uuid.UUID | None = None,
    status_list: StatusList | None = None,
    status_index: int | None = None,
) -> Certificate:
    from certificates.codes import code_generate

    now = timezone.now()
    months = enrolment.cohort.certificate_validity_months
    if status_list is None or status_index is None:
        status_list, status_index = status_list_entry_assign(status_list=status_list)
    certificate = Certificate(
        enrolment=enrolment,
        holder=enrolment.user,
        cohort=enrolment.cohort,
        # Unguessable and never seen before in practice; the unique index
        # settles the rest (`_certificate_issue` tries again).
        code=code_generate(),
        holder_uuid=holder_uuid or holder_identity_get(user=enrolment.user).uuid,
        issued_at=now,
        valid_until=_add_months(timezone.localdate(now), months) if months else None,
        status_list=status_list,
        status_index=status_index,
        **snapshot,
    )
    # The fields' own checks only: the rows behind the keys were just loaded
    # (the enrolment under its lock), and the database enforces the unique
    # code and both constraints (see `_certificate_issue`).
    certificate.full_clean(
        exclude=["credential", "pdf", "enrolment", "holder", "cohort", "status_list"],
        validate_unique=False,
        validate_constraints=False,
    )
    certificate.credential = credentials.certificate_credential_sign(
        credentials.credential_build(certificate, email=enrolment.user.email)
    )
    certificate.save()
    pk = certificate.pk
    if not pdf_later:
        transaction.on_commit(lambda: _pdf_enqueue(pk), robust=True)
    if endorsed:
        transaction.on_commit(lambda: _endorsements_enqueue(pk), robust=True)
    return certificate


def _endorsements_enqueue(certificate_id: int) -> None:
    from certificates.tasks import certificate_endorsements_sign_task

    certificate_endorsements_sign_task.delay(certificate_id)


def _pdf_enqueue(certificate_id: int) -> None:
    from certificates.tasks import certificate_pdf_render_task

    certificate_pdf_render_task.delay(certificate_id)


def certificate_issue(*, enrolment: Enrolment, by=None) -> Certificate:
    """Issue the certificate of a completed enrolment: snapshot, signed credential, PDF.

    Idempotent: returns the enrolment's current certificate when one exists
    (the enrolment row is locked, and a unique constraint backs it up). The PDF
    is rendered by a task after commit. A new certificate gets one audit
    entry by `by` (None for the platform). Raises EnrolmentNotCompletedError or
    HolderNameMissingError.
    """
    return _certificate_issue(enrolment, by=by)


@dataclass
class _Loaded:
    """What a batch chunk loads once for all its enrolments, for one of them."""

    cohort: Cohort  # with its course and lead office
    facts: _CohortFacts
    inputs: object  # the enrolment's completion inputs
    holder_uuid: uuid.UUID
    status_list: StatusList
    status_index: int | None


def _certificate_current(enrolment: Enrolment) -> Certificate | None:
    current = Certificate.objects.filter(
        enrolment=enrolment, superseded_at__isnull=True
    )
    # exists() first: most enrolments of a batch have none yet, and a whole
    # certificate row is costly to select.
    return current.get() if current.exists() else None


def _certificate_issue(
    enrolment: Enrolment,
    *,
    by=None,
    loaded: _Loaded | None = None,
    pdf_later: bool = False,
) -> Certificate:
    """`certificate_issue`, with what a batch chunk `loaded` for the enrolment
    (and its user); with `pdf_later` the caller enqueues the PDF itself."""
    from cohorts.selectors.completion import completion_inputs_for_enrolments

    attempts_left = ISSUE_ATTEMPTS
    while True:
        try:
            with transaction.atomic():
                locked = Enrolment.objects.select_for_update(of=("self",))
                if loaded:
                    user = enrolment.user
                    enrolment = locked.get(pk=enrolment.pk)
                    enrolment.cohort, enrolment.user = loaded.cohort, user
                else:
                    enrolment = locked.select_related(
                        "cohort__course", "cohort__lead_office", "user"
                    ).get(pk=enrolment.pk)
                if existing := _certificate_current(enrolment):
                    return existing
                if enrolment.completion != Enrolment.Completion.COMPLETED:
                    raise EnrolmentNotCompletedError()
                if loaded:
                    facts, inputs = loaded.facts, loaded.inputs
                else:
                    facts = _cohort_facts(enrolment.cohort)
                    inputs = completion_inputs_for_enrolments([enrolment])
                    inputs = inputs[enrolment.pk]
                snapshot = _snapshot(enrolment, facts, inputs)
                if not snapshot["holder_name"]:
                    raise HolderNameMissingError()
                certificate = _certificate_create(
                    enrolment,
                    snapshot,
                    endorsed=facts.endorsed,
                    pdf_later=pdf_later,
                    holder_uuid=loaded and loaded.holder_uuid,
                    status_list=loaded and loaded.status_list,
                    status_index=loaded and loaded.status_index,
                )
                _audit(CERTIFICATE_ISSUE, certificate, by)
                return certificate
        except IntegrityError:
            # A concurrent run issued it first (databases without row locks),
            # or another issuer drew the same code or status-list index.
            if existing := _certificate_current(enrolment):
                return existing
            attempts_left -= 1
            if not attempts_left:
                raise
            if loaded:
                loaded.status_index = None  # draw again, checked


@transaction.atomic
def certificate_correct(
    *, certificate: Certificate, holder_name: str, by=None
) -> Certificate:
    """Issue a corrected certificate (new code) and mark the old one superseded by it.

    The old credential's status bit is set and the status list republished, so
    verifiers of the old credential see it is no longer current. Writes one
    audit entry on the new certificate. Raises CertificateNotCurrentError for
    a revoked or superseded certificate.
    """
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.revoked_at or old.superseded_at:
        raise CertificateNotCurrentError()
    old.superseded_at = timezone.now()
    old.save(update_fields=["superseded_at"])
    enrolment = Enrolment.objects.select_related("user").get(pk=old.enrolment_id)
    snapshot = {
        field: getattr(old, field)
        for field in (
            "holder_native_name",
            "second_language",
            "course_title_second",
            "course_title",
            "cohort_title",
            "start_date",
            "end_date",
            "hours",
            "attendance_rate",
            "final_score",
            "learning_record",
            "lead_office_name",
            "lead_office_code",
            "co_offices",
        )
    }
    snapshot["holder_name"] = holder_name.strip() or old.holder_name
    new = _certificate_create(
        enrolment, snapshot, endorsed=old.cohort.endorsements.exists()
    )
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    status_list_bit_set(certificate=old)
    _audit(
        CERTIFICATE_CORRECT,
        new,
        by,
        {"from": old.holder_name, "to": new.holder_name, "replaces": old.pk},
    )
    return new


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, by=None
) -> Certificate:
    """Revoke a certificate with a reason: set its status bit and republish the list now.

    Idempotent for an already revoked certificate (keeps the first date and
    reason, writes nothing). Writes one audit entry.
    """
    if not reason.strip():
        raise ValidationError({"revocation_reason": _("Give a reason.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason.strip()
    certificate.revoked_by = by
    certificate.full_clean(exclude=["credential", "pdf"])
    certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    status_list_bit_set(certificate=certificate)
    _audit(CERTIFICATE_REVOKE, certificate, by, {"reason": reason.strip()})
    return certificate


# What storing a PDF writes, and what rendering one never reads (the largest
# columns, not worth decoding once per PDF).
PDF_FIELDS = ["pdf", "pdf_sha256", "pdf_source_sha256", "pdf_sha256_earlier"]
PDF_UNUSED_FIELDS = ["credential", "learning_record"]


def certificate_pdf_render(*, certificate_id: int) -> Certificate:
    """Render and store the certificate's PDF, recording its SHA-256.

    Idempotent: a certificate that has its PDF is left alone (the recorded hash
    is what verifiers compare uploads against, so it never changes).
    """
    certificate = Certificate.objects.defer(*PDF_UNUSED_FIELDS).get(pk=certificate_id)
    if certificate.pdf and certificate.pdf_sha256:
        return certificate
    return _pdf_store(certificate_id, refresh=False, loaded=certificate)


def certificate_pdfs_render(*, certificate_ids: list[int]) -> int:
    """Render and store the PDFs these certificates lack, one after the other;
    return how many were stored (a batch hands a task several, see
    CERTIFICATE_PDF_TASK_SIZE). Idempotent, like `certificate_pdf_render`."""
    missing = Certificate.objects.defer(*PDF_UNUSED_FIELDS).filter(
        pk__in=certificate_ids, pdf_sha256=""
    )
    stored = 0
    for certificate in missing.order_by("pk"):
        _pdf_store(certificate.pk, refresh=False, loaded=certificate)
        stored += 1
    return stored


def _pdf_source_sha256(data: dict) -> str:
    import json

    raw = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


def _pdf_store(
    certificate_id: int, *, refresh: bool, loaded: Certificate | None = None
) -> Certificate:
    from certificates import pdf
    from certificates.selectors import certificate_pdf_data

    loaded = loaded or Certificate.objects.defer(*PDF_UNUSED_FIELDS).get(
        pk=certificate_id
    )
    data = certificate_pdf_data(loaded)
    source = _pdf_source_sha256(data)
    content = pdf.certificate_pdf_render(data)
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .only("code", *PDF_FIELDS)
            .get(pk=certificate_id)
        )
        if certificate.pdf and certificate.pdf_sha256:
            if not refresh or certificate.pdf_source_sha256 == source:
                return certificate
            # Earlier PDFs stay recognisable on the verification page.
            certificate.pdf_sha256_earlier = [
                *certificate.pdf_sha256_earlier,
                certificate.pdf_sha256,
            ]
            certificate.pdf.delete(save=False)
        certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
        certificate.pdf_source_sha256 = source
        certificate.pdf.save(
            f"{certificate.code}.pdf", ContentFile(content), save=False
        )
        certificate.save(update_fields=PDF_FIELDS)
    return certificate


def certificate_pdf_refresh(*, certificate_id: int) -> Certificate:
    """Re-render the PDF when what it shows changed (e.g. its co-signing offices).

    The previous PDF's SHA-256 is kept in ``pdf_sha256_earlier`` so the
    verification page still recognises it as issued by the platform. Idempotent:
    nothing happens when the PDF already shows the current data.
    """
    from certificates.selectors import certificate_pdf_data

    certificate = Certificate.objects.defer(*PDF_UNUSED_FIELDS).get(pk=certificate_id)
    if certificate.pdf and certificate.pdf_source_sha256 == _pdf_source_sha256(
        certificate_pdf_data(certificate)
    ):
        return certificate
    return _pdf_store(certificate_id, refresh=True, loaded=certificate)
