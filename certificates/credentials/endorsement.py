"""Jointly issued credentials: co-organizing offices endorse an achievement credential.

Each office issues an Open Badges 3.0 ``EndorsementCredential`` whose subject is the
achievement credential (``credentialSubject.id`` = the credential's id), signed with
the office's own key (``did:web:<host>:offices:<code>``). The achievement credential
lists them in ``endorsement``. Because endorsements name the credential by id, the
platform can re-sign the credential after attaching them.

Offices holding their own key sign exported batches with
``python -m certificates.credentials.offline_sign`` (see docs/credentials.md).
"""

import copy
import uuid
from collections.abc import Callable
from datetime import datetime

from .dataintegrity import proof_add, proof_verify
from .did import did_resolve
from .jsonld import CREDENTIALS_V2, OB_V3P0
from .keys import SigningKey
from .timestamps import xsd_datetime
from .verify import (
    FAILED,
    PASSED,
    Check,
    VerificationReport,
    endorsement_report,
    http_fetch_json,
    issuer_check,
    issuer_id,
    proof_check,
)

# Namespace for deterministic endorsement ids: one id per (credential, office), so
# exporting the same batch twice yields the same unsigned credentials.
ENDORSEMENT_NAMESPACE = uuid.UUID("6f0c2f1e-4a7b-5d0e-9c3a-2b8e51d7a9c4")


def endorsement_id(subject_credential_id: str, office_did: str) -> str:
    """The stable ``urn:uuid`` of an office's endorsement of a credential."""
    name = f"{subject_credential_id} {office_did}"
    return f"urn:uuid:{uuid.uuid5(ENDORSEMENT_NAMESPACE, name)}"


def endorsement_build(
    *,
    subject_credential: dict,
    office_did: str,
    office_name: str,
    comment: str,
    valid_from: datetime | str,
    credential_status: dict | None = None,
) -> dict:
    """An unsigned EndorsementCredential by an office about an achievement credential.

    Sign it with ``proof_add(endorsement, office_key)`` or offline. Pure. The id is
    deterministic per (credential, office), so rebuilding is idempotent.
    ``credential_status`` (a BitstringStatusListEntry) lets the office's withdrawal
    show to verifiers.
    """
    endorsement = {
        "@context": [CREDENTIALS_V2, OB_V3P0],
        "id": endorsement_id(subject_credential["id"], office_did),
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"Endorsement by {office_name}",
        "issuer": {"id": office_did, "type": ["Profile"], "name": office_name},
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": subject_credential["id"],
            "type": ["EndorsementSubject"],
            "endorsementComment": comment,
        },
    }
    if credential_status:
        endorsement["credentialStatus"] = credential_status
    return endorsement


def endorsement_sign(endorsement: dict, key: SigningKey, **kwargs) -> dict:
    """Sign an endorsement with an office key (a named proof_add). Pure."""
    return proof_add(endorsement, key, **kwargs)


def credential_endorsements_attach(credential: dict, endorsements: list[dict]) -> dict:
    """A copy of the credential listing the signed endorsements, WITHOUT its proof.

    The caller re-signs it (``proof_add``) with the issuer's key. Endorsements are
    ordered by issuer id so re-attaching the same set gives the same document.
    """
    result = copy.deepcopy(credential)
    result.pop("proof", None)
    result["endorsement"] = sorted(
        copy.deepcopy(endorsements), key=lambda e: (e["issuer"]["id"], e["id"])
    )
    return result


def endorsement_verify(
    endorsement: dict,
    subject_credential: dict | str,
    resolve: Callable[[str], dict] = did_resolve,
    *,
    fetch_status: Callable[[str], dict] | None = None,
    expected_issuer: str | None = None,
    now: datetime | None = None,
) -> VerificationReport:
    """Verify an endorsement without any platform service.

    Checks the endorsement schema, its proof against the office's DID document, that
    the signing key belongs to the endorsement's issuer (and, if given, that the
    issuer is ``expected_issuer``), its validity dates, its status entry if any,
    and that its subject is ``subject_credential`` (a credential or its id).
    """
    subject_id = (
        subject_credential
        if isinstance(subject_credential, str)
        else subject_credential.get("id")
    )
    report = endorsement_report(endorsement, subject_id, resolve, fetch_status, now)
    if expected_issuer is not None:
        report.checks.append(_endorser_check(endorsement, expected_issuer))
    return report


def _endorser_check(document: dict, expected_issuer: str) -> Check:
    issuer = issuer_id(document)
    ok = issuer == expected_issuer
    return Check(
        "endorser",
        PASSED if ok else FAILED,
        f"Issued by {issuer}" + ("." if ok else f", expected {expected_issuer}."),
    )


def _status_list_report(document: dict, resolve, expected_issuer: str):
    """Proof and issuer of an office's signed BitstringStatusListCredential."""
    proofs = proof_verify(document, resolve)
    return VerificationReport(
        proofs=proofs,
        checks=[
            proof_check(proofs),
            issuer_check(document, proofs),
            _endorser_check(document, expected_issuer),
        ],
    )


def signed_batch_check(
    signed: list[dict],
    exported: list[dict],
    *,
    office_did: str,
    resolve: Callable[[str], dict] = did_resolve,
    fetch_status: Callable[[str], dict] | None = None,
) -> list[tuple[dict, VerificationReport]]:
    """Check endorsements an office signed offline against the batch it was given.

    Each signed endorsement (or status list of the office's) must be exactly an
    exported one plus a verified proof by ``office_did``. Returns (signed endorsement, report) pairs, in order; nothing is
    stored here. Unknown or altered endorsements get a failed ``batch`` check.
    An endorsement's status is read from the signed list in the same batch when
    there is one, else with ``fetch_status`` (default: HTTPS).
    """
    by_id = {item["id"]: item for item in exported}
    lists_in_batch = {
        item.get("id"): item
        for item in signed
        if "BitstringStatusListCredential" in (item.get("type") or [])
    }

    def fetch(url: str) -> dict:
        if url in lists_in_batch:
            return lists_in_batch[url]
        return (fetch_status or http_fetch_json)(url)

    results = []
    for item in signed:
        original = by_id.get(item.get("id"))
        if "BitstringStatusListCredential" in (item.get("type") or []):
            report = _status_list_report(item, resolve, office_did)
        else:
            report = endorsement_verify(
                item,
                (original or item).get("credentialSubject", {}).get("id", ""),
                resolve,
                fetch_status=fetch,
                expected_issuer=office_did,
            )
        unsigned = {k: v for k, v in item.items() if k != "proof"}
        if original is None:
            report.checks.append(Check("batch", FAILED, "Not in the exported batch."))
        elif unsigned != original:
            report.checks.append(
                Check("batch", FAILED, "Changed after export; refused.")
            )
        else:
            report.checks.append(Check("batch", PASSED, "Matches the exported batch."))
        results.append((item, report))
    return results
