"""Jointly issued certificates: each office taking part in a cohort endorses them.

An office's coordinator approves the cohort's results once (``cohort_endorsement_
approve``); a task then signs an Open Badges 3.0 EndorsementCredential per current
certificate with the office's key. Offices that keep their own key export the
unsigned batch, sign it offline and upload it (``cohort_endorsement_import``).
Each certificate's credential lists its active endorsements in ``endorsement`` and
is re-signed by the platform whenever that list changes (docs/decisions/0009).
"""

import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import (
    CohortNotCompletedError,
    EndorsementImportError,
    EndorsementNotSignedError,
    NotEndorsingOfficeError,
)
from certificates.models import (
    Certificate,
    CertificateEndorsement,
    CohortEndorsement,
    StatusList,
)
from cohorts.models import Cohort, Office, OfficeMembership

from . import credentials
from .status_lists import status_list_entry_set

SIGNABLE_COHORT_STATUSES = (Cohort.Status.COMPLETED, Cohort.Status.ARCHIVED)


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.astimezone(datetime.UTC).isoformat() if moment else None


def user_may_endorse_for(user, cohort: Cohort, office: Office) -> bool:
    """True when ``user`` coordinates ``office`` and the office takes part in ``cohort``."""
    if not user.is_authenticated:
        return False
    return (
        cohort.participations.filter(office=office).exists()
        and OfficeMembership.objects.filter(
            user=user, office=office, role=OfficeMembership.Role.COORDINATOR
        ).exists()
    )


def _endorsable_certificates(cohort_id: int) -> QuerySet[Certificate]:
    """Current certificates of a cohort: neither revoked nor superseded."""
    return Certificate.objects.filter(
        cohort_id=cohort_id, revoked_at__isnull=True, superseded_at__isnull=True
    ).order_by("pk")


def _comment(approval: CohortEndorsement) -> str:
    signatory = approval.signatory_name
    if approval.signatory_title:
        signatory += f", {approval.signatory_title}"
    return (
        f"{approval.office.name} co-organized this training and approves its "
        f"results. Signed for the office by {signatory}."
    )


def _row_prepare(
    approval: CohortEndorsement, certificate: Certificate
) -> CertificateEndorsement:
    """The office's endorsement row of a certificate (unsaved when new), with its
    entry on the office's own status list assigned once and kept."""
    from .status_lists import status_list_entry_assign

    row = CertificateEndorsement.objects.filter(
        certificate=certificate, office=approval.office
    ).first() or CertificateEndorsement(certificate=certificate, office=approval.office)
    if row.is_signed:
        return row
    if row.status_list_id is None:
        row.status_list, row.status_index = status_list_entry_assign(
            office=approval.office
        )
    row.cohort_endorsement = approval
    return row


def _unsigned_document(
    approval: CohortEndorsement, certificate: Certificate, row: CertificateEndorsement
) -> dict:
    from .status_lists import status_list_url

    return credentials.endorsement_document_build(
        credential=certificate.credential,
        office_code=approval.office.short_code,
        office_name=approval.office.name,
        comment=_comment(approval),
        valid_from=approval.approved_at,
        status_list_url=status_list_url(row.status_list),
        status_index=row.status_index,
    )


def _record(endorsement: CertificateEndorsement) -> dict:
    approval = endorsement.cohort_endorsement
    return {
        "code": endorsement.office.short_code,
        "name": endorsement.office.name,
        "signatory_name": approval.signatory_name,
        "signatory_title": approval.signatory_title,
        "signed_at": _iso(endorsement.signed_at),
        "withdrawn_at": _iso(endorsement.withdrawn_at),
        "withdrawal_reason": endorsement.withdrawal_reason,
    }


def _certificate_endorsements_publish(certificate: Certificate, *, pdf=True) -> None:
    """Rebuild the credential's ``endorsement`` list and the summary, re-sign, save.

    Call with the certificate row locked. The PDF is refreshed after commit.
    """
    rows = list(
        certificate.endorsements.filter(signed_at__isnull=False)
        .select_related("office", "cohort_endorsement")
        .order_by("office__name")
    )
    active = [row.document for row in rows if row.withdrawn_at is None]
    certificate.credential = credentials.certificate_credential_endorse(
        certificate.credential, active
    )
    certificate.endorsement_record = [_record(row) for row in rows]
    certificate.save(update_fields=["credential", "endorsement_record"])
    if pdf:
        pk = certificate.pk
        transaction.on_commit(lambda: _pdf_refresh_enqueue([pk]), robust=True)


def _pdf_refresh_enqueue(certificate_ids: list[int]) -> None:
    from certificates.tasks import certificate_pdf_refresh_task

    for pk in certificate_ids:
        certificate_pdf_refresh_task.delay(pk)


@transaction.atomic
def _endorsement_store(
    *, approval: CohortEndorsement, certificate_id: int, signed=None, pdf=True
) -> CertificateEndorsement | None:
    """Sign (or store the office's signature of) one certificate's endorsement.

    Locks the certificate; a certificate that already has this office's signed
    endorsement (withdrawn or not) is left alone. Returns None for a certificate
    that is no longer current.
    """
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.revoked_at or certificate.superseded_at:
        return None
    row = _row_prepare(approval, certificate)
    if row.is_signed:
        return row
    document = signed or credentials.endorsement_document_sign(
        _unsigned_document(approval, certificate, row), approval.office.short_code
    )
    row.document = document
    row.signed_at = timezone.now()
    row.full_clean()
    row.save()
    _certificate_endorsements_publish(certificate, pdf=pdf)
    return row


def cohort_endorsement_approve(
    *,
    cohort: Cohort,
    office: Office,
    by,
    signatory_name: str,
    signatory_title: str = "",
) -> CohortEndorsement:
    """An office approves a cohort's results: it will endorse every certificate.

    Records the approval (audit-logged) and, after commit, starts the bulk signing
    task; for an office that keeps its own key the approval waits for its signed
    batch instead. Idempotent: approving again returns the existing approval (and
    restarts signing if it failed). Raises NotEndorsingOfficeError or
    CohortNotCompletedError.
    """
    from training.audit import ENDORSEMENT_APPROVE, audit_log

    if not user_may_endorse_for(by, cohort, office):
        raise NotEndorsingOfficeError()
    if cohort.status not in SIGNABLE_COHORT_STATUSES:
        raise CohortNotCompletedError()
    holds_key = credentials.office_holds_own_key(office.short_code)
    with transaction.atomic():
        approval = (
            CohortEndorsement.objects.select_for_update()
            .filter(cohort=cohort, office=office)
            .first()
        )
        if approval is not None:
            if approval.status == CohortEndorsement.Status.FAILED:
                approval.status = CohortEndorsement.Status.SIGNING
                approval.error = ""
                approval.save(update_fields=["status", "error"])
                _sign_enqueue(approval.pk)
            return approval
        approval = CohortEndorsement(
            cohort=cohort,
            office=office,
            approved_by=by,
            signatory_name=signatory_name.strip(),
            signatory_title=signatory_title.strip(),
            status=(
                CohortEndorsement.Status.AWAITING
                if holds_key
                else CohortEndorsement.Status.SIGNING
            ),
            total=_endorsable_certificates(cohort.pk).count(),
        )
        approval.full_clean()
        approval.save()
        audit_log(
            ENDORSEMENT_APPROVE,
            cohort,
            by,
            {
                "office": office.short_code,
                "signatory": approval.signatory_name,
                "title": approval.signatory_title,
            },
        )
        if not holds_key:
            _sign_enqueue(approval.pk)
    return approval


def _sign_enqueue(approval_id: int) -> None:
    def enqueue():
        from certificates.tasks import cohort_endorsement_sign_task

        cohort_endorsement_sign_task.delay(approval_id)

    transaction.on_commit(enqueue)


def cohort_endorsement_sign(*, approval_id: int) -> CohortEndorsement:
    """Sign the office's endorsement of every current certificate of the cohort.

    The task body behind an approval. Counts progress on the approval as it goes;
    certificates already endorsed are skipped, so re-running (or retrying) only
    fills gaps. For an office that keeps its own key it only marks the approval as
    waiting for the office's signatures.
    """
    approval = CohortEndorsement.objects.select_related("office").get(pk=approval_id)
    if credentials.office_holds_own_key(approval.office.short_code):
        CohortEndorsement.objects.filter(pk=approval_id).update(
            status=CohortEndorsement.Status.AWAITING
        )
        approval.refresh_from_db()
        return approval
    ids = list(
        _endorsable_certificates(approval.cohort_id).values_list("pk", flat=True)
    )
    CohortEndorsement.objects.filter(pk=approval_id).update(
        status=CohortEndorsement.Status.SIGNING, total=len(ids), done=0, error=""
    )
    for pk in ids:
        _endorsement_store(approval=approval, certificate_id=pk, pdf=False)
        CohortEndorsement.objects.filter(pk=approval_id).update(done=F("done") + 1)
    CohortEndorsement.objects.filter(pk=approval_id).update(
        status=CohortEndorsement.Status.SIGNED, finished_at=timezone.now()
    )
    transaction.on_commit(lambda: _pdf_refresh_enqueue(ids), robust=True)
    approval.refresh_from_db()
    return approval


def certificate_endorsements_sign(*, certificate_id: int) -> int:
    """Endorse a newly issued certificate for every office that already approved
    its cohort with a key the platform holds. Idempotent; returns how many
    endorsements the certificate has now."""
    certificate = Certificate.objects.get(pk=certificate_id)
    approvals = CohortEndorsement.objects.filter(
        cohort_id=certificate.cohort_id,
        status__in=[CohortEndorsement.Status.SIGNING, CohortEndorsement.Status.SIGNED],
    ).select_related("office")
    for approval in approvals:
        if not credentials.office_holds_own_key(approval.office.short_code):
            _endorsement_store(approval=approval, certificate_id=certificate_id)
    return certificate.endorsements.filter(signed_at__isnull=False).count()


@transaction.atomic
def cohort_endorsement_export(*, approval: CohortEndorsement) -> list[dict]:
    """The unsigned endorsements an office that keeps its own key must sign.

    One per current certificate not yet signed by the office; each is stored, so
    the signed batch can be checked against exactly what was exported. The
    office's own status lists whose bits changed (a new list, a withdrawal) come
    last, as BitstringStatusListCredentials for the office to sign. Idempotent:
    the documents are deterministic and exporting twice gives the same batch.
    Meant for offices that keep their own key.
    """
    batch = []
    signed_ids = set(
        CertificateEndorsement.objects.filter(
            office=approval.office, signed_at__isnull=False
        ).values_list("certificate_id", flat=True)
    )
    for certificate in _endorsable_certificates(approval.cohort_id):
        if certificate.pk in signed_ids:
            continue
        row = _row_prepare(approval, certificate)
        row.document = _unsigned_document(approval, certificate, row)
        row.full_clean()
        row.save()
        batch.append(row.document)
    total = _endorsable_certificates(approval.cohort_id).count()
    CohortEndorsement.objects.filter(pk=approval.pk).update(
        total=total, done=total - len(batch)
    )
    return batch + _status_lists_to_sign(approval.office)


def _status_lists_to_sign(office: Office) -> list[dict]:
    """The office's status lists whose current bits it has not signed yet."""
    from .status_lists import status_list_document_unsigned

    return [
        status_list_document_unsigned(status_list)
        for status_list in office.status_lists.filter(awaiting_signature=True)
        .select_related("office")
        .order_by("pk")
    ]


def cohort_endorsement_import(
    *, approval: CohortEndorsement, signed: object, by
) -> int:
    """Store a batch of endorsements the office signed outside the platform.

    Every item must be exactly an exported endorsement plus a proof that verifies
    with the office's published key. All or nothing: any problem raises
    EndorsementImportError (``extra["errors"]`` lists each one) and nothing is
    stored. Audit-logged. Idempotent: endorsements already stored are skipped.
    Returns how many were stored.
    """
    from training.audit import ENDORSEMENT_IMPORT, audit_log

    if not credentials.office_holds_own_key(approval.office.short_code):
        raise EndorsementImportError(
            _("The platform signs for this office; there is nothing to import.")
        )
    if not isinstance(signed, list) or not signed:
        raise EndorsementImportError(
            _("The file must hold a JSON list of signed endorsements."),
            {"errors": []},
        )
    rows = {
        row.document.get("id"): row
        for row in CertificateEndorsement.objects.filter(
            cohort_endorsement=approval
        ).select_related("certificate")
    }
    exported = [row.document for row in rows.values() if not row.is_signed]
    exported += _status_lists_to_sign(approval.office)
    errors = []
    seen = set()
    items = [item for item in signed if isinstance(item, dict)]
    if len(items) != len(signed):
        errors.append(_("Every item must be a JSON object."))
    for item, report in credentials.endorsement_batch_check(
        items, exported, approval.office.short_code
    ):
        item_id = item.get("id") or "?"
        if item_id in seen:
            errors.append(f"{item_id}: " + _("listed twice."))
        seen.add(item_id)
        row = rows.get(item_id)
        if row is not None and row.is_signed:
            continue  # stored by an earlier import of the same file
        if row is None and _is_status_list(item) and _status_list_signed(item):
            continue  # the same list, stored by an earlier import
        for check in report.checks:
            if check.status == "failed":
                errors.append(f"{item_id}: {check.name}: {check.message}")
    if errors:
        raise EndorsementImportError(
            _("The signed file was refused; nothing was stored."),
            {"errors": errors},
        )
    stored = 0
    with transaction.atomic():
        for item in items:
            if _is_status_list(item):
                _status_list_signed_store(approval.office, item)
                continue
            row = rows[item["id"]]
            if row.is_signed:
                continue
            if _endorsement_store(
                approval=approval,
                certificate_id=row.certificate_id,
                signed=item,
                pdf=False,
            ):
                stored += 1
        remaining = CertificateEndorsement.objects.filter(
            cohort_endorsement=approval, signed_at__isnull=True
        ).exists()
        CohortEndorsement.objects.filter(pk=approval.pk).update(
            done=CertificateEndorsement.objects.filter(
                cohort_endorsement=approval, signed_at__isnull=False
            ).count(),
            status=(
                CohortEndorsement.Status.AWAITING
                if remaining
                else CohortEndorsement.Status.SIGNED
            ),
            finished_at=None if remaining else timezone.now(),
        )
        audit_log(
            ENDORSEMENT_IMPORT,
            approval.cohort,
            by,
            {"office": approval.office.short_code, "stored": stored},
        )
        ids = [rows[i["id"]].certificate_id for i in items if i["id"] in rows]
        transaction.on_commit(lambda: _pdf_refresh_enqueue(ids), robust=True)
    return stored


def _is_status_list(item: dict) -> bool:
    return "BitstringStatusListCredential" in (item.get("type") or [])


def _status_list_signed(item: dict) -> bool:
    """Whether exactly this signed list is already the published one."""
    from certificates.credentials.exceptions import CredentialError
    from certificates.selectors import status_list_document_get

    try:
        return status_list_document_get(str(item.get("id"))) == item
    except CredentialError:
        return False


def _status_list_signed_store(office: Office, item: dict) -> None:
    """Publish the office's own signature of its status list.

    The batch check compared it with the list's current bits; the row is locked
    and compared again, so a withdrawal made since the export is never lost.
    """
    from .status_lists import (
        status_list_document_unsigned,
        status_list_signed_store,
        status_list_url,
    )

    for status_list in StatusList.objects.select_for_update().filter(office=office):
        if status_list_url(status_list) != item.get("id"):
            continue
        unsigned = {k: v for k, v in item.items() if k != "proof"}
        if unsigned != status_list_document_unsigned(status_list):
            raise EndorsementImportError(
                _("The office's status list changed since the export; export again.")
            )
        status_list_signed_store(status_list=status_list, signed=item)


@transaction.atomic
def certificate_endorsement_withdraw(
    *, endorsement: CertificateEndorsement, reason: str, by
) -> CertificateEndorsement:
    """An office withdraws its endorsement of one certificate, with a reason.

    The endorsement leaves the certificate's credential (re-signed by the
    platform) and its bit is set on the office's status list, so copies
    downloaded earlier fail verification for it too (for an office that keeps its
    own key, once it signs the updated list: see cohort_endorsement_export); the
    verification page shows the withdrawal and its reason. The
    certificate itself stays valid (only the lead office revokes). Audit-logged.
    Idempotent: an already withdrawn endorsement keeps its first reason. Raises
    NotEndorsingOfficeError for anyone but the office's coordinators.
    """
    from django.core.exceptions import ValidationError

    from training.audit import ENDORSEMENT_WITHDRAW, audit_log

    certificate = Certificate.objects.select_for_update().get(
        pk=endorsement.certificate_id
    )
    endorsement = CertificateEndorsement.objects.select_related("office").get(
        pk=endorsement.pk
    )
    if not user_may_endorse_for(by, certificate.cohort, endorsement.office):
        raise NotEndorsingOfficeError()
    if endorsement.withdrawn_at:
        return endorsement
    if not reason.strip():
        raise ValidationError({"withdrawal_reason": _("Give a reason.")})
    if not endorsement.is_signed:
        raise EndorsementNotSignedError()
    endorsement.withdrawn_at = timezone.now()
    endorsement.withdrawal_reason = reason.strip()
    endorsement.withdrawn_by = by
    endorsement.full_clean()
    endorsement.save(
        update_fields=["withdrawn_at", "withdrawal_reason", "withdrawn_by"]
    )
    _certificate_endorsements_publish(certificate)
    if endorsement.status_list_id is not None:
        status_list_entry_set(
            status_list_id=endorsement.status_list_id, index=endorsement.status_index
        )
    audit_log(
        ENDORSEMENT_WITHDRAW,
        certificate,
        by,
        {
            "office": endorsement.office.short_code,
            "code": certificate.code,
            "reason": endorsement.withdrawal_reason,
        },
    )
    return endorsement


def office_public_key_register(*, office: Office, public_key: str, by):
    """Register the Ed25519 public key (Multikey) of an office that keeps its
    private key: from now on it signs exported batches itself. Earlier keys are
    retired but stay published. Audit-logged. Idempotent for the current key.
    Raises DidResolutionError for a value that is not an Ed25519 Multikey."""
    from certificates.credentials.keys import office_controller, public_key_register
    from training.audit import OFFICE_KEY_REGISTER, audit_log

    key = public_key_register(office_controller(office.short_code), public_key)
    audit_log(OFFICE_KEY_REGISTER, office, by, {"key": key.key_id})
    return key
