"""Sign a batch of endorsements with an office's own key, away from the platform.

For offices that keep their private key themselves (see docs/credentials.md)::

    # once: make a key pair; register the printed public key with the platform
    python -m certificates.credentials.offline_sign --keygen office-key.pem

    # for each batch exported by the platform
    python -m certificates.credentials.offline_sign --key office-key.pem \\
        BATCH.json > SIGNED.json

BATCH.json is the JSON list of unsigned EndorsementCredentials the platform exported;
SIGNED.json is the same list, each with an eddsa-rdfc-2022 proof by the office's
key (``<issuer id>#<public key multibase>``). Only EndorsementCredentials issued in
the office's name are signed; anything else stops the run. Needs no database, no
settings and no network (the JSON-LD contexts ship with the code).
"""

import argparse
import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)


def _configure_django() -> None:
    # The toolkit reads Django settings only for the platform's own key store,
    # which this tool never uses; minimal settings keep imports working anywhere.
    from django.conf import settings

    if not settings.configured:
        settings.configure(SITE_URL="https://localhost", SIGNING_KEYS_DIR="")


def keygen(path: Path) -> str:
    """Write a new Ed25519 private key (PKCS#8 PEM, mode 600); return its Multikey."""
    from .multikey import ed25519_public_multibase

    private_key = Ed25519PrivateKey.generate()
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return ed25519_public_multibase(private_key.public_key())


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """Read an Ed25519 private key: PKCS#8 PEM, or a Multikey ``z3u2…`` text file."""
    from .multikey import ed25519_private_from_multibase

    data = path.read_bytes().strip()
    if data.startswith(b"-----BEGIN"):
        key = serialization.load_pem_private_key(data, password=None)
    else:
        key = ed25519_private_from_multibase(data.decode())
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("The key file does not hold an Ed25519 private key.")
    return key


def batch_sign(batch: list[dict], private_key: Ed25519PrivateKey, created=None):
    """Sign every endorsement of a batch, and the office's status lists in it (a
    withdrawal changes them); all must be issued by the same office."""
    from .dataintegrity import proof_add
    from .keys import SigningKey
    from .multikey import ed25519_public_multibase
    from .verify import issuer_id

    public: Ed25519PublicKey = private_key.public_key()
    fragment = ed25519_public_multibase(public)
    issuers = {issuer_id(item) for item in batch}
    if len(issuers) != 1 or None in issuers:
        raise ValueError("A batch must hold endorsements of exactly one issuer.")
    (issuer,) = issuers
    for item in batch:
        types = item.get("type") or []
        if not {"EndorsementCredential", "BitstringStatusListCredential"} & set(types):
            raise ValueError(
                f"{item.get('id')} is neither an EndorsementCredential nor the "
                "office's status list."
            )
    key = SigningKey(
        controller_did=issuer, key_id=f"{issuer}#{fragment}", private_key=private_key
    )
    return [proof_add(item, key, created=created) for item in batch]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m certificates.credentials.offline_sign",
        description="Sign exported endorsement batches with an office's own key.",
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--key", type=Path, help="Ed25519 private key file (PEM).")
    group.add_argument(
        "--keygen", type=Path, metavar="NEW_KEY_FILE", help="Create a key pair."
    )
    parser.add_argument("batch", nargs="?", type=Path, help="BATCH.json to sign.")
    args = parser.parse_args(argv)
    _configure_django()

    if args.keygen:
        public = keygen(args.keygen)
        sys.stderr.write(f"Private key written to {args.keygen} (keep it safe).\n")
        sys.stdout.write(f"Public key to register with the platform:\n{public}\n")
        return 0
    if not args.batch:
        parser.error("BATCH.json is required with --key")
    batch = json.loads(args.batch.read_text(encoding="utf-8"))
    if not isinstance(batch, list):
        parser.error("BATCH.json must be a JSON list of endorsements")
    try:
        signed = batch_sign(batch, load_private_key(args.key))
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    json.dump(signed, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    sys.stderr.write(f"Signed {len(signed)} endorsement(s).\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
