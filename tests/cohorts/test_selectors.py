import pytest
from django.http import Http404

from cohorts.selectors.scoping import (
    cohort_get_for_coordinator,
    cohort_list_for_coordinator,
    user_leads_cohort,
)
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def test_coordinator_sees_cohorts_their_offices_take_part_in_only():
    lead, partner, outsider = OfficeFactory(), OfficeFactory(), OfficeFactory()
    cohort = CohortFactory(lead_office=lead)
    CohortOfficeFactory(cohort=cohort, office=partner)
    other = CohortFactory(lead_office=outsider)

    partner_coord = coordinator_of(partner)
    assert list(cohort_list_for_coordinator(partner_coord)) == [cohort]
    assert not user_leads_cohort(partner_coord, cohort)
    assert user_leads_cohort(coordinator_of(lead), cohort)
    with pytest.raises(Http404):
        cohort_get_for_coordinator(partner_coord, pk=other.pk)


def test_member_of_two_offices_sees_both_offices_cohorts():
    a, b = OfficeFactory(), OfficeFactory()
    cohort_a, cohort_b = CohortFactory(lead_office=a), CohortFactory(lead_office=b)
    person = coordinator_of(a)
    coordinator_of(b, user=person)
    assert set(cohort_list_for_coordinator(person)) == {cohort_a, cohort_b}
