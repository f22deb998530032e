import base64
import gzip
import secrets

from django.db import transaction
from django.urls import reverse

from certificates.models import Certificate, StatusList

from . import credentials


def bitstring_encode(bits: bytes) -> str:
    """Bitstring Status List encodedList: "u" + base64url-nopad(gzip(bits))."""
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def status_list_url(status_list: StatusList) -> str:
    return credentials.site_url(
        reverse("certificates:status_list", kwargs={"slug": status_list.slug})
    )


def status_list_publish(*, status_list: StatusList) -> StatusList:
    """Re-sign the list's BitstringStatusListCredential from its current bits and save.

    Call with the list row locked. Idempotent: the same bits give the same list.
    """
    document = credentials.status_list_document_build(
        status_list_url(status_list), bitstring_encode(bytes(status_list.bits))
    )
    status_list.credential = credentials.certificate_credential_sign(document)
    status_list.save(update_fields=["credential", "updated_at"])
    return status_list


def status_list_entry_assign() -> tuple[StatusList, int]:
    """A status list and a random free index on it for a new certificate.

    Opens a new list when the current one is half full, so random indexes stay
    cheap to find and the list keeps its herd privacy.
    """
    current = StatusList.objects.order_by("-created_at", "-pk").first()
    if current is None or current.certificates.count() >= current.size // 2:
        current = StatusList.objects.create()
        status_list_publish(status_list=current)
    while True:
        index = secrets.randbelow(current.size)
        if not Certificate.objects.filter(
            status_list=current, status_index=index
        ).exists():
            return current, index


@transaction.atomic
def status_list_bit_set(*, certificate: Certificate) -> StatusList:
    """Set the certificate's bit on its list and republish the signed list at once.

    Locks the list row, so concurrent revocations never lose a bit. Idempotent.
    """
    status_list = StatusList.objects.select_for_update().get(
        pk=certificate.status_list_id
    )
    status_list.bit_set(certificate.status_index)
    status_list.save(update_fields=["bits", "updated_at"])
    return status_list_publish(status_list=status_list)
