"""Verification of Open Badges 3.0 credentials, usable with or without the platform.

``credential_verify`` runs the checks a relying party needs: schema, proof(s),
issuer binding (the key that signed belongs to the issuer), validity dates and the
Bitstring Status List entry. Every check is reported; ``report.valid`` is true only
when none failed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .dataintegrity import ProofCheck, proof_verify
from .did import did_resolve
from .exceptions import CredentialError, KeyWithdrawnError
from .fetch import fetch_json
from .schema import endorsement_schema_validate, schema_validate
from .statuslist import bit_get, bitstring_decode

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
# A problem worth showing that does not make the credential invalid (e.g. one
# co-signing office withdrew its endorsement).
WARNING = "warning"


@dataclass
class Check:
    """One check: ``name`` (schema, proof, issuer, validity, status, endorsements),
    ``status`` (passed/failed/skipped/warning), an English ``message`` for logs and
    the command line, and a stable ``code`` for user interfaces to translate."""

    name: str
    status: str
    message: str
    details: list[str] = field(default_factory=list)
    code: str = ""


@dataclass
class VerificationReport:
    """Outcome of every check, in order; ``valid`` when none failed."""

    checks: list[Check] = field(default_factory=list)
    proofs: list[ProofCheck] = field(default_factory=list)
    # (endorser id, report) for each embedded EndorsementCredential
    endorsements: list[tuple[str | None, "VerificationReport"]] = field(
        default_factory=list
    )

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(c.status != FAILED for c in self.checks)

    @property
    def revoked(self) -> bool:
        status = self.check("status")
        return bool(status and status.code == "revoked")

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def as_dict(self) -> dict:
        return {
            "valid": self.valid,
            "checks": [
                {
                    "name": c.name,
                    "status": c.status,
                    "message": c.message,
                    "details": c.details,
                    "code": c.code,
                }
                for c in self.checks
            ],
        }


def issuer_id(document: dict) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def parse_datetime(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def http_fetch_json(url: str) -> dict:
    return fetch_json(url, accept="application/vc+ld+json, application/json")


# ---- checks ----


def _schema_check(document: dict) -> Check:
    types = document.get("type") or []
    notes = []
    if "EndorsementCredential" in types:
        errors = endorsement_schema_validate(document)
        label = "EndorsementCredential structure"
    else:
        label = "Open Badges 3.0 schema"
        if isinstance(document.get("proof"), dict):
            # VC 2.0 allows a single proof object; the OB schema wants an array.
            # The signed data is the same either way, so read it as one element.
            document = {**document, "proof": [document["proof"]]}
            notes.append("proof is an object; read as a one-element array")
        errors = schema_validate(document)
    if errors:
        return Check("schema", FAILED, f"Does not match the {label}.", errors)
    return Check("schema", PASSED, f"Matches the {label}.", notes)


def proof_check(checks: list[ProofCheck]) -> Check:
    details = [
        f"{c.status}: {c.verification_method or '?'}"
        + (f" ({c.error})" if c.error else "")
        for c in checks
    ]
    if not checks:
        return Check("proof", FAILED, "The credential has no proof.", code="no_proof")
    withdrawn = next((c for c in checks if c.key_withdrawn), None)
    if withdrawn:
        return Check("proof", FAILED, withdrawn.error, details, code="key_withdrawn")
    if any(c.status == "failed" for c in checks):
        return Check(
            "proof", FAILED, "A proof does not verify.", details, code="proof_invalid"
        )
    if not any(c.verified for c in checks):
        return Check("proof", FAILED, "No proof of a supported type.", details)
    return Check("proof", PASSED, "Every supported proof verifies.", details)


def issuer_check(document: dict, checks: list[ProofCheck]) -> Check:
    issuer = issuer_id(document)
    verified = [c for c in checks if c.verified]
    if issuer is None:
        return Check("issuer", FAILED, "The credential names no issuer.")
    if not verified:
        return Check("issuer", FAILED, "No verified proof binds the issuer.")
    strangers = [c.controller for c in verified if c.controller != issuer]
    if strangers:
        return Check(
            "issuer",
            FAILED,
            f"Signed by a key of {strangers[0]}, not of the issuer {issuer}.",
            code="issuer_mismatch",
        )
    return Check("issuer", PASSED, f"Signed by the issuer {issuer}.")


def _validity_check(document: dict, now: datetime) -> Check:
    start_raw = document.get("validFrom", document.get("issuanceDate"))
    end_raw = document.get("validUntil", document.get("expirationDate"))
    start, end = parse_datetime(start_raw), parse_datetime(end_raw)
    if start_raw is not None and start is None:
        return Check("validity", FAILED, f"validFrom {start_raw!r} is not a date.")
    if end_raw is not None and end is None:
        return Check("validity", FAILED, f"validUntil {end_raw!r} is not a date.")
    if start and now < start:
        return Check(
            "validity", FAILED, f"Not valid before {start_raw}.", code="not_yet_valid"
        )
    if end and now >= end:
        return Check("validity", FAILED, f"Expired on {end_raw}.", code="expired")
    return Check("validity", PASSED, "Within its validity period.")


def _status_entry_check(entry: dict, document: dict, resolve, fetch, now) -> Check:
    purpose = entry.get("statusPurpose", "revocation")
    url = entry.get("statusListCredential")
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError):
        return Check("status", FAILED, "statusListIndex is not an integer.")
    if not isinstance(url, str):
        return Check("status", FAILED, "statusListCredential is missing.")
    if int(entry.get("statusSize", 1)) != 1:
        return Check("status", FAILED, "Multi-bit status entries are not supported.")
    try:
        status_list = fetch(url)
    except CredentialError as exc:
        return Check("status", FAILED, f"Could not fetch the status list: {exc}")
    list_checks = proof_verify(status_list, resolve)
    if not any(c.verified for c in list_checks) or any(
        c.status == "failed" for c in list_checks
    ):
        return Check("status", FAILED, "The status list's proof does not verify.")
    if issuer_id(status_list) != issuer_id(document):
        return Check("status", FAILED, "The status list has another issuer.")
    if not any(c.controller == issuer_id(status_list) for c in list_checks):
        return Check("status", FAILED, "The status list is not signed by its issuer.")
    if _validity_check(status_list, now).status == FAILED:
        return Check("status", FAILED, "The status list is out of date.")
    subject = status_list.get("credentialSubject") or {}
    if subject.get("statusPurpose", purpose) != purpose:
        return Check("status", FAILED, "The status list has another purpose.")
    try:
        is_set = bit_get(bitstring_decode(subject.get("encodedList")), index)
    except CredentialError as exc:
        return Check("status", FAILED, exc.message)
    word = {"revocation": "revoked", "suspension": "suspended"}.get(purpose, purpose)
    noun = "credential"
    if "EndorsementCredential" in (document.get("type") or []):
        noun = "endorsement"
        if purpose == "revocation":
            word = "withdrawn"  # an office takes back its endorsement
    if is_set:
        return Check(
            "status",
            FAILED,
            f"The {noun} is {word}.",
            [f"{url}#{index}"],
            code=word,
        )
    return Check("status", PASSED, f"Not {word} ({url}#{index}).")


def _status_check(document: dict, resolve, fetch, now) -> Check:
    entries = document.get("credentialStatus")
    if entries is None:
        return Check("status", SKIPPED, "The credential has no status entry.")
    entries = entries if isinstance(entries, list) else [entries]
    results = []
    for entry in entries:
        if (
            not isinstance(entry, dict)
            or entry.get("type") != "BitstringStatusListEntry"
        ):
            kind = entry.get("type") if isinstance(entry, dict) else entry
            results.append(Check("status", SKIPPED, f"Unsupported status type {kind}."))
            continue
        results.append(_status_entry_check(entry, document, resolve, fetch, now))
    failed = [r for r in results if r.status == FAILED]
    if failed:
        return _superseded_or(failed[0], document, fetch)
    passed = [r for r in results if r.status == PASSED]
    return passed[0] if passed else results[0]


def _superseded_or(check: Check, document: dict, fetch) -> Check:
    """A set revocation bit of a credential whose OB 3.0 ``refreshService`` now
    gives another credential means it was superseded, not revoked: say so and
    name the replacement. Any trouble reaching the service leaves ``check``."""
    service = document.get("refreshService")
    if check.code != "revoked" or not isinstance(service, dict):
        return check
    url = service.get("id")
    if not isinstance(url, str):
        return check
    try:
        current = fetch(url)
    except (CredentialError, ValueError):
        return check
    current_id = current.get("id") if isinstance(current, dict) else None
    if not isinstance(current_id, str) or current_id == document.get("id"):
        return check
    return Check(
        "status",
        FAILED,
        f"The credential was superseded by {current_id}.",
        [*check.details, f"current credential: {url}"],
        code="superseded",
    )


def credential_jwt_verify(
    token: str,
    *,
    resolve: Callable[[str], dict] = did_resolve,
    fetch_status: Callable[[str], dict] | None = None,
    now: datetime | None = None,
) -> VerificationReport:
    """Verify a credential JWT: the JWT signature replaces the embedded proof, the
    other checks are those of credential_verify. Never raises for a bad token."""
    from .vcjwt import credential_jwt_check

    now = now or datetime.now(UTC)
    try:
        result = credential_jwt_check(token, resolve)
    except KeyWithdrawnError as exc:
        check = Check("proof", FAILED, exc.message, code="key_withdrawn")
        return VerificationReport(checks=[check])
    except CredentialError as exc:
        return VerificationReport(checks=[Check("proof", FAILED, exc.message)])
    document = result.credential
    proof = ProofCheck(
        status="verified",
        verification_method=result.key_id,
        controller=result.controller,
        cryptosuite="jwt",
    )
    report = VerificationReport(
        proofs=[proof],
        checks=[
            _schema_check(document),
            Check("proof", PASSED, "The JWT signature verifies.", [result.key_id]),
            issuer_check(document, [proof]),
            _validity_check(document, now),
            _status_check(document, resolve, fetch_status or http_fetch_json, now),
        ],
    )
    _endorsements_add(report, document, resolve, fetch_status, now, 0)
    return report


def credential_verify(
    document: dict,
    *,
    resolve: Callable[[str], dict] = did_resolve,
    fetch_status: Callable[[str], dict] | None = None,
    now: datetime | None = None,
    _depth: int = 0,
) -> VerificationReport:
    """Verify a credential and report every check (schema, proof, issuer, validity,
    status, and its embedded endorsements if any).

    A failed endorsement is a warning, not a failure: an office withdrawing its
    endorsement does not invalidate the credential (revoking it does).

    ``resolve(controller_id)`` returns a DID/controller document (did:web over HTTPS,
    local keys for our own DIDs, did:key derived). ``fetch_status(url)`` returns the
    status list credential (default: HTTPS GET). Never raises for a bad credential.
    """
    now = now or datetime.now(UTC)
    report = VerificationReport()
    if not isinstance(document, dict):
        report.checks.append(Check("schema", FAILED, "Not a JSON object."))
        return report
    report.proofs = proof_verify(document, resolve)
    report.checks = [
        _schema_check(document),
        proof_check(report.proofs),
        issuer_check(document, report.proofs),
        _validity_check(document, now),
        _status_check(document, resolve, fetch_status or http_fetch_json, now),
    ]
    _endorsements_add(report, document, resolve, fetch_status, now, _depth)
    return report


def _endorsements_add(report, document, resolve, fetch_status, now, depth) -> None:
    """Verify the embedded endorsements (each a credential with its own proof and
    status) and add their summary check; the same for JSON and JWT forms."""
    items = document.get("endorsement")
    if not items or depth >= 1:
        return
    items = items if isinstance(items, list) else [items]
    report.endorsements = [
        (
            issuer_id(item) if isinstance(item, dict) else None,
            endorsement_report(
                item, document.get("id"), resolve, fetch_status, now, depth + 1
            ),
        )
        for item in items
    ]
    report.checks.append(_endorsements_check(report.endorsements))


def endorsement_report(
    endorsement, subject_id, resolve, fetch_status, now, _depth=1
) -> VerificationReport:
    """credential_verify for an endorsement, plus a check that it is about
    ``subject_id``."""
    report = credential_verify(
        endorsement,
        resolve=resolve,
        fetch_status=fetch_status,
        now=now,
        _depth=_depth,
    )
    subject = (
        endorsement.get("credentialSubject") if isinstance(endorsement, dict) else None
    ) or {}
    if subject_id and subject.get("id") == subject_id:
        report.checks.append(Check("subject", PASSED, f"Endorses {subject_id}."))
    else:
        report.checks.append(
            Check("subject", FAILED, f"Endorses {subject.get('id')}, not {subject_id}.")
        )
    return report


def _endorsements_check(results) -> Check:
    details = []
    withdrawn = 0
    for endorser, result in results:
        status = result.check("status")
        if result.valid:
            details.append(f"verified: {endorser}")
        elif status and status.code == "withdrawn":
            withdrawn += 1
            details.append(f"withdrawn: {endorser} (its office's status list)")
        else:
            failed = next(c for c in result.checks if c.status == FAILED)
            details.append(
                f"not verified: {endorser} ({failed.name}: {failed.message})"
            )
    good = sum(1 for _, result in results if result.valid)
    status = PASSED if good == len(results) else WARNING
    message = f"{good} of {len(results)} endorsements verify."
    if withdrawn:
        message += f" {withdrawn} withdrawn by the endorsing office."
    return Check(
        "endorsements",
        status,
        message,
        details,
        code="endorsement_withdrawn" if withdrawn else "",
    )
