import hashlib

from certificates.credentials.identity import (
    email_identifier_build,
    email_identifier_matches,
)
from certificates.credentials.schema import schema_validate

from .factories import achievement_credential


def test_email_identifier_is_a_salted_hash_that_the_holder_can_prove():
    identifier = email_identifier_build("Amina.Rahman@Example.org", salt="s4lt")

    digest = hashlib.sha256(b"amina.rahman@example.orgs4lt").hexdigest()
    assert identifier["identityHash"] == f"sha256${digest}"
    assert "amina" not in str(identifier).lower()
    assert email_identifier_matches(identifier, " amina.rahman@example.org ")
    assert not email_identifier_matches(identifier, "someone@example.org")


def test_each_identifier_gets_its_own_salt_and_fits_the_schema():
    first = email_identifier_build("a@example.org")
    second = email_identifier_build("a@example.org")
    assert first["salt"] != second["salt"]
    assert first["identityHash"] != second["identityHash"]

    credential = achievement_credential("did:web:academy.example.org")
    credential["credentialSubject"]["identifier"] = [first]
    assert schema_validate(credential) == []
