"""Multibase/multicodec encodings of public keys (Multikey) and JWK conversions."""

import base64
import hashlib
import json

import base58
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .exceptions import DidResolutionError

# multicodec varint prefixes: https://github.com/multiformats/multicodec
ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def ed25519_public_multibase(public_key: Ed25519PublicKey) -> str:
    """``z`` + base58btc(0xed 0x01 || 32-byte key), the Multikey form."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_PUB + raw).decode("ascii")


def ed25519_public_from_multibase(value: str) -> Ed25519PublicKey:
    """Decode a Multikey ``publicKeyMultibase``; raises DidResolutionError if not Ed25519."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise DidResolutionError("publicKeyMultibase must be base58btc ('z…').")
    try:
        raw = base58.b58decode(value[1:])
    except ValueError as exc:
        raise DidResolutionError("publicKeyMultibase is not valid base58.") from exc
    if len(raw) != 34 or not raw.startswith(ED25519_PUB):
        raise DidResolutionError("publicKeyMultibase is not an Ed25519 public key.")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def ed25519_private_from_multibase(value: str) -> Ed25519PrivateKey:
    """Decode a Multikey ``secretKeyMultibase``/``privateKeyMultibase`` (0x8026 seed)."""
    raw = base58.b58decode(value[1:])
    if not value.startswith("z") or len(raw) != 34 or not raw.startswith(ED25519_PRIV):
        raise ValueError("Not an Ed25519 private Multikey.")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def ed25519_public_jwk(public_key: Ed25519PublicKey) -> dict:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}


def p256_public_jwk(public_key: ec.EllipticCurvePublicKey) -> dict:
    numbers = public_key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }


def p256_public_from_jwk(jwk: dict) -> ec.EllipticCurvePublicKey:
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise DidResolutionError("Expected a P-256 JWK.")
    numbers = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64url_decode(jwk["x"]), "big"),
        int.from_bytes(b64url_decode(jwk["y"]), "big"),
        ec.SECP256R1(),
    )
    return numbers.public_key()


def ed25519_public_from_jwk(jwk: dict) -> Ed25519PublicKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise DidResolutionError("Expected an Ed25519 JWK.")
    return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))


def jwk_thumbprint(jwk: dict) -> str:
    """RFC 7638 SHA-256 thumbprint (base64url) of a public JWK."""
    members = {"EC": ("crv", "kty", "x", "y"), "OKP": ("crv", "kty", "x")}[jwk["kty"]]
    canonical = json.dumps(
        {m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True
    )
    return b64url(hashlib.sha256(canonical.encode()).digest())
