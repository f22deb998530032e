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
