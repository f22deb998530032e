"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite.

https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022: the document (without proofs)
and the proof options (with the document's ``@context``) are each canonicalized with
RDFC-1.0 and hashed with SHA-256; the Ed25519 signature covers
``SHA-256(proof options) || SHA-256(document)``; ``proofValue`` is
``"z" + base58btc(signature)``. Proofs are written as an array; adding a proof to a
signed document makes a proof set (each proof signs the document without proofs).
"""

import copy
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import base58
from cryptography.exceptions import InvalidSignature
from pyld.jsonld import JsonLdError

from . import multikey
from .did import did_resolve, key_withdrawal_error, verification_method_get
from .exceptions import CredentialError
from .jsonld import canonicalize
from .keys import SigningKey
from .timestamps import xsd_datetime

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of checking one proof: ``verified``, ``failed`` or ``unsupported``."""

    status: str
    verification_method: str | None = None
    controller: str | None = None
    cryptosuite: str | None = None
    proof_purpose: str | None = None
    created: str | None = None
    error: str = ""
    # The signature matches, but the key was withdrawn before it was made.
    key_withdrawn: bool = False

    @property
    def verified(self) -> bool:
        return self.status == "verified"


def proofs_of(document: dict) -> list[dict]:
    """The document's proofs as a list (a single proof object is accepted)."""
    proof = document.get("proof")
    if proof is None:
        return []
    return list(proof) if isinstance(proof, list) else [proof]


def _timestamp(value: datetime | str | None) -> str:
    return xsd_datetime(datetime.now(UTC) if value is None else value)


_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
_PLACEHOLDER = "2000-01-01T00:00:00Z"
_TEMPLATE_KEYS = {
    "type",
    "cryptosuite",
    "created",
    "verificationMethod",
    "proofPurpose",
}


@lru_cache(maxsize=256)
def _proof_template(context_json: str, frozen_options: tuple) -> str | None:
    config = {**dict(frozen_options), "created": _PLACEHOLDER}
    config["@context"] = json.loads(context_json)
    canonical = canonicalize(config)
    literal = f'"{_PLACEHOLDER}"'
    return canonical if canonical.count(literal) == 1 else None


def _canonical_proof_options(unsecured: dict, options: dict) -> str:
    """Canonical proof options. For the usual five members the canonical form is
    the same but for the ``created`` literal (one blank node, lines ordered by
    predicate), so it is computed once per key and context and filled in: bulk
    signing then canonicalizes only the document."""
    created = options.get("created")
    if (
        set(options) == _TEMPLATE_KEYS
        and "@context" in unsecured
        and isinstance(created, str)
        and _TIMESTAMP.match(created)
    ):
        others = tuple(sorted((k, v) for k, v in options.items() if k != "created"))
        if all(isinstance(v, str) for _, v in others):
            template = _proof_template(
                json.dumps(unsecured["@context"], sort_keys=True), others
            )
            if template is not None:
                return template.replace(f'"{_PLACEHOLDER}"', f'"{created}"')
    config = dict(options)
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    return canonicalize(config)


def _hash_data(unsecured: dict, options: dict) -> bytes:
    proof_canonical = _canonical_proof_options(unsecured, options)
    proof_hash = hashlib.sha256(proof_canonical.encode("utf-8")).digest()
    doc_hash = hashlib.sha256(canonicalize(unsecured).encode("utf-8")).digest()
    return proof_hash + doc_hash


def signed_data(unsecured: dict, options: dict) -> bytes:
    """What an Ed25519 signature of an RDFC proof covers (eddsa-rdfc-2022 and the
    older Ed25519Signature2020 alike): the hashes of the canonical proof options
    and of the canonical document."""
    return _hash_data(unsecured, options)


def proof_add(
    document: dict,
    key: SigningKey,
    *,
    created: datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
    challenge: str | None = None,
    domain: str | None = None,
) -> dict:
    """Return a copy of ``document`` with an eddsa-rdfc-2022 DataIntegrityProof added.

    Existing proofs are kept (the result's ``proof`` is always an array). Pure: the
    input is not modified. ``challenge``/``domain`` go into the proof options (a
    holder's authentication proof). Raises CredentialError for a document without
    @context and ContextNotShippedError for an unknown context.
    """
    if "@context" not in document:
        raise CredentialError(
            "Only JSON-LD documents (with an @context) can be signed."
        )
    unsecured = copy.deepcopy(document)
    existing = proofs_of(unsecured)
    unsecured.pop("proof", None)
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created),
        "verificationMethod": key.key_id,
        "proofPurpose": proof_purpose,
    }
    options |= {
        k: v for k, v in (("challenge", challenge), ("domain", domain)) if v is not None
    }
    signature = key.private_key.sign(_hash_data(unsecured, options))
    proof = {**options, "proofValue": "z" + base58.b58encode(signature).decode()}
    return {**unsecured, "proof": [*existing, proof]}


def _decode_proof_value(value) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise CredentialError("proofValue must be base58btc ('z…').")
    try:
        signature = base58.b58decode(value[1:])
    except ValueError as exc:
        raise CredentialError("proofValue is not valid base58.") from exc
    if len(signature) != 64:
        raise CredentialError("proofValue is not a 64-byte Ed25519 signature.")
    return signature


def _check_one(
    unsecured: dict, proof: dict, all_proofs: list[dict], resolve, expected_purpose
) -> ProofCheck:
    info = {
        "verification_method": proof.get("verificationMethod"),
        "cryptosuite": proof.get("cryptosuite"),
        "proof_purpose": proof.get("proofPurpose"),
        "created": proof.get("created"),
    }
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return ProofCheck(
            status="unsupported",
            error=f"Unsupported proof {proof.get('type')}/{proof.get('cryptosuite')}.",
            **info,
        )
    if expected_purpose and proof.get("proofPurpose") != expected_purpose:
        return ProofCheck(
            status="failed", error=f"proofPurpose is not {expected_purpose}.", **info
        )
    try:
        method = verification_method_get(
            proof.get("verificationMethod"), resolve, purpose=proof.get("proofPurpose")
        )
        info["controller"] = method["controller"]
        if "publicKeyMultibase" in method:
            public_key = multikey.ed25519_public_from_multibase(
                method["publicKeyMultibase"]
            )
        else:
            public_key = multikey.ed25519_public_from_jwk(
                method.get("publicKeyJwk", {})
            )
        signature = _decode_proof_value(proof.get("proofValue"))
        options = {k: v for k, v in proof.items() if k != "proofValue"}
        proof_context = options.pop("@context", None)
        if proof_context is not None and proof_context != unsecured.get("@context"):
            raise CredentialError("The proof's @context differs from the document's.")
        target = unsecured
        previous = proof.get("previousProof")
        if previous:
            wanted = {previous} if isinstance(previous, str) else set(previous)
            chained = [p for p in all_proofs if p.get("id") in wanted]
            if len(chained) != len(wanted):
                raise CredentialError("A previousProof is missing.")
            target = {**unsecured, "proof": chained}
        public_key.verify(signature, _hash_data(target, options))
        withdrawn = key_withdrawal_error(
            method, proof.get("created"), unsecured.get("validFrom")
        )
        if withdrawn:
            return ProofCheck(
                status="failed", error=withdrawn, key_withdrawn=True, **info
            )
    except InvalidSignature:
        return ProofCheck(
            status="failed", error="The signature does not match.", **info
        )
    except (CredentialError, JsonLdError, KeyError, TypeError, ValueError) as exc:
        return ProofCheck(status="failed", error=str(exc), **info)
    return ProofCheck(status="verified", **info)


def proof_verify(
    document: dict,
    resolve: Callable[[str], dict] = did_resolve,
    *,
    proof_purpose: str = "assertionMethod",
) -> list[ProofCheck]:
    """Check every proof of a document; one ProofCheck per proof, in order.

    Keys are found with ``resolve(controller_id) -> controller document`` (DID
    resolution by default). Proofs of other types are reported ``unsupported``. Never
    raises for a bad proof: the failure is in the ProofCheck.
    """
    proofs = proofs_of(document)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return [
        _check_one(unsecured, proof, proofs, resolve, proof_purpose)
        if isinstance(proof, dict)
        else ProofCheck(status="failed", error="A proof must be an object.")
        for proof in proofs
    ]
