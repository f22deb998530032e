import os
import threading
import time

import pytest
from django.db import connection

from cohorts.models import AttendanceMark, Cohort
from cohorts.services import completion
from cohorts.signals import enrolment_completed
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    SessionFactory,
)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        reason = f"needs PostgreSQL row locks; database is {connection.vendor}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_recomputations_send_enrolment_completed_once(
    postgresql, monkeypatch
):
    cohort = CohortFactory(status=Cohort.Status.COMPLETED)
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    AttendanceMarkFactory(
        session=SessionFactory(cohort=cohort),
        enrolment=enrolment,
        status=AttendanceMark.Status.PRESENT,
    )
    real_evaluate = completion.completion_evaluate
    calls = []

    def slow_evaluate(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.5)  # the other recomputation starts meanwhile
        return real_evaluate(*args, **kwargs)

    monkeypatch.setattr(completion, "completion_evaluate", slow_evaluate)
    sent = []

    def receiver(sender, enrolment, **kwargs):
        sent.append(enrolment.pk)

    enrolment_completed.connect(receiver)

    def run():
        try:
            completion.completion_recompute_many([enrolment.pk])
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=run) for _ in range(2)]
        threads[0].start()
        time.sleep(0.1)
        threads[1].start()
        for thread in threads:
            thread.join()
    finally:
        enrolment_completed.disconnect(receiver)
    assert sent == [enrolment.pk]
