import calendar
import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from certificates.exceptions import (
    CertificateNotCurrentError,
    EnrolmentNotCompletedError,
    HolderNameMissingError,
    NotLeadOfficeError,
)
from certificates.models import Certificate, CertificateBatch, HolderIdentity
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


def _learning_record(enrolment: Enrolment) -> dict:
    """What the trainee did, frozen for the credential's evidence and alignment:
    attendance (the platform's one attendance rule), the published assessments
    and the IP areas the course teaches, in English as the credential is."""
    from cohorts.selectors.completion import completion_inputs_for_enrolments

    inputs = completion_inputs_for_enrolments([enrolment])[enrolment.pk]
    course = enrolment.cohort.course
    catalogue = course.get_parent().specific
    catalogue_url = catalogue.get_full_url() or settings.SITE_URL + "/"
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "sessions_expected": inputs.attendance.expected,
            "sessions_attended": inputs.attendance.attended,
            "assessments": [
                {"title": o.assessment.title, "kind": o.assessment.kind}
                for o in inputs.outcomes
            ],
            "ip_areas": [
                {
                    "code": area.code,
                    "name": str(area),
                    "url": f"{catalogue_url}?ip_area={area.code}",
                }
                for area in course.ip_areas.all()
            ],
        }


def _snapshot(enrolment: Enrolment) -> dict:
    cohort = enrolment.cohort
    user = enrolment.user
    co_offices = [
        {"name": p.office.name, "code": p.office.short_code}
        for p in cohort.participations.select_related("office")
        .exclude(office_id=cohort.lead_office_id)
        .order_by("office__name")
    ]
    # The holder's preferred language when they chose one, else the lead office's.
    second_language = _second_language(user.language or cohort.lead_office.language)
    return {
        "second_language": second_language,
        "course_title_second": _course_title_in(cohort.course, second_language),
        "holder_name": user.get_full_name().strip(),
        "holder_native_name": user.native_name,
        "course_title": cohort.course.title,
        "cohort_title": cohort.title,
        "start_date": cohort.start_date,
        "end_date": cohort.end_date,
        "hours": cohort.contact_hours or cohort.course.estimated_hours,
        "attendance_rate": enrolment.attendance_rate,
        "final_score": enrolment.final_score,
        "learning_record": _learning_record(enrolment),
        "lead_office_name": cohort.lead_office.name,
        "lead_office_code": cohort.lead_office.short_code,
        "co_offices": co_offices,
    }


def _certificate_create(enrolment: Enrolment, snapshot: dict) -> Certificate:
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
    transaction.on_commit(lambda: _pdf_enqueue(pk), robust=True)
    if certificate.cohort.endorsements.exists():
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
            snapshot = _snapshot(enrolment)
            if not snapshot["holder_name"]:
                raise HolderNameMissingError()
            certificate = _certificate_create(enrolment, snapshot)
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
    new = _certificate_create(enrolment, snapshot)
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
    return _pdf_store(certificate_id, refresh=False)


def _pdf_source_sha256(data: dict) -> str:
    import json

    raw = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


def _pdf_store(certificate_id: int, *, refresh: bool) -> Certificate:
    from certificates import pdf
    from certificates.selectors import certificate_pdf_data

    data = certificate_pdf_data(Certificate.objects.get(pk=certificate_id))
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
    return _pdf_store(certificate_id, refresh=True)


def cohort_certificates_issue(*, cohort: Cohort, by) -> CertificateBatch:
    """Start issuing certificates for all completed enrolments of a cohort.

    Only for coordinators of the lead office. Creates a batch whose progress the
    task updates; issuing is idempotent, so running it again only fills gaps.
    """
    from cohorts.selectors.scoping import user_leads_cohort

    if by is not None and not user_leads_cohort(by, cohort):
        raise NotLeadOfficeError()
    total = cohort.enrolments.filter(completion=Enrolment.Completion.COMPLETED).count()
    batch = CertificateBatch.objects.create(cohort=cohort, requested_by=by, total=total)
    pk = batch.pk

    def enqueue():
        from certificates.tasks import certificate_batch_run_task

        certificate_batch_run_task.delay(pk)

    transaction.on_commit(enqueue)
    return batch


def certificate_batch_run(*, batch_id: int, progress=None) -> CertificateBatch:
    """Issue every certificate of a batch, counting progress as it goes.

    Idempotent: already issued certificates are returned as they are. `progress`
    (optional) is called with (done, total) after each certificate.
    """
    batch = CertificateBatch.objects.get(pk=batch_id)
    if batch.status == CertificateBatch.Status.DONE:
        return batch
    enrolments = list(
        batch.cohort.enrolments.filter(
            completion=Enrolment.Completion.COMPLETED
        ).order_by("pk")
    )
    CertificateBatch.objects.filter(pk=batch_id).update(
        status=CertificateBatch.Status.RUNNING, total=len(enrolments), done=0
    )
    errors = []
    for number, enrolment in enumerate(enrolments, start=1):
        try:
            certificate_issue(enrolment=enrolment, by=batch.requested_by)
        except HolderNameMissingError as exc:
            errors.append(f"{enrolment.pk}: {exc.message}")
        CertificateBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
        if progress:
            progress(number, len(enrolments))
    CertificateBatch.objects.filter(pk=batch_id).update(
        status=CertificateBatch.Status.DONE,
        finished_at=timezone.now(),
        error="\n".join(errors),
    )
    batch.refresh_from_db()
    return batch
