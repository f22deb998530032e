"""Wallet pickup: a test wallet with its own did:key follows the VC-API exchange
(as the DCC Learner Credential Wallet does) and the OpenID4VCI pre-authorised
code flow, and what it picks up verifies with `verify_credential`."""

import datetime
import json

import base58
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.credentials import multikey
from certificates.credentials.dataintegrity import signed_data
from certificates.models import WalletOffer
from certificates.services import certificate_issue, certificate_revoke
from certificates.services.wallet import (
    JWT_VC,
    LDP_VC,
    PRE_AUTHORIZED_GRANT,
    wallet_pickup_create,
)
from tests.certificates.factories import CompletedEnrolmentFactory
from tests.certificates.test_verify_command import fetched  # noqa: F401
from tests.certificates.wallet_client import WalletClient, path_of
from training.audit import CERTIFICATE_WALLET_PICKUP

# `fetched` serves this site's URLs in-process to verify_credential.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fetched")]


@pytest.fixture
def certificate():
    return certificate_issue(
        enrolment=CompletedEnrolmentFactory(
            cohort__course__title="Trademark opposition practice"
        )
    )


@pytest.fixture
def pickup(certificate):
    return wallet_pickup_create(certificate=certificate, user=certificate.holder)


@pytest.fixture
def wallet(client):
    return WalletClient(client)


def _verify(tmp_path, credential, capsys) -> str:
    path = tmp_path / "picked-up.txt"
    text = credential if isinstance(credential, str) else json.dumps(credential)
    path.write_text(text, encoding="utf-8")
    call_command("verify_credential", str(path))
    return capsys.readouterr().out


# ---- the holder's page ----


def test_my_learning_offers_add_to_a_wallet_to_the_holder(client, certificate):
    client.force_login(certificate.holder)

    html = client.get("/learning/").content.decode()

    action = reverse("certificates:wallet_pickup", kwargs={"code": certificate.code})
    assert f'action="{action}"' in html and "Add to a wallet" in html


def test_the_holder_gets_both_deep_links_and_qr_codes(client, certificate):
    client.force_login(certificate.holder)
    url = reverse("certificates:wallet_pickup", kwargs={"code": certificate.code})

    response = client.post(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert 'href="https://lcw.app/request.html?request=' in html
    assert 'href="openid-credential-offer://?credential_offer=' in html
    assert html.count("<svg") >= 2
    assert "QR code for the Learner Credential Wallet" in html
    assert WalletOffer.objects.filter(certificate=certificate).count() == 2


def test_someone_else_is_refused_and_sent_to_the_verification_page(client, certificate):
    client.force_login(CompletedEnrolmentFactory().user)
    url = reverse("certificates:wallet_pickup", kwargs={"code": certificate.code})

    response = client.post(url)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Only the holder of this certificate can put it in a wallet." in html
    assert reverse("certificates:verify_code", args=[certificate.code]) in html
    assert not WalletOffer.objects.exists()


def test_a_revoked_certificate_cannot_be_offered(client, certificate):
    certificate_revoke(
        certificate=certificate, by=certificate.holder, reason="Issued in error"
    )
    client.force_login(certificate.holder)

    response = client.post(
        reverse("certificates:wallet_pickup", kwargs={"code": certificate.code})
    )

    assert response.status_code == 400
    assert (
        "Only a valid certificate can be put in a wallet." in response.content.decode()
    )
    assert "Add to a wallet" not in client.get("/learning/").content.decode()


# ---- VC-API exchange ----


def test_vcapi_wallet_picks_up_a_credential_bound_to_its_did(
    wallet,
    pickup,
    certificate,
    tmp_path,
    capsys,
):
    request = wallet.vcapi_request(pickup.lcw_link)
    assert request["query"][0]["type"] == "DIDAuthentication"

    _presentation, response = wallet.vcapi_pickup(pickup.lcw_link)

    assert response.status_code == 200, response.content
    (credential,) = response.json()["verifiablePresentation"]["verifiableCredential"]
    assert credential["credentialSubject"]["id"] == wallet.did
    assert credential["id"] == certificate.credential["id"]
    assert "The credential is valid." in _verify(tmp_path, credential, capsys)
    certificate.refresh_from_db()
    assert certificate.credential["credentialSubject"]["id"].startswith("urn:uuid:")
    (entry,) = ModelLogEntry.objects.filter(action=CERTIFICATE_WALLET_PICKUP)
    assert entry.data == {"protocol": "vcapi", "did": wallet.did}
    assert entry.user == certificate.holder
    assert entry.message.startswith("Certificate picked up by a wallet")


def test_vcapi_accepts_an_ed25519signature2020_did_authentication(wallet, pickup):
    """The proof the Learner Credential Wallet's libraries write (VC 1.1 context,
    Ed25519Signature2020 suite)."""
    request = wallet.vcapi_request(pickup.lcw_link)
    presentation = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/suites/ed25519-2020/v1",
        ],
        "type": ["VerifiablePresentation"],
        "holder": wallet.did,
    }
    options = {
        "type": "Ed25519Signature2020",
        "created": "2026-12-02T00:00:00Z",
        "verificationMethod": wallet.key_id,
        "proofPurpose": "authentication",
        "challenge": request["challenge"],
        "domain": request["domain"],
    }
    signature = wallet.key.sign(signed_data(presentation, options))
    presentation["proof"] = {
        **options,
        "proofValue": "z" + base58.b58encode(signature).decode(),
    }

    response = wallet.post_json(
        wallet.exchange_url(pickup.lcw_link), {"verifiablePresentation": presentation}
    )

    assert response.status_code == 200, response.content
    (credential,) = response.json()["verifiablePresentation"]["verifiableCredential"]
    assert credential["credentialSubject"]["id"] == wallet.did


def test_vcapi_replayed_presentation_is_refused(wallet, pickup):
    presentation, first = wallet.vcapi_pickup(pickup.lcw_link)
    assert first.status_code == 200

    replay = wallet.post_json(
        wallet.exchange_url(pickup.lcw_link), {"verifiablePresentation": presentation}
    )

    assert replay.status_code == 404
    assert replay.json()["error"] == "not_found"


def test_vcapi_presentation_for_another_challenge_is_refused(wallet, certificate):
    first = wallet_pickup_create(certificate=certificate, user=certificate.holder)
    second = wallet_pickup_create(certificate=certificate, user=certificate.holder)
    old = wallet.vcapi_request(first.lcw_link)
    wallet.vcapi_request(second.lcw_link)
    presentation = wallet.did_authentication(old["challenge"], old["domain"])

    response = wallet.post_json(
        wallet.exchange_url(second.lcw_link), {"verifiablePresentation": presentation}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_challenge"
    # The refused attempt leaves the exchange open for the right answer.
    assert wallet.vcapi_pickup(second.lcw_link)[1].status_code == 200


def test_vcapi_presentation_signed_by_another_key_is_refused(wallet, pickup):
    request = wallet.vcapi_request(pickup.lcw_link)
    presentation = wallet.did_authentication(request["challenge"], request["domain"])
    presentation["holder"] = WalletClient(wallet.client).did

    response = wallet.post_json(
        wallet.exchange_url(pickup.lcw_link), {"verifiablePresentation": presentation}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_proof"


def test_vcapi_expired_exchange_is_refused(wallet, pickup):
    WalletOffer.objects.update(expires_at=timezone.now() - datetime.timedelta(1))

    response = wallet.post_json(wallet.exchange_url(pickup.lcw_link), {})

    assert response.status_code == 404
    assert "expired" in response.json()["error_description"]


def test_vcapi_revoked_after_the_offer_is_refused(wallet, pickup, certificate):
    request = wallet.vcapi_request(pickup.lcw_link)
    certificate_revoke(certificate=certificate, by=certificate.holder, reason="Error")
    presentation = wallet.did_authentication(request["challenge"], request["domain"])

    response = wallet.post_json(
        wallet.exchange_url(pickup.lcw_link), {"verifiablePresentation": presentation}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "credential_request_denied"


def test_vcapi_bad_json_is_a_clear_error(client, pickup):
    response = client.post(
        path_of(WalletClient.exchange_url(pickup.lcw_link)),
        "{not json",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "The request body is not JSON.",
    }


# ---- OpenID4VCI ----


@pytest.mark.parametrize("configuration", [LDP_VC, JWT_VC])
def test_oid4vci_wallet_picks_up_a_credential_bound_to_its_did(
    wallet,
    pickup,
    tmp_path,
    capsys,
    configuration,
):
    metadata = wallet.metadata(pickup.offer_link)
    assert configuration in metadata["credential_configurations_supported"]

    response = wallet.oid4vci_pickup(pickup.offer_link, configuration)

    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    (item,) = response.json()["credentials"]
    credential = item["credential"]
    if configuration == JWT_VC:
        assert (
            jwt.decode(credential, options={"verify_signature": False})["sub"]
            == wallet.did
        )
        credential_json = jwt.decode(credential, options={"verify_signature": False})[
            "vc"
        ]
    else:
        credential_json = credential
    assert credential_json["credentialSubject"]["id"] == wallet.did
    assert "The credential is valid." in _verify(tmp_path, credential, capsys)


def test_oid4vci_proof_with_a_jwk_binds_the_keys_did_key(wallet, pickup):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    header = {
        "typ": "openid4vci-proof+jwt",
        "jwk": multikey.ed25519_public_jwk(wallet.key.public_key()),
    }
    proof = wallet.proof(
        metadata["credential_issuer"], wallet.nonce(metadata), header=header
    )

    response = wallet.credential_request(metadata, access_token, proof)

    credential = response.json()["credentials"][0]["credential"]
    assert credential["credentialSubject"]["id"] == wallet.did


def test_oid4vci_reused_pre_authorised_code_is_refused(wallet, pickup):
    assert wallet.token(pickup.offer_link).status_code == 200

    again = wallet.token(pickup.offer_link)

    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_oid4vci_expired_offer_is_refused(wallet, pickup):
    WalletOffer.objects.update(expires_at=timezone.now() - datetime.timedelta(1))

    response = wallet.token(pickup.offer_link)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_oid4vci_wrong_grant_type_is_refused(client):
    response = client.post(
        reverse("certificates:oid4vci_token"), {"grant_type": "client_credentials"}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_oid4vci_transaction_code_is_checked(wallet, certificate):
    pickup = wallet_pickup_create(
        certificate=certificate, user=certificate.holder, tx_code="493817"
    )
    grant = wallet.offer(pickup.offer_link)["grants"][PRE_AUTHORIZED_GRANT]
    assert grant["tx_code"] == {"input_mode": "numeric", "length": 6}

    wrong = wallet.token(pickup.offer_link, tx_code="000000")
    right = wallet.token(pickup.offer_link, tx_code="493817")

    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    assert right.status_code == 200


def test_oid4vci_wrong_nonce_is_refused(wallet, pickup):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    proof = wallet.proof(metadata["credential_issuer"], "made-up-nonce")

    response = wallet.credential_request(metadata, access_token, proof)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_nonce"


def test_oid4vci_replayed_proof_is_refused(wallet, pickup):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    proof = wallet.proof(metadata["credential_issuer"], wallet.nonce(metadata))
    assert wallet.credential_request(metadata, access_token, proof).status_code == 200

    replay = wallet.credential_request(metadata, access_token, proof)

    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_nonce"


def test_oid4vci_proof_signed_by_another_key_is_refused(wallet, pickup):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    proof = wallet.proof(
        metadata["credential_issuer"],
        wallet.nonce(metadata),
        key=Ed25519PrivateKey.generate(),
    )

    response = wallet.credential_request(metadata, access_token, proof)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_proof"


def test_oid4vci_proof_for_another_issuer_is_refused(wallet, pickup):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    proof = wallet.proof("https://elsewhere.example", wallet.nonce(metadata))

    response = wallet.credential_request(metadata, access_token, proof)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_proof"


def test_oid4vci_without_access_token_is_unauthorised(wallet, pickup):
    metadata = wallet.metadata(pickup.offer_link)
    proof = wallet.proof(metadata["credential_issuer"], wallet.nonce(metadata))

    response = wallet.credential_request(metadata, "not-a-token", proof)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_oid4vci_revoked_certificate_is_not_issued(wallet, pickup, certificate):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    certificate_revoke(certificate=certificate, by=certificate.holder, reason="Error")
    proof = wallet.proof(metadata["credential_issuer"], wallet.nonce(metadata))

    response = wallet.credential_request(metadata, access_token, proof)

    assert response.status_code == 400
    assert response.json()["error"] == "credential_request_denied"


def test_oid4vci_unknown_configuration_is_refused(wallet, pickup):
    metadata, access_token = wallet.authorised(pickup.offer_link)
    proof = wallet.proof(metadata["credential_issuer"], wallet.nonce(metadata))

    response = wallet.credential_request(metadata, access_token, proof, "Diploma")

    assert response.status_code == 400
    assert response.json()["error"] == "unknown_credential_configuration"


def test_public_wallet_endpoints_are_rate_limited(client, settings):
    settings.WALLET_PICKUP_RATE = "2/m"
    url = reverse("certificates:oid4vci_nonce")

    answers = [client.post(url) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json()["error"] == "slow_down"
    assert int(answers[2]["Retry-After"]) > 0


def test_a_tampered_pickup_fails_verification(
    wallet,
    pickup,
    tmp_path,
    capsys,
):
    _presentation, response = wallet.vcapi_pickup(pickup.lcw_link)
    credential = response.json()["verifiablePresentation"]["verifiableCredential"][0]
    credential["credentialSubject"]["id"] = WalletClient(wallet.client).did

    with pytest.raises(CommandError):
        _verify(tmp_path, credential, capsys)
