"""Retired keys keep verifying what they signed; a withdrawn (compromised) key
fails every signature made on or after its withdrawal date."""

from datetime import UTC, datetime, timedelta

import pytest

from certificates.credentials import keys
from certificates.credentials.dataintegrity import proof_add
from certificates.credentials.did import did_document
from certificates.credentials.exceptions import SigningKeyWithdrawnError
from certificates.credentials.vcjwt import credential_jwt_encode
from certificates.credentials.verify import credential_jwt_verify, credential_verify

from .factories import achievement_credential

WITHDRAWN_ON = datetime(2026, 3, 1, tzinfo=UTC)


def _signed(key, created: str, valid_from: str = "2026-01-15T00:00:00Z") -> dict:
    credential = achievement_credential(key.controller_did, valid_from=valid_from)
    return proof_add(credential, key, created=created)


def _withdraw(key, on=WITHDRAWN_ON):
    return keys.public_key_withdraw(
        "platform", key.key_id.split("#")[1], on=on, reason="Laptop stolen"
    )


def test_a_retired_key_still_verifies_what_it_signed():
    old = keys.signing_key_get()
    credential = _signed(old, "2026-01-15T10:00:00Z")

    keys.signing_key_rotate()

    assert keys.signing_key_get().key_id != old.key_id
    assert credential_verify(credential).check("proof").status == "passed"


def test_a_withdrawn_key_fails_what_it_signed_from_the_date_on():
    key = keys.signing_key_get()
    before = _signed(key, "2026-02-28T23:59:59Z")
    on_the_day = _signed(key, "2026-03-01T00:00:00Z")

    _withdraw(key)

    assert credential_verify(before).check("proof").status == "passed"
    proof = credential_verify(on_the_day).check("proof")
    assert proof.status == "failed"
    assert proof.code == "key_withdrawn"
    assert proof.message == "Signed with a key withdrawn on 2026-03-01."


def test_a_backdated_proof_still_fails_when_the_credential_is_valid_from_later():
    key = keys.signing_key_get()
    backdated = _signed(key, "2026-01-01T00:00:00Z", valid_from="2026-03-05T00:00:00Z")

    _withdraw(key)

    assert credential_verify(backdated).check("proof").code == "key_withdrawn"


def test_the_did_document_marks_both_methods_of_a_withdrawn_key_revoked():
    key = keys.signing_key_get()
    _withdraw(key)

    methods = did_document()["verificationMethod"]

    assert [m.get("revoked") for m in methods] == ["2026-03-01T00:00:00Z"] * 2
    assert {m["type"] for m in methods} == {"Multikey", "JsonWebKey"}
    assert did_document()["assertionMethod"] == [m["id"] for m in methods]


def test_a_jwt_signed_before_the_withdrawal_verifies():
    key = keys.signing_key_get()
    credential = achievement_credential(key.controller_did)
    token = credential_jwt_encode(credential, key)  # iat: now

    _withdraw(key, on=datetime.now(UTC) + timedelta(days=1))
    assert credential_jwt_verify(token).check("proof").status == "passed"


def test_a_jwt_signed_on_or_after_the_withdrawal_fails():
    key = keys.signing_key_get()
    token = credential_jwt_encode(achievement_credential(key.controller_did), key)

    _withdraw(key)

    proof = credential_jwt_verify(token).check("proof")
    assert (proof.status, proof.code) == ("failed", "key_withdrawn")
    assert "withdrawn on 2026-03-01" in proof.message


def test_signing_refuses_a_withdrawn_key_until_it_is_rotated():
    key = keys.signing_key_get()
    _withdraw(key)

    with pytest.raises(SigningKeyWithdrawnError, match="withdrawn on 2026-03-01"):
        keys.signing_key_get()

    assert keys.signing_key_rotate().key_id != key.key_id
    assert keys.signing_key_get().key_id != key.key_id


def test_withdrawing_again_keeps_the_first_date_and_reason():
    key = keys.signing_key_get()
    _withdraw(key)
    again = keys.public_key_withdraw(
        "platform", key.key_id.split("#")[1], on=datetime.now(UTC), reason="other"
    )
    assert (again.withdrawn_on, again.withdrawal_reason) == (
        WITHDRAWN_ON,
        "Laptop stolen",
    )
