"""Offices mark their people as experts or trainers, shown only with consent."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import OfficeDesignation
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import EnrolmentFactory, OfficeFactory, coordinator_of

from .factories import NetworkProfileFactory, OfficeDesignationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return OfficeFactory(name="Kazpatent", short_code="kz")


@pytest.fixture
def examiner(office):
    """A trainee the office nominated once, listed in the network."""
    enrolment = EnrolmentFactory(office=office, cohort__lead_office=office)
    NetworkProfileFactory(user=enrolment.user)
    return enrolment.user


def _profile_page(client, person) -> str:
    client.force_login(UserFactory())
    url = reverse("network:profile", args=[person.network_profile.pk])
    return client.get(url).content.decode()


def test_the_role_shows_only_after_the_person_accepts(
    client, office, examiner, django_capture_on_commit_callbacks
):
    coordinator = coordinator_of(office)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/designations/new/",
            {"office": office.pk, "user": examiner.pk, "kind": "expert"},
        )
    assert response.status_code == 302
    designation = OfficeDesignation.objects.get()
    assert designation.status == OfficeDesignation.Status.PROPOSED
    assert mail.outbox[-1].to == [examiner.email]
    assert "Expert, Kazpatent" not in _profile_page(client, examiner)

    client.force_login(examiner)
    own = client.get(reverse("network:my_profile")).content.decode()
    assert "Expert, Kazpatent" in own
    client.post(
        reverse("network:designation_answer", args=[designation.pk]),
        {"decision": "accept"},
    )
    assert "Expert, Kazpatent" in _profile_page(client, examiner)


@pytest.mark.parametrize(
    "status",
    [OfficeDesignation.Status.PROPOSED, OfficeDesignation.Status.ACCEPTED],
    ids=["declined when proposed", "consent withdrawn"],
)
def test_a_declined_role_is_not_shown(client, office, examiner, status):
    designation = OfficeDesignationFactory(office=office, user=examiner, status=status)
    shown = "Expert, Kazpatent" in _profile_page(client, examiner)
    assert shown is (status == OfficeDesignation.Status.ACCEPTED)
    client.force_login(examiner)
    client.post(
        reverse("network:designation_answer", args=[designation.pk]),
        {"decision": "decline"},
    )
    assert "Expert, Kazpatent" not in _profile_page(client, examiner)


def test_nobody_else_answers_for_the_person(client, office, examiner):
    designation = OfficeDesignationFactory(office=office, user=examiner)
    client.force_login(coordinator_of(office))
    client.post(
        reverse("network:designation_answer", args=[designation.pk]),
        {"decision": "accept"},
    )
    designation.refresh_from_db()
    assert designation.status == OfficeDesignation.Status.PROPOSED
    assert "Expert, Kazpatent" not in _profile_page(client, examiner)


def test_an_office_cannot_mark_someone_elses_staff(client, office):
    stranger = UserFactory(last_name="Outsider")
    coordinator = coordinator_of(office)
    client.force_login(coordinator)
    form = client.get("/admin/designations/new/").content.decode()
    assert "Outsider" not in form
    response = client.post(
        "/admin/designations/new/",
        {"office": office.pk, "user": stranger.pk, "kind": "trainer"},
    )
    assert response.status_code == 200
    assert not OfficeDesignation.objects.exists()


def test_a_coordinator_sees_only_their_offices_designations(client, office, examiner):
    other = OfficeDesignationFactory(user__last_name="Elsewhereva")
    mine = OfficeDesignationFactory(office=office, user=examiner)
    client.force_login(coordinator_of(office))
    listing = client.get("/admin/designations/").content.decode()
    assert examiner.last_name in listing
    assert "Elsewhereva" not in listing
    assert client.get(f"/admin/designations/inspect/{other.pk}/").status_code == 404
    assert client.get(f"/admin/designations/inspect/{mine.pk}/").status_code == 200


def test_a_proposal_cannot_be_edited_into_something_else(client, office, examiner):
    designation = OfficeDesignationFactory(office=office, user=examiner)
    client.force_login(coordinator_of(office))
    response = client.get(f"/admin/designations/edit/{designation.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_coordinators_reach_the_designations_from_the_admin_menu(client, office):
    client.force_login(coordinator_of(office))
    assert "/admin/designations/" in client.get("/admin/").content.decode()
    client.force_login(UserFactory(groups=["Trainees"]))
    assert client.get("/admin/designations/").status_code == 302
