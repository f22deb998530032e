import pytest

from certificates.models import Certificate
from cms.demo import DemoContext
from cms.demo import certificates as demo

from .factories import CompletedCohortFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def _ctx():
    return DemoContext(password="x", write=lambda line: None)


def test_demo_copes_without_completed_enrolments():
    ctx = _ctx()
    demo.seed(ctx)
    assert ctx.codes == []


def test_demo_issues_revokes_and_supersedes_idempotently():
    cohort = CompletedCohortFactory()
    CompletedEnrolmentFactory.create_batch(3, cohort=cohort)
    for _ in range(2):
        ctx = _ctx()
        demo.seed(ctx)
    assert Certificate.objects.count() == 4  # 3 issued + 1 correction
    statuses = [status for _, status in ctx.codes]
    assert statuses.count("revoked") == 1
    assert statuses.count("superseded") == 1
    assert "valid" in statuses
    assert all(Certificate.objects.get(code=code).pdf for code, _ in ctx.codes)


def test_every_demo_credential_passes_the_official_schema_and_status_checks(
    joint, django_capture_on_commit_callbacks, client
):
    """Valid, revoked, superseded, jointly signed and partly withdrawn credentials,
    as the demo seeds them, in the JSON and the JWT form."""
    from certificates.credentials.schema import (
        endorsement_schema_validate,
        schema_validate,
    )
    from certificates.credentials.verify import credential_jwt_verify, credential_verify
    from cms.demo import endorsements as demo_endorsements

    cohort, offices, coordinators, certificates = joint
    cohort.slug = demo_endorsements.COHORT_SLUG
    cohort.save()
    CompletedEnrolmentFactory.create_batch(2, cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # idempotent
            ctx = _ctx()
            demo.seed(ctx)
            demo_endorsements.seed(ctx)
    statuses = dict(ctx.codes)
    assert set(statuses.values()) >= {
        "valid",
        "revoked",
        "superseded",
        "valid, jointly signed by CNIPA, IPOS and GCC Patent Office",
        "valid, GCC Patent Office withdrew its endorsement",
    }

    def fetch(url):
        return client.get(url.removeprefix("http://testserver")).json()

    for certificate in Certificate.objects.all():
        credential = certificate.credential
        assert schema_validate(credential) == [], certificate.status
        for endorsement in credential.get("endorsement", []):
            assert endorsement_schema_validate(endorsement) == []
        token = client.get(f"/certificates/{certificate.code}/credential.jwt")
        for report in (
            credential_verify(credential, fetch_status=fetch),
            credential_jwt_verify(token.content.decode(), fetch_status=fetch),
        ):
            status = report.check("status")
            expected = {"revoked": "revoked", "superseded": "superseded"}
            assert status.code == expected.get(certificate.status, ""), certificate
            if certificate.status == "valid":
                assert report.valid, report.as_dict()
                summary = report.check("endorsements")
                assert summary is None or summary.status == "passed"
