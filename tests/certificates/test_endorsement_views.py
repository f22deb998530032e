"""Coordinators' endorsement actions and the public list of co-signing offices."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import Certificate, CohortEndorsement
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import OfficeFactory, coordinator_of

from .test_endorsements import approve

pytestmark = pytest.mark.django_db


def page_url(cohort):
    return reverse("certificates:cohort_endorsements", kwargs={"slug": cohort.slug})


def approve_url(cohort, code):
    return reverse(
        "certificates:endorsement_approve",
        kwargs={"slug": cohort.slug, "office_code": code},
    )


def withdraw_url(cohort, code, certificate):
    return reverse(
        "certificates:endorsement_withdraw",
        kwargs={"slug": cohort.slug, "office_code": code, "code": certificate.code},
    )


def test_coordinator_approves_for_own_office_and_signing_runs(
    client, joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    client.force_login(coordinators["gccpo"])
    page = client.get(page_url(cohort))
    assert page.status_code == 200
    assert "Approve the results and sign for GCCPO" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            approve_url(cohort, "gccpo"),
            {
                "gccpo-signatory_name": "Huda Al-Sayed",
                "gccpo-signatory_title": "Director of Training",
            },
        )
    assert response.status_code == 302
    approval = CohortEndorsement.objects.get(office=offices["gccpo"])
    assert approval.status == CohortEndorsement.Status.SIGNED
    assert approval.signatory_title == "Director of Training"
    content = client.get(page_url(cohort)).content.decode()
    assert "2 of 2 certificates signed" in content


@pytest.mark.parametrize("who", ["other_office", "outsider", "trainee"])
def test_others_get_404_for_an_office_they_do_not_coordinate(
    client, joint, who, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    user = {
        "other_office": coordinators["gccpo"],
        "outsider": coordinator_of(OfficeFactory(short_code="eapo")),
        "trainee": certificates[0].holder,
    }[who]
    client.force_login(user)
    assert (
        client.post(
            approve_url(cohort, "ipos"), {"ipos-signatory_name": "X"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            withdraw_url(cohort, "ipos", certificates[0]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert client.get(withdraw_url(cohort, "ipos", certificates[0])).status_code == 404
    for name in ("endorsement_export", "endorsement_import"):
        url = reverse(
            f"certificates:{name}", kwargs={"slug": cohort.slug, "office_code": "ipos"}
        )
        assert client.post(url).status_code == 404
    assert CohortEndorsement.objects.filter(office=offices["gccpo"]).count() == 0
    assert Certificate.objects.get(pk=certificates[0].pk).credential["endorsement"]
    if who != "other_office":
        assert client.get(page_url(cohort)).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, joint):
    cohort = joint[0]
    assert client.get(page_url(cohort)).status_code == 302
    assert client.post(approve_url(cohort, "ipos")).status_code == 302


def test_verification_page_lists_signed_pending_and_withdrawn_offices(
    client, joint, django_capture_on_commit_callbacks, django_assert_num_queries
):
    cohort, offices, coordinators, certificates = joint
    for code in ("cnipa", "ipos"):
        approve(
            cohort,
            offices[code],
            coordinators[code],
            django_capture_on_commit_callbacks,
        )
    client.force_login(coordinators["ipos"])
    response = client.post(
        withdraw_url(cohort, "ipos", certificates[0]),
        {"reason": "Our trainee list was wrong."},
    )
    assert response.status_code == 302
    client.logout()

    url = reverse("certificates:verify_code", kwargs={"code": certificates[0].code})
    client.get(reverse("certificates:verify_form"))  # warms the cached page chrome
    with django_assert_num_queries(1):
        content = client.get(url).content.decode()
    assert "Signed, signature verified" in content
    assert "Endorsement withdrawn" in content
    assert "Our trainee list was wrong." in content
    assert "Not signed yet" in content  # GCC Patent Office
    assert "Valid" in content
    assert "GCC Patent Office" in content
    assert coordinators["cnipa"].get_full_name() in content


def test_a_tampered_stored_endorsement_shows_as_not_verifying(
    client, joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    certificate = Certificate.objects.get(pk=certificates[0].pk)
    certificate.credential["endorsement"][0]["credentialSubject"][
        "endorsementComment"
    ] = "Changed in the database"
    certificate.save()
    url = reverse("certificates:verify_code", kwargs={"code": certificate.code})
    assert "Signature does not verify" in client.get(url).content.decode()


def test_office_with_own_key_exports_and_uploads_a_signed_batch(
    client, joint, office_held_key, django_capture_on_commit_callbacks
):
    from certificates.credentials.offline_sign import batch_sign

    cohort, offices, coordinators, certificates = joint
    client.force_login(coordinators["ipos"])
    client.post(approve_url(cohort, "ipos"), {"ipos-signatory_name": "Priya Nair"})
    kwargs = {"slug": cohort.slug, "office_code": "ipos"}
    export = client.post(reverse("certificates:endorsement_export", kwargs=kwargs))
    assert export["Content-Disposition"].startswith("attachment")
    batch = json.loads(export.content)
    # Two endorsements, then the office's own status list for it to sign.
    assert [item["type"][1] for item in batch] == [
        "EndorsementCredential",
        "EndorsementCredential",
        "BitstringStatusListCredential",
    ]

    import_url = reverse("certificates:endorsement_import", kwargs=kwargs)
    bad = batch_sign(batch, office_held_key)
    bad[0]["proof"][0]["proofValue"] = bad[1]["proof"][0]["proofValue"]
    response = client.post(
        import_url,
        {"signed": SimpleUploadedFile("s.json", json.dumps(bad).encode())},
        follow=True,
    )
    assert "nothing was stored" in response.content.decode()
    assert not Certificate.objects.get(pk=certificates[0].pk).credential.get(
        "endorsement"
    )

    good = batch_sign(batch, office_held_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            import_url,
            {"signed": SimpleUploadedFile("s.json", json.dumps(good).encode())},
            follow=True,
        )
    assert "2 signed endorsements stored." in response.content.decode()
    assert CohortEndorsement.objects.get(office=offices["ipos"]).status == "signed"

    not_json = client.post(
        import_url, {"signed": SimpleUploadedFile("s.json", b"{oops")}, follow=True
    )
    assert "not valid JSON" in not_json.content.decode()


def test_platform_admin_without_office_sees_no_approve_button(client, joint):
    cohort = joint[0]
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    content = client.get(page_url(cohort)).content.decode()
    assert "Approve the results" not in content


def test_api_lists_co_signing_offices(
    client, joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    data = client.get(f"/api/v1/certificates/{certificates[0].code}").json()
    states = {o["code"]: o for o in data["co_signing_offices"]}
    assert states["ipos"]["state"] == "signed"
    assert states["ipos"]["signature_verified"] is True
    assert states["ipos"]["signatory_title"] == "Director"
    assert states["cnipa"]["state"] == states["gccpo"]["state"] == "pending"


def test_an_office_keeping_its_key_is_told_to_sign_its_list_after_a_withdrawal(
    client, joint, office_held_key, django_capture_on_commit_callbacks
):
    from certificates.credentials.offline_sign import batch_sign

    cohort, offices, coordinators, certificates = joint
    client.force_login(coordinators["ipos"])
    client.post(approve_url(cohort, "ipos"), {"ipos-signatory_name": "Priya Nair"})
    kwargs = {"slug": cohort.slug, "office_code": "ipos"}
    export_url = reverse("certificates:endorsement_export", kwargs=kwargs)
    import_url = reverse("certificates:endorsement_import", kwargs=kwargs)

    def sign_and_upload():
        batch = json.loads(client.post(export_url).content)
        signed = json.dumps(batch_sign(batch, office_held_key)).encode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(import_url, {"signed": SimpleUploadedFile("s.json", signed)})

    sign_and_upload()
    notice = "status list changed: export the batch"
    assert notice not in client.get(page_url(cohort)).content.decode()

    response = client.post(
        withdraw_url(cohort, "ipos", certificates[0]),
        {"reason": "Our trainee list was wrong."},
        follow=True,
    )
    assert notice in response.content.decode()
    assert notice in client.get(page_url(cohort)).content.decode()

    sign_and_upload()
    assert notice not in client.get(page_url(cohort)).content.decode()
