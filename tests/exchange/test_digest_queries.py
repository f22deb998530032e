"""The digest run reads and writes in a fixed number of queries: more members,
offices or cohorts give more emails, never more round trips."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import OutboundEmail
from exchange.services.notifications import digest_send_due
from exchange.services.spaces import spaces_ensure_for_cohort
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    OfficeMembershipFactory,
    SessionFactory,
)
from tests.exchange.factories import ReplyFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _digest_hour(settings) -> datetime.datetime:
    """The next digest hour in UTC, so every member below is due at once."""
    now = timezone.now().astimezone(datetime.UTC)
    at = now.replace(hour=settings.EXCHANGE_DIGEST_HOUR, minute=0, second=0)
    return at if at > now else at + datetime.timedelta(days=1)


def _running_cohort(*, offices: int, trainees_per_office: int) -> int:
    """A cohort whose every space has an anonymous topic and a reply; returns
    how many of its members should receive a digest."""
    cohort = CohortFactory(lead_office=OfficeFactory(), status="running")
    taking_part = [OfficeFactory() for _ in range(offices)]
    members = []
    for office in taking_part:
        CohortOfficeFactory(cohort=cohort, office=office)
        members.append(
            OfficeMembershipFactory(office=office, user__time_zone="UTC").user
        )
        members += [
            AdmittedEnrolmentFactory(
                cohort=cohort, office=office, user=UserFactory(time_zone="UTC")
            ).user
            for _ in range(trainees_per_office)
        ]
    instructor = UserFactory(time_zone="UTC")
    SessionFactory(cohort=cohort).instructors.add(instructor)
    author = members[-1]
    for space in spaces_ensure_for_cohort(cohort=cohort):
        topic = TopicFactory(space=space, author=author, anonymous=True)
        ReplyFactory(parent=topic, author=instructor)
    # The author still gets the instructor's replies; the instructor, the
    # author's topics.
    return len(members) + 1


def _queries_of_digest_run(now) -> int:
    with CaptureQueriesContext(connection) as run:
        digest_send_due(now=now)
    return len(run.captured_queries)


def test_digest_queries_do_not_grow_with_members_spaces_or_cohorts(
    settings, django_assert_max_num_queries
):
    now = _digest_hour(settings)
    expected = _running_cohort(offices=1, trainees_per_office=1)
    small = _queries_of_digest_run(now)
    assert OutboundEmail.objects.count() == expected

    for _ in range(3):
        expected += _running_cohort(offices=3, trainees_per_office=4)
    with django_assert_max_num_queries(small):
        digest_send_due(now=now)
    assert OutboundEmail.objects.count() == expected
