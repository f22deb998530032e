"""Signing keys of the platform and of partner offices, kept outside the repository.

Layout under ``settings.SIGNING_KEYS_DIR`` (env ``SIGNING_KEYS_DIR``, default
``var/keys/``), one directory per controller (``platform`` or ``office-<code>``)::

    platform/keys.json              public metadata of every key, current and retired
    platform/<fragment>.ed25519.pem Ed25519 private key (PKCS#8, mode 600)
    platform/<fragment>.p256.pem    P-256 private key for ES256 JWTs (mode 600)

An office that holds its own key registers only its public key: it has no PEM file
and the platform cannot sign for it. Retired keys stay listed so that credentials
signed with them still verify. Creating, rotating and registering take a file lock.

Several nodes read the same keys either from that directory mounted as a secret,
or from ``settings.SIGNING_KEYS`` (env ``SIGNING_KEYS``, or the file named by
``SIGNING_KEYS_FILE``): the same layout as one JSON object of relative path to
file content, ``{"platform/keys.json": "…", "platform/<fragment>.ed25519.pem":
"-----BEGIN…"}``, as ``signing_keys_export`` prints it (base64 of it accepted
too). Such keys are read in memory and never written to disk; they are created
and rotated where that secret is made, so every write is refused here.
"""

import base64
import binascii
import fcntl
import functools
import json
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from . import multikey
from .did import controller_did
from .exceptions import (
    CredentialError,
    SigningKeyMissingError,
    SigningKeyNotHeldError,
    SigningKeyWithdrawnError,
)

logger = logging.getLogger(__name__)

CONTROLLER_RE = re.compile(r"^(platform|office-[a-z0-9][a-z0-9_-]{0,49})$")
METADATA = "keys.json"


@dataclass(frozen=True)
class PublicKey:
    """A published verification key of a controller (current or retired)."""

    controller_did: str
    key_id: str
    public_key_multibase: str
    created_at: datetime
    retired: bool = False
    jwt_key_id: str | None = None
    jwt_public_jwk: dict | None = None
    held_by_controller: bool = False
    # From this moment on the key no longer signs: signatures made then or later
    # fail verification (a compromised key); earlier ones still verify.
    withdrawn_on: datetime | None = None
    withdrawal_reason: str = ""

    @property
    def fragment(self) -> str:
        return self.key_id.split("#", 1)[1]


@dataclass(frozen=True)
class SigningKey:
    """A private key the platform signs with: Ed25519 for Data Integrity proofs,
    optionally P-256 for ES256 JWTs. ``key_id`` is a DID URL with a fragment."""

    controller_did: str
    key_id: str
    private_key: Ed25519PrivateKey
    jwt_private_key: ec.EllipticCurvePrivateKey | None = None
    created_at: datetime | None = None
    retired: bool = False

    @property
    def public_key_multibase(self) -> str:
        return multikey.ed25519_public_multibase(self.private_key.public_key())

    @property
    def jwt_public_jwk(self) -> dict | None:
        if self.jwt_private_key is None:
            return None
        return multikey.p256_public_jwk(self.jwt_private_key.public_key())

    @property
    def jwt_key_id(self) -> str | None:
        jwk = self.jwt_public_jwk
        return f"{self.controller_did}#{multikey.jwk_thumbprint(jwk)}" if jwk else None

    def __repr__(self) -> str:  # never print private material
        return f"SigningKey(key_id={self.key_id!r}, retired={self.retired})"


# ---- paths and metadata ----


def keys_dir() -> Path:
    return Path(settings.SIGNING_KEYS_DIR)


def _store_name() -> str:
    return "SIGNING_KEYS" if _bundle() is not None else str(keys_dir())


def _controller_dir(controller: str) -> Path:
    if not CONTROLLER_RE.match(controller):
        raise CredentialError(
            f"Invalid key controller {controller!r}: use 'platform' or 'office-<code>'."
        )
    return keys_dir() / controller


def office_controller(code: str) -> str:
    """The key-store controller name of an office short code, e.g. ``office-cnipa``."""
    return f"office-{code.lower()}"


# ---- keys from a value (settings.SIGNING_KEYS) ----


@functools.cache
def _parse_bundle(value: str) -> dict[str, str]:
    text = value.strip()
    if text[:1] not in ("{", "["):
        try:
            text = base64.b64decode(text, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise CredentialError(
                "SIGNING_KEYS is neither a JSON object nor base64 of one."
            ) from exc
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CredentialError(f"SIGNING_KEYS is not valid JSON: {exc.msg}.") from exc
    if not isinstance(bundle, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in bundle.items()
    ):
        raise CredentialError(
            "SIGNING_KEYS must map each file's relative path to its content."
        )
    return bundle


def _bundle() -> dict[str, str] | None:
    """The key store given as a value, or None when keys live in SIGNING_KEYS_DIR."""
    value = getattr(settings, "SIGNING_KEYS", "")
    return _parse_bundle(value) if value else None


def _bundle_name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _exists(path: Path) -> bool:
    bundle = _bundle()
    return _bundle_name(path) in bundle if bundle is not None else path.exists()


def signing_keys_export() -> str:
    """The key store in SIGNING_KEYS_DIR as the JSON value SIGNING_KEYS takes:
    every controller's keys.json and private key files. Writes nothing."""
    bundle = {}
    for path in sorted(keys_dir().glob("*/*")):
        if CONTROLLER_RE.match(path.parent.name) and (
            path.name == METADATA or path.name.endswith(".pem")
        ):
            bundle[_bundle_name(path)] = path.read_text(encoding="utf-8")
    return json.dumps(bundle)


def _read_store(directory: Path) -> dict:
    path = directory / METADATA
    if not _exists(path):
        return {}
    bundle = _bundle()
    text = (
        bundle[_bundle_name(path)]
        if bundle is not None
        else path.read_text(encoding="utf-8")
    )
    return json.loads(text)


def _read_metadata(directory: Path) -> list[dict]:
    return _read_store(directory).get("keys", [])


def _write_metadata(
    directory: Path, controller: str, entries: list[dict], **extra
) -> None:
    store = {**_read_store(directory), **extra, "controller": controller}
    store["keys"] = entries
    store = {k: v for k, v in store.items() if v is not None}
    tmp = directory / f".{METADATA}.tmp"
    tmp.write_text(json.dumps(store, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, directory / METADATA)


def _write_private(path: Path, pem: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    path.chmod(0o600)


def _pem(private_key) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@contextmanager
def _locked(controller: str):
    if _bundle() is not None:
        raise CredentialError(
            "Signing keys come from SIGNING_KEYS, which this platform cannot "
            "change: create or rotate them with SIGNING_KEYS_DIR pointing at the "
            "key store, then export_signing_keys into the secret."
        )
    directory = _controller_dir(controller)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory.chmod(0o700)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield directory
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _entry_public(controller: str, entry: dict) -> PublicKey:
    did = controller_did(controller)
    jwk = entry.get("jwt_public_jwk")
    return PublicKey(
        controller_did=did,
        key_id=f"{did}#{entry['fragment']}",
        public_key_multibase=entry["public_key_multibase"],
        created_at=datetime.fromisoformat(entry["created_at"]),
        retired=entry["retired"],
        jwt_key_id=f"{did}#{multikey.jwk_thumbprint(jwk)}" if jwk else None,
        jwt_public_jwk=jwk,
        held_by_controller=not entry.get("private", False),
        withdrawn_on=(
            datetime.fromisoformat(entry["withdrawn_on"])
            if entry.get("withdrawn_on")
            else None
        ),
        withdrawal_reason=entry.get("withdrawal_reason", ""),
    )


def _read_private(path: Path) -> bytes:
    bundle = _bundle()
    if bundle is not None:
        try:
            return bundle[_bundle_name(path)].encode()
        except KeyError:
            raise FileNotFoundError(2, "not in SIGNING_KEYS", str(path)) from None
    if path.stat().st_mode & 0o077:
        logger.warning("Private key %s is readable by other users; chmod 600 it.", path)
    return path.read_bytes()


def _entry_signing(directory: Path, controller: str, entry: dict) -> SigningKey:
    fragment = entry["fragment"]
    private_key = serialization.load_pem_private_key(
        _read_private(directory / f"{fragment}.ed25519.pem"), password=None
    )
    jwt_path = directory / f"{fragment}.p256.pem"
    jwt_key = (
        serialization.load_pem_private_key(_read_private(jwt_path), password=None)
        if _exists(jwt_path)
        else None
    )
    did = controller_did(controller)
    return SigningKey(
        controller_did=did,
        key_id=f"{did}#{fragment}",
        private_key=private_key,
        jwt_private_key=jwt_key,
        created_at=datetime.fromisoformat(entry["created_at"]),
        retired=entry["retired"],
    )


def _current(entries: list[dict]) -> dict | None:
    current = [e for e in entries if not e["retired"]]
    return current[-1] if current else None


def _generate(directory: Path, controller: str, entries: list[dict]) -> SigningKey:
    private_key = Ed25519PrivateKey.generate()
    jwt_key = ec.generate_private_key(ec.SECP256R1())
    fragment = multikey.ed25519_public_multibase(private_key.public_key())
    _write_private(directory / f"{fragment}.ed25519.pem", _pem(private_key))
    _write_private(directory / f"{fragment}.p256.pem", _pem(jwt_key))
    for entry in entries:
        entry["retired"] = True
    entry = {
        "fragment": fragment,
        "public_key_multibase": fragment,
        "jwt_public_jwk": multikey.p256_public_jwk(jwt_key.public_key()),
        "created_at": _now().isoformat(),
        "retired": False,
        "private": True,
    }
    entries.append(entry)
    _write_metadata(directory, controller, entries)
    return _entry_signing(directory, controller, entry)


# ---- public API ----


def signing_key_create(controller: str = "platform") -> SigningKey:
    """Create the first signing key of a controller and return it.

    Writes the private keys (mode 600) and ``keys.json``. Raises CredentialError if
    the controller already has a current key (use signing_key_rotate). Not idempotent
    by design: a second call is an error, never a silent new key.
    """
    with _locked(controller) as directory:
        entries = _read_metadata(directory)
        if _current(entries):
            raise CredentialError(
                f"{controller} already has a signing key; rotate it instead."
            )
        return _generate(directory, controller, entries)


def signing_key_rotate(controller: str = "platform") -> SigningKey:
    """Create a new current key for a controller and retire the previous ones.

    Retired public keys stay published in the DID document, so credentials they
    signed still verify. Returns the new key.
    """
    with _locked(controller) as directory:
        return _generate(directory, controller, _read_metadata(directory))


def public_key_register(controller: str, public_key_multibase: str) -> PublicKey:
    """Register the public key of a controller that holds its own private key.

    The new key becomes current and earlier keys are retired. Raises
    DidResolutionError for a value that is not an Ed25519 Multikey. Idempotent:
    registering the current key again changes nothing.
    """
    multikey.ed25519_public_from_multibase(public_key_multibase)
    with _locked(controller) as directory:
        entries = _read_metadata(directory)
        current = _current(entries)
        if current and current["public_key_multibase"] == public_key_multibase:
            return _entry_public(controller, current)
        for entry in entries:
            entry["retired"] = True
        entry = {
            "fragment": public_key_multibase,
            "public_key_multibase": public_key_multibase,
            "jwt_public_jwk": None,
            "created_at": _now().isoformat(),
            "retired": False,
            "private": False,
        }
        entries.append(entry)
        _write_metadata(directory, controller, entries)
        return _entry_public(controller, entry)


def public_keys_list(controller: str = "platform") -> list[PublicKey]:
    """Every public key of a controller, oldest first (retired and current)."""
    entries = _read_metadata(_controller_dir(controller))
    return [_entry_public(controller, entry) for entry in entries]


def signing_key_get(controller: str = "platform") -> SigningKey:
    """The current signing key of a controller.

    When none exists and ``settings.SIGNING_KEYS_AUTO_CREATE`` is on (dev, tests,
    demo) a key is created; otherwise raises SigningKeyMissingError. Raises
    SigningKeyNotHeldError when the controller holds its own private key.
    """
    directory = _controller_dir(controller)
    current = _current(_read_metadata(directory))
    if current is None:
        if _bundle() is not None or not getattr(
            settings, "SIGNING_KEYS_AUTO_CREATE", False
        ):
            command = "create_signing_key"
            if controller != "platform":
                command += f" --office {controller.removeprefix('office-')}"
            raise SigningKeyMissingError(
                f"No signing key for {controller} in {_store_name()}. "
                f"Create one with `manage.py {command}`."
            )
        with _locked(controller) as directory:
            entries = _read_metadata(directory)
            current = _current(entries)
            if current is None:
                return _generate(directory, controller, entries)
    if current.get("withdrawn_on"):
        raise SigningKeyWithdrawnError(
            f"The current key of {controller} was withdrawn on "
            f"{current['withdrawn_on'][:10]}; rotate to a new key before signing."
        )
    if not current.get("private"):
        raise SigningKeyNotHeldError(
            f"{controller} holds its own private key; it signs outside the platform."
        )
    try:
        return _entry_signing(directory, controller, current)
    except FileNotFoundError as exc:
        raise SigningKeyMissingError(
            f"The private key of {controller}'s current key is missing "
            f"({exc.filename}). Restore it from backup, or rotate the key."
        ) from exc


def public_key_withdraw(
    controller: str, fragment: str, *, on: datetime, reason: str
) -> PublicKey:
    """Withdraw a key from ``on`` (a timezone-aware moment) on, e.g. when it is
    compromised: the DID document marks it ``revoked`` at that moment, signatures
    made then or later fail verification, earlier ones still verify, and the
    platform refuses to sign with it.

    Raises CredentialError for an unknown key. Idempotent: a withdrawn key keeps
    its first date and reason.
    """
    with _locked(controller) as directory:
        entries = _read_metadata(directory)
        entry = next((e for e in entries if e["fragment"] == fragment), None)
        if entry is None:
            raise CredentialError(f"{controller} has no key {fragment}.")
        if not entry.get("withdrawn_on"):
            entry["withdrawn_on"] = (
                on.astimezone(UTC).replace(microsecond=0).isoformat()
            )
            entry["withdrawal_reason"] = reason
            _write_metadata(directory, controller, entries)
        return _entry_public(controller, entry)


# ---- an office's own did:web ----


def controller_own_did(controller: str) -> str | None:
    """The DID a controller publishes on its own domain (e.g.
    ``did:web:ipo.example.gov``), or None when it uses the platform's default."""
    return _read_store(_controller_dir(controller)).get("did")


def controller_own_did_set(controller: str, did: str | None) -> None:
    """Sign under ``did`` from now on (None: back to the platform's default DID).
    Keys keep their material; their ids follow the DID."""
    with _locked(controller) as directory:
        # A None value drops the "did" entry (see _write_metadata).
        _write_metadata(directory, controller, _read_metadata(directory), did=did)


def controller_for_own_did(did: str) -> str | None:
    """The office controller that publishes ``did`` on its own domain, if any."""
    bundle = _bundle()
    if bundle is not None:
        names = [n.split("/")[0] for n in bundle if n.endswith(f"/{METADATA}")]
    else:
        names = [p.parent.name for p in keys_dir().glob(f"office-*/{METADATA}")]
    return next(
        (
            name
            for name in sorted(names)
            if CONTROLLER_RE.match(name) and controller_own_did(name) == did
        ),
        None,
    )
