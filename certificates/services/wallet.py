"""Wallet pickup: a holder's wallet receives a copy of the credential bound to
the wallet's DID, signed at that moment (the live credential stays as it is).

Two protocols, both one-time and short-lived (docs/decisions/0016):
- a VC-API exchange (DCC Learner Credential Wallet): the wallet proves control of
  its DID with a DID Authentication presentation answering the exchange's
  challenge;
- an OpenID for Verifiable Credential Issuance 1.0 pre-authorised code offer: the
  code is exchanged once for an access token, the credential request carries a
  ``jwt`` proof of possession with a nonce from the nonce endpoint.
"""

import copy
import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from certificates.exceptions import (
    WalletCertificateNotValidError,
    WalletError,
    WalletNotHolderError,
)
from certificates.models import Certificate, WalletNonceUse, WalletOffer
from training.audit import CERTIFICATE_WALLET_PICKUP

from .certificates import _audit
from .credentials import (
    ISSUER_NAME,
    OB_CONTEXT,
    VC_CONTEXT,
    certificate_credential_sign,
    credential_jwt_encode,
    site_url,
)

OFFER_LIFETIME = datetime.timedelta(minutes=10)
ACCESS_TOKEN_LIFETIME = datetime.timedelta(minutes=5)
NONCE_MAX_AGE = 300  # seconds
NONCE_SALT = "certificates.wallet.c_nonce"
PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
LDP_VC = "OpenBadgeCredential_ldp_vc"
JWT_VC = "OpenBadgeCredential_jwt_vc_json"
LCW_REQUEST_URL = "https://lcw.app/request.html"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def credential_issuer() -> str:
    """The OpenID4VCI Credential Issuer Identifier (the site's origin)."""
    return settings.SITE_URL


def _url(name: str, **kwargs) -> str:
    return site_url(reverse(f"certificates:{name}", kwargs=kwargs or None))


@dataclass(frozen=True)
class WalletPickup:
    """What the holder's page shows: a deep link per protocol (also as QR codes)."""

    exchange_url: str
    lcw_link: str
    offer: dict
    offer_link: str
    expires_at: datetime.datetime


def _certificate_check(certificate: Certificate) -> None:
    if certificate.status != Certificate.Status.VALID or not certificate.credential:
        raise WalletCertificateNotValidError()


def wallet_pickup_create(
    *, certificate: Certificate, user, tx_code: str = ""
) -> WalletPickup:
    """A VC-API exchange and an OpenID4VCI pre-authorised offer for the holder's
    valid certificate, both expiring after OFFER_LIFETIME.

    Raises WalletNotHolderError for anyone but the holder and
    WalletCertificateNotValidError for a revoked, superseded or expired one.
    ``tx_code`` (optional) must then be given to the token endpoint too.
    """
    if not user.is_authenticated or certificate.holder_id != user.pk:
        raise WalletNotHolderError()
    _certificate_check(certificate)
    exchange_id = secrets.token_urlsafe(32)
    code = secrets.token_urlsafe(32)
    now = timezone.now()
    expires_at = now + OFFER_LIFETIME
    common = {
        "certificate": certificate,
        "created_by": user,
        "created_at": now,
        "expires_at": expires_at,
    }
    with transaction.atomic():
        WalletOffer.objects.create(
            protocol=WalletOffer.Protocol.VCAPI,
            secret_hash=_hash(exchange_id),
            challenge=secrets.token_urlsafe(24),
            **common,
        )
        WalletOffer.objects.create(
            protocol=WalletOffer.Protocol.OID4VCI,
            secret_hash=_hash(code),
            tx_code_hash=_hash(tx_code) if tx_code else "",
            **common,
        )
    exchange_url = _url("wallet_exchange", exchange_id=exchange_id)
    interaction = {
        "credentialRequestOrigin": settings.SITE_URL,
        "protocols": {"vcapi": exchange_url},
    }
    grant = {"pre-authorized_code": code}
    if tx_code:
        grant["tx_code"] = {"input_mode": "numeric", "length": len(tx_code)}
    offer = {
        "credential_issuer": credential_issuer(),
        "credential_configuration_ids": [LDP_VC, JWT_VC],
        "grants": {PRE_AUTHORIZED_GRANT: grant},
    }
    return WalletPickup(
        exchange_url=exchange_url,
        lcw_link=f"{LCW_REQUEST_URL}?request="
        + quote(json.dumps(interaction, separators=(",", ":")), safe=""),
        offer=offer,
        offer_link="openid-credential-offer://?credential_offer="
        + quote(json.dumps(offer, separators=(",", ":")), safe=""),
        expires_at=expires_at,
    )


def _holder_credential_deliver(offer: WalletOffer, did: str) -> dict:
    """A copy of the certificate's live credential with ``credentialSubject.id``
    set to the wallet's DID, signed now by the platform; the offer records the
    delivery, with one audit entry."""
    certificate = offer.certificate
    document = copy.deepcopy(
        {k: v for k, v in certificate.credential.items() if k != "proof"}
    )
    document["credentialSubject"]["id"] = did
    signed = certificate_credential_sign(document)
    offer.holder_did = did
    offer.delivered_at = timezone.now()
    offer.save(update_fields=["holder_did", "delivered_at"])
    _audit(
        CERTIFICATE_WALLET_PICKUP,
        certificate,
        offer.created_by,
        {"protocol": offer.protocol, "did": did},
    )
    return signed


# ---- VC-API exchange ----

_EXCHANGE_GONE = "This exchange does not exist, has expired or was already used."


def _exchange_get(exchange_id: str, *, lock: bool = False) -> WalletOffer:
    offers = WalletOffer.objects.select_related("certificate", "created_by")
    if lock:
        offers = offers.select_for_update(of=("self",))
    offer = offers.filter(
        protocol=WalletOffer.Protocol.VCAPI,
        secret_hash=_hash(exchange_id),
        expires_at__gt=timezone.now(),
        redeemed_at__isnull=True,
    ).first()
    if offer is None:
        raise WalletError(_EXCHANGE_GONE, code="not_found", status=404)
    return offer


def exchange_domain() -> str:
    return settings.SITE_URL


def wallet_exchange_request(*, exchange_id: str) -> dict:
    """The exchange's first answer: a DID Authentication presentation request."""
    offer = _exchange_get(exchange_id)
    _certificate_check(offer.certificate)
    return {
        "verifiablePresentationRequest": {
            "query": [
                {
                    "type": "DIDAuthentication",
                    "acceptedMethods": [{"method": "key"}],
                    "acceptedCryptosuites": [
                        {"cryptosuite": "eddsa-rdfc-2022"},
                        {"cryptosuite": "Ed25519Signature2020"},
                    ],
                }
            ],
            "challenge": offer.challenge,
            "domain": exchange_domain(),
            "interact": {
                "service": [
                    {
                        "type": "UnmediatedPresentationService2021",
                        "serviceEndpoint": _url(
                            "wallet_exchange", exchange_id=exchange_id
                        ),
                    }
                ]
            },
        }
    }


@transaction.atomic
def wallet_exchange_complete(*, exchange_id: str, presentation) -> dict:
    """Check the wallet's DID Authentication presentation and answer with the
    credential bound to its DID. The exchange is then used up: a replay of the
    same presentation (or challenge) is refused as unknown."""
    from certificates.credentials.holder import HolderProofError, presentation_holder

    offer = _exchange_get(exchange_id, lock=True)
    _certificate_check(offer.certificate)
    try:
        did = presentation_holder(
            presentation, challenge=offer.challenge, domain=exchange_domain()
        )
    except HolderProofError as exc:
        code = "invalid_challenge" if exc.code == "challenge" else "invalid_proof"
        raise WalletError(exc.message, code=code) from exc
    offer.redeemed_at = timezone.now()
    offer.save(update_fields=["redeemed_at"])
    credential = _holder_credential_deliver(offer, did)
    return {
        "verifiablePresentation": {
            "@context": [VC_CONTEXT],
            "type": ["VerifiablePresentation"],
            "verifiableCredential": [credential],
        }
    }


# ---- OpenID for Verifiable Credential Issuance 1.0 ----


def oid4vci_issuer_metadata() -> dict:
    """The Credential Issuer Metadata (/.well-known/openid-credential-issuer)."""
    binding = {
        "cryptographic_binding_methods_supported": ["did:key", "jwk"],
        "proof_types_supported": {
            "jwt": {"proof_signing_alg_values_supported": ["EdDSA", "ES256"]}
        },
        "credential_metadata": {
            "display": [{"name": "Open Badge (Silk Road IP Academy)", "locale": "en"}]
        },
    }
    return {
        "credential_issuer": credential_issuer(),
        "credential_endpoint": _url("oid4vci_credential"),
        "nonce_endpoint": _url("oid4vci_nonce"),
        "display": [
            {
                "name": ISSUER_NAME,
                "locale": "en",
                "logo": {"uri": _url("issuer_image"), "alt_text": ISSUER_NAME},
            }
        ],
        "credential_configurations_supported": {
            LDP_VC: {
                "format": "ldp_vc",
                "credential_definition": {
                    "@context": [VC_CONTEXT, OB_CONTEXT],
                    "type": CREDENTIAL_TYPES,
                },
                "credential_signing_alg_values_supported": ["eddsa-rdfc-2022"],
                **binding,
            },
            JWT_VC: {
                "format": "jwt_vc_json",
                "credential_definition": {"type": CREDENTIAL_TYPES},
                "credential_signing_alg_values_supported": ["ES256"],
                **binding,
            },
        },
    }


def oid4vci_authorization_server_metadata() -> dict:
    """RFC 8414 metadata of the issuer acting as its own authorisation server
    (pre-authorised codes only)."""
    return {
        "issuer": credential_issuer(),
        "token_endpoint": _url("oid4vci_token"),
        "grant_types_supported": [PRE_AUTHORIZED_GRANT],
        "response_types_supported": [],
        "pre-authorized_grant_anonymous_access_supported": True,
    }


@transaction.atomic
def oid4vci_token(*, grant_type: str, code: str, tx_code: str = "") -> dict:
    """Exchange a pre-authorised code, once, for a short-lived access token.

    Raises WalletError with the OAuth 2.0 error: ``unsupported_grant_type``,
    ``invalid_request``, or ``invalid_grant`` for an unknown, used or expired
    code, a wrong transaction code, or a certificate no longer valid.
    """
    if grant_type != PRE_AUTHORIZED_GRANT:
        raise WalletError(
            "Only the pre-authorized_code grant is supported.",
            code="unsupported_grant_type",
        )
    if not code:
        raise WalletError("The pre-authorized_code is missing.")
    offer = (
        WalletOffer.objects.select_for_update(of=("self",))
        .select_related("certificate")
        .filter(protocol=WalletOffer.Protocol.OID4VCI, secret_hash=_hash(code))
        .first()
    )
    now = timezone.now()
    if offer is None or offer.redeemed_at is not None or offer.expires_at <= now:
        raise WalletError(
            "The pre-authorized code is unknown, expired or already used.",
            code="invalid_grant",
        )
    if offer.tx_code_hash and _hash(tx_code or "") != offer.tx_code_hash:
        raise WalletError("The transaction code is wrong.", code="invalid_grant")
    if offer.certificate.status != Certificate.Status.VALID:
        raise WalletError("The certificate is no longer valid.", code="invalid_grant")
    access_token = secrets.token_urlsafe(32)
    offer.access_token_hash = _hash(access_token)
    offer.access_expires_at = now + ACCESS_TOKEN_LIFETIME
    offer.redeemed_at = now
    offer.save(update_fields=["access_token_hash", "access_expires_at", "redeemed_at"])
    return {
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": int(ACCESS_TOKEN_LIFETIME.total_seconds()),
    }


def oid4vci_nonce() -> str:
    """A fresh ``c_nonce``: signed and timestamped, so it needs no storage until
    it is spent."""
    return signing.TimestampSigner(salt=NONCE_SALT).sign(secrets.token_urlsafe(16))


def _nonce_spend(nonce: str) -> None:
    """Accept a nonce once, within NONCE_MAX_AGE; else WalletError invalid_nonce."""
    try:
        signing.TimestampSigner(salt=NONCE_SALT).unsign(nonce, max_age=NONCE_MAX_AGE)
    except signing.BadSignature as exc:  # also SignatureExpired
        raise WalletError(
            "The proof's nonce is not one of ours or has expired; ask the nonce "
            "endpoint for a fresh one.",
            code="invalid_nonce",
        ) from exc
    try:
        with transaction.atomic():
            WalletNonceUse.objects.create(nonce_hash=_hash(nonce))
    except IntegrityError as exc:
        raise WalletError(
            "The proof's nonce was already used; ask the nonce endpoint for a "
            "fresh one.",
            code="invalid_nonce",
        ) from exc
    WalletNonceUse.objects.filter(
        used_at__lt=timezone.now() - datetime.timedelta(seconds=2 * NONCE_MAX_AGE)
    ).delete()


def _access_offer(access_token: str) -> WalletOffer:
    offer = (
        WalletOffer.objects.select_for_update(of=("self",))
        .select_related("certificate", "created_by")
        .filter(
            protocol=WalletOffer.Protocol.OID4VCI,
            access_token_hash=_hash(access_token or ""),
            access_expires_at__gt=timezone.now(),
        )
        .first()
    )
    if offer is None:
        raise WalletError(
            "The access token is unknown or expired.", code="invalid_token", status=401
        )
    return offer


@transaction.atomic
def oid4vci_credential(*, access_token: str, request) -> dict:
    """The Credential Endpoint: the credential bound to the DID of the key in the
    request's ``jwt`` proof. Raises WalletError with the OpenID4VCI error."""
    from certificates.credentials.holder import HolderProofError, proof_jwt_holder

    offer = _access_offer(access_token)
    if not isinstance(request, dict):
        raise WalletError(
            "The request must be a JSON object.", code="invalid_credential_request"
        )
    configuration = request.get("credential_configuration_id")
    if configuration not in (LDP_VC, JWT_VC):
        raise WalletError(
            "Unknown credential_configuration_id.",
            code="unknown_credential_configuration",
        )
    proofs = request.get("proofs")
    tokens = proofs.get("jwt") if isinstance(proofs, dict) else None
    if not isinstance(tokens, list) or len(tokens) != 1:
        raise WalletError("Send exactly one jwt proof.", code="invalid_proof")
    try:
        possession = proof_jwt_holder(tokens[0], audience=credential_issuer())
    except HolderProofError as exc:
        code = "invalid_nonce" if exc.code == "nonce" else "invalid_proof"
        raise WalletError(exc.message, code=code) from exc
    _nonce_spend(possession.nonce)
    if offer.certificate.status != Certificate.Status.VALID:
        raise WalletError(
            "The certificate is no longer valid.", code="credential_request_denied"
        )
    credential = _holder_credential_deliver(offer, possession.did)
    if configuration == JWT_VC:
        credential = credential_jwt_encode(credential)
    return {"credentials": [{"credential": credential}]}
