"""Office keys in the admin: withdrawing a compromised key, an office's DID on its
own domain, the DID Configuration that links a domain to the office's DID."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.credentials import keys
from certificates.credentials.dataintegrity import proof_add
from certificates.credentials.did import did_web_fetch, office_did
from certificates.credentials.domainlinkage import did_configuration_verify
from certificates.credentials.verify import credential_verify
from certificates.models import StatusList
from tests.accounts.factories import UserFactory
from tests.certificates.credentials.factories import achievement_credential
from tests.cohorts.factories import OfficeFactory, coordinator_of
from training.audit import OFFICE_DID_SET, SIGNING_KEY_WITHDRAW
from training.dates import format_day

pytestmark = pytest.mark.django_db

CONTROLLER = "office-ipos"


@pytest.fixture
def office():
    return OfficeFactory(short_code="ipos", name="IPOS")


@pytest.fixture
def admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _withdraw_url(fragment, code="ipos"):
    return reverse(
        "certificates_office_key_withdraw", kwargs={"code": code, "fragment": fragment}
    )


def _detail_url(code="ipos"):
    return reverse("certificates_office_key_detail", kwargs={"code": code})


def test_a_coordinator_withdraws_a_key_of_their_office(client, office):
    key = keys.signing_key_get(CONTROLLER)
    earlier = proof_add(
        achievement_credential(key.controller_did), key, created="2026-01-10T00:00:00Z"
    )
    client.force_login(coordinator_of(office))
    today = timezone.now().date()

    response = client.post(
        _withdraw_url(key.public_key_multibase),
        {"on": today.isoformat(), "reason": "Laptop stolen", "confirm": "on"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _detail_url()
    page = response.content.decode()
    assert f"Withdrawn from {format_day(today)}" in page and "Laptop stolen" in page
    published = client.get(reverse("did_office", args=["ipos"])).json()
    revoked = {m["id"]: m.get("revoked") for m in published["verificationMethod"]}
    assert revoked[key.key_id] == f"{today.isoformat()}T00:00:00Z"
    entry = ModelLogEntry.objects.get(action=SIGNING_KEY_WITHDRAW)
    assert entry.data["reason"] == "Laptop stolen"
    # The platform held that current key: a new one signs from now on.
    assert keys.signing_key_get(CONTROLLER).key_id != key.key_id
    # What the key signed before that day still verifies; anything later fails.
    assert credential_verify(earlier).check("proof").status == "passed"
    later = proof_add(achievement_credential(key.controller_did), key)
    assert credential_verify(later).check("proof").message == (
        f"Signed with a key withdrawn on {today.isoformat()}."
    )


def test_a_coordinator_of_another_office_is_refused(client, office):
    key = keys.signing_key_get(CONTROLLER)
    client.force_login(coordinator_of(OfficeFactory(short_code="cnipa")))

    page = client.get(_withdraw_url(key.public_key_multibase), follow=True)
    response = client.post(
        _withdraw_url(key.public_key_multibase),
        {"on": "2026-01-01", "reason": "x", "confirm": "on"},
        follow=True,
    )

    for refused in (page, response):
        assert refused.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        assert "do not have permission" in refused.content.decode()
    assert keys.public_keys_list(CONTROLLER)[0].withdrawn_on is None
    listing = client.get(reverse("certificates_office_keys")).content.decode()
    assert "IPOS" not in listing


def test_withdrawal_needs_the_confirmation_and_no_future_day(admin, office):
    key = keys.signing_key_get(CONTROLLER)
    url = _withdraw_url(key.public_key_multibase)
    tomorrow = timezone.now().date() + datetime.timedelta(days=1)

    unconfirmed = admin.post(url, {"on": "2026-01-01", "reason": "leak"})
    future = admin.post(
        url, {"on": tomorrow.isoformat(), "reason": "leak", "confirm": "on"}
    )

    assert unconfirmed.status_code == 200 and "This field is required" in (
        unconfirmed.content.decode()
    )
    assert "not later" in future.content.decode()
    assert keys.public_keys_list(CONTROLLER)[0].withdrawn_on is None


def test_an_office_on_its_own_domain_signs_under_that_did_and_verifies(admin, office):
    keys.signing_key_get(CONTROLLER)
    response = admin.post(
        _detail_url(), {"host": "IPO.example.gov", "save_did": "1"}, follow=True
    )
    assert "now signs as did:web:ipo.example.gov" in response.content.decode()
    assert office_did("ipos") == "did:web:ipo.example.gov"
    assert ModelLogEntry.objects.filter(action=OFFICE_DID_SET).exists()

    download = admin.get(reverse("certificates_office_own_did_document", args=["ipos"]))
    assert download["Content-Disposition"] == 'attachment; filename="did.json"'
    hosted = json.loads(download.content)
    assert hosted["id"] == "did:web:ipo.example.gov"

    key = keys.signing_key_get(CONTROLLER)
    assert key.key_id.startswith("did:web:ipo.example.gov#")
    credential = proof_add(achievement_credential(office_did("ipos")), key)
    served = {"https://ipo.example.gov/.well-known/did.json": hosted}

    def resolve(did):
        return did_web_fetch(did, served.__getitem__)

    report = credential_verify(credential, resolve=resolve)
    assert report.check("proof").status == "passed"
    assert (
        report.check("issuer").message
        == "Signed by the issuer did:web:ipo.example.gov."
    )
    # The platform keeps hosting only the default document.
    platform_hosted = admin.get(reverse("did_office", args=["ipos"])).json()
    assert platform_hosted["id"].endswith(":offices:ipos")


def test_an_office_that_signed_already_keeps_its_did(admin, office):
    StatusList.objects.create(office=office)

    response = admin.post(
        _detail_url(), {"host": "ipo.example.gov", "save_did": "1"}, follow=True
    )

    assert "DID Configuration instead" in response.content.decode()
    assert office_did("ipos").endswith(":offices:ipos")


def test_a_domain_another_office_signs_under_is_refused(admin, office):
    admin.post(_detail_url(), {"host": "ipo.example.gov", "save_did": "1"})
    OfficeFactory(short_code="cnipa")

    response = admin.post(
        _detail_url("cnipa"),
        {"host": "ipo.example.gov", "save_did": "1"},
        follow=True,
    )

    assert "already the DID of the platform or of another office" in (
        response.content.decode()
    )
    assert office_did("cnipa").endswith(":offices:cnipa")
    assert office_did("ipos") == "did:web:ipo.example.gov"


def test_a_bad_host_is_refused_with_a_clear_error(admin, office):
    response = admin.post(
        _detail_url(), {"host": "https://ipo.example.gov/x", "save_did": "1"}
    )
    assert "Enter a host name only" in response.content.decode()
    assert office_did("ipos").endswith(":offices:ipos")


def test_coordinators_cannot_move_the_office_to_another_did(client, office):
    client.force_login(coordinator_of(office))
    response = client.post(
        _detail_url(), {"host": "evil.example", "save_did": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert office_did("ipos").endswith(":offices:ipos")


def test_the_did_configuration_links_the_offices_domain_to_its_did(client, office):
    client.force_login(coordinator_of(office))

    response = client.get(
        reverse("certificates_office_did_configuration", args=["ipos"]),
        {"host": "ipo.example.gov"},
    )

    configuration = json.loads(response.content)
    did = office_did("ipos")
    assert did_configuration_verify(configuration, "https://ipo.example.gov") == [did]
    assert did_configuration_verify(configuration, "https://evil.example") == []


def test_an_office_keeping_its_key_gets_no_did_configuration(client, office):
    keys.public_key_register(CONTROLLER, keys.signing_key_get().public_key_multibase)
    client.force_login(coordinator_of(office))

    response = client.get(
        reverse("certificates_office_did_configuration", args=["ipos"]),
        {"host": "ipo.example.gov"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _detail_url()
    assert "holds its own private key" in response.content.decode()


def test_the_command_withdraws_the_platforms_key_and_refuses_bad_input(capsys):
    from django.core.management import CommandError, call_command

    key = keys.signing_key_get()

    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "withdraw_signing_key",
            key.public_key_multibase,
            "--from",
            "yesterday",
            "--reason",
            "leak",
        )
    with pytest.raises(CommandError, match="has no key"):
        call_command(
            "withdraw_signing_key",
            "z6MkNope",
            "--from",
            "2026-01-01",
            "--reason",
            "leak",
        )
    call_command(
        "withdraw_signing_key",
        key.public_key_multibase,
        "--from",
        "2026-01-01",
        "--reason",
        "leak",
    )

    assert "is withdrawn from 2026-01-01." in capsys.readouterr().out
    assert keys.signing_key_get().key_id != key.key_id
