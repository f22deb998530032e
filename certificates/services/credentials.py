"""The bridge to the pure crypto package `certificates.credentials`.

Every signing step goes through the few functions here, which import the crypto
package lazily; the rest of the app builds plain dicts. See docs/decisions.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.urls import reverse

from certificates.credentials.timestamps import xsd_datetime

from .credential_results import credential_results_add

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ISSUER_NAME = "Silk Road IP Academy"


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def platform_issuer_id() -> str:
    """The platform's issuer id (`did:web` of SITE_URL's host)."""
    from certificates.credentials.did import platform_did

    return platform_did()


def certificate_credential_sign(credential: dict) -> dict:
    """`credential` with an eddsa-rdfc-2022 DataIntegrityProof added by the platform key."""
    from certificates.credentials.dataintegrity import proof_add
    from certificates.credentials.keys import signing_key_get

    return proof_add(credential, signing_key_get(controller="platform"))


def credential_jwt_encode(credential: dict) -> str:
    """The Open Badges 3.0 JWT (ES256) form of a credential (sent without its proof)."""
    from certificates.credentials.keys import signing_key_get
    from certificates.credentials.vcjwt import credential_jwt_encode as encode

    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    return encode(unsigned, signing_key_get(controller="platform"))


def status_list_document_build(
    list_url: str, encoded_list: str, *, office_code: str | None = None
) -> dict:
    """An unsigned BitstringStatusListCredential for one list, issued by the
    platform or, for an office's list, by the office."""
    from certificates.credentials.statuslist import status_list_credential_build

    issuer = office_issuer_id(office_code) if office_code else platform_issuer_id()
    return status_list_credential_build(list_url, encoded_list, issuer)


def status_list_document_sign(document: dict, office_code: str | None) -> dict:
    """Sign a status list with the platform's key, or with the office's key held
    by the platform. Raises SigningKeyNotHeldError for an office keeping its key."""
    if not office_code:
        return certificate_credential_sign(document)
    return office_document_sign(document, office_code)


def _date_iso(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityObject hash: "sha256$" + hex(SHA-256(identity + salt))."""
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


def bcp47(language_code: str) -> str:
    """Django's language code as a BCP 47 tag ("zh-hans" → "zh-Hans")."""
    language, _sep, rest = language_code.partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"


def _native_name_identifier(c) -> list[dict]:
    """The holder's name in their own script, as a second plain-text name identity.

    IdentityObject allows no language tag (additionalProperties: false), so the
    script itself says which it is; see docs/decisions/0007.
    """
    native = (c.holder_native_name or "").strip()
    if not native or native == c.holder_name:
        return []
    return [
        {
            "type": "IdentityObject",
            "identityHash": native,
            "identityType": "name",
            "hashed": False,
        }
    ]


def _achievement_in_second_language(c, achievement: dict) -> dict:
    """The achievement in the lead office's language, as an OB 3.0 `Related` entry.

    `name` and `description` must be plain strings in OB 3.0 (no language maps),
    so the translation travels as a Related achievement with `inLanguage`; its
    `name`/`description` are the VC 2.0 context's schema.org terms. Text comes
    from the .po files under translation.override; the course title is the
    course's own published translation when there is one.
    """
    from django.utils import translation

    with translation.override(c.second_language):
        description = translation.gettext(
            "Completed the training course %(course)s (%(cohort)s)."
        ) % {
            "course": c.course_title_second or c.course_title,
            "cohort": c.cohort_title,
        }
    return {
        "id": f"{achievement['id']}?lang={c.second_language}",
        "type": ["Related"],
        "inLanguage": bcp47(c.second_language),
        "name": c.course_title_second or c.course_title,
        "description": description,
    }


def credential_build(certificate, *, email: str) -> dict:
    """The unsigned OpenBadgeCredential (VC 2.0, OB 3.0.3) for a certificate's snapshot.

    Pure: reads only the frozen fields of `certificate` and `email` (hashed with a
    fresh salt, never stored in the clear).
    """
    c = certificate
    code_kw = {"code": c.code}
    code_path = reverse("certificates:credential_json", kwargs=code_kw)
    list_url = site_url(
        reverse("certificates:status_list", kwargs={"slug": c.status_list.slug})
    )
    salt = secrets.token_hex(16)
    offices = [c.lead_office_name] + [o["name"] for o in c.co_offices]
    details = [
        f"Cohort: {c.cohort_title}",
        f"Dates: {c.start_date.isoformat()} to {c.end_date.isoformat()}",
        f"Organized by: {', '.join(offices)}",
    ]
    if c.hours:
        details.append(f"Hours: {c.hours}")
    if c.attendance_rate is not None:
        details.append(f"Attendance: {c.attendance_rate}%")
    if c.final_score is not None:
        details.append(f"Final score: {c.final_score}%")
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": site_url(code_path),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": c.course_title,
        "description": "; ".join(details),
        "issuer": {
            "id": platform_issuer_id(),
            "type": ["Profile"],
            "name": ISSUER_NAME,
            "url": settings.SITE_URL,
            "image": {
                "id": site_url(reverse("certificates:issuer_image")),
                "type": "Image",
                "caption": ISSUER_NAME,
            },
        },
        "validFrom": xsd_datetime(c.issued_at),
        "credentialSubject": {
            "id": f"urn:uuid:{c.holder_uuid}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(email.lower(), salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                },
                {
                    "type": "IdentityObject",
                    "identityHash": c.holder_name,
                    "identityType": "name",
                    "hashed": False,
                },
                *_native_name_identifier(c),
            ],
            "activityStartDate": _date_iso(c.start_date),
            "activityEndDate": _date_iso(c.end_date),
            "achievement": {
                "id": site_url(f"/certificates/achievements/{c.cohort_id}"),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": c.course_title,
                "description": f"Completed the training course {c.course_title} "
                f"({c.cohort_title}), organized by {', '.join(offices)}.",
                "criteria": {
                    "narrative": "Attended the sessions and met the cohort's "
                    "completion rules for attendance and assessments."
                },
                "image": {
                    "id": site_url(
                        reverse(
                            "certificates:achievement_badge",
                            kwargs={"cohort_id": c.cohort_id},
                        )
                    ),
                    "type": "Image",
                    "caption": f"Badge of the course {c.course_title}",
                },
            },
        },
        "credentialStatus": {
            "id": f"{list_url}#{c.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(c.status_index),
            "statusListCredential": list_url,
        },
    }
    achievement = credential["credentialSubject"]["achievement"]
    achievement["inLanguage"] = "en"
    if c.second_language:
        achievement["related"] = [_achievement_in_second_language(c, achievement)]
    if c.hours:
        achievement["creditsAvailable"] = float(c.hours)
    if c.valid_until:
        credential["validUntil"] = f"{c.valid_until.isoformat()}T23:59:59Z"
    credential["refreshService"] = {
        "id": site_url(reverse("certificates:credential_refresh", kwargs=code_kw)),
        "type": "1EdTechCredentialRefresh",
    }
    return credential_results_add(c, credential)


# ---- jointly issued certificates: office endorsements ----


def office_issuer_id(office_code: str) -> str:
    """An office's issuer id, ``did:web:<host>:offices:<code>``."""
    from certificates.credentials.did import office_did

    return office_did(office_code)


def office_holds_own_key(office_code: str) -> bool:
    """True when the office registered only its public key and signs offline."""
    from certificates.credentials.keys import office_controller, public_keys_list

    current = [
        k for k in public_keys_list(office_controller(office_code)) if not k.retired
    ]
    return bool(current) and current[-1].held_by_controller


def endorsement_document_build(
    *,
    credential: dict,
    office_code: str,
    office_name: str,
    comment: str,
    valid_from,
    status_list_url: str | None = None,
    status_index: int | None = None,
) -> dict:
    """The unsigned EndorsementCredential of an office about a credential.

    With a status list entry (the office's own list), withdrawing it shows to
    every verifier. Deterministic for the same arguments (its id is derived from
    the credential and the office), so exporting a batch twice gives the same
    documents.
    """
    from certificates.credentials.endorsement import endorsement_build
    from certificates.credentials.statuslist import status_list_entry_build

    status = None
    if status_list_url is not None and status_index is not None:
        status = status_list_entry_build(list_url=status_list_url, index=status_index)
    return endorsement_build(
        subject_credential=credential,
        office_did=office_issuer_id(office_code),
        office_name=office_name,
        comment=comment,
        valid_from=valid_from,
        credential_status=status,
    )


def office_document_sign(document: dict, office_code: str) -> dict:
    """Sign a document (an endorsement, the office's status list) with the
    office's key held by the platform.

    Raises SigningKeyNotHeldError when the office keeps its own key.
    """
    from certificates.credentials.endorsement import endorsement_sign
    from certificates.credentials.keys import office_controller, signing_key_get

    return endorsement_sign(document, signing_key_get(office_controller(office_code)))


endorsement_document_sign = office_document_sign


def certificate_credential_endorse(credential: dict, endorsements: list[dict]) -> dict:
    """The credential listing exactly ``endorsements``, re-signed by the platform."""
    from certificates.credentials.endorsement import credential_endorsements_attach

    document = credential_endorsements_attach(credential, endorsements)
    if not endorsements:
        document.pop("endorsement", None)
    return certificate_credential_sign(document)


def endorsement_batch_check(
    signed: list[dict], exported: list[dict], office_code: str
) -> list[tuple[dict, object]]:
    """Check an office's signed batch against what was exported (see signed_batch_check)."""
    from certificates.credentials.endorsement import signed_batch_check
    from certificates.selectors import status_list_document_get

    return signed_batch_check(
        signed,
        exported,
        office_did=office_issuer_id(office_code),
        fetch_status=status_list_document_get,
    )


ENDORSEMENT_CHECK_SECONDS = 24 * 3600


def endorsement_check(endorsement: dict, credential_id: str) -> tuple[bool, str]:
    """Whether an embedded endorsement verifies (proof by its office's published
    key, about this credential), with the first failure's message; cached per
    endorsement, since a signed document and published keys do not change."""
    import json

    from django.core.cache import cache

    from certificates.credentials.endorsement import endorsement_verify
    from certificates.credentials.verify import FAILED

    raw = json.dumps([endorsement, credential_id], sort_keys=True).encode()
    key = "endorsement-check:" + hashlib.sha256(raw).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return tuple(cached)
    from certificates.selectors import status_list_document_get

    report = endorsement_verify(
        endorsement, credential_id, fetch_status=status_list_document_get
    )
    failed = next((c for c in report.checks if c.status == FAILED), None)
    result = (report.valid, failed.message if failed else "")
    cache.set(key, list(result), ENDORSEMENT_CHECK_SECONDS)
    return result
