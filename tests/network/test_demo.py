"""seed_demo's network step: listed alumni, an expert of IPOS, one pending request."""

import pytest
from django.urls import reverse

from accounts.models import ContactRequest, NetworkProfile, OfficeDesignation
from certificates.services import certificate_issue
from cms.demo import DemoContext
from cms.demo import network as demo_network
from tests.accounts.factories import UserFactory
from tests.certificates.factories import CompletedEnrolmentFactory
from tests.cohorts.factories import OfficeFactory, coordinator_of

pytestmark = pytest.mark.django_db


def ctx(**objects):
    return DemoContext(password="x", write=lambda line: None, objects=objects)


def test_seed_copes_with_an_empty_database():
    demo_network.seed(ctx())
    assert not NetworkProfile.objects.exists()


def test_seed_lists_alumni_and_an_expert_with_one_pending_request_once(client):
    ipos = OfficeFactory(short_code="ipos", name="IPOS", country="Singapore")
    expert = coordinator_of(ipos, user__email="coordinator.ipos@example.org")
    alumna = CompletedEnrolmentFactory(
        user=UserFactory(email="fang.wang@example.org", last_name="Wang")
    )
    certificate = certificate_issue(enrolment=alumna)
    trainee = UserFactory(email="trainee@example.org")

    for _ in range(2):
        demo_network.seed(ctx(**{"user:trainee": trainee}))

    assert NetworkProfile.objects.filter(opted_in=True).count() == 2
    (contact,) = ContactRequest.objects.all()
    assert (contact.requester, contact.expert) == (trainee, expert)
    assert contact.status == ContactRequest.Status.PENDING
    (designation,) = OfficeDesignation.objects.all()
    assert designation.status == OfficeDesignation.Status.ACCEPTED

    page = client.get(reverse("network:directory")).content.decode()
    assert "Wang" in page and expert.last_name in page
    profile = alumna.user.network_profile
    detail = client.get(reverse("network:profile", args=[profile.pk])).content.decode()
    assert certificate.code in detail
    assert "fang.wang@example.org" not in detail
