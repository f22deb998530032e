"""Plain-dict credentials for the credential toolkit tests (no ORM)."""

import uuid


def achievement_credential(
    issuer_did: str,
    *,
    status: dict | None = None,
    valid_from: str = "2026-01-15T00:00:00Z",
    valid_until: str | None = None,
) -> dict:
    """An unsigned OB 3.0 OpenBadgeCredential shaped like the platform's."""
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"https://academy.example.org/certificates/SRIP-{uuid.uuid4().hex[:8]}"
        "/credential.json",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_did,
            "type": ["Profile"],
            "name": "Silk Road IP Academy",
        },
        "validFrom": valid_from,
        "name": "Patent Examination Fundamentals",
        "credentialSubject": {
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": "sha256$" + "0" * 64,
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": "pepper",
                }
            ],
            "achievement": {
                "id": "https://academy.example.org/courses/patent-examination/",
                "type": ["Achievement"],
                "name": "Patent Examination Fundamentals",
                "description": "Five-day joint course on examining patent applications.",
                "criteria": {"narrative": "Attend 80% of sessions and pass the exam."},
            },
        },
    }
    if valid_until:
        credential["validUntil"] = valid_until
    if status:
        credential["credentialStatus"] = status
    return credential
