"""Signing keys given as one value (SIGNING_KEYS, e.g. from a secret manager):
a node with no key files signs with the same keys, writes none, and refuses
to create or rotate keys of its own."""

import base64
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from certificates.credentials import keys
from certificates.credentials.dataintegrity import proof_add, proof_verify
from certificates.credentials.did import did_document
from certificates.credentials.exceptions import (
    CredentialError,
    SigningKeyMissingError,
)


@pytest.fixture
def exported(settings, capsys):
    """The key store of a first node (platform and one office), as exported."""
    platform = keys.signing_key_get()
    office = keys.signing_key_get("office-cnipa")
    call_command("export_signing_keys")
    value = capsys.readouterr().out.strip()
    return {"value": value, "platform": platform, "office": office}


@pytest.fixture
def other_node(settings, tmp_path, exported):
    """A node that has only the value: its SIGNING_KEYS_DIR does not exist."""
    settings.SIGNING_KEYS_DIR = str(tmp_path / "nothing-here")
    settings.SIGNING_KEYS = exported["value"]
    return Path(settings.SIGNING_KEYS_DIR)


def test_a_node_with_only_the_value_signs_with_the_same_keys(exported, other_node):
    platform = keys.signing_key_get()
    office = keys.signing_key_get("office-cnipa")

    assert platform.key_id == exported["platform"].key_id
    assert office.key_id == exported["office"].key_id
    assert platform.jwt_private_key is not None
    signed = proof_add({"@context": [], "id": "urn:x"}, platform)
    [check] = proof_verify(signed, resolve=lambda did: did_document("platform"))
    assert check.status == "verified"
    ids = [method["id"] for method in did_document("platform")["verificationMethod"]]
    assert platform.key_id in ids
    assert not other_node.exists()  # nothing written to the node's disk


def test_the_value_may_be_base64(settings, exported, other_node):
    settings.SIGNING_KEYS = base64.b64encode(exported["value"].encode()).decode()
    assert keys.signing_key_get().key_id == exported["platform"].key_id


def test_keys_from_a_value_are_never_created_or_rotated_here(settings, other_node):
    assert settings.SIGNING_KEYS_AUTO_CREATE  # even where first use would create
    with pytest.raises(SigningKeyMissingError, match="No signing key for office-ipos"):
        keys.signing_key_get("office-ipos")
    with pytest.raises(CredentialError, match="export_signing_keys"):
        keys.signing_key_rotate()
    assert not other_node.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not json at all", "neither a JSON object nor base64"),
        ('{"platform/keys.json": ', "not valid JSON"),
        (json.dumps(["platform"]), "relative path to its content"),
    ],
)
def test_a_malformed_value_is_a_clear_error(settings, value, message):
    settings.SIGNING_KEYS = value
    with pytest.raises(CredentialError, match=message):
        keys.signing_key_get()
