"""`verify_credential`: published DID documents by default, endorsements in both forms."""

import json

import pytest
from django.core.management import CommandError, call_command

from certificates.services import (
    certificate_endorsement_withdraw,
    cohort_endorsement_approve,
)

pytestmark = pytest.mark.django_db

COMMAND = "certificates.management.commands.verify_credential"


@pytest.fixture
def endorsed(joint, django_capture_on_commit_callbacks, client):
    """A certificate endorsed by IPOS, downloaded (JSON and JWT) before IPOS withdraws."""
    cohort, offices, coordinators, certificates = joint
    with django_capture_on_commit_callbacks(execute=True):
        cohort_endorsement_approve(
            cohort=cohort,
            office=offices["ipos"],
            by=coordinators["ipos"],
            signatory_name="Priya Nair",
        )
    certificate = certificates[0]
    downloads = {
        form: client.get(f"/certificates/{certificate.code}/credential.{form}").content
        for form in ("json", "jwt")
    }
    return certificate, offices, coordinators, downloads


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the command fetches (served in-process, as this site's are)."""
    from certificates.management.commands import verify_credential

    urls = []
    real = verify_credential.fetch

    def fetch(url):
        urls.append(url)
        return real(url.replace("http://", "https://", 1))

    monkeypatch.setattr(f"{COMMAND}.fetch", fetch)
    return urls


@pytest.mark.parametrize("form", ["json", "jwt"])
def test_a_download_verifies_against_published_did_documents_then_shows_withdrawal(
    endorsed, fetched, tmp_path, capsys, form
):
    certificate, offices, coordinators, downloads = endorsed
    path = tmp_path / f"credential.{form}"
    path.write_bytes(downloads[form])

    call_command("verify_credential", str(path))
    out = capsys.readouterr().out
    assert "PASS endorsements: 1 of 1 endorsements verify." in out
    assert "https://testserver/.well-known/did.json" in fetched
    assert "https://testserver/offices/ipos/did.json" in fetched

    certificate_endorsement_withdraw(
        endorsement=certificate.endorsements.get(office=offices["ipos"]),
        reason="Wrong trainee list.",
        by=coordinators["ipos"],
    )
    call_command("verify_credential", str(path))
    out = capsys.readouterr().out
    assert "WARN endorsements: 0 of 1 endorsements verify. 1 withdrawn" in out
    assert "withdrawn: did:web:testserver:offices:ipos" in out


def test_local_keys_only_on_request_and_did_web_over_http_for_test_hosts(
    endorsed, fetched, tmp_path, capsys
):
    path = tmp_path / "credential.json"
    path.write_bytes(endorsed[3]["json"])

    call_command("verify_credential", str(path), "--local-keys", "--json")
    report = capsys.readouterr().out.split("\nThe credential is valid.")[0]
    assert json.loads(report)["valid"] is True
    assert not [url for url in fetched if url.endswith("did.json")]

    call_command("verify_credential", str(path), "--did-web-http")
    assert "http://testserver/.well-known/did.json" in fetched


def test_a_document_with_another_id_is_not_taken_for_the_did(
    endorsed, monkeypatch, tmp_path, capsys
):
    from certificates.management.commands import verify_credential

    real = verify_credential.fetch

    def fetch(url):
        if url.endswith("/.well-known/did.json"):
            return json.dumps(
                {"id": "did:web:elsewhere.example", "assertionMethod": []}
            )
        return real(url)

    monkeypatch.setattr(f"{COMMAND}.fetch", fetch)
    path = tmp_path / "credential.json"
    path.write_bytes(endorsed[3]["json"])
    with pytest.raises(CommandError) as refused:
        call_command("verify_credential", str(path))
    assert refused.value.returncode == 1
    assert "FAIL proof" in capsys.readouterr().out


@pytest.mark.parametrize("form", ["json", "jwt"])
def test_a_withdrawn_key_fails_what_it_signed_from_that_day_on(
    endorsed, fetched, tmp_path, capsys, form
):
    from datetime import UTC, datetime

    from certificates.credentials import keys

    path = tmp_path / f"credential.{form}"
    path.write_bytes(endorsed[3][form])
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    (office_key,) = keys.public_keys_list("office-ipos")
    keys.public_key_withdraw(
        "office-ipos", office_key.fragment, on=today, reason="Leaked"
    )

    call_command("verify_credential", str(path))
    out = capsys.readouterr().out
    assert "WARN endorsements: 0 of 1 endorsements verify." in out
    assert f"Signed with a key withdrawn on {today.date().isoformat()}" in out

    (platform_key,) = keys.public_keys_list("platform")
    keys.public_key_withdraw("platform", platform_key.fragment, on=today, reason="x")
    with pytest.raises(CommandError) as refused:
        call_command("verify_credential", str(path))
    assert refused.value.returncode == 1
    out = capsys.readouterr().out
    assert f"FAIL proof: Signed with a key withdrawn on {today.date()}." in out
