"""Open Badges 3.0 credentials as JSON Web Tokens (ES256).

The OB 3.0 JWT proof format: header ``alg`` (ES256; verifiers such as the 1EdTech
validator accept only RS256 or ES256), ``kid`` (a DID URL of the issuer's key) and
``typ: JWT``; payload claims ``iss`` = issuer id, ``sub`` = credentialSubject.id,
``jti`` = credential id, ``nbf`` = validFrom, ``exp`` = validUntil if any, ``iat``
= when it was signed, and the credential (without embedded proof) in ``vc``.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

import jwt

from .did import did_resolve, key_withdrawal_error, verification_method_get
from .exceptions import CredentialError, DidResolutionError, KeyWithdrawnError
from .keys import SigningKey
from .verify import issuer_id, parse_datetime

ALGORITHMS = ["ES256", "RS256"]
JWT_CLAIMS = {"iss", "sub", "jti", "nbf", "exp", "iat", "aud"}


def _claims(credential: dict) -> dict:
    vc = {k: v for k, v in credential.items() if k != "proof"}
    claims = {"vc": vc, "iss": issuer_id(vc), "jti": vc.get("id")}
    subject = vc.get("credentialSubject")
    if isinstance(subject, dict) and subject.get("id"):
        claims["sub"] = subject["id"]
    start = parse_datetime(vc.get("validFrom"))
    if start:
        claims["nbf"] = int(start.timestamp())
    end = parse_datetime(vc.get("validUntil"))
    if end:
        claims["exp"] = int(end.timestamp())
    return {k: v for k, v in claims.items() if v is not None}


def credential_jwt_encode(credential: dict, key: SigningKey) -> str:
    """Sign a credential as an ES256 JWT with the key's P-256 key.

    Pure. Raises CredentialError when the key has no P-256 part. Any embedded proof
    is left out (the JWT signature is the proof).
    """
    if key.jwt_private_key is None:
        raise CredentialError(f"{key.key_id} has no ES256 key for JWTs.")
    return jwt.encode(
        {**_claims(credential), "iat": int(time.time())},
        key.jwt_private_key,
        algorithm="ES256",
        headers={"kid": key.jwt_key_id, "typ": "JWT"},
    )


@dataclass(frozen=True)
class JwtCheck:
    credential: dict
    key_id: str
    controller: str


def credential_jwt_check(
    token: str, resolve: Callable[[str], dict] = did_resolve, *, leeway: int = 60
) -> JwtCheck:
    """Verify a credential JWT and return its credential with the signing key's
    controller.

    Checks the signature with the issuer's published JWK (``kid``), the time claims
    (``nbf``/``exp``) and that ``iss``/``jti``/``sub`` match the credential. Raises
    CredentialError for anything wrong.
    """
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise CredentialError(f"Not a JWT: {exc}") from exc
    if header.get("alg") not in ALGORITHMS:
        raise CredentialError(f"Unsupported JWT algorithm {header.get('alg')!r}.")
    kid = header.get("kid")
    if not kid:
        raise CredentialError("The JWT header has no kid naming the issuer's key.")
    try:
        method = verification_method_get(kid, resolve, purpose="assertionMethod")
    except DidResolutionError as exc:
        raise CredentialError(exc.message) from exc
    if "publicKeyJwk" not in method:
        raise CredentialError(f"{kid} has no publicKeyJwk.")
    try:
        public_key = jwt.PyJWK(method["publicKeyJwk"], header["alg"]).key
        claims = jwt.decode(
            token,
            public_key,
            algorithms=[header["alg"]],
            leeway=leeway,
            options={"require": ["iss"], "verify_aud": False},
        )
    except jwt.PyJWTError as exc:
        raise CredentialError(f"The JWT does not verify: {exc}") from exc
    # The OB 3.0 examples wrap the credential in "vc"; VC 2.0 JOSE puts it at the top
    # level. Read both, write the former.
    vc = claims.get("vc")
    if vc is None and "@context" in claims:
        vc = {k: v for k, v in claims.items() if k not in JWT_CLAIMS}
    if not isinstance(vc, dict):
        raise CredentialError("The vc claim is not a credential.")
    expected = _claims(vc)
    for claim in ("iss", "jti", "sub"):
        if claims.get(claim) != expected.get(claim):
            raise CredentialError(f"The {claim} claim does not match the credential.")
    withdrawn = key_withdrawal_error(
        method, claims.get("iat", claims.get("nbf")), vc.get("validFrom")
    )
    if withdrawn:
        raise KeyWithdrawnError(withdrawn)
    return JwtCheck(credential=vc, key_id=kid, controller=method["controller"])


def credential_jwt_decode(
    token: str, resolve: Callable[[str], dict] = did_resolve
) -> dict:
    """The credential of a verified JWT (see credential_jwt_check)."""
    return credential_jwt_check(token, resolve).credential
