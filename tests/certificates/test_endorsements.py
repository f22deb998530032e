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
from certificates.credentials.verify import credential_verify
from certificates.exceptions import (
    CohortNotCompletedError,
    EndorsementImportError,
    NotEndorsingOfficeError,
)
from certificates.models import Certificate, CohortEndorsement
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
    status_url = credential["credentialStatus"]["statusListCredential"]
    status_list = client.get(status_url.removeprefix("http://testserver")).json()

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
        credential, resolve=resolve, fetch_status=lambda url: status_list
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
        forged, resolve=resolve, fetch_status=lambda url: status_list
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
    assert credential_verify(
        certificate.credential,
        fetch_status=lambda url: certificate.status_list.credential,
    ).valid
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
    assert len(batch) == 2
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
    assert endorsement_verify(endorsement, certificate.credential).valid
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
