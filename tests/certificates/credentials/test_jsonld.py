import pytest

from certificates.credentials.exceptions import ContextNotShippedError
from certificates.credentials.jsonld import CONTEXT_FILES, canonicalize, document_loader

from .conftest import W3C, vector


def test_canonical_form_matches_the_w3c_vector():
    expected = (W3C / "eddsa-rdfc-2022" / "canonDocDataInt.txt").read_text()
    assert canonicalize(vector("w3c-vc-di-eddsa/unsigned.json")) == expected


def test_every_mapped_context_is_shipped_and_loads():
    for url in CONTEXT_FILES:
        assert "@context" in document_loader(url)["document"]


def test_unknown_context_is_a_clear_error_and_never_fetched(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    document = vector("1edtech-validator/simple.json")
    document["@context"].append("https://contexts.example.net/unknown.json")
    with pytest.raises(ContextNotShippedError, match="unknown.json"):
        canonicalize(document)
