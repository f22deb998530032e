"""Rejections and declines ask for confirmation first and can be undone."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from cohorts.models import Cohort, Enrolment
from cohorts.services.enrolments import enrolment_reject
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    lead = OfficeFactory(short_code="lead")
    ipos = OfficeFactory(short_code="ipos")
    cohort = CohortFactory(lead_office=lead)
    CohortOfficeFactory(cohort=cohort, office=ipos)
    trainee = UserFactory(first_name="Wang", last_name="Fang")
    enrolment = EnrolmentFactory(cohort=cohort, office=ipos, user=trainee)
    return cohort, enrolment, coordinator_of(ipos), coordinator_of(lead)


def _url(cohort):
    return f"/admin/cohorts/applications/{cohort.pk}/"


def _undo_url(enrolment):
    return f"/admin/cohorts/applications/{enrolment.cohort_id}/undo/{enrolment.pk}/"


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_reject_without_confirm_writes_nothing_and_asks(client, setup):
    cohort, enrolment, coord, _lead = setup
    client.force_login(coord)
    response = client.post(
        _url(cohort), {"action": "reject", "enrolment": [enrolment.pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wang Fang" in page
    assert 'name="confirm" value="1"' in page
    assert 'name="reason"' in page
    assert enrolment.user.email not in page  # names only
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPLIED
    assert not mail.outbox


def test_waitlist_stays_one_step(client, setup):
    cohort, enrolment, coord, _lead = setup
    client.force_login(coord)
    response = client.post(
        _url(cohort), {"action": "waitlist", "enrolment": [enrolment.pk]}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WAITLISTED


def test_confirmed_reject_emails_the_reason(
    client, setup, django_capture_on_commit_callbacks
):
    cohort, enrolment, coord, _lead = setup
    client.force_login(coord)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(cohort),
            {
                "action": "reject",
                "enrolment": [enrolment.pk],
                "confirm": "1",
                "reason": "Seats go to examiners this year.",
            },
        )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.REJECTED
    sent = [m for m in mail.outbox if enrolment.user.email in m.to]
    assert sent and "Seats go to examiners this year." in sent[-1].body


def test_undo_button_for_the_deciding_office_and_undo_restores(client, setup):
    cohort, enrolment, coord, lead = setup
    enrolment_reject(enrolment=enrolment, by=coord)
    client.force_login(lead)  # the lead office did not reject: no button
    assert _undo_url(enrolment) not in client.get(_url(cohort)).content.decode()
    client.force_login(coord)
    assert _undo_url(enrolment) in client.get(_url(cohort)).content.decode()
    response = client.post(_undo_url(enrolment))
    assert response.status_code == 302 and response.url == _url(cohort)
    assert any("decision undone" in m for m in _messages(response))
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPLIED


def test_undo_after_the_cohort_started_is_refused(client, setup):
    cohort, enrolment, coord, _lead = setup
    enrolment_reject(enrolment=enrolment, by=coord)
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(coord)
    assert _undo_url(enrolment) not in client.get(_url(cohort)).content.decode()
    response = client.post(_undo_url(enrolment))
    assert response.status_code == 302
    assert any("cannot be undone" in m for m in _messages(response))
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.REJECTED
