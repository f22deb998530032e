"""The offices' API gives contact details by the applications page's rule."""

import pytest

from cohorts.services.api_tokens import office_api_token_create
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

EMAILS = {
    "lead": "lead.nominee@example.org",
    "co": "co.nominee@example.org",
    "other": "other.nominee@example.org",
}


@pytest.fixture
def joint():
    """A cohort led by one office with two co-organizers, a nominee of each."""
    cohort = CohortFactory(lead_office=OfficeFactory(short_code="lead"))
    offices = {"lead": cohort.lead_office}
    for key in ("co", "other"):
        offices[key] = CohortOfficeFactory(
            cohort=cohort, office=OfficeFactory(short_code=key)
        ).office
    for key, office in offices.items():
        EnrolmentFactory(
            cohort=cohort, office=office, user=UserFactory(email=EMAILS[key])
        )
    return cohort, offices


def _roster(client, cohort, office) -> list[dict]:
    _, token = office_api_token_create(office=office, name="HR system")
    response = client.get(
        f"/api/v1/cohorts/{cohort.slug}/roster/",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    return response.json()


def test_co_organizer_token_gets_no_email_of_another_offices_nominee(client, joint):
    cohort, offices = joint
    roster = _roster(client, cohort, offices["co"])
    assert {e["email"] for e in roster} == {EMAILS["co"], None}
    text = str(roster)
    assert EMAILS["lead"] not in text and EMAILS["other"] not in text
    hidden = [e for e in roster if not e["details_visible"]]
    assert {e["office"] for e in hidden} == {"lead", "other"}
    assert all(e["employer"] is None for e in hidden)


def test_lead_office_token_gets_every_email(client, joint):
    cohort, offices = joint
    roster = _roster(client, cohort, offices["lead"])
    assert {e["email"] for e in roster} == set(EMAILS.values())
    assert all(e["details_visible"] for e in roster)


@pytest.mark.parametrize("office", ["lead", "co"])
def test_token_sees_the_emails_its_coordinators_see_on_the_applications_page(
    client, joint, office
):
    cohort, offices = joint
    from_api = {e["email"] for e in _roster(client, cohort, offices[office])} - {None}
    client.force_login(coordinator_of(offices[office]))
    page = client.get(f"/admin/cohorts/applications/{cohort.pk}/")
    assert page.status_code == 200
    on_page = {email for email in EMAILS.values() if email in page.content.decode()}
    assert from_api == on_page
