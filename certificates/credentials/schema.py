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
    """Schema violations of an OB 3.0 EndorsementCredential.

    Uses the ``EndorsementCredential`` definition inside the official schema (the
    one the ``endorsement`` property of an achievement credential refers to).
    """
    errors = sorted(
        _endorsement_validator().iter_errors(credential), key=lambda e: list(e.path)
    )
    return [f"{error.json_path}: {error.message}" for error in errors]


@cache
def _endorsement_validator() -> Draft201909Validator:
    full = json.loads(
        (SCHEMAS_DIR / ACHIEVEMENT_CREDENTIAL_SCHEMA).read_text(encoding="utf-8")
    )
    schema = {
        "$schema": full["$schema"],
        "$defs": full["$defs"],
        "$ref": "#/$defs/EndorsementCredential",
    }
    return Draft201909Validator(
        schema, format_checker=Draft201909Validator.FORMAT_CHECKER
    )
