import pytest

from certificates.credentials.dataintegrity import proof_add, proof_verify
from certificates.credentials.exceptions import CredentialError
from certificates.credentials.keys import signing_key_get
from certificates.credentials.statuslist import (
    MIN_ENTRIES,
    bit_get,
    bit_set,
    bitstring_decode,
    bitstring_encode,
    bitstring_new,
    status_index_random,
    status_list_credential_build,
    status_list_entry_build,
)

from .conftest import vector


def test_1edtech_vector_has_exactly_index_23_revoked():
    status_list = vector("1edtech-validator/bit-string-list/testlist")
    bits = bitstring_decode(status_list["credentialSubject"]["encodedList"])

    assert len(bits) * 8 >= MIN_ENTRIES
    assert bit_get(bits, 23)
    assert [i for i in range(len(bits) * 8) if bit_get(bits, i)] == [23]


def test_bit_order_is_most_significant_first():
    bits = bitstring_new()
    bit_set(bits, 0)
    bit_set(bits, 9)
    assert bits[:2] == bytearray([0b1000_0000, 0b0100_0000])
    bit_set(bits, 0, False)
    assert bits[0] == 0


def test_encode_decode_round_trip_and_min_size():
    bits = bitstring_new(10)
    assert len(bits) == MIN_ENTRIES // 8
    bit_set(bits, 131_071)
    encoded = bitstring_encode(bits)
    assert encoded.startswith("u")
    assert "=" not in encoded and "+" not in encoded and "/" not in encoded
    assert bitstring_decode(encoded) == bits
    assert bitstring_encode(bits) == encoded  # deterministic


def test_our_encoding_matches_the_vector_bit_for_bit():
    bits = bitstring_new()
    bit_set(bits, 23)
    expected = vector("1edtech-validator/bit-string-list/testlist")
    assert bitstring_decode(expected["credentialSubject"]["encodedList"]) == bits


@pytest.mark.parametrize("index", [-1, MIN_ENTRIES, "3"])
def test_out_of_range_index_is_an_error(index):
    with pytest.raises(CredentialError):
        bit_get(bitstring_new(), index)


def test_malformed_list_is_an_error():
    with pytest.raises(CredentialError):
        bitstring_decode("unot-gzip")


def test_random_indexes_avoid_taken_ones():
    taken = {status_index_random() for _ in range(50)}
    assert len(taken) > 45
    assert status_index_random(taken=taken) not in taken


def test_signed_status_list_credential_verifies():
    url = "https://academy.example.org/certificates/status/1"
    bits = bitstring_new()
    bit_set(bits, 42)
    key = signing_key_get()
    credential = status_list_credential_build(
        url, bitstring_encode(bits), key.controller_did
    )

    signed = proof_add(credential, key)

    assert [c.status for c in proof_verify(signed)] == ["verified"]
    assert signed["credentialSubject"]["type"] == "BitstringStatusList"
    entry = status_list_entry_build(list_url=url, index=42)
    assert entry["statusListIndex"] == "42"
    assert entry["id"] == url + "#42"
