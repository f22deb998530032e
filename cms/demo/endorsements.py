"""Demo jointly issued certificates: the completed PPH cohort (lead CNIPA with IPOS
and the GCC Patent Office) is approved by the coordinator of each of the three
offices, so every current certificate carries three signed endorsements; one
office withdraws its endorsement of one certificate, with a reason.

Idempotent: approvals and endorsements exist once per cohort, office and
certificate; the withdrawal is made only when no demo endorsement has one.
"""

from certificates.models import Certificate, CertificateEndorsement
from certificates.services import (
    certificate_endorsement_withdraw,
    certificate_pdf_refresh,
    cohort_endorsement_approve,
    cohort_endorsement_sign,
)
from cohorts.models import Cohort, OfficeMembership

COHORT_SLUG = "pph-cnipa-ipos-gccpo"
SIGNING_OFFICES = ["cnipa", "ipos", "gccpo"]
WITHDRAWAL_REASON = (
    "The trainee was nominated by another office and did not attend the sessions "
    "our office hosted (demonstration of a withdrawn endorsement)."
)


def seed(ctx):
    cohort = Cohort.objects.filter(slug=COHORT_SLUG).first()
    if cohort is None or not cohort.certificates.exists():
        ctx.write("endorsements: the completed demo cohort has no certificates")
        return
    for code in SIGNING_OFFICES:
        membership = (
            OfficeMembership.objects.filter(
                office__short_code=code, role=OfficeMembership.Role.COORDINATOR
            )
            .select_related("office", "user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            continue
        approval = cohort_endorsement_approve(
            cohort=cohort,
            office=membership.office,
            by=membership.user,
            signatory_name=membership.user.get_full_name(),
            signatory_title=membership.title,
        )
        # Sign now rather than after the step's commit, so the demo shows them.
        approval = cohort_endorsement_sign(approval_id=approval.pk)
        ctx.write(
            f"endorsements: {code} signed {approval.done} of {approval.total} "
            "certificates"
        )

    current = list(
        Certificate.objects.filter(
            cohort=cohort, revoked_at__isnull=True, superseded_at__isnull=True
        ).order_by("issued_at", "pk")
    )
    withdrawn = CertificateEndorsement.objects.filter(
        certificate__cohort=cohort, withdrawn_at__isnull=False
    )
    if not withdrawn.exists() and len(current) > 1:
        endorsement = CertificateEndorsement.objects.filter(
            certificate=current[-1], office__short_code="gccpo", signed_at__isnull=False
        ).first()
        coordinator = OfficeMembership.objects.filter(
            office__short_code="gccpo"
        ).first()
        if endorsement and coordinator:
            certificate_endorsement_withdraw(
                endorsement=endorsement, reason=WITHDRAWAL_REASON, by=coordinator.user
            )
            ctx.write(
                f"endorsements: gccpo withdrew its endorsement of {current[-1].code}"
            )
    for certificate in current:
        certificate_pdf_refresh(certificate_id=certificate.pk)

    fresh = Certificate.objects.filter(pk__in=[c.pk for c in current]).order_by(
        "issued_at", "pk"
    )
    joint = next(
        (c for c in fresh if len(c.credential.get("endorsement", [])) == 3), None
    )
    if joint is not None:
        ctx.codes.append(
            (joint.code, "valid, jointly signed by CNIPA, IPOS and GCC Patent Office")
        )
    partly = withdrawn.select_related("certificate").first()
    if partly is not None:
        ctx.codes.append(
            (
                partly.certificate.code,
                "valid, GCC Patent Office withdrew its endorsement",
            )
        )
