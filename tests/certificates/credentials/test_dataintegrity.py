import copy

import pytest

from certificates.credentials.dataintegrity import proof_add, proof_verify
from certificates.credentials.keys import signing_key_get

from .conftest import vector


def test_resigning_the_w3c_vector_reproduces_its_proof_value(w3c_key):
    signed = vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")
    unsigned = vector("w3c-vc-di-eddsa/unsigned.json")

    result = proof_add(unsigned, w3c_key, created=signed["proof"]["created"])

    assert isinstance(result["proof"], list)
    (proof,) = result["proof"]
    assert proof["proofValue"] == signed["proof"]["proofValue"]
    assert proof == signed["proof"]
    assert "proof" not in unsigned  # input untouched


def test_w3c_signed_vector_verifies(w3c_key):
    signed = vector("w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")
    (check,) = proof_verify(signed)
    assert check.verified, check.error
    assert check.controller == w3c_key.controller_did


def test_own_key_signs_and_verifies_through_our_did_document():
    key = signing_key_get()
    signed = proof_add(vector("w3c-vc-di-eddsa/unsigned.json"), key)

    (check,) = proof_verify(signed)

    assert check.verified, check.error
    assert check.verification_method == key.key_id
    assert check.controller == "did:web:academy.example.org"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.update(name="Another name"),
        lambda d: d["credentialSubject"].update(alumniOf="Elsewhere"),
        lambda d: d.update(validFrom="2024-01-01T00:00:00Z"),
        lambda d: d.update(extra="added"),
        lambda d: d["proof"][0].update(created="2030-01-01T00:00:00Z"),
        lambda d: d["proof"][0].update(proofPurpose="authentication"),
        lambda d: d["proof"][0].update(proofValue=d["proof"][0]["proofValue"][:-2]),
    ],
)
def test_any_change_fails_verification(w3c_key, tamper):
    signed = proof_add(vector("w3c-vc-di-eddsa/unsigned.json"), w3c_key)
    tampered = copy.deepcopy(signed)
    tamper(tampered)
    (check,) = proof_verify(tampered)
    assert check.status == "failed"


def test_adding_a_proof_keeps_existing_ones_and_both_verify(w3c_key):
    once = proof_add(vector("w3c-vc-di-eddsa/unsigned.json"), w3c_key)
    twice = proof_add(once, signing_key_get())

    checks = proof_verify(twice)

    assert len(twice["proof"]) == 2
    assert twice["proof"][0] == once["proof"][0]
    assert [c.status for c in checks] == ["verified", "verified"]


def test_unknown_proof_type_is_reported_unsupported():
    document = vector("1edtech-validator/simple-multiple-proofs.json")
    checks = proof_verify(document, resolve=lambda _id: {})
    assert checks[0].status == "unsupported"


@pytest.mark.parametrize(
    "name",
    [
        "signedProofSet1.json",
        "signedProofSet2.json",
        "signedProofChain1.json",
        "signedProofChain2.json",
    ],
)
def test_w3c_proof_sets_and_chains_verify(name):
    document = vector(f"w3c-vc-di-eddsa/proof-set-chain/{name}")
    checks = proof_verify(document)
    assert checks and all(c.verified for c in checks), checks


def test_a_chained_proof_fails_when_its_previous_proof_is_removed():
    document = vector("w3c-vc-di-eddsa/proof-set-chain/signedProofChain2.json")
    first, *rest = document["proof"]
    document["proof"] = rest
    referencing = [
        i for i, p in enumerate(rest) if first["id"] in str(p.get("previousProof"))
    ]
    checks = proof_verify(document)
    assert referencing
    assert all(checks[i].status == "failed" for i in referencing)


def test_a_document_without_context_cannot_be_signed(w3c_key):
    from certificates.credentials.exceptions import CredentialError

    with pytest.raises(CredentialError, match="@context"):
        proof_add({"id": "urn:uuid:1", "name": "x"}, w3c_key)


@pytest.mark.parametrize(
    "created", ["2023-02-24T23:36:38Z", "1999-12-31T23:59:59Z", "2026-11-25T09:00:00Z"]
)
def test_cached_proof_options_equal_a_full_canonicalization(w3c_key, created):
    from certificates.credentials.dataintegrity import _canonical_proof_options
    from certificates.credentials.jsonld import canonicalize

    document = vector("1edtech-validator/simple.json")
    document.pop("proof")
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": created,
        "verificationMethod": w3c_key.key_id,
        "proofPurpose": "assertionMethod",
    }

    expected = canonicalize({**options, "@context": document["@context"]})
    assert _canonical_proof_options(document, options) == expected
    assert created in expected
