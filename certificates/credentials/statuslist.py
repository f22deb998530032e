"""Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/).

Index ``i`` is bit ``7 - i % 8`` of byte ``i // 8`` (index 0 is the most significant
bit of the first byte). The published form is ``"u" + base64url-nopad(gzip(bits))``.
Lists have at least 131,072 entries (16 KB) so that a set bit reveals little about
which credential it belongs to; indexes are assigned at random by the caller.
"""

import gzip
import secrets

from .exceptions import CredentialError
from .jsonld import CREDENTIALS_V2
from .multikey import b64url, b64url_decode

MIN_ENTRIES = 131_072


def bitstring_new(size: int = MIN_ENTRIES) -> bytearray:
    """An all-zero list of ``size`` entries (rounded up to whole bytes, min 131,072)."""
    size = max(size, MIN_ENTRIES)
    return bytearray((size + 7) // 8)


def bit_get(bits: bytes | bytearray, index: int) -> bool:
    """Whether entry ``index`` is set. Raises CredentialError when out of range."""
    _check_index(bits, index)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def bit_set(bits: bytearray, index: int, value: bool = True) -> None:
    """Set (or clear) entry ``index`` in place. Idempotent."""
    _check_index(bits, index)
    mask = 0x80 >> (index % 8)
    if value:
        bits[index // 8] |= mask
    else:
        bits[index // 8] &= ~mask & 0xFF


def _check_index(bits, index: int) -> None:
    if not isinstance(index, int) or not 0 <= index < len(bits) * 8:
        raise CredentialError(f"Status list index {index!r} is out of range.")


def bitstring_encode(bits: bytes | bytearray) -> str:
    """``encodedList``: multibase base64url (``u``) of the gzip-compressed bits."""
    # mtime=0 keeps the output deterministic, so re-publishing an unchanged list
    # produces the same bytes.
    return "u" + b64url(gzip.compress(bytes(bits), mtime=0))


def bitstring_decode(encoded_list: str) -> bytearray:
    """Decode an ``encodedList``. Raises CredentialError for malformed input."""
    if not isinstance(encoded_list, str) or not encoded_list:
        raise CredentialError("encodedList is missing.")
    # Older lists (StatusList2021) had no multibase prefix.
    body = encoded_list[1:] if encoded_list[0] == "u" else encoded_list
    try:
        return bytearray(gzip.decompress(b64url_decode(body)))
    except (ValueError, OSError, EOFError) as exc:
        raise CredentialError("encodedList is not gzip + base64url.") from exc


def status_index_random(size: int = MIN_ENTRIES, taken=frozenset()) -> int:
    """A random free index in a list of ``size`` entries (CSPRNG)."""
    size = max(size, MIN_ENTRIES)
    if len(taken) >= size:
        raise CredentialError("The status list is full.")
    while True:
        index = secrets.randbelow(size)
        if index not in taken:
            return index


def status_list_entry_build(
    *, list_url: str, index: int, purpose: str = "revocation"
) -> dict:
    """The ``credentialStatus`` of a credential pointing at entry ``index``."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_list_credential_build(
    list_url: str,
    encoded_list: str,
    issuer: str,
    *,
    purpose: str = "revocation",
    valid_from: str | None = None,
) -> dict:
    """An unsigned BitstringStatusListCredential; sign it with ``proof_add``."""
    credential = {
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
    }
    if valid_from:
        credential["validFrom"] = valid_from
    credential["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": encoded_list,
    }
    return credential
