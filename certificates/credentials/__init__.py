"""Pure cryptography for verifiable certificates (no ORM).

Open Badges 3.0 credentials secured with Data Integrity (eddsa-rdfc-2022) and JWT
(ES256), did:web issuer identities, Bitstring Status Lists and endorsements.
Services in ``certificates`` feed these modules plain dicts and keys.
See docs/credentials.md.
"""
