"""Acceptance: apply → nominated by own office → admitted by the lead office,
each step visible on My learning with an email per decision."""

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.models import Enrolment
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def test_trainee_applies_is_nominated_and_admitted_seeing_each_step(
    client, django_capture_on_commit_callbacks
):
    lead = OfficeFactory(name="Eurasian Patent Office")
    wipo = OfficeFactory(name="WIPO Academy")
    cohort = CohortFactory(lead_office=lead, title="Eurasian PPH workshop")
    CohortOfficeFactory(cohort=cohort, office=wipo, seat_quota=2)
    trainee = UserFactory(email="aigerim@example.org")
    wipo_coord, lead_coord = coordinator_of(wipo), coordinator_of(lead)
    outsider = coordinator_of(OfficeFactory())

    def my_learning():
        client.force_login(trainee)
        return client.get(reverse("learning:home")).content.decode()

    def decide(coordinator, action):
        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("cohort_admin:applications", args=[cohort.pk]),
                {"action": action, "enrolment": [enrolment.pk]},
            )
        assert response.status_code == 302

    client.force_login(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cohorts:apply", args=[cohort.slug]),
            {
                "office": wipo.pk,
                "employer": "Kazpatent",
                "position": "Examiner",
                "motivation": "Work-sharing.",
            },
        )
    enrolment = Enrolment.objects.get(user=trainee, cohort=cohort)
    assert "Waiting for WIPO Academy to decide" in my_learning()

    client.force_login(outsider)
    url = reverse("cohort_admin:applications", args=[cohort.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(
            url, {"action": "nominate", "enrolment": [enrolment.pk]}
        ).status_code
        == 404
    )

    decide(wipo_coord, "nominate")
    assert "Waiting for Eurasian Patent Office to decide on admission" in my_learning()

    decide(lead_coord, "admit")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ADMITTED
    page = my_learning()
    assert "Eurasian PPH workshop" in page and "Admitted" in page

    subjects = [m.subject for m in mail.outbox if m.to == ["aigerim@example.org"]]
    assert len(subjects) == 3  # receipt, nomination, admission
    assert sum("Decision on your application" in s for s in subjects) == 2
