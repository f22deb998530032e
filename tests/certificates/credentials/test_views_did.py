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


@pytest.mark.parametrize("url", ["/.well-known/did.json", "/offices/cnipa/did.json"])
def test_did_documents_answer_head(client, url):
    keys.signing_key_get("platform")
    keys.signing_key_get("office-cnipa")

    response = client.head(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    assert client.post(url).status_code == 405


def test_did_document_lists_keys_for_assertion_only(client):
    key = keys.signing_key_get()

    document = client.get("/.well-known/did.json").json()

    assert key.key_id in document["assertionMethod"]
    assert "authentication" not in document
