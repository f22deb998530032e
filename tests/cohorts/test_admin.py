import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cohorts.models import CohortOffice
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def test_cohort_listing_shows_only_cohorts_the_office_takes_part_in(client):
    mine, other = OfficeFactory(), OfficeFactory()
    led = CohortFactory(lead_office=mine, title="Led by us")
    joined = CohortFactory(lead_office=other, title="Co-organized by us")
    CohortOfficeFactory(cohort=joined, office=mine)
    CohortFactory(lead_office=other, title="Not ours")
    client.force_login(coordinator_of(mine))
    body = client.get("/admin/cohorts/").content.decode()
    assert "Led by us" in body and "Co-organized by us" in body
    assert "Not ours" not in body
    assert f"/admin/cohorts/applications/{led.pk}/" in body
    assert "/admin/cohorts/" in client.get("/admin/").content.decode()


def test_add_form_offers_only_the_coordinators_offices_as_lead(client):
    mine = OfficeFactory(name="Our Office")
    OfficeFactory(name="Somebody Else")
    client.force_login(coordinator_of(mine))
    body = client.get("/admin/cohorts/new/").content.decode()
    lead_select = re.search(r'<select name="lead_office".*?</select>', body, re.S)
    assert "Our Office" in lead_select.group()
    assert "Somebody Else" not in lead_select.group()


def test_lead_coordinator_edits_quotas_inline(client):
    lead, partner = OfficeFactory(), OfficeFactory()
    cohort = CohortFactory(lead_office=lead, lead_quota=10)
    client.force_login(coordinator_of(lead))
    lead_row = CohortOffice.objects.get(cohort=cohort, office=lead)
    data = nested_form_data(
        {
            "course": cohort.course.pk,
            "title": cohort.title,
            "slug": cohort.slug,
            "lead_office": lead.pk,
            "status": cohort.status,
            "start_date": cohort.start_date.isoformat(),
            "end_date": cohort.end_date.isoformat(),
            "applications_open_at": cohort.applications_open_at.strftime(
                "%Y-%m-%d %H:%M"
            ),
            "applications_close_at": cohort.applications_close_at.strftime(
                "%Y-%m-%d %H:%M"
            ),
            "time_zone": cohort.time_zone,
            "language": cohort.language,
            "delivery_mode": cohort.delivery_mode,
            "location": "",
            "capacity": 20,
            "min_attendance_percent": 80,
            "excused_counts_as_attended": "on",
            "min_final_score": "60",
            "require_required_assessments": "on",
            "participations": inline_formset(
                [
                    {"id": lead_row.pk, "office": lead.pk, "seat_quota": 12},
                    {"office": partner.pk, "seat_quota": 8},
                ],
                initial=1,
            ),
        }
    )
    response = client.post(f"/admin/cohorts/edit/{cohort.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quotas = dict(
        CohortOffice.objects.filter(cohort=cohort).values_list(
            "office_id", "seat_quota"
        )
    )
    assert quotas == {lead.pk: 12, partner.pk: 8}
