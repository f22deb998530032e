"""Verification codes: 80 random bits in Crockford base32, e.g. SRIP-7K3M-Q9WD-X2HT-AB4C.

Pure functions, no ORM. Lookups go through `code_normalise`, which forgives case,
spaces, dashes and the characters Crockford base32 treats as look-alikes.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
PREFIX = "SRIP"
LENGTH = 16  # 16 x 5 bits = 80 bits of entropy
GROUP = 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_format(raw: str) -> str:
    """`raw` (16 alphabet characters) grouped for printing, with the prefix."""
    groups = [raw[i : i + GROUP] for i in range(0, len(raw), GROUP)]
    return "-".join([PREFIX, *groups])


def code_generate() -> str:
    """A new random code from the operating system's CSPRNG."""
    return code_format("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def code_normalise(value: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a code.

    Ignores case, spaces and dashes, reads O as 0 and I/L as 1, and accepts the
    code with or without the SRIP prefix.
    """
    if not value or len(value) > 64:
        return None
    cleaned = "".join(ch for ch in value.upper() if ch not in " -_\t")
    # Codes never contain I, so a leading SRIP is always the prefix.
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX) :]
    cleaned = cleaned.translate(_LOOKALIKES)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return code_format(cleaned)
