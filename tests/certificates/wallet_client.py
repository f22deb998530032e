"""A test wallet holding its own did:key: it follows the VC-API exchange (as
the DCC Learner Credential Wallet does) and the OpenID4VCI pre-authorised code
flow against the platform, through Django's test client."""

import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import multikey
from certificates.credentials.dataintegrity import proof_add
from certificates.credentials.keys import SigningKey
from certificates.services.wallet import LDP_VC, PRE_AUTHORIZED_GRANT


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class WalletClient:
    """A wallet holding one Ed25519 key, identified by its did:key."""

    def __init__(self, client):
        self.client = client  # anonymous: wallets hold no session
        self.key = Ed25519PrivateKey.generate()
        fingerprint = multikey.ed25519_public_multibase(self.key.public_key())
        self.did = f"did:key:{fingerprint}"
        self.key_id = f"{self.did}#{fingerprint}"

    def post_json(self, url, body, **headers):
        return self.client.post(
            path_of(url), json.dumps(body), content_type="application/json", **headers
        )

    # ---- VC-API exchange ----

    @staticmethod
    def exchange_url(lcw_link: str) -> str:
        request = json.loads(parse_qs(urlsplit(lcw_link).query)["request"][0])
        return request["protocols"]["vcapi"]

    def did_authentication(self, challenge: str, domain: str) -> dict:
        presentation = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": self.did,
        }
        key = SigningKey(
            controller_did=self.did, key_id=self.key_id, private_key=self.key
        )
        return proof_add(
            presentation,
            key,
            proof_purpose="authentication",
            challenge=challenge,
            domain=domain,
        )

    def vcapi_request(self, lcw_link: str) -> dict:
        response = self.post_json(self.exchange_url(lcw_link), {})
        assert response.status_code == 200, response.content
        return response.json()["verifiablePresentationRequest"]

    def vcapi_pickup(self, lcw_link: str):
        request = self.vcapi_request(lcw_link)
        presentation = self.did_authentication(request["challenge"], request["domain"])
        return presentation, self.post_json(
            self.exchange_url(lcw_link), {"verifiablePresentation": presentation}
        )

    # ---- OpenID4VCI ----

    @staticmethod
    def offer(offer_link: str) -> dict:
        return json.loads(parse_qs(urlsplit(offer_link).query)["credential_offer"][0])

    def token(self, offer_link: str, **extra):
        offer = self.offer(offer_link)
        server = self.client.get(
            path_of(
                offer["credential_issuer"] + "/.well-known/oauth-authorization-server"
            )
        ).json()
        code = offer["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
        return self.client.post(
            path_of(server["token_endpoint"]),
            {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code, **extra},
        )

    def metadata(self, offer_link: str) -> dict:
        issuer = self.offer(offer_link)["credential_issuer"]
        return self.client.get(
            path_of(issuer + "/.well-known/openid-credential-issuer")
        ).json()

    def nonce(self, metadata: dict) -> str:
        return self.client.post(path_of(metadata["nonce_endpoint"])).json()["c_nonce"]

    def proof(self, audience: str, nonce: str, *, key=None, header=None) -> str:
        return jwt.encode(
            {"aud": audience, "iat": int(time.time()), "nonce": nonce},
            key or self.key,
            algorithm="EdDSA",
            headers=header or {"typ": "openid4vci-proof+jwt", "kid": self.key_id},
        )

    def credential_request(self, metadata, access_token, proof, configuration=LDP_VC):
        return self.post_json(
            metadata["credential_endpoint"],
            {"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}},
            HTTP_AUTHORIZATION=f"Bearer {access_token}",
        )

    def authorised(self, offer_link: str) -> tuple[dict, str]:
        """The issuer's metadata and an access token for the offer's code."""
        return self.metadata(offer_link), self.token(offer_link).json()["access_token"]

    def oid4vci_pickup(self, offer_link: str, configuration=LDP_VC):
        metadata, access_token = self.authorised(offer_link)
        proof = self.proof(metadata["credential_issuer"], self.nonce(metadata))
        return self.credential_request(metadata, access_token, proof, configuration)

    # ---- what a test needs: the picked-up credential ----

    def vcapi_credential(self, offers) -> dict:
        _presentation, response = self.vcapi_pickup(offers.lcw_link)
        assert response.status_code == 200, response.content
        presentation = response.json()["verifiablePresentation"]
        (credential,) = presentation["verifiableCredential"]
        return credential

    def oid4vci_credential(self, offers) -> dict:
        response = self.oid4vci_pickup(offers.offer_link)
        assert response.status_code == 200, response.content
        (item,) = response.json()["credentials"]
        return item["credential"]
