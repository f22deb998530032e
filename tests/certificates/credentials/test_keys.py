import stat
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from certificates.credentials import keys
from certificates.credentials.exceptions import (
    CredentialError,
    DidResolutionError,
    SigningKeyMissingError,
    SigningKeyNotHeldError,
)


def test_first_use_creates_the_platform_key_with_private_files_mode_600(settings):
    key = keys.signing_key_get()

    directory = Path(settings.SIGNING_KEYS_DIR) / "platform"
    pems = sorted(directory.glob("*.pem"))
    assert len(pems) == 2
    for pem in pems:
        assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert key.key_id == f"did:web:academy.example.org#{key.public_key_multibase}"
    assert key.jwt_private_key is not None
    assert keys.signing_key_get().key_id == key.key_id  # stable on later calls


def test_repr_never_shows_private_material():
    key = keys.signing_key_get()
    assert "PrivateKey" not in repr(key)


def test_production_refuses_to_create_a_key_on_first_use(settings):
    settings.SIGNING_KEYS_AUTO_CREATE = False
    with pytest.raises(SigningKeyMissingError, match="create_signing_key"):
        keys.signing_key_get()
    with pytest.raises(SigningKeyMissingError, match="--office cnipa"):
        keys.signing_key_get("office-cnipa")


def test_rotation_keeps_old_public_keys_and_signs_with_the_new_one():
    first = keys.signing_key_get()
    second = keys.signing_key_rotate()

    listed = keys.public_keys_list()

    assert keys.signing_key_get().key_id == second.key_id != first.key_id
    assert [(k.key_id, k.retired) for k in listed] == [
        (first.key_id, True),
        (second.key_id, False),
    ]


def test_create_refuses_when_a_key_exists():
    keys.signing_key_create("office-cnipa")
    with pytest.raises(CredentialError, match="rotate"):
        keys.signing_key_create("office-cnipa")


def test_office_holding_its_own_key_registers_only_the_public_key(w3c_key):
    public = keys.public_key_register("office-ipos", w3c_key.public_key_multibase)

    assert public.held_by_controller
    assert public.key_id.startswith("did:web:academy.example.org:offices:ipos#z6Mk")
    with pytest.raises(SigningKeyNotHeldError):
        keys.signing_key_get("office-ipos")
    # Registering the same key again changes nothing.
    keys.public_key_register("office-ipos", w3c_key.public_key_multibase)
    assert len(keys.public_keys_list("office-ipos")) == 1


def test_register_rejects_a_value_that_is_not_an_ed25519_multikey():
    with pytest.raises(DidResolutionError):
        keys.public_key_register("office-ipos", "zNotAKey")


@pytest.mark.parametrize("controller", ["../etc", "office-", "office-A/B", "root"])
def test_controller_names_cannot_escape_the_key_directory(controller):
    with pytest.raises(CredentialError):
        keys.signing_key_get(controller)


@pytest.mark.django_db  # the key services write an audit entry
def test_commands_create_and_rotate_office_keys(capsys):
    call_command("create_signing_key", office="eapo")
    with pytest.raises(CommandError, match="rotate"):
        call_command("create_signing_key", office="eapo")
    call_command("rotate_signing_key", office="eapo")

    out = capsys.readouterr().out
    assert "did:web:academy.example.org:offices:eapo#z6Mk" in out
    assert "1 retired key(s) remain published" in out
    assert len(keys.public_keys_list("office-eapo")) == 2


def test_a_private_key_readable_by_others_is_reported(settings, caplog):
    keys.signing_key_get()
    for pem in (Path(settings.SIGNING_KEYS_DIR) / "platform").glob("*.pem"):
        pem.chmod(0o644)

    keys.signing_key_get()

    assert "readable by other users" in caplog.text


def test_register_public_key_command(capsys, w3c_key):
    call_command(
        "register_public_key", "--office", "ipos", w3c_key.public_key_multibase
    )
    assert "offices:ipos#z6Mk" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("register_public_key", "--office", "ipos", "not-a-key")


def test_a_missing_private_key_file_is_a_clear_error(settings):
    keys.signing_key_get()
    for pem in (Path(settings.SIGNING_KEYS_DIR) / "platform").glob("*.ed25519.pem"):
        pem.unlink()

    with pytest.raises(SigningKeyMissingError, match="Restore it from backup"):
        keys.signing_key_get()
