import pytest

from certificates.credentials import keys
from certificates.credentials.did import (
    did_resolve,
    did_web_url,
    office_did,
    platform_did,
    verification_method_get,
)
from certificates.credentials.exceptions import DidResolutionError


def test_platform_and_office_dids_come_from_site_url(settings):
    assert platform_did() == "did:web:academy.example.org"
    assert office_did("CNIPA") == "did:web:academy.example.org:offices:cnipa"
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert platform_did() == "did:web:127.0.0.1%3A8000"


def test_did_web_urls():
    assert did_web_url("did:web:academy.example.org") == (
        "https://academy.example.org/.well-known/did.json"
    )
    assert did_web_url("did:web:localhost%3A8443:offices:cnipa") == (
        "https://localhost:8443/offices/cnipa/did.json"
    )


def test_did_document_lists_current_and_retired_keys_as_multikey_and_jwk():
    old = keys.signing_key_get()
    new = keys.signing_key_rotate()

    document = did_resolve(platform_did())

    methods = {m["id"]: m for m in document["verificationMethod"]}
    assert set(methods) == {old.key_id, old.jwt_key_id, new.key_id, new.jwt_key_id}
    assert methods[old.key_id]["type"] == "Multikey"
    assert methods[old.key_id]["publicKeyMultibase"] == old.public_key_multibase
    assert methods[new.jwt_key_id]["type"] == "JsonWebKey"
    assert methods[new.jwt_key_id]["publicKeyJwk"]["crv"] == "P-256"
    assert "d" not in methods[new.jwt_key_id]["publicKeyJwk"]
    assert set(document["assertionMethod"]) == set(methods)


def test_foreign_did_web_is_fetched_over_https():
    seen = []
    document = {"id": "did:web:issuer.example.net", "verificationMethod": []}

    def fetch(url):
        seen.append(url)
        return document

    assert did_resolve("did:web:issuer.example.net", fetch=fetch) == document
    assert seen == ["https://issuer.example.net/.well-known/did.json"]
    with pytest.raises(DidResolutionError, match="another id"):
        did_resolve("did:web:other.example.net", fetch=fetch)


def test_did_key_resolves_offline(w3c_key):
    method = verification_method_get(w3c_key.key_id, purpose="assertionMethod")
    assert method["publicKeyMultibase"] == w3c_key.public_key_multibase
    assert method["controller"] == w3c_key.controller_did


@pytest.mark.parametrize(
    "method_id", ["z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "did:example:1#k"]
)
def test_unresolvable_methods_are_errors(method_id):
    with pytest.raises(DidResolutionError):
        verification_method_get(method_id)


def test_method_not_authorized_for_the_purpose_is_refused():
    document = {
        "id": "did:example:x",
        "verificationMethod": [
            {"id": "#k", "type": "Multikey", "publicKeyMultibase": "z6Mk"}
        ],
        "assertionMethod": [],
    }
    with pytest.raises(DidResolutionError, match="not authorized"):
        verification_method_get(
            "did:example:x#k", lambda _did: document, purpose="assertionMethod"
        )
