"""Seat limits under truly parallel transactions (PostgreSQL only).

Each thread has its own database connection and transaction. The count inside
the services is slowed down so that, without the row locks, every thread would
count the same free seats and overbook; with the locks they queue up.
"""

import threading
import time

import pytest
from django.db import connection

from cohorts.exceptions import CapacityFullError, QuotaFullError
from cohorts.models import Enrolment
from cohorts.services import enrolments as services
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
S = Enrolment.Status
PARALLEL = 6


def _run_in_parallel(func, items):
    barrier = threading.Barrier(len(items))
    outcomes = []
    lock = threading.Lock()

    def worker(item):
        try:
            barrier.wait(timeout=10)
            func(item)
            result = "ok"
        except (QuotaFullError, CapacityFullError) as exc:
            result = type(exc).__name__
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(i,)) for i in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def _slow(func):
    def wrapper(*args, **kwargs):
        value = func(*args, **kwargs)
        time.sleep(0.2)  # widen the race window between counting and writing
        return value

    return wrapper


def test_parallel_nominations_never_exceed_the_office_quota(postgresql, monkeypatch):
    monkeypatch.setattr(services, "_seats_held", _slow(services._seats_held))
    partner = OfficeFactory()
    cohort = CohortFactory(capacity=50)
    CohortOfficeFactory(cohort=cohort, office=partner, seat_quota=2)
    coord = coordinator_of(partner)
    applications = EnrolmentFactory.create_batch(
        PARALLEL, cohort=cohort, office=partner
    )

    outcomes = _run_in_parallel(
        lambda e: services.enrolment_nominate(enrolment=e, by=coord), applications
    )

    assert sorted(outcomes) == ["QuotaFullError"] * (PARALLEL - 2) + ["ok"] * 2
    assert cohort.enrolments.filter(status=S.NOMINATED).count() == 2


def test_parallel_admissions_never_exceed_the_capacity(postgresql, monkeypatch):
    monkeypatch.setattr(services, "_admitted_count", _slow(services._admitted_count))
    lead = OfficeFactory()
    cohort = CohortFactory(lead_office=lead, capacity=3, lead_quota=PARALLEL)
    coord = coordinator_of(lead)
    nominees = EnrolmentFactory.create_batch(
        PARALLEL, cohort=cohort, status=S.NOMINATED
    )

    outcomes = _run_in_parallel(
        lambda e: services.enrolment_admit(enrolment=e, by=coord), nominees
    )

    assert sorted(outcomes) == ["CapacityFullError"] * (PARALLEL - 3) + ["ok"] * 3
    assert cohort.enrolments.filter(status=S.ADMITTED).count() == 3
