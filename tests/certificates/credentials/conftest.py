import json
from pathlib import Path

import pytest

from certificates.credentials import multikey
from certificates.credentials.did import did_resolve
from certificates.credentials.exceptions import DidResolutionError
from certificates.credentials.keys import SigningKey

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
W3C = VECTORS / "w3c-vc-di-eddsa"
OB3 = VECTORS / "1edtech-validator"


def vector(path: str) -> dict:
    return json.loads((VECTORS / path).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _keys_dir(settings, tmp_path):
    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SITE_URL = "https://academy.example.org"
    settings.SIGNING_KEYS_AUTO_CREATE = True


@pytest.fixture
def w3c_key() -> SigningKey:
    """The W3C vc-di-eddsa test key pair, as a did:key SigningKey."""
    pair = json.loads((W3C / "keyPair.json").read_text())
    did = "did:key:" + pair["publicKeyMultibase"]
    return SigningKey(
        controller_did=did,
        key_id=f"{did}#{pair['publicKeyMultibase']}",
        private_key=multikey.ed25519_private_from_multibase(
            pair["privateKeyMultibase"]
        ),
    )


def vectors_resolve(controller_id: str) -> dict:
    """Resolver for the 1EdTech validator's test credentials, offline.

    Those credentials name keys as ``https://<issuer>#<Multikey>``; the validator
    reads the Ed25519 key from the fragment. This resolver builds the same controller
    document for each key the vector files use; DIDs go to the normal resolver.
    """
    if controller_id.startswith("did:"):
        return did_resolve(controller_id)
    methods = []
    for path in OB3.rglob("*.json"):
        for proof in _proofs(json.loads(path.read_text())):
            method = proof.get("verificationMethod", "")
            if isinstance(method, str) and method.startswith(controller_id + "#z6Mk"):
                fragment = method.split("#", 1)[1]
                try:
                    multikey.ed25519_public_from_multibase(fragment)
                except DidResolutionError:  # malformed on purpose in bad vectors
                    continue
                methods.append(
                    {
                        "id": method,
                        "type": "Multikey",
                        "controller": controller_id,
                        "publicKeyMultibase": fragment,
                    }
                )
    unique = list({m["id"]: m for m in methods}.values())
    return {
        "id": controller_id,
        "verificationMethod": unique,
        "assertionMethod": [m["id"] for m in unique],
    }


def _proofs(document):
    found = []
    if isinstance(document, dict):
        proof = document.get("proof")
        if isinstance(proof, dict):
            found.append(proof)
        elif isinstance(proof, list):
            found.extend(p for p in proof if isinstance(p, dict))
        for value in document.values():
            found.extend(_proofs(value))
    elif isinstance(document, list):
        for value in document:
            found.extend(_proofs(value))
    return found
