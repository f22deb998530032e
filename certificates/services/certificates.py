import calendar
import datetime
import hashlib
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
from certificates.models import Certificate, HolderIdentity
from cohorts.models import Cohort, Enrolment
from training.audit import (
    CERTIFICATE_CORRECT,
    CERTIFICATE_ISSUE,
    CERTIFICATE_REVOKE,
    audit_log,
)

from . import credentials
from .status_lists import status_list_bit_set, status_list_entry_assign


def _audit(action: str, certificate: Certificate, by, data: dict | None = None):
    title = f"{certificate.holder_name} · {certificate.course_title}"
    return audit_log(action, certificate, by, data, title=title)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _code_unused() -> str:
    from certificates.codes import code_generate

    while True:
        code = code_generate()
        if not Certificate.objects.filter(code=code).exists():
            return code


def holder_identity_get(*, user) -> HolderIdentity:
    """The holder's stable urn:uuid identity, created on first use. Idempotent."""
    identity, _ = HolderIdentity.objects.get_or_create(user=user)
    return identity


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
    enrolment: Enrolment, snapshot: dict, *, endorsed: bool, pdf_later: bool = False
) -> Certificate:
    now = timezone.now()
    months = enrolment.cohort.certificate_validity_months
    status_list, index = status_list_entry_assign()
    certificate = Certificate(
        enrolment=enrolment,
        holder=enrolment.user,
        cohort=enrolment.cohort,
        code=_code_unused(),
        holder_uuid=holder_identity_get(user=enrolment.user).uuid,
        issued_at=now,
        valid_until=_add_months(timezone.localdate(now), months) if months else None,
        status_list=status_list,
        status_index=index,
        **snapshot,
    )
    certificate.full_clean(exclude=["credential", "pdf"])
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


def _certificate_issue(
    enrolment: Enrolment,
    *,
    by=None,
    facts: _CohortFacts | None = None,
    inputs=None,
    pdf_later: bool = False,
) -> Certificate:
    """`certificate_issue`, with the cohort's facts and the enrolment's
    completion inputs loaded by the caller when it issues many at once, and
    with `pdf_later` the caller enqueues the PDF itself."""
    from cohorts.selectors.completion import completion_inputs_for_enrolments

    try:
        with transaction.atomic():
            enrolment = (
                Enrolment.objects.select_for_update(of=("self",))
                .select_related("cohort__course", "cohort__lead_office", "user")
                .get(pk=enrolment.pk)
            )
            existing = Certificate.objects.filter(
                enrolment=enrolment, superseded_at__isnull=True
            ).first()
            if existing:
                return existing
            if enrolment.completion != Enrolment.Completion.COMPLETED:
                raise EnrolmentNotCompletedError()
            if facts is None:
                facts = _cohort_facts(enrolment.cohort)
            if inputs is None:
                inputs = completion_inputs_for_enrolments([enrolment])[enrolment.pk]
            snapshot = _snapshot(enrolment, facts, inputs)
            if not snapshot["holder_name"]:
                raise HolderNameMissingError()
            certificate = _certificate_create(
                enrolment, snapshot, endorsed=facts.endorsed, pdf_later=pdf_later
            )
            _audit(CERTIFICATE_ISSUE, certificate, by)
            return certificate
    except IntegrityError:
        # A concurrent run won the race (databases without row locks).
        return Certificate.objects.get(enrolment=enrolment, superseded_at__isnull=True)


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


def certificate_pdf_render(*, certificate_id: int) -> Certificate:
    """Render and store the certificate's PDF, recording its SHA-256.

    Idempotent: a certificate that has its PDF is left alone (the recorded hash
    is what verifiers compare uploads against, so it never changes).
    """
    certificate = Certificate.objects.get(pk=certificate_id)
    if certificate.pdf and certificate.pdf_sha256:
        return certificate
    return _pdf_store(certificate_id, refresh=False, loaded=certificate)


def _pdf_source_sha256(data: dict) -> str:
    import json

    raw = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


def _pdf_store(
    certificate_id: int, *, refresh: bool, loaded: Certificate | None = None
) -> Certificate:
    from certificates import pdf
    from certificates.selectors import certificate_pdf_data

    data = certificate_pdf_data(loaded or Certificate.objects.get(pk=certificate_id))
    source = _pdf_source_sha256(data)
    content = pdf.certificate_pdf_render(data)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
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
        certificate.save(
            update_fields=[
                "pdf",
                "pdf_sha256",
                "pdf_source_sha256",
                "pdf_sha256_earlier",
            ]
        )
    return certificate


def certificate_pdf_refresh(*, certificate_id: int) -> Certificate:
    """Re-render the PDF when what it shows changed (e.g. its co-signing offices).

    The previous PDF's SHA-256 is kept in ``pdf_sha256_earlier`` so the
    verification page still recognises it as issued by the platform. Idempotent:
    nothing happens when the PDF already shows the current data.
    """
    from certificates.selectors import certificate_pdf_data

    certificate = Certificate.objects.get(pk=certificate_id)
    if certificate.pdf and certificate.pdf_source_sha256 == _pdf_source_sha256(
        certificate_pdf_data(certificate)
    ):
        return certificate
    return _pdf_store(certificate_id, refresh=True, loaded=certificate)
