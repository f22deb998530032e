import pytest

from certificates.credentials import keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    return client


def test_well_known_did_json_publishes_the_platform_keys(client):
    key = keys.signing_key_get()

    response = client.get("/.well-known/did.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    document = response.json()
    assert document["id"] == "did:web:academy.example.org"
    assert key.key_id in document["assertionMethod"]
    assert b"PRIVATE" not in response.content


def test_office_did_json(client):
    key = keys.signing_key_get("office-cnipa")

    response = client.get("/offices/cnipa/did.json")

    assert response.status_code == 200
    assert response.json()["verificationMethod"][0]["id"] == key.key_id


def test_unknown_office_is_not_found(client):
    assert client.get("/offices/nobody/did.json").status_code == 404
