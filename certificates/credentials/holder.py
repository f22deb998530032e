"""A holder's proof of control of its DID, as wallets send it when they pick up
a credential. Pure: no ORM, no network for did:key.

- VC-API exchanges (the DCC Learner Credential Wallet): a DID Authentication
  verifiable presentation whose ``authentication`` proof carries the exchange's
  ``challenge`` and ``domain`` (eddsa-rdfc-2022, or Ed25519Signature2020 as the
  wallet's libraries write it).
- OpenID for Verifiable Credential Issuance 1.0: a ``jwt`` proof
  (``typ: openid4vci-proof+jwt``) with ``aud`` = the credential issuer, ``iat``
  and ``nonce``, keyed by a did:key ``kid`` or a public ``jwk``.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import jwt
from cryptography.exceptions import InvalidSignature

from . import multikey
from .dataintegrity import (
    _decode_proof_value,
    proof_verify,
    proofs_of,
    signed_data,
)
from .did import did_resolve, verification_method_get
from .exceptions import CredentialError, DidResolutionError

PROOF_JWT_TYPE = "openid4vci-proof+jwt"
PROOF_JWT_ALGORITHMS = ("EdDSA", "ES256")
PROOF_JWT_MAX_AGE = 300  # seconds an iat may lie in the past (or future skew)


class HolderProofError(CredentialError):
    """The holder's proof is missing or wrong; ``code`` names what (for the
    protocol's error response): ``challenge``, ``nonce`` or ``proof``."""

    def __init__(self, message: str, code: str = "proof"):
        super().__init__(message)
        self.code = code


def did_key_of(public_key) -> str:
    """The ``did:key`` of an Ed25519 public key."""
    return "did:key:" + multikey.ed25519_public_multibase(public_key)


def _ed25519_2020_verify(unsecured: dict, proof: dict, resolve) -> str:
    """Check an Ed25519Signature2020 proof (authentication); the signer's DID."""
    method = verification_method_get(
        proof.get("verificationMethod"), resolve, purpose="authentication"
    )
    public_key = multikey.ed25519_public_from_multibase(method["publicKeyMultibase"])
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        public_key.verify(
            _decode_proof_value(proof.get("proofValue")),
            signed_data(unsecured, options),
        )
    except InvalidSignature as exc:
        raise HolderProofError("The presentation's signature does not match.") from exc
    return method["controller"]


def presentation_holder(
    presentation,
    *,
    challenge: str,
    domain: str,
    resolve: Callable[[str], dict] = did_resolve,
) -> str:
    """The DID that signed a DID Authentication presentation for this
    ``challenge`` and ``domain``. Raises HolderProofError (``code="challenge"``
    when the proof answers another challenge or domain)."""
    if not isinstance(presentation, dict):
        raise HolderProofError("The verifiable presentation is not a JSON object.")
    types = presentation.get("type")
    types = [types] if isinstance(types, str) else types or []
    if "VerifiablePresentation" not in types:
        raise HolderProofError("The document is not a VerifiablePresentation.")
    holder = presentation.get("holder")
    holder = holder.get("id") if isinstance(holder, dict) else holder
    if not isinstance(holder, str) or not holder.startswith("did:key:"):
        raise HolderProofError("The presentation's holder must be a did:key.")
    proofs = [p for p in proofs_of(presentation) if isinstance(p, dict)]
    if len(proofs) != 1:
        raise HolderProofError("The presentation needs exactly one proof.")
    proof = proofs[0]
    if proof.get("challenge") != challenge or proof.get("domain") != domain:
        raise HolderProofError(
            "The proof does not answer this exchange's challenge.", code="challenge"
        )
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or method.split("#", 1)[0] != holder:
        # Checked before resolving anything: only the holder's own did:key.
        raise HolderProofError("The proof was not made by the presentation's holder.")
    if proof.get("proofPurpose") != "authentication":
        raise HolderProofError("The proof's purpose must be authentication.")
    try:
        if proof.get("type") == "Ed25519Signature2020":
            unsecured = {k: v for k, v in presentation.items() if k != "proof"}
            controller = _ed25519_2020_verify(unsecured, proof, resolve)
        else:
            (check,) = proof_verify(
                presentation, resolve, proof_purpose="authentication"
            )
            if not check.verified:
                raise HolderProofError(check.error or "The proof does not verify.")
            controller = check.controller
    except HolderProofError:
        raise
    except (CredentialError, KeyError, TypeError, ValueError) as exc:
        raise HolderProofError(f"The proof does not verify: {exc}") from exc
    if controller != holder:
        raise HolderProofError("The proof was not made by the presentation's holder.")
    return holder


@dataclass(frozen=True)
class ProofOfPossession:
    did: str
    nonce: str


def _jwk_key_and_did(jwk) -> tuple[object, str]:
    if not isinstance(jwk, dict) or "d" in jwk:
        raise HolderProofError("The jwk header must be a public key.")
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        public_key = multikey.ed25519_public_from_jwk(jwk)
        return public_key, did_key_of(public_key)
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        public = {m: jwk[m] for m in ("kty", "crv", "x", "y")}
        encoded = json.dumps(public, separators=(",", ":"), sort_keys=True)
        return (
            multikey.p256_public_from_jwk(public),
            "did:jwk:" + multikey.b64url(encoded.encode()),
        )
    raise HolderProofError("The jwk must be an Ed25519 or P-256 public key.")


def _kid_key_and_did(kid: str, resolve) -> tuple[object, str]:
    if not kid.startswith("did:key:"):
        raise HolderProofError("The kid must be a did:key URL.")
    method = verification_method_get(kid, resolve)
    return (
        multikey.ed25519_public_from_multibase(method["publicKeyMultibase"]),
        method["controller"],
    )


def proof_jwt_holder(
    token,
    *,
    audience: str,
    resolve: Callable[[str], dict] = did_resolve,
    now: float | None = None,
) -> ProofOfPossession:
    """The DID of the key that signed an OID4VCI ``jwt`` proof, and the proof's
    nonce (for the caller to check). Raises HolderProofError."""
    if not isinstance(token, str):
        raise HolderProofError("The jwt proof must be a string.")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise HolderProofError(f"The proof is not a JWT: {exc}") from exc
    if header.get("typ") != PROOF_JWT_TYPE:
        raise HolderProofError(f"The proof's typ must be {PROOF_JWT_TYPE}.")
    alg = header.get("alg")
    if alg not in PROOF_JWT_ALGORITHMS:
        raise HolderProofError(f"Unsupported proof algorithm {alg!r}.")
    if ("kid" in header) == ("jwk" in header):
        raise HolderProofError("The proof names its key by either kid or jwk.")
    try:
        if "jwk" in header:
            public_key, did = _jwk_key_and_did(header["jwk"])
        else:
            public_key, did = _kid_key_and_did(str(header["kid"]), resolve)
    except (DidResolutionError, KeyError, ValueError) as exc:
        raise HolderProofError(f"The proof's key cannot be read: {exc}") from exc
    try:
        claims = jwt.decode(
            token,
            public_key,
            algorithms=[alg],
            audience=audience,
            leeway=PROOF_JWT_MAX_AGE,
            options={"require": ["aud", "iat"]},
        )
    except jwt.PyJWTError as exc:
        raise HolderProofError(f"The proof does not verify: {exc}") from exc
    issued = claims.get("iat")
    if abs((now or time.time()) - issued) > PROOF_JWT_MAX_AGE:
        raise HolderProofError("The proof was not made just now (iat).")
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise HolderProofError("The proof has no nonce.", code="nonce")
    return ProofOfPossession(did=did, nonce=nonce)
