"""Demo certificates: issued for every completed enrolment of completed cohorts,
one revoked with a reason and one superseded by a name correction.

Idempotent: issuing returns existing certificates, and the revocation and the
correction are only made when no demo certificate has them yet.
"""

from certificates.models import Certificate
from certificates.services import (
    certificate_correct,
    certificate_issue,
    certificate_pdf_render,
    certificate_revoke,
)
from cohorts.models import Cohort, Enrolment

REVOCATION_REASON = (
    "Issued in error: the trainee's attendance was recorded for the wrong cohort "
    "(demonstration of revocation)."
)


def seed(ctx):
    enrolments = list(
        Enrolment.objects.filter(
            cohort__status=Cohort.Status.COMPLETED,
            completion=Enrolment.Completion.COMPLETED,
        )
        .select_related("cohort", "user")
        .order_by("cohort_id", "pk")
    )
    if not enrolments:
        ctx.write(
            "certificates: no completed enrolments in completed cohorts; none issued"
        )
        return
    certificates = []
    for number, enrolment in enumerate(enrolments, start=1):
        if not enrolment.user.get_full_name().strip():
            continue
        certificate = certificate_issue(enrolment=enrolment)
        # Render now rather than after the step's commit, so the demo has its PDFs.
        certificates.append(certificate_pdf_render(certificate_id=certificate.pk))
        ctx.write(f"certificates: {number}/{len(enrolments)} issued")

    demo = Certificate.objects.filter(enrolment__in=enrolments)
    current = [c for c in certificates if c.status == Certificate.Status.VALID]
    if not demo.filter(revoked_at__isnull=False).exists() and current:
        revoked = certificate_revoke(
            certificate=current.pop(), reason=REVOCATION_REASON
        )
        ctx.write(f"certificates: revoked {revoked.code}")
    if not demo.filter(superseded_at__isnull=False).exists() and current:
        old = current.pop(0)
        user = old.holder
        corrected = f"{user.last_name.upper()} {user.first_name}".strip()
        new = certificate_correct(certificate=old, holder_name=corrected)
        certificate_pdf_render(certificate_id=new.pk)
        ctx.write(
            f"certificates: {old.code} superseded by {new.code} (name correction)"
        )

    shown = {}
    for certificate in demo.select_related("superseded_by").order_by("issued_at"):
        shown.setdefault(certificate.status, []).append(certificate)
    for status in ["valid", "revoked", "superseded", "expired"]:
        for certificate in shown.get(status, [])[:2]:
            ctx.codes.append((certificate.code, status))
    valid = shown.get("valid")
    if valid:
        # A login whose My learning shows certificates, next to the trainee's.
        ctx.add_login("Trainee with certificates", valid[0].holder.email)
    ctx.write(f"certificates: {demo.count()} certificates")
