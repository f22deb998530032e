"""Concurrent writers on real PostgreSQL (SQLite serialises every write anyway)."""

import os
import threading

import pytest
from django.db import connection

from cohorts.models import AttendanceChange, AttendanceMark
from cohorts.services.attendance import attendance_record_bulk
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        reason = f"needs PostgreSQL row locks; database is {connection.vendor}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def test_simultaneous_saves_of_the_same_new_mark_create_it_once(postgresql):
    rounds = 5
    for _ in range(rounds):
        session = SessionFactory()
        enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
        # The lead office marks every trainee of its cohort.
        coordinator = coordinator_of(session.cohort.lead_office)
        barrier = threading.Barrier(4)
        errors, results = [], []

        def save(
            session=session,
            enrolment=enrolment,
            coordinator=coordinator,
            barrier=barrier,
            errors=errors,
            results=results,
        ):
            try:
                barrier.wait()
                results.append(
                    attendance_record_bulk(
                        session=session,
                        marks={enrolment.pk: (AttendanceMark.Status.PRESENT, "")},
                        by=coordinator,
                    )
                )
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=save) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert sorted(results) == [[], [], [], [enrolment.pk]]
        assert AttendanceMark.objects.filter(session=session).count() == 1
        assert AttendanceChange.objects.filter(session=session).count() == 1
