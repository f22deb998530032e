"""The issued credential against the Open Badges 3.0 schema and, once the crypto
package is in, its signature and status list."""

import copy
import json
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.urls import reverse

from certificates.credentials.schema import (
    ACHIEVEMENT_CREDENTIAL_SCHEMA,
    SCHEMAS_DIR,
)
from certificates.services import certificate_issue, certificate_revoke
from certificates.services.status_lists import bitstring_encode

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db

# The official schema, copied into the project from the OB 3.0 standard's files.
SCHEMA = SCHEMAS_DIR / ACHIEVEMENT_CREDENTIAL_SCHEMA


@pytest.fixture
def certificate():
    return certificate_issue(
        enrolment=CompletedEnrolmentFactory(cohort__certificate_validity_months=24)
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


def test_jwt_form_carries_the_standard_claims(client, certificate):
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


def _fetch_with(client):
    """fetch_status for the verifier: read our own status list through the test client."""

    def fetch(url):
        return client.get(urlsplit(url).path).json()

    return fetch


def test_signed_credential_verifies_with_the_published_key(client, certificate):
    from certificates.credentials import verify

    report = verify.credential_verify(
        certificate.credential, fetch_status=_fetch_with(client)
    )
    assert report.valid, report.as_dict()


@pytest.mark.parametrize(
    "mutate",
    [
        lambda c: c["credentialSubject"]["achievement"].update(name="Something else"),
        lambda c: c["credentialSubject"].update(id="urn:uuid:" + "0" * 32),
        lambda c: c.update(validFrom="2001-01-01T00:00:00Z"),
        lambda c: c["credentialStatus"].update(statusListIndex="1"),
        lambda c: c["issuer"].update(name="Someone else"),
    ],
)
def test_changing_any_field_makes_verification_fail(certificate, mutate):
    from certificates.credentials import dataintegrity

    checks = dataintegrity.proof_verify(certificate.credential)
    assert checks and all(check.verified for check in checks)
    tampered = copy.deepcopy(certificate.credential)
    mutate(tampered)
    assert not any(check.verified for check in dataintegrity.proof_verify(tampered))


def test_revocation_shows_in_signed_status_list(client, certificate):
    from certificates.credentials import statuslist, verify

    certificate_revoke(certificate=certificate, reason="Test")
    url = reverse(
        "certificates:status_list", kwargs={"slug": certificate.status_list.slug}
    )
    document = client.get(url).json()
    bits = statuslist.bitstring_decode(document["credentialSubject"]["encodedList"])
    assert statuslist.bit_get(bits, certificate.status_index)
    report = verify.credential_verify(
        certificate.credential, fetch_status=_fetch_with(client)
    )
    assert report.revoked and not report.valid
