import base64
import json
from datetime import UTC, datetime

import jwt
import pytest

from certificates.credentials.dataintegrity import proof_add
from certificates.credentials.exceptions import CredentialError
from certificates.credentials.keys import signing_key_get, signing_key_rotate
from certificates.credentials.vcjwt import credential_jwt_decode, credential_jwt_encode
from certificates.credentials.verify import credential_jwt_verify

from .factories import achievement_credential


def _part(token, index):
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_jwt_has_the_ob3_header_and_claims():
    key = signing_key_get()
    credential = proof_add(
        achievement_credential(
            key.controller_did,
            valid_from="2026-01-15T00:00:00Z",
            valid_until="2029-01-15T00:00:00Z",
        ),
        key,
    )

    token = credential_jwt_encode(credential, key)

    header, claims = _part(token, 0), _part(token, 1)
    assert header == {"alg": "ES256", "kid": key.jwt_key_id, "typ": "JWT"}
    assert claims["iss"] == key.controller_did
    assert claims["jti"] == credential["id"]
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["nbf"] == datetime(2026, 1, 15, tzinfo=UTC).timestamp()
    assert claims["exp"] == datetime(2029, 1, 15, tzinfo=UTC).timestamp()
    assert "proof" not in claims["vc"]
    assert credential_jwt_decode(token) == claims["vc"]


def test_jwt_verifies_through_the_did_document_after_rotation():
    key = signing_key_get()
    token = credential_jwt_encode(achievement_credential(key.controller_did), key)
    signing_key_rotate()

    report = credential_jwt_verify(token, fetch_status=None)

    assert report.valid, report.as_dict()


def test_tampered_or_foreign_jwts_are_refused():
    key = signing_key_get()
    token = credential_jwt_encode(achievement_credential(key.controller_did), key)
    header, payload, signature = token.split(".")
    claims = _part(token, 1)
    claims["vc"]["name"] = "Forged"
    forged_payload = (
        base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    )
    with pytest.raises(CredentialError, match="does not verify"):
        credential_jwt_decode(f"{header}.{forged_payload}.{signature}")

    other = signing_key_get("office-cnipa")
    foreign = jwt.encode(
        claims,
        other.jwt_private_key,
        algorithm="ES256",
        headers={"kid": key.jwt_key_id},
    )
    with pytest.raises(CredentialError, match="does not verify"):
        credential_jwt_decode(foreign)

    mismatched = credential_jwt_encode(achievement_credential(key.controller_did), key)
    claims = _part(mismatched, 1)
    claims["jti"] = "urn:uuid:another"
    resigned = jwt.encode(
        claims, key.jwt_private_key, algorithm="ES256", headers={"kid": key.jwt_key_id}
    )
    with pytest.raises(CredentialError, match="jti"):
        credential_jwt_decode(resigned)


def test_jwt_signed_with_an_office_key_does_not_bind_the_platform_issuer():
    platform = signing_key_get()
    office = signing_key_get("office-cnipa")
    token = credential_jwt_encode(
        achievement_credential(platform.controller_did), office
    )

    report = credential_jwt_verify(token)

    assert report.check("proof").status == "passed"
    assert report.check("issuer").status == "failed"


def test_expired_jwt_is_refused():
    key = signing_key_get()
    credential = achievement_credential(
        key.controller_did,
        valid_from="2020-01-01T00:00:00Z",
        valid_until="2021-01-01T00:00:00Z",
    )
    report = credential_jwt_verify(credential_jwt_encode(credential, key))
    assert not report.valid


def test_a_jwt_with_the_credential_at_the_top_level_is_read_too():
    key = signing_key_get()
    credential = achievement_credential(key.controller_did)
    claims = _part(credential_jwt_encode(credential, key), 1)
    flat = {**claims.pop("vc"), **claims}
    token = jwt.encode(
        flat, key.jwt_private_key, algorithm="ES256", headers={"kid": key.jwt_key_id}
    )

    assert credential_jwt_decode(token) == credential
