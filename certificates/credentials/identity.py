"""Salted identity hashes for ``credentialSubject.identifier`` (OB 3.0 IdentityObject).

A credential names its holder by a stable ``urn:uuid`` and carries only a salted
SHA-256 of the holder's email, so the email is never published, yet a holder (or an
employer who knows the email) can show that the credential is theirs.
"""

import hashlib
import hmac
import secrets


def identity_hash(identity: str, salt: str) -> str:
    """``"sha256$" + hex(SHA-256(identity + salt))``, the OB 3.0 identityHash form."""
    digest = hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def email_identifier_build(email: str, salt: str | None = None) -> dict:
    """An IdentityObject for an email address (normalized to lower case).

    A fresh random salt is used unless one is given (pass the stored salt to
    rebuild the same object). ``type`` is the string the schema requires.
    """
    salt = salt if salt is not None else secrets.token_hex(16)
    return {
        "type": "IdentityObject",
        "identityHash": identity_hash(email.strip().lower(), salt),
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def email_identifier_matches(identifier: dict, email: str) -> bool:
    """Whether an IdentityObject is the salted hash of ``email`` (constant-time)."""
    if identifier.get("identityType") != "emailAddress" or not identifier.get("hashed"):
        return False
    expected = identity_hash(email.strip().lower(), identifier.get("salt") or "")
    return hmac.compare_digest(expected, str(identifier.get("identityHash", "")))
