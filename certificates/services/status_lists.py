import base64
import gzip
import secrets

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from certificates.models import StatusList

from . import credentials


def bitstring_encode(bits: bytes) -> str:
    """Bitstring Status List encodedList: "u" + base64url-nopad(gzip(bits))."""
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def status_list_url(status_list: StatusList) -> str:
    return credentials.site_url(
        reverse("certificates:status_list", kwargs={"slug": status_list.slug})
    )


def status_list_document_unsigned(status_list: StatusList) -> dict:
    """The list's BitstringStatusListCredential from its current bits, unsigned.

    Issued by the platform, or by the list's office for an office's list.
    """
    office_code = status_list.office.short_code if status_list.office_id else None
    return credentials.status_list_document_build(
        status_list_url(status_list),
        bitstring_encode(bytes(status_list.bits)),
        office_code=office_code,
    )


def status_list_publish(*, status_list: StatusList) -> StatusList:
    """Re-sign the list's BitstringStatusListCredential from its current bits and save.

    The platform signs its own lists and those of offices whose key it holds; an
    office that keeps its own key must sign the list itself, so its list is only
    marked ``awaiting_signature`` (see status_list_signed_store). Call with the
    list row locked. Idempotent: the same bits give the same list.
    """
    document = status_list_document_unsigned(status_list)
    office_code = status_list.office.short_code if status_list.office_id else None
    if office_code and credentials.office_holds_own_key(office_code):
        status_list.awaiting_signature = True
        status_list.save(update_fields=["awaiting_signature", "updated_at"])
        return status_list
    return status_list_signed_store(
        status_list=status_list,
        signed=credentials.status_list_document_sign(document, office_code),
    )


def status_list_signed_store(*, status_list: StatusList, signed: dict) -> StatusList:
    """Publish a signed list (by the platform, or uploaded by its office) and
    refresh the copy the server's own verification reads. Call with the row
    locked."""
    from certificates.selectors import STATUS_LIST_CACHE_KEY

    status_list.credential = signed
    status_list.awaiting_signature = False
    status_list.save(update_fields=["credential", "awaiting_signature", "updated_at"])
    cache.set(STATUS_LIST_CACHE_KEY.format(slug=status_list.slug), signed, None)
    return status_list


def _entries_used(status_list: StatusList) -> int:
    if status_list.office_id:
        return status_list.endorsements.count()
    return status_list.certificates.count()


def _indexes_taken(status_list: StatusList, indexes) -> set[int]:
    if status_list.office_id:
        entries = status_list.endorsements
    else:
        entries = status_list.certificates
    return set(
        entries.filter(status_index__in=indexes).values_list("status_index", flat=True)
    )


def status_list_current(*, office=None) -> StatusList:
    """The list new entries go on: the platform's for certificates, the office's
    own for endorsements by ``office``.

    Opens a new list when the current one is half full, so random indexes stay
    cheap to find and the list keeps its herd privacy. A batch asks once per
    chunk, so a list may end a chunk's size past half full.
    """
    current = (
        StatusList.objects.filter(office=office).order_by("-created_at", "-pk").first()
    )
    if current is None or _entries_used(current) >= current.size // 2:
        current = StatusList.objects.create(office=office)
        status_list_publish(status_list=current)
    return current


def status_list_entry_assign(
    *, office=None, status_list: StatusList | None = None
) -> tuple[StatusList, int]:
    """A status list and a random free index on it (see `status_list_current`;
    ``status_list``, when given, is the list a caller already chose)."""
    current = status_list or status_list_current(office=office)
    return current, status_list_indexes_draw(status_list=current, count=1)[0]


def status_list_indexes_draw(*, status_list: StatusList, count: int) -> list[int]:
    """`count` distinct random indexes free on the list, one query per draw
    (a batch chunk draws for all its certificates at once).

    The database's unique index on (list, index) settles two issuers drawing
    the same free index at once: the second insert fails, and the issuer
    draws again (see `_certificate_issue`).
    """
    chosen: set[int] = set()
    while len(chosen) < count:
        candidates = {
            secrets.randbelow(status_list.size) for _ in range(count - len(chosen))
        } - chosen
        chosen |= candidates - _indexes_taken(status_list, candidates)
    return list(chosen)


@transaction.atomic
def status_list_entry_set(*, status_list_id: int, index: int) -> StatusList:
    """Set one entry's bit and republish the signed list at once.

    Locks the list row, so concurrent revocations and withdrawals never lose a
    bit. Idempotent.
    """
    # Lock the list row only: PostgreSQL refuses FOR UPDATE on the nullable
    # side of the outer join to the office (the platform's lists have none).
    status_list = (
        StatusList.objects.select_for_update(of=("self",))
        .select_related("office")
        .get(pk=status_list_id)
    )
    if status_list.bit_get(index) and not status_list.awaiting_signature:
        return status_list
    status_list.bit_set(index)
    status_list.save(update_fields=["bits", "updated_at"])
    return status_list_publish(status_list=status_list)


def status_list_bit_set(*, certificate) -> StatusList:
    """Set the certificate's bit on its list and republish the list (see above)."""
    return status_list_entry_set(
        status_list_id=certificate.status_list_id, index=certificate.status_index
    )
