import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts.models import OutboundEmail
from cohorts.models import AttendanceMark, Cohort
from cohorts.tasks import attendance_warning_send_task
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def cohort_with_one_low_attender():
    cohort = CohortFactory(status=Cohort.Status.RUNNING, min_attendance_percent=80)
    sessions = [SessionFactory(cohort=cohort, starts_at=days_ago(n)) for n in (9, 6, 3)]
    good = AdmittedEnrolmentFactory(cohort=cohort, admitted_at=days_ago(30))
    poor = AdmittedEnrolmentFactory(cohort=cohort, admitted_at=days_ago(30))
    for session in sessions:
        AttendanceMarkFactory(session=session, enrolment=good)
    AttendanceMarkFactory(session=sessions[0], enrolment=poor)
    AttendanceMarkFactory(
        session=sessions[1], enrolment=poor, status=AttendanceMark.Status.ABSENT
    )
    coordinator = coordinator_of(cohort.lead_office)
    return cohort, good, poor, coordinator


def test_warning_is_sent_once_to_trainee_and_nominating_coordinators(
    cohort_with_one_low_attender, django_capture_on_commit_callbacks
):
    _cohort, _good, poor, coordinator = cohort_with_one_low_attender
    with django_capture_on_commit_callbacks(execute=True):
        assert attendance_warning_send_task.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert attendance_warning_send_task.delay().get() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {poor.user.email, coordinator.email}
    assert "33.33%" in message.body and "80%" in message.body
    assert OutboundEmail.objects.get().key == f"attendance-warning-{poor.pk}"


def test_warning_body_is_plain_text_with_the_name_as_written(
    cohort_with_one_low_attender,
):
    cohort, _good, poor, _coordinator = cohort_with_one_low_attender
    poor.user.first_name, poor.user.last_name = "Seán", "O'Brien & Sons"
    poor.user.save()
    attendance_warning_send_task.delay()
    body = OutboundEmail.objects.get().body
    assert body.startswith("Dear Seán O'Brien & Sons,\n\n")
    assert f"your attendance in {cohort.title} is 33.33% of the sessions" in body
    assert body.endswith("receive a copy of this message.\n")


def test_no_warning_for_cohorts_that_are_not_running(cohort_with_one_low_attender):
    cohort, *_ = cohort_with_one_low_attender
    cohort.status = Cohort.Status.COMPLETED
    cohort.save()
    assert attendance_warning_send_task.delay().get() == 0
    assert not OutboundEmail.objects.exists()


def test_warning_task_is_scheduled_with_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cohorts.tasks.attendance_warning_send_task" in tasks
