"""Jointly issued certificates: every office taking part signs an endorsement."""

import contextlib
import copy
import json
import shutil

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from certificates.credentials.did import did_web_url
from certificates.credentials.endorsement import endorsement_verify
from certificates.credentials.keys import keys_dir
from certificates.credentials.offline_sign import batch_sign
from certificates.credentials.verify import credential_jwt_verify, credential_verify
from certificates.exceptions import (
    CohortNotCompletedError,
    EndorsementImportError,
    NotEndorsingOfficeError,
)
from certificates.models import Certificate, CohortEndorsement
from certificates.selectors import status_list_document_get
from certificates.services import (
    certificate_correct,
    certificate_endorsement_withdraw,
    certificate_issue,
    certificate_pdf_render,
    certificate_revoke,
    cohort_endorsement_approve,
    cohort_endorsement_export,
    cohort_endorsement_import,
    cohort_endorsement_sign,
)
from cohorts.models import Cohort
from tests.cohorts.factories import OfficeFactory, coordinator_of
from training.audit import ENDORSEMENT_APPROVE, ENDORSEMENT_WITHDRAW

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def approve(cohort, office, user, capture=None, title="Director"):
    with capture(execute=True) if capture else contextlib.nullcontext():
        return cohort_endorsement_approve(
            cohort=cohort,
            office=office,
            by=user,
            signatory_name=user.get_full_name(),
            signatory_title=title,
        )


def sign_offline(approval, key, by, capture):
    """The office exports what it must sign, signs it with its own tool and
    uploads it: the round trip of an office that keeps its own key."""
    with capture(execute=True):
        return cohort_endorsement_import(
            approval=approval,
            signed=batch_sign(cohort_endorsement_export(approval=approval), key),
            by=by,
        )


def published_documents(client, dids) -> dict:
    """Every DID document fetched over HTTP, as a verifier on the internet would."""
    documents = {}
    for did in dids:
        path = did_web_url(did).removeprefix("https://testserver")
        response = client.get(path)
        assert response.status_code == 200, path
        documents[did] = response.json()
    return documents


def test_three_offices_endorse_and_all_four_signatures_verify_from_did_documents(
    client, joint, django_capture_on_commit_callbacks, settings
):
    cohort, offices, coordinators, certificates = joint
    for code, office in offices.items():
        approval = approve(
            cohort, office, coordinators[code], django_capture_on_commit_callbacks
        )
        approval.refresh_from_db()
        assert approval.status == CohortEndorsement.Status.SIGNED
        assert (approval.done, approval.total) == (2, 2)

    certificate = Certificate.objects.get(pk=certificates[0].pk)
    response = client.get(f"/certificates/{certificate.code}/credential.json")
    credential = json.loads(response.content)
    assert len(credential["endorsement"]) == 3
    # Each office publishes its own status list for its endorsements.
    status_urls = {credential["credentialStatus"]["statusListCredential"]} | {
        e["credentialStatus"]["statusListCredential"] for e in credential["endorsement"]
    }
    assert len(status_urls) == 4
    status_lists = {
        url: client.get(url.removeprefix("http://testserver")).json()
        for url in status_urls
    }

    issuers = [credential["issuer"]["id"]] + [
        e["issuer"]["id"] for e in credential["endorsement"]
    ]
    documents = published_documents(client, issuers)
    # From here on only the published documents count: the key store is gone.
    shutil.rmtree(keys_dir())
    settings.SIGNING_KEYS_AUTO_CREATE = False

    def resolve(did):
        return documents[did]

    report = credential_verify(
        credential, resolve=resolve, fetch_status=status_lists.__getitem__
    )
    assert report.valid, report.as_dict()
    assert report.check("endorsements").message == "3 of 3 endorsements verify."
    signers = {c.controller for c in report.proofs if c.verified}
    for _endorser, result in report.endorsements:
        assert result.valid
        signers |= {c.controller for c in result.proofs if c.verified}
    assert len(signers) == 4
    assert signers == set(documents)

    tampered = copy.deepcopy(credential["endorsement"][0])
    tampered["credentialSubject"]["endorsementComment"] = "We never agreed."
    assert not endorsement_verify(tampered, credential, resolve).valid
    forged = copy.deepcopy(credential)
    forged["endorsement"][1]["issuer"]["name"] = "Someone else"
    forged_report = credential_verify(
        forged, resolve=resolve, fetch_status=status_lists.__getitem__
    )
    # The platform's proof covers the embedded endorsements too.
    assert forged_report.check("proof").status == "failed"
    assert forged_report.check("endorsements").status == "warning"


def test_signing_again_changes_nothing(joint, django_capture_on_commit_callbacks):
    cohort, offices, coordinators, certificates = joint
    approval = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    before = Certificate.objects.get(pk=certificates[0].pk).credential
    again = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    cohort_endorsement_sign(approval_id=approval.pk)
    assert again.pk == approval.pk
    assert Certificate.objects.get(pk=certificates[0].pk).credential == before
    assert certificates[0].endorsements.count() == 1
    assert ModelLogEntry.objects.filter(action=ENDORSEMENT_APPROVE).count() == 1


def test_only_coordinators_of_taking_part_offices_approve(
    joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, _ = joint
    outsider = OfficeFactory(short_code="eapo")
    with pytest.raises(NotEndorsingOfficeError):
        approve(cohort, offices["ipos"], coordinators["gccpo"])
    with pytest.raises(NotEndorsingOfficeError):
        approve(cohort, outsider, coordinator_of(outsider))


def test_results_are_approved_only_for_completed_cohorts(joint):
    cohort, offices, coordinators, _ = joint
    cohort.status = Cohort.Status.RUNNING
    cohort.save()
    with pytest.raises(CohortNotCompletedError):
        approve(cohort, offices["ipos"], coordinators["ipos"])


def test_certificates_issued_after_approval_are_endorsed_too(
    joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approve(
        cohort,
        offices["gccpo"],
        coordinators["gccpo"],
        django_capture_on_commit_callbacks,
    )
    with django_capture_on_commit_callbacks(execute=True):
        late = certificate_issue(enrolment=CompletedEnrolmentFactory(cohort=cohort))
        corrected = certificate_correct(
            certificate=certificates[0], holder_name="Corrected Name"
        )
    for certificate in (late, corrected):
        certificate.refresh_from_db()
        assert [e["issuer"]["name"] for e in certificate.credential["endorsement"]] == [
            "GCC Patent Office"
        ]


def test_withdrawing_removes_the_endorsement_and_keeps_the_reason(
    joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    for code in ("ipos", "gccpo"):
        approve(
            cohort,
            offices[code],
            coordinators[code],
            django_capture_on_commit_callbacks,
        )
    endorsement = certificates[0].endorsements.get(office=offices["ipos"])
    with pytest.raises(NotEndorsingOfficeError):
        certificate_endorsement_withdraw(
            endorsement=endorsement, reason="Not ours", by=coordinators["gccpo"]
        )
    with pytest.raises(ValidationError):
        certificate_endorsement_withdraw(
            endorsement=endorsement, reason=" ", by=coordinators["ipos"]
        )
    certificate_endorsement_withdraw(
        endorsement=endorsement,
        reason="The trainee did not attend our sessions.",
        by=coordinators["ipos"],
    )
    certificate = Certificate.objects.get(pk=certificates[0].pk)
    assert [e["issuer"]["name"] for e in certificate.credential["endorsement"]] == [
        "GCC Patent Office"
    ]
    report = credential_verify(
        certificate.credential, fetch_status=status_list_document_get
    )
    assert report.valid
    assert report.check("endorsements").message == "1 of 1 endorsements verify."
    record = {r["code"]: r for r in certificate.endorsement_record}
    assert (
        record["ipos"]["withdrawal_reason"]
        == "The trainee did not attend our sessions."
    )
    assert record["gccpo"]["withdrawn_at"] is None
    assert certificate.status == Certificate.Status.VALID
    log = ModelLogEntry.objects.get(action=ENDORSEMENT_WITHDRAW)
    assert log.data["reason"] == "The trainee did not attend our sessions."


def test_revoked_certificates_are_not_endorsed(
    joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    certificate_revoke(certificate=certificates[1], reason="Issued in error")
    approval = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    approval.refresh_from_db()
    assert approval.total == 1
    assert not certificates[1].endorsements.exists()


def test_pdf_shows_cosigning_offices_and_keeps_earlier_pdf_hash(
    joint, django_capture_on_commit_callbacks, monkeypatch
):
    from certificates import pdf

    # The HTML WeasyPrint would render, without the slow rendering.
    monkeypatch.setattr(
        pdf, "certificate_pdf_render", lambda data: pdf.certificate_html(data).encode()
    )
    cohort, offices, coordinators, certificates = joint
    first = certificate_pdf_render(certificate_id=certificates[0].pk)
    assert b"Director, IPOS Academy" not in first.pdf.read()
    approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
        title="Director, IPOS Academy",
    )
    certificate = Certificate.objects.get(pk=certificates[0].pk)
    html = certificate.pdf.read().decode()
    assert "Intellectual Property Office of Singapore" in html
    assert coordinators["ipos"].get_full_name() in html
    assert "Director, IPOS Academy" in html
    assert certificate.pdf_sha256 != first.pdf_sha256
    assert certificate.pdf_sha256_earlier == [first.pdf_sha256]


# ---- offices that keep their own key ----


def test_office_signs_offline_and_the_platform_stores_the_batch(
    joint, office_held_key, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approval = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    approval.refresh_from_db()
    assert approval.status == CohortEndorsement.Status.AWAITING
    assert not certificates[0].endorsements.filter(signed_at__isnull=False).exists()

    batch = cohort_endorsement_export(approval=approval)
    assert len(batch) == 3  # two endorsements and the office's new status list
    assert cohort_endorsement_export(approval=approval) == batch  # deterministic
    signed = batch_sign(json.loads(json.dumps(batch)), office_held_key)

    with django_capture_on_commit_callbacks(execute=True):
        stored = cohort_endorsement_import(
            approval=approval, signed=signed, by=coordinators["ipos"]
        )
    assert stored == 2
    approval.refresh_from_db()
    assert approval.status == CohortEndorsement.Status.SIGNED
    certificate = Certificate.objects.get(pk=certificates[0].pk)
    (endorsement,) = certificate.credential["endorsement"]
    assert endorsement_verify(
        endorsement, certificate.credential, fetch_status=status_list_document_get
    ).valid
    # Importing the same file again stores nothing new.
    assert (
        cohort_endorsement_import(
            approval=approval, signed=signed, by=coordinators["ipos"]
        )
        == 0
    )


def test_an_altered_signed_batch_is_refused_whole(
    joint, office_held_key, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approval = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    batch = cohort_endorsement_export(approval=approval)
    altered = copy.deepcopy(batch)
    altered[1]["credentialSubject"]["endorsementComment"] = "Something else"
    signed = batch_sign(altered, office_held_key)
    with pytest.raises(EndorsementImportError) as error:
        cohort_endorsement_import(
            approval=approval, signed=signed, by=coordinators["ipos"]
        )
    assert any("batch" in message for message in error.value.extra["errors"])
    assert not certificates[0].endorsements.filter(signed_at__isnull=False).exists()

    # Signed with a key that is not the registered one.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with pytest.raises(EndorsementImportError) as error:
        cohort_endorsement_import(
            approval=approval,
            signed=batch_sign(batch, Ed25519PrivateKey.generate()),
            by=coordinators["ipos"],
        )
    assert any("proof" in message for message in error.value.extra["errors"])
    with pytest.raises(EndorsementImportError):
        cohort_endorsement_import(
            approval=approval, signed={"not": "a list"}, by=coordinators["ipos"]
        )


def _verify_downloaded(client, certificate, form):
    """Verify a download as a relying party would: status lists over HTTP."""

    def fetch_status(url):
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        return response.json()

    response = client.get(f"/certificates/{certificate.code}/credential.{form}")
    if form == "jwt":
        return credential_jwt_verify(
            response.content.decode(), fetch_status=fetch_status
        )
    return credential_verify(json.loads(response.content), fetch_status=fetch_status)


@pytest.mark.parametrize("form", ["json", "jwt"])
def test_a_copy_downloaded_before_a_withdrawal_shows_the_endorsement_withdrawn(
    client, joint, django_capture_on_commit_callbacks, form
):
    cohort, offices, coordinators, certificates = joint
    for code in ("ipos", "gccpo"):
        approve(
            cohort,
            offices[code],
            coordinators[code],
            django_capture_on_commit_callbacks,
        )
    certificate = certificates[0]
    before = client.get(f"/certificates/{certificate.code}/credential.{form}").content
    report = _verify_downloaded(client, certificate, form)
    assert report.check("endorsements").message == "2 of 2 endorsements verify."

    certificate_endorsement_withdraw(
        endorsement=certificate.endorsements.get(office=offices["ipos"]),
        reason="The trainee did not attend our sessions.",
        by=coordinators["ipos"],
    )

    def fetch_status(url):
        return client.get(url.removeprefix("http://testserver")).json()

    if form == "jwt":
        old = credential_jwt_verify(before.decode(), fetch_status=fetch_status)
    else:
        old = credential_verify(json.loads(before), fetch_status=fetch_status)
    endorsements = dict(old.endorsements)
    ipos = endorsements["did:web:testserver:offices:ipos"]
    assert not ipos.valid
    assert ipos.check("status").code == "withdrawn"
    assert ipos.check("status").message == "The endorsement is withdrawn."
    assert endorsements["did:web:testserver:offices:gccpo"].valid
    summary = old.check("endorsements")
    assert summary.status == "warning"
    assert "1 withdrawn by the endorsing office" in summary.message
    assert (
        "withdrawn: did:web:testserver:offices:ipos"
        in summary.details[1] + (summary.details[0])
    )
    # The certificate itself stays valid: only its lead office revokes it.
    assert old.valid
    # The live credential no longer lists the withdrawn endorsement.
    live = _verify_downloaded(client, certificate, form)
    assert live.check("endorsements").message == "1 of 1 endorsements verify."


def test_an_office_keeping_its_own_key_signs_its_status_list_for_a_withdrawal(
    client, joint, office_held_key, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approval = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    sign_offline(
        approval,
        office_held_key,
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    certificate = Certificate.objects.get(pk=certificates[0].pk)
    before = copy.deepcopy(certificate.credential)
    endorsement = certificate.endorsements.get(office=offices["ipos"])
    entry = endorsement.document["credentialStatus"]
    list_url = entry["statusListCredential"].removeprefix("http://testserver")
    published = client.get(list_url).json()
    assert published["issuer"] == "did:web:testserver:offices:ipos"
    assert published["proof"][0]["verificationMethod"].startswith(
        "did:web:testserver:offices:ipos#"
    )

    certificate_endorsement_withdraw(
        endorsement=endorsement, reason="Wrong trainee list.", by=coordinators["ipos"]
    )
    # The platform cannot sign for the office: the list waits for its signature,
    # and the next export carries it (and no endorsement).
    assert client.get(list_url).json() == published
    again = cohort_endorsement_export(approval=approval)
    assert [item["type"][1] for item in again] == ["BitstringStatusListCredential"]
    sign_offline(
        approval,
        office_held_key,
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    assert cohort_endorsement_export(approval=approval) == []

    def fetch_status(url):
        return client.get(url.removeprefix("http://testserver")).json()

    report = credential_verify(before, fetch_status=fetch_status)
    ((_endorser, ipos),) = report.endorsements
    assert ipos.check("status").code == "withdrawn"


def test_a_status_list_signed_before_a_later_withdrawal_is_refused(
    joint, office_held_key, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approval = approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    sign_offline(
        approval,
        office_held_key,
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    rows = list(certificates[0].endorsements.all()) + list(
        certificates[1].endorsements.all()
    )
    certificate_endorsement_withdraw(
        endorsement=rows[0], reason="Wrong trainee list.", by=coordinators["ipos"]
    )
    stale = batch_sign(cohort_endorsement_export(approval=approval), office_held_key)
    certificate_endorsement_withdraw(
        endorsement=rows[1], reason="Wrong trainee list.", by=coordinators["ipos"]
    )
    with pytest.raises(EndorsementImportError) as refused:
        cohort_endorsement_import(
            approval=approval, signed=stale, by=coordinators["ipos"]
        )
    assert "Changed after export; refused." in " ".join(refused.value.extra["errors"])
