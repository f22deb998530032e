from dataclasses import dataclass

import pytest

from accounts import roles
from exchange.models import Space
from exchange.selectors import member_access
from exchange.services.spaces import spaces_ensure_for_cohort
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)


@dataclass
class Scene:
    """A running cohort led by `lead`, with offices A and B taking part: a
    trainee of each (a2 a classmate of a), their coordinators, an instructor,
    and an outsider office's coordinator."""

    cohort: object
    office_a: object
    office_b: object
    trainee_a: object
    trainee_a2: object
    trainee_b: object
    coord_a: object
    coord_lead: object
    instructor: object
    outsider: object
    whole: Space
    space_a: Space
    space_b: Space
    session: object

    def access(self, user):
        return member_access(user, self.cohort)


@pytest.fixture
def scene(db):
    lead = OfficeFactory(short_code="lead")
    office_a = OfficeFactory(short_code="ofa", name="Office A")
    office_b = OfficeFactory(short_code="ofb", name="Office B")
    cohort = CohortFactory(lead_office=lead, status="running")
    for office in (office_a, office_b):
        CohortOfficeFactory(cohort=cohort, office=office)
    trainees = [
        AdmittedEnrolmentFactory(
            cohort=cohort,
            office=office,
            user=UserFactory(
                groups=[roles.TRAINEES], email=email, first_name=first, last_name=last
            ),
        ).user
        for office, email, first, last in (
            (office_a, "ana.a@example.org", "Ana", "Alves"),
            (office_a, "amir.a@example.org", "Amir", "Azizi"),
            (office_b, "bo.b@example.org", "Bo", "Bai"),
        )
    ]
    instructor = UserFactory(groups=[roles.INSTRUCTORS], email="teach@example.org")
    session = SessionFactory(cohort=cohort, title="Examining AI inventions")
    session.instructors.add(instructor)
    spaces = spaces_ensure_for_cohort(cohort=cohort)
    by_office = {s.office_id: s for s in spaces}
    return Scene(
        cohort=cohort,
        office_a=office_a,
        office_b=office_b,
        trainee_a=trainees[0],
        trainee_a2=trainees[1],
        trainee_b=trainees[2],
        coord_a=coordinator_of(office_a),
        coord_lead=coordinator_of(lead),
        instructor=instructor,
        outsider=coordinator_of(OfficeFactory(short_code="outside")),
        whole=by_office[None],
        space_a=by_office[office_a.pk],
        space_b=by_office[office_b.pk],
        session=session,
    )
