"""What to invalidate when a certificate's public record changes."""

from django.conf import settings

# Saving only these changes no public GET response (PDFs are compared by POST).
PDF_FIELDS = frozenset({"pdf", "pdf_sha256", "pdf_source_sha256", "pdf_sha256_earlier"})


def certificate_caches_invalidate(*, certificate_ids=(), cohort_id=None) -> None:
    """Invalidate everything that shows these certificates, after commit: the
    anonymous page cache (always; with it the API records kept per code by
    certificates.api, which hold the same generation) and, at the CDN, their
    verification pages, API records, credentials, status lists and did.json
    documents.

    Called on every change of a certificate (revocation, supersession), of
    its endorsements, and (with `cohort_id`: all its certificates) of its
    cohort's endorsements. Idempotent.
    """
    from courses.services import frontend_cache_purge, page_cache_bump

    page_cache_bump()
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from certificates.models import Certificate
    from certificates.selectors import certificate_public_urls

    certificate_ids = list(certificate_ids)
    if cohort_id is not None:
        certificate_ids += Certificate.objects.filter(cohort_id=cohort_id).values_list(
            "pk", flat=True
        )
    if certificate_ids:
        frontend_cache_purge(urls=certificate_public_urls(certificate_ids))


def certificate_save_is_public(*, created: bool, update_fields) -> bool:
    """Whether a save of a certificate changes what its public URLs show: a new
    certificate was never served, and a stored PDF shows on no GET."""
    return not created and not (update_fields and set(update_fields) <= PDF_FIELDS)
