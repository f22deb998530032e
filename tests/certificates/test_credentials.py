"""The issued credential against the Open Badges 3.0 schema and, once the crypto
package is in, its signature and status list."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from certificates.services import certificate_issue, certificate_revoke
from certificates.services.status_lists import bitstring_encode

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db

STANDARDS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "ob3"
SCHEMA = STANDARDS / "schemas" / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture
def certificate():
    return certificate_issue(
        enrolment=CompletedEnrolmentFactory(cohort__certificate_validity_months=24)
    )


@pytest.mark.skipif(
    not SCHEMA.exists(), reason="OB 3.0 schema not found beside the project"
)
def test_credential_validates_against_open_badges_schema(certificate):
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft201909Validator(schema).validate(certificate.credential)


def test_bitstring_encoding_follows_the_spec():
    import base64
    import gzip

    bits = bytearray(16384)
    bits[2] = 0b0001_0000  # index 19: bit 7 - 19 % 8 = 4 of byte 2
    encoded = bitstring_encode(bytes(bits))
    assert encoded.startswith("u")
    padded = encoded[1:] + "=" * (-len(encoded[1:]) % 4)
    assert gzip.decompress(base64.urlsafe_b64decode(padded)) == bytes(bits)


def test_signed_credential_verifies_and_tampering_fails(certificate):
    dataintegrity = pytest.importorskip("certificates.credentials.dataintegrity")
    assert dataintegrity.proof_verify(certificate.credential)
    tampered = json.loads(json.dumps(certificate.credential))
    tampered["credentialSubject"]["achievement"]["name"] = "Something else"
    assert not dataintegrity.proof_verify(tampered)


def test_revocation_shows_in_signed_status_list(client, certificate):
    statuslist = pytest.importorskip("certificates.credentials.statuslist")
    dataintegrity = pytest.importorskip("certificates.credentials.dataintegrity")
    certificate_revoke(certificate=certificate, reason="Test")
    document = client.get(
        reverse(
            "certificates:status_list", kwargs={"slug": certificate.status_list.slug}
        )
    ).json()
    assert dataintegrity.proof_verify(document)
    bits = statuslist.bitstring_decode(document["credentialSubject"]["encodedList"])
    index = certificate.status_index
    assert bits[index // 8] & (1 << (7 - index % 8))


def test_jwt_form_carries_the_standard_claims(client, certificate):
    pytest.importorskip("certificates.credentials.vcjwt")
    import jwt

    token = client.get(
        reverse("certificates:credential_jwt", kwargs={"code": certificate.code})
    ).content.decode()
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    credential = certificate.credential
    assert header["alg"] == "ES256"
    assert claims["iss"] == credential["issuer"]["id"]
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["jti"] == credential["id"]
    assert "nbf" in claims
