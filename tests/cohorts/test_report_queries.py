"""The report pages and downloads take a fixed number of queries: the same
with 2 cohorts as with 6, and no more than the pinned number."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import roles
from cohorts.models import AttendanceMark, Enrolment
from cohorts.services.api_tokens import office_api_token_create
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

REPORTS = "/admin/programme-reports/"
# The most queries each answer may take, whatever the number of cohorts.
PAGES = {
    "page": (REPORTS, 54),  # most of them the Wagtail admin's own
    "page filtered": (REPORTS + "?country=Singapore", 54),
    "csv": (REPORTS + "export.csv", 19),
    "xlsx": (REPORTS + "export.xlsx", 19),
    "json": (REPORTS + "export.json", 19),
    "records csv": (REPORTS + "training-records.csv", 13),
    "records xlsx": (REPORTS + "training-records.xlsx", 13),
}


class Offices:
    def __init__(self):
        self.alpha = OfficeFactory(name="Alpha Office", country="Singapore")
        self.beta = OfficeFactory(name="Beta Office", country="Malaysia")
        self.coordinator = coordinator_of(self.alpha)
        self.admin = UserFactory(groups=[roles.PLATFORM_ADMINS])

    def add_cohort(self, number: int) -> None:
        """A cohort led by Alpha with Beta: a held session, 6 Alpha trainees
        admitted (3 completed with a score, 4 present) and Beta's 2 (a small
        cell), an application and a nomination."""
        now = timezone.now()
        cohort = CohortFactory(
            title=f"Cohort {number}",
            lead_office=self.alpha,
            start_date=timezone.localdate() - datetime.timedelta(days=20 + number),
        )
        CohortOfficeFactory(cohort=cohort, office=self.beta)
        session = SessionFactory(
            cohort=cohort, starts_at=now - datetime.timedelta(days=3)
        )
        admitted = [
            AdmittedEnrolmentFactory(cohort=cohort, office=office)
            for office in [self.alpha] * 6 + [self.beta] * 2
        ]
        for i, enrolment in enumerate(admitted):
            AttendanceMarkFactory(
                session=session,
                enrolment=enrolment,
                status=AttendanceMark.Status.PRESENT
                if i % 2 == 0
                else AttendanceMark.Status.ABSENT,
            )
        Enrolment.objects.filter(pk__in=[e.pk for e in admitted[:3]]).update(
            completion=Enrolment.Completion.COMPLETED,
            completed_at=now,
            final_score=Decimal("75"),
        )
        EnrolmentFactory(cohort=cohort, office=self.alpha)
        EnrolmentFactory(
            cohort=cohort, office=self.beta, status=Enrolment.Status.NOMINATED
        )


@pytest.fixture
def offices():
    return Offices()


def _queries(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_report_pages_take_the_same_queries_for_2_and_6_cohorts(client, offices, role):
    client.force_login(getattr(offices, role))
    for number in range(2):
        offices.add_cohort(number)
    client.get(REPORTS)  # warm: the user's permissions are then kept in the cache
    counts = {
        name: _queries(lambda url=url: client.get(url))
        for name, (url, _m) in PAGES.items()
    }
    for number in range(2, 6):
        offices.add_cohort(number)
    six = {
        name: _queries(lambda url=url: client.get(url))
        for name, (url, _m) in PAGES.items()
    }
    assert six == counts
    assert {name: min(n, PAGES[name][1]) for name, n in counts.items()} == counts


def test_office_api_takes_the_same_queries_for_2_and_6_cohorts(client, offices):
    _, token = office_api_token_create(office=offices.alpha, name="Statistics")

    def get():
        return client.get(
            "/api/v1/reports/programme/",
            headers={"Authorization": f"Bearer {token}"},
        )

    for number in range(2):
        offices.add_cohort(number)
    two = _queries(get)
    for number in range(2, 6):
        offices.add_cohort(number)
    assert _queries(get) == two
    assert two <= 11
