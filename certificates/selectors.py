"""Reads for verification, downloads and My learning."""

from django.db.models import QuerySet
from django.urls import reverse

from certificates.codes import code_normalise
from certificates.models import Certificate

# Everything the public record shows, and nothing personal beyond the printed name.
PUBLIC_FIELDS = (
    "code",
    "cohort",  # its id only: the badge image's URL
    "holder_name",
    "holder_native_name",
    "course_title",
    "cohort_title",
    "start_date",
    "end_date",
    "hours",
    "attendance_rate",
    "final_score",
    "lead_office_name",
    "lead_office_code",
    "co_offices",
    "issued_at",
    "valid_until",
    "revoked_at",
    "revocation_reason",
    "superseded_at",
    "superseded_by__code",
    "pdf_sha256",
    "pdf_sha256_earlier",
    "credential",
    "endorsement_record",
)


def certificate_get_public(code: str) -> Certificate | None:
    """The public record for a typed code, in one query; None for unknown or malformed codes.

    A malformed code makes no query at all, so both answers look the same to a caller.
    """
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return (
        Certificate.objects.select_related("superseded_by")
        .only(*PUBLIC_FIELDS)
        .filter(code=normalised)
        .first()
    )


def certificate_credential_get(code: str) -> dict | None:
    """The signed credential JSON for a code (one query), or None."""
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return (
        Certificate.objects.filter(code=normalised)
        .values_list("credential", flat=True)
        .first()
    )


def certificate_replacement_get(certificate: Certificate) -> Certificate | None:
    """The certificate that now stands for a superseded one: the end of its chain
    of corrections (None when it was not superseded). One query per link."""
    current = certificate
    seen = {certificate.pk}
    while current.superseded_by_id and current.superseded_by_id not in seen:
        seen.add(current.superseded_by_id)
        current = Certificate.objects.only(
            "code", "superseded_by", "credential", "revoked_at", "superseded_at"
        ).get(pk=current.superseded_by_id)
    return None if current.pk == certificate.pk else current


def certificate_list_for_holder(user) -> QuerySet[Certificate]:
    """The user's certificates, newest first, current ones before superseded ones."""
    return Certificate.objects.filter(holder=user).select_related("superseded_by")


def certificate_list_valid() -> QuerySet[Certificate]:
    """Certificates whose status is valid (not revoked, superseded or expired)."""
    return Certificate.objects.filter(Certificate.valid_q())


def certificate_can_download(user, certificate: Certificate) -> bool:
    """The holder, coordinators of the lead office, and superusers may download the PDF."""
    from cohorts.selectors.scoping import office_ids_for_user

    if not user.is_authenticated:
        return False
    if user.is_superuser or certificate.holder_id == user.pk:
        return True
    return certificate.cohort.lead_office_id in office_ids_for_user(user)


def certificate_pdf_data(certificate: Certificate) -> dict:
    """Plain data for `certificates.pdf` (which has no ORM access)."""
    from certificates.services.credentials import site_url

    return {
        "code": certificate.code,
        "holder_name": certificate.holder_name,
        "holder_native_name": certificate.holder_native_name,
        "second_language": certificate.second_language,
        "course_title_second": certificate.course_title_second,
        "course_title": certificate.course_title,
        "cohort_title": certificate.cohort_title,
        "start_date": certificate.start_date,
        "end_date": certificate.end_date,
        "hours": certificate.hours,
        "lead_office_name": certificate.lead_office_name,
        "co_offices": [o["name"] for o in certificate.co_offices],
        "cosigners": [
            {
                "name": e["name"],
                "signatory_name": e["signatory_name"],
                "signatory_title": e["signatory_title"],
            }
            for e in certificate.endorsement_record
            if not e.get("withdrawn_at")
        ],
        "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
        "verify_url": site_url(
            reverse("certificates:verify_code", kwargs={"code": certificate.code})
        ),
    }


def linkedin_organization_ids(office_codes) -> dict[str, str]:
    """{office short code: LinkedIn organization id} for the offices that set one."""
    from certificates.models import OfficeCredentialSettings

    return dict(
        OfficeCredentialSettings.objects.filter(office__short_code__in=office_codes)
        .exclude(linkedin_organization_id="")
        .values_list("office__short_code", "linkedin_organization_id")
    )


def linkedin_add_url(
    certificate: Certificate, organization_id: str | None = None
) -> str:
    """ "Add to LinkedIn profile" link with the certification prefilled: the lead
    office's LinkedIn page when ``organization_id`` is given (else the platform's
    name), and the expiry month of a certificate that expires."""
    from urllib.parse import urlencode

    from certificates.services.credentials import ISSUER_NAME

    fields = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "issueYear": certificate.issued_on.year,
        "issueMonth": certificate.issued_on.month,
        "certUrl": certificate_share_url(certificate),
        "certId": certificate.code,
    }
    if organization_id:
        fields["organizationId"] = organization_id
    else:
        fields["organizationName"] = ISSUER_NAME
    if certificate.valid_until:
        fields["expirationYear"] = certificate.valid_until.year
        fields["expirationMonth"] = certificate.valid_until.month
    return "https://www.linkedin.com/profile/add?" + urlencode(fields)


def certificate_share_url(certificate: Certificate) -> str:
    """The public verification URL, as printed in the QR code."""
    from certificates.services.credentials import site_url

    return site_url(
        reverse("certificates:verify_code", kwargs={"code": certificate.code})
    )


def my_certificates(user) -> list[tuple[Certificate, str, str]]:
    """(certificate, share URL, "Add to LinkedIn" URL) for My learning, newest first."""
    certificates = list(certificate_list_for_holder(user))
    organizations = linkedin_organization_ids(
        {c.lead_office_code for c in certificates}
    )
    return [
        (
            c,
            certificate_share_url(c),
            linkedin_add_url(c, organizations.get(c.lead_office_code)),
        )
        for c in certificates
    ]


# ---- jointly issued certificates ----


def cohort_endorsement_overview(cohort, user) -> dict:
    """What the endorsements page shows a coordinator: every office taking part
    with its approval, the offices the user may act for, and the certificates
    with the user's offices' endorsements."""
    from certificates.models import CertificateEndorsement, CohortEndorsement
    from cohorts.selectors.scoping import office_ids_for_user

    approvals = {
        a.office_id: a
        for a in CohortEndorsement.objects.filter(cohort=cohort).select_related(
            "office", "approved_by"
        )
    }
    own_ids = office_ids_for_user(user)
    offices = []
    for participation in cohort.participations.select_related("office").order_by(
        "office__name"
    ):
        office = participation.office
        offices.append(
            {
                "office": office,
                "is_lead": office.pk == cohort.lead_office_id,
                "approval": approvals.get(office.pk),
                "mine": office.pk in own_ids,
            }
        )
    mine = [o["office"] for o in offices if o["mine"]]
    endorsements = {}
    for row in CertificateEndorsement.objects.filter(
        certificate__cohort=cohort, office__in=mine
    ):
        endorsements[(row.certificate_id, row.office_id)] = row
    certificates = [
        (
            certificate,
            [
                (office, endorsements.get((certificate.pk, office.pk)))
                for office in mine
            ],
        )
        for certificate in Certificate.objects.filter(
            cohort=cohort, superseded_at__isnull=True
        ).order_by("holder_name")
    ]
    return {"offices": offices, "own_offices": mine, "certificates": certificates}


def office_status_list_to_sign(office) -> bool:
    """Whether an office that keeps its own key has a status list whose changes
    (a withdrawal) it has not signed yet, so verifiers do not see them."""
    return office.status_lists.filter(awaiting_signature=True).exists()


def certificate_endorsement_rows(certificate: Certificate) -> list[dict]:
    """Every office that should sign a certificate (lead first), with what it did:
    ``signed`` (and whether its signature verifies), ``withdrawn`` (with reason) or
    ``pending``. Reads only the certificate's own fields, so the public page keeps
    its single query; signature checks are cached."""
    from certificates.services.credentials import endorsement_check, office_issuer_id

    credential = certificate.credential or {}
    embedded = {
        (e.get("issuer") or {}).get("id"): e
        for e in credential.get("endorsement", [])
        if isinstance(e, dict)
    }
    record = {r["code"]: r for r in certificate.endorsement_record}
    offices = [
        {"code": certificate.lead_office_code, "name": certificate.lead_office_name},
        *certificate.co_offices,
    ]
    rows = []
    for office in offices:
        entry = record.get(office["code"])
        row = {**office, "state": "pending", "record": entry}
        if entry and entry.get("withdrawn_at"):
            row["state"] = "withdrawn"
            row["withdrawn_at"] = _parse(entry["withdrawn_at"])
        elif entry:
            document = embedded.get(office_issuer_id(office["code"]))
            row["state"] = "signed"
            row["signed_at"] = _parse(entry["signed_at"])
            if document is None:
                row["verified"], row["problem"] = False, "missing from the credential"
            else:
                row["verified"], row["problem"] = endorsement_check(
                    document, credential.get("id", "")
                )
        rows.append(row)
    return rows


def _parse(value):
    import datetime

    return datetime.datetime.fromisoformat(value) if value else None


# ---- the cohort hub and dashboard (staff workspace) ----


def _certificate_counts() -> dict:
    """Issued and revoked among current (not superseded) certificates: the
    rule the hub and the programme reports count by."""
    from django.db.models import Count, Q

    return {
        "issued": Count("pk"),
        "revoked": Count("pk", filter=Q(revoked_at__isnull=False)),
    }


def _current_certificates(**lookup) -> QuerySet[Certificate]:
    return Certificate.objects.filter(superseded_at__isnull=True, **lookup)


def cohort_certificate_counts(cohort) -> dict[str, int]:
    """Current certificates issued for the cohort and how many are revoked; one query."""
    return _current_certificates(cohort=cohort).aggregate(**_certificate_counts())


def certificate_counts_for_enrolments(enrolment_ids) -> dict[int, dict[str, int]]:
    """`cohort_certificate_counts` per enrolment id (only enrolments holding
    one); one query whatever the number of enrolments."""
    rows = (
        _current_certificates(enrolment_id__in=list(enrolment_ids))
        .values("enrolment_id")
        .annotate(**_certificate_counts())
    )
    return {
        r["enrolment_id"]: {"issued": r["issued"], "revoked": r["revoked"]}
        for r in rows
    }


def cohort_cosigning_status(cohort) -> list[tuple]:
    """(office, its approval or None) for each office taking part; two queries."""
    from certificates.models import CohortEndorsement

    approvals = {
        a.office_id: a for a in CohortEndorsement.objects.filter(cohort=cohort)
    }
    return [
        (p.office, approvals.get(p.office_id))
        for p in cohort.participations.select_related("office").order_by("office__name")
    ]


def endorsements_to_approve(user, cohort_ids) -> dict[int, int]:
    """Cohort id → how many of the user's offices have yet to approve its
    results: completed cohorts with current certificates, one query."""
    from django.db.models import Count, Exists, OuterRef

    from certificates.models import CohortEndorsement
    from certificates.services.endorsements import SIGNABLE_COHORT_STATUSES
    from cohorts.models import CohortOffice
    from cohorts.selectors.scoping import office_ids_for_user

    approved = CohortEndorsement.objects.filter(
        cohort_id=OuterRef("cohort_id"), office_id=OuterRef("office_id")
    )
    current = Certificate.objects.filter(
        cohort_id=OuterRef("cohort_id"),
        revoked_at__isnull=True,
        superseded_at__isnull=True,
    )
    rows = (
        CohortOffice.objects.filter(
            cohort_id__in=list(cohort_ids),
            office_id__in=office_ids_for_user(user),
            cohort__status__in=SIGNABLE_COHORT_STATUSES,
        )
        .filter(Exists(current), ~Exists(approved))
        .order_by()
        .values("cohort_id")
        .annotate(n=Count("pk"))
    )
    return {row["cohort_id"]: row["n"] for row in rows}


def achievement_get_public(cohort_id: int) -> dict | None:
    """What a credential's achievement id (/certificates/achievements/<cohort>)
    describes: the course (in the active language when translated), the
    cohort's completion rules, hours and offices.

    None when no certificate was issued for the cohort, so nothing unpublished
    is described. Read-only; three queries.
    """
    certificate = (
        Certificate.objects.filter(cohort_id=cohort_id)
        .select_related("cohort__course", "cohort__lead_office")
        .first()
    )
    if certificate is None:
        return None
    cohort = certificate.cohort
    course = cohort.course.specific.localized
    partners = [
        p.office.name
        for p in cohort.participations.select_related("office").order_by("office__name")
        if p.office_id != cohort.lead_office_id
    ]
    return {
        "cohort": cohort,
        "course": course,
        "hours": cohort.contact_hours or course.estimated_hours,
        "offices": [cohort.lead_office.name, *partners],
    }


# Set by the status list services whenever they publish a list.
STATUS_LIST_CACHE_KEY = "status-list:{slug}"


def status_list_document_get(url: str) -> dict:
    """The published (signed) status list credential behind one of this site's
    status list URLs, read from the database; the server verifies its own
    credentials without calling itself over the network. Raises CredentialError
    for any other URL or an unknown list."""
    from django.conf import settings
    from django.core.cache import cache
    from django.urls import Resolver404, resolve

    from certificates.credentials.exceptions import CredentialError
    from certificates.models import StatusList

    if not url.startswith(settings.SITE_URL + "/"):
        raise CredentialError(f"{url} is not a status list of this site.")
    try:
        match = resolve(url.removeprefix(settings.SITE_URL))
    except Resolver404 as exc:
        raise CredentialError(f"{url} is not a status list of this site.") from exc
    if match.view_name != "certificates:status_list":
        raise CredentialError(f"{url} is not a status list of this site.")
    slug = match.kwargs["slug"]
    document = cache.get(STATUS_LIST_CACHE_KEY.format(slug=slug))
    if document is None:
        document = (
            StatusList.objects.filter(slug=slug)
            .values_list("credential", flat=True)
            .first()
        )
    if not document:
        raise CredentialError(f"No published status list at {url}.")
    return document


def certificate_public_urls(certificate_ids) -> list[str]:
    """Absolute URLs whose responses show these certificates' status or
    endorsements: verification page, API record, credential (JSON and JWT),
    their status lists, and the did.json of the platform and of every
    endorsing office with its status list. Two queries."""
    from certificates.models import CertificateEndorsement
    from certificates.services.credentials import site_url

    paths = {reverse("did_platform")}
    rows = Certificate.objects.filter(pk__in=certificate_ids).values_list(
        "code", "status_list__slug"
    )
    for code, status_list in rows:
        paths.add(reverse("certificates:verify_code", kwargs={"code": code}))
        paths.add(reverse("api-v1:certificate_verify", kwargs={"code": code}))
        paths.add(reverse("certificates:credential_json", kwargs={"code": code}))
        paths.add(reverse("certificates:credential_jwt", kwargs={"code": code}))
        if status_list:
            paths.add(reverse("certificates:status_list", kwargs={"slug": status_list}))
    endorsements = (
        CertificateEndorsement.objects.filter(certificate_id__in=certificate_ids)
        .values_list("office__short_code", "status_list__slug")
        .distinct()
    )
    for office, office_list in endorsements:
        paths.add(reverse("did_office", kwargs={"code": office.lower()}))
        # A withdrawal flips the endorsement's bit on its office's own list.
        if office_list:
            paths.add(reverse("certificates:status_list", kwargs={"slug": office_list}))
    return sorted(site_url(path) for path in paths)
