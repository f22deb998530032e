"""Platform admins register the public key of an office that keeps its own key."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.credentials import multikey
from certificates.credentials.did import did_document
from certificates.credentials.keys import office_controller, public_keys_list
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import OfficeFactory, coordinator_of
from training.audit import OFFICE_KEY_REGISTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(short_code="ipos", name="IPOS")


def url(code="ipos"):
    return reverse("certificates_office_key_register", kwargs={"code": code})


def _pem_public(key) -> str:
    return (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
        .decode()
    )


def test_platform_admin_registers_a_pem_public_key(client, office):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    private = Ed25519PrivateKey.generate()
    response = client.post(url(), {"public_key": _pem_public(private), "confirm": "on"})
    assert response.status_code == 302
    (key,) = public_keys_list(office_controller("ipos"))
    assert key.held_by_controller
    expected = multikey.ed25519_public_multibase(private.public_key())
    assert key.public_key_multibase == expected
    methods = did_document(office_controller("ipos"))["verificationMethod"]
    assert methods[0]["publicKeyMultibase"] == expected
    assert ModelLogEntry.objects.filter(action=OFFICE_KEY_REGISTER).exists()
    listing = client.get(reverse("certificates_office_keys")).content.decode()
    assert "the office" in listing


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("z6MkNotAKey", "not an Ed25519 public key"),
        (_pem_public(ec.generate_private_key(ec.SECP256R1())), "Only Ed25519"),
        (
            Ed25519PrivateKey.generate()
            .private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            .decode(),
            "This is a private key",
        ),
    ],
)
def test_wrong_keys_are_refused_and_nothing_is_registered(
    client, office, value, message
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(url(), {"public_key": value, "confirm": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert public_keys_list(office_controller("ipos")) == []


def test_office_coordinators_cannot_register_keys(client, office):
    client.force_login(coordinator_of(office, user__is_staff=True))
    private = Ed25519PrivateKey.generate()
    response = client.post(url(), {"public_key": _pem_public(private), "confirm": "on"})
    assert response.status_code in (302, 403)
    assert public_keys_list(office_controller("ipos")) == []
