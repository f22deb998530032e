"""DIF Well Known DID Configuration: a domain says which DIDs are its own.

An office hosts ``https://<its domain>/.well-known/did-configuration.json``
holding a Domain Linkage Credential signed by the DID's key, so that a verifier
seeing a credential from the platform-hosted ``did:web:<host>:offices:<code>``
can confirm the office's own domain stands behind it
(https://identity.foundation/.well-known/resources/did-configuration/). We use
the JSON Web Token proof format (ES256, the same key as our credential JWTs).
"""

from collections.abc import Callable
from datetime import datetime

import jwt

from .did import did_resolve
from .exceptions import CredentialError
from .keys import SigningKey
from .timestamps import xsd_datetime
from .vcjwt import credential_jwt_check

DID_CONFIGURATION_CONTEXT = (
    "https://identity.foundation/.well-known/did-configuration/v1"
)
VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"


def domain_linkage_jwt(
    key: SigningKey, origin: str, *, valid_from: datetime, valid_until: datetime
) -> str:
    """A Domain Linkage Credential (JWT) by which ``key``'s DID claims ``origin``
    (``https://<host>``). Pure. Raises CredentialError without a P-256 key."""
    if key.jwt_private_key is None:
        raise CredentialError(f"{key.key_id} has no ES256 key for JWTs.")
    did = key.controller_did
    vc = {
        "@context": [VC_V1_CONTEXT, DID_CONFIGURATION_CONTEXT],
        "issuer": did,
        "issuanceDate": xsd_datetime(valid_from),
        "expirationDate": xsd_datetime(valid_until),
        "type": ["VerifiableCredential", "DomainLinkageCredential"],
        "credentialSubject": {"id": did, "origin": origin},
    }
    claims = {
        "iss": did,
        "sub": did,
        "nbf": int(valid_from.timestamp()),
        "iat": int(valid_from.timestamp()),
        "exp": int(valid_until.timestamp()),
        "vc": vc,
    }
    return jwt.encode(
        claims,
        key.jwt_private_key,
        algorithm="ES256",
        headers={"kid": key.jwt_key_id, "typ": "JWT"},
    )


def did_configuration_build(linked_dids: list[str]) -> dict:
    """The ``did-configuration.json`` resource holding the given linkage JWTs."""
    return {"@context": DID_CONFIGURATION_CONTEXT, "linked_dids": linked_dids}


def did_configuration_verify(
    configuration: dict, origin: str, resolve: Callable[[str], dict] = did_resolve
) -> list[str]:
    """The DIDs that ``configuration`` (fetched from ``origin``) validly links to
    that origin: signature by the DID's own published key, within its validity,
    issuer = subject, and the subject's ``origin`` equal to ``origin``. Items
    that fail are left out. Never raises for a bad item."""
    items = configuration.get("linked_dids") if isinstance(configuration, dict) else []
    linked = []
    for token in items if isinstance(items, list) else []:
        if not isinstance(token, str):
            continue  # the JSON-LD proof format is not supported
        try:
            result = credential_jwt_check(token, resolve)
        except CredentialError:
            continue
        vc = result.credential
        subject = vc.get("credentialSubject") or {}
        if (
            "DomainLinkageCredential" in (vc.get("type") or [])
            and subject.get("id") == vc.get("issuer") == result.controller
            and subject.get("origin", "").rstrip("/") == origin.rstrip("/")
        ):
            linked.append(result.controller)
    return linked
