"""`/api/v1/certificates/<code>`: the public verification record as JSON."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status

from certificates.codes import code_normalise
from certificates.models import Certificate
from certificates.ratelimits import lookup_retry_after
from certificates.selectors import (
    certificate_endorsement_rows,
    certificate_get_public,
)
from courses.selectors import page_cache_entry_get
from courses.services import page_cache_entry_set

router = Router(tags=["certificates"])


class OfficeOut(Schema):
    name: str
    code: str


class CoSignerOut(Schema):
    name: str
    code: str
    state: str  # signed, withdrawn or pending
    signatory_name: str | None
    signatory_title: str | None
    signature_verified: bool | None
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: str | None


class CertificateOut(Schema):
    code: str
    status: str
    holder_name: str
    holder_native_name: str
    course: str
    cohort: str
    start_date: datetime.date
    end_date: datetime.date
    hours: int | None
    attendance_rate: Decimal | None
    final_score: Decimal | None
    lead_office: OfficeOut
    co_organizing_offices: list[OfficeOut]
    co_signing_offices: list[CoSignerOut]
    issued_at: datetime.datetime
    valid_until: datetime.date | None
    revoked_at: datetime.datetime | None
    revocation_reason: str | None
    superseded_by: str | None
    superseded_by_url: str | None
    verification_url: str
    credential_url: str


def _cosigner(row: dict) -> dict:
    record = row["record"] or {}
    return {
        "name": row["name"],
        "code": row["code"],
        "state": row["state"],
        "signatory_name": record.get("signatory_name"),
        "signatory_title": record.get("signatory_title") or None,
        "signature_verified": row.get("verified"),
        "withdrawn_at": row.get("withdrawn_at"),
        "withdrawal_reason": record.get("withdrawal_reason") or None,
    }


class Message(Schema):
    detail: str


@router.get(
    "/certificates/{code}",
    response={200: CertificateOut, 404: Message, 429: Message},
    summary="Verify a certificate by its code",
    description="Status (valid, expired, revoked, superseded) and the public record. "
    "co_signing_offices lists every office that signs the certificate: signed "
    "(with whether its signature verifies), withdrawn (with the reason) or pending. "
    "A superseded certificate names the code that replaces it (superseded_by) and "
    "its verification page (superseded_by_url). "
    "Codes are case-insensitive; spaces and dashes are ignored. Unknown and "
    "malformed codes both answer 404. Rate-limited per client address (429 with "
    "Retry-After).",
)
def certificate_verify(request: HttpRequest, response: HttpResponse, code: str):
    retry_after = lookup_retry_after(request)
    if retry_after:
        response["Retry-After"] = str(retry_after)
        return Status(429, {"detail": "Too many requests."})
    normalised = code_normalise(code)
    key = _cache_key(request, normalised) if normalised else None
    if key:
        body, generation = page_cache_entry_get(key)
        if body is not None:
            return _json_response(body)
    certificate = certificate_get_public(code)
    if certificate is None:
        response.redirects_exempt = True
        return Status(404, {"detail": "No certificate has this code."})
    body = _render(
        request, CertificateOut.model_validate(_record(request, certificate))
    )
    if key:
        page_cache_entry_set(
            key, body, generation=generation, timeout=settings.PAGE_CACHE_SECONDS
        )
    return _json_response(body)


def _cache_key(request: HttpRequest, code: str) -> str | None:
    """Where the record of `code` is kept: the anonymous page cache's kind of
    entry (one per code, valid for the page-cache generation, so whatever
    invalidates the verification page invalidates it: certificates.services.
    certificate_caches_invalidate). Per origin, as its URLs are absolute, and
    per day in the active time zone, as `status` turns "expired" at midnight.
    None when the page cache is off."""
    if not settings.COURSES_PAGE_CACHE:
        return None
    origin = f"{request.scheme}://{request.get_host()}"
    return f"certificates:api:{code}:{timezone.localdate():%Y%m%d}:{origin}"


def _render(request: HttpRequest, record: CertificateOut) -> bytes:
    """The JSON body ninja itself sends for `record`: the API's renderer."""
    from training.api import api

    content = api.renderer.render(request, record.model_dump(), response_status=200)
    return content.encode(api.renderer.charset)


def _json_response(body: bytes) -> HttpResponse:
    from training.api import api

    return HttpResponse(body, content_type=api.get_content_type())


def _record(request: HttpRequest, c: Certificate) -> dict:
    """The public record of certificate `c` (CertificateOut's fields)."""
    return {
        "code": c.code,
        "status": str(c.status),
        "holder_name": c.holder_name,
        "holder_native_name": c.holder_native_name,
        "course": c.course_title,
        "cohort": c.cohort_title,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "hours": c.hours,
        "attendance_rate": c.attendance_rate,
        "final_score": c.final_score,
        "lead_office": {"name": c.lead_office_name, "code": c.lead_office_code},
        "co_organizing_offices": c.co_offices,
        "co_signing_offices": [
            _cosigner(row) for row in certificate_endorsement_rows(c)
        ],
        "issued_at": c.issued_at,
        "valid_until": c.valid_until,
        "revoked_at": c.revoked_at,
        "revocation_reason": c.revocation_reason or None,
        "superseded_by": c.superseded_by.code if c.superseded_by else None,
        "superseded_by_url": (
            request.build_absolute_uri(
                reverse(
                    "certificates:verify_code",
                    kwargs={"code": c.superseded_by.code},
                )
            )
            if c.superseded_by
            else None
        ),
        "verification_url": request.build_absolute_uri(
            reverse("certificates:verify_code", kwargs={"code": c.code})
        ),
        "credential_url": request.build_absolute_uri(
            reverse("certificates:credential_json", kwargs={"code": c.code})
        ),
    }
