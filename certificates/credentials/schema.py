"""Validation against the official Open Badges 3.0 JSON Schema (draft 2019-09)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft201909Validator

SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
ACHIEVEMENT_CREDENTIAL_SCHEMA = "ob_v3p0_achievementcredential_schema.json"


@cache
def _validator(name: str) -> Draft201909Validator:
    schema = json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8"))
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(
        schema, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


def schema_validate(
    credential: dict, schema: str = ACHIEVEMENT_CREDENTIAL_SCHEMA
) -> list[str]:
    """Every schema violation of a credential as ``"<json path>: <message>"``.

    An empty list means the credential is valid. Pure, never raises for bad input.
    """
    errors = sorted(
        _validator(schema).iter_errors(credential), key=lambda e: list(e.path)
    )
    return [f"{error.json_path}: {error.message}" for error in errors]


def endorsement_schema_validate(credential: dict) -> list[str]:
    """Structural checks of an OB 3.0 EndorsementCredential.

    The official endorsement JSON Schema is not shipped, so this checks the members
    the specification requires: contexts, id, types, issuer profile, validFrom,
    an EndorsementSubject with an id, and ``proof`` as an array.
    """
    errors = []
    context = credential.get("@context")
    if not (
        isinstance(context, list)
        and len(context) >= 2
        and context[0] == "https://www.w3.org/ns/credentials/v2"
        and str(context[1]).startswith("https://purl.imsglobal.org/spec/ob/v3p0/")
    ):
        errors.append("$.@context: must start with the VC 2.0 and OB 3.0 contexts")
    if not isinstance(credential.get("id"), str):
        errors.append("$.id: required string")
    types = credential.get("type")
    if not (isinstance(types, list) and "EndorsementCredential" in types):
        errors.append("$.type: must be an array containing 'EndorsementCredential'")
    issuer = credential.get("issuer")
    if not (
        isinstance(issuer, dict)
        and isinstance(issuer.get("id"), str)
        and isinstance(issuer.get("type"), list)
        and "Profile" in issuer["type"]
    ):
        errors.append("$.issuer: must be a Profile with an id and a type array")
    if not isinstance(credential.get("validFrom"), str):
        errors.append("$.validFrom: required")
    subject = credential.get("credentialSubject")
    if not (
        isinstance(subject, dict)
        and isinstance(subject.get("id"), str)
        and isinstance(subject.get("type"), list)
        and "EndorsementSubject" in subject["type"]
    ):
        errors.append("$.credentialSubject: must be an EndorsementSubject with an id")
    if "proof" in credential and not isinstance(credential["proof"], list):
        errors.append("$.proof: must be an array")
    return errors
