import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from certificates.credentials.dataintegrity import proof_add, proof_verify
from certificates.credentials.did import did_web_url, office_did
from certificates.credentials.endorsement import (
    credential_endorsements_attach,
    endorsement_build,
    endorsement_sign,
    endorsement_verify,
    signed_batch_check,
)
from certificates.credentials.keys import keys_dir, office_controller, signing_key_get
from certificates.credentials.offline_sign import batch_sign, keygen, load_private_key
from certificates.credentials.schema import schema_validate
from certificates.credentials.verify import credential_verify

from .factories import achievement_credential

OFFICES = {"cnipa": "CNIPA", "gccpo": "GCC Patent Office", "eapo": "EAPO"}
REPO = Path(__file__).resolve().parents[3]


def _endorsed_credential():
    platform = signing_key_get()
    credential = proof_add(achievement_credential(platform.controller_did), platform)
    endorsements = []
    for code, name in OFFICES.items():
        unsigned = endorsement_build(
            subject_credential=credential,
            office_did=office_did(code),
            office_name=name,
            comment=f"{name} co-organized this course and approves its results.",
            valid_from="2026-01-20T00:00:00Z",
        )
        key = signing_key_get(office_controller(code))
        endorsements.append(endorsement_sign(unsigned, key))
    joint = proof_add(
        credential_endorsements_attach(credential, endorsements), platform
    )
    return joint


def _published_did_documents(client) -> dict:
    """Fetch every DID document over HTTP, as a verifier on the internet would."""
    dids = [signing_key_get().controller_did, *(office_did(c) for c in OFFICES)]
    documents = {}
    for did in dids:
        path = did_web_url(did).removeprefix("https://academy.example.org")
        response = client.get(path)
        assert response.status_code == 200
        documents[did] = response.json()
    return documents


def test_three_offices_endorse_and_all_four_signatures_verify_from_did_documents(
    client, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    joint = _endorsed_credential()
    documents = _published_did_documents(client)
    # From here on only the published documents count: the key store is gone.
    shutil.rmtree(keys_dir())
    settings.SIGNING_KEYS_AUTO_CREATE = False
    resolve = documents.__getitem__

    assert schema_validate(joint) == []
    report = credential_verify(joint, resolve=resolve)
    assert report.valid, report.as_dict()
    assert report.check("endorsements").message == "3 of 3 endorsements verify."
    assert {endorser for endorser, _ in report.endorsements} == {
        office_did(code) for code in OFFICES
    }
    assert len(joint["endorsement"]) == 3
    for endorsement in joint["endorsement"]:
        result = endorsement_verify(endorsement, joint, resolve)
        assert result.valid, result.as_dict()
    signers = {
        check.controller
        for item in [joint, *joint["endorsement"]]
        for check in proof_verify(item, resolve)
        if check.verified
    }
    assert signers == set(documents)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda e: e["credentialSubject"].update(endorsementComment="We never agreed."),
        lambda e: e["issuer"].update(name="Someone else"),
        lambda e: e.update(validFrom="2020-01-01T00:00:00Z"),
    ],
)
def test_a_tampered_endorsement_fails(tamper):
    joint = _endorsed_credential()
    endorsement = copy.deepcopy(joint["endorsement"][0])
    tamper(endorsement)

    report = endorsement_verify(endorsement, joint)

    assert not report.valid
    assert report.check("proof").status == "failed"


def test_an_endorsement_moved_to_another_credential_fails():
    joint = _endorsed_credential()
    other = _endorsed_credential()

    report = endorsement_verify(joint["endorsement"][0], other)

    assert report.check("proof").status == "passed"
    assert report.check("subject").status == "failed"
    assert not report.valid


def test_an_office_key_cannot_sign_for_another_office():
    credential = achievement_credential(signing_key_get().controller_did)
    unsigned = endorsement_build(
        subject_credential=credential,
        office_did=office_did("cnipa"),
        office_name="CNIPA",
        comment="Approved.",
        valid_from="2026-01-20T00:00:00Z",
    )
    forged = endorsement_sign(unsigned, signing_key_get(office_controller("eapo")))

    report = endorsement_verify(forged, credential)

    assert report.check("issuer").status == "failed"


def test_endorsement_ids_are_stable_per_credential_and_office():
    credential = achievement_credential("did:web:academy.example.org")
    kwargs = {
        "subject_credential": credential,
        "office_name": "CNIPA",
        "comment": "Approved.",
        "valid_from": "2026-01-20T00:00:00Z",
    }
    first = endorsement_build(office_did=office_did("cnipa"), **kwargs)
    again = endorsement_build(office_did=office_did("cnipa"), **kwargs)
    other = endorsement_build(office_did=office_did("eapo"), **kwargs)
    assert first == again
    assert first["id"] != other["id"]


def test_office_signs_offline_and_the_platform_checks_the_batch(tmp_path, capsys):
    key_file = tmp_path / "ipos.pem"
    public = keygen(key_file)
    call_command("register_public_key", "--office", "ipos", public)
    credentials = [achievement_credential(signing_key_get().controller_did)] * 1
    credentials.append(achievement_credential(signing_key_get().controller_did))
    exported = [
        endorsement_build(
            subject_credential=c,
            office_did=office_did("ipos"),
            office_name="IPOS",
            comment="IPOS co-organized this course.",
            valid_from="2026-01-20T00:00:00Z",
        )
        for c in credentials
    ]

    signed = batch_sign(exported, load_private_key(key_file))
    results = signed_batch_check(signed, exported, office_did=office_did("ipos"))

    assert [r.valid for _, r in results] == [True, True]
    altered = copy.deepcopy(signed)
    altered[0]["credentialSubject"]["endorsementComment"] = "changed"
    altered[1] = batch_sign(
        [{**exported[1], "name": "Changed before signing"}], load_private_key(key_file)
    )[0]
    results = signed_batch_check(altered, exported, office_did=office_did("ipos"))
    assert [r.valid for _, r in results] == [False, False]
    assert results[1][1].check("proof").status == "passed"
    assert results[1][1].check("batch").status == "failed"


def test_offline_sign_cli_runs_without_django_settings(tmp_path):
    key_file = tmp_path / "office.pem"
    run = [sys.executable, "-m", "certificates.credentials.offline_sign"]
    env = {"PATH": "/usr/bin:/bin"}
    keygen_out = subprocess.run(  # noqa: S603
        [*run, "--keygen", str(key_file)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    public = keygen_out.stdout.strip().splitlines()[-1]
    assert public.startswith("z6Mk")
    assert (key_file.stat().st_mode & 0o777) == 0o600
    batch = [
        endorsement_build(
            subject_credential={"id": "https://academy.example.org/c/1"},
            office_did="did:web:academy.example.org:offices:ilpo",
            office_name="ILPO",
            comment="Approved.",
            valid_from="2026-01-20T00:00:00Z",
        )
    ]
    batch_file = tmp_path / "batch.json"
    batch_file.write_text(json.dumps(batch))

    result = subprocess.run(  # noqa: S603
        [*run, "--key", str(key_file), str(batch_file)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    (signed,) = json.loads(result.stdout)
    assert signed["proof"][0]["verificationMethod"] == (
        f"did:web:academy.example.org:offices:ilpo#{public}"
    )
    assert "Signed 1 endorsement(s)." in result.stderr
    document = {
        "id": "did:web:academy.example.org:offices:ilpo",
        "verificationMethod": [
            {
                "id": f"did:web:academy.example.org:offices:ilpo#{public}",
                "type": "Multikey",
                "publicKeyMultibase": public,
            }
        ],
        "assertionMethod": [f"did:web:academy.example.org:offices:ilpo#{public}"],
    }
    assert endorsement_verify(
        signed, batch[0]["credentialSubject"]["id"], lambda _: document
    ).valid


def test_offline_sign_refuses_a_batch_with_something_else_in_it(tmp_path):
    key_file = tmp_path / "office.pem"
    keygen(key_file)
    credential = achievement_credential(office_did("ipos"))
    with pytest.raises(ValueError, match="neither an EndorsementCredential"):
        batch_sign([credential], load_private_key(key_file))


def test_a_withdrawn_endorsement_shows_but_the_credential_stays_valid():
    from certificates.credentials.statuslist import (
        bit_set,
        bitstring_encode,
        bitstring_new,
        status_list_credential_build,
        status_list_entry_build,
    )

    platform = signing_key_get()
    credential = proof_add(achievement_credential(platform.controller_did), platform)
    list_url = "https://academy.example.org/offices/eapo/status/1"
    endorsements = []
    for code in ("cnipa", "eapo"):
        unsigned = endorsement_build(
            subject_credential=credential,
            office_did=office_did(code),
            office_name=OFFICES[code],
            comment="Approved.",
            valid_from="2026-01-20T00:00:00Z",
            credential_status=status_list_entry_build(list_url=list_url, index=7)
            if code == "eapo"
            else None,
        )
        endorsements.append(
            endorsement_sign(unsigned, signing_key_get(office_controller(code)))
        )
    joint = proof_add(
        credential_endorsements_attach(credential, endorsements), platform
    )
    bits = bitstring_new()
    bit_set(bits, 7)  # EAPO withdrew its endorsement
    eapo = signing_key_get(office_controller("eapo"))
    status_list = proof_add(
        status_list_credential_build(
            list_url, bitstring_encode(bits), eapo.controller_did
        ),
        eapo,
    )

    report = credential_verify(joint, fetch_status=lambda url: status_list)

    assert report.valid
    check = report.check("endorsements")
    assert check.status == "warning"
    assert check.message == (
        "1 of 2 endorsements verify. 1 withdrawn by the endorsing office."
    )
    assert check.code == "endorsement_withdrawn"
    assert "withdrawn: did:web:academy.example.org:offices:eapo" in " ".join(
        check.details
    )
