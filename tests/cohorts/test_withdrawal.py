"""Withdrawing is two steps (confirm, then withdraw) and can be undone before the start."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cohorts.exceptions import (
    CapacityFullError,
    InvalidTransitionError,
    NotAllowedError,
    QuotaFullError,
)
from cohorts.models import Cohort, Enrolment
from cohorts.services.enrolments import (
    enrolment_withdraw,
    enrolment_withdraw_undo,
    enrolment_withdrawal_undoable,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    LeadOfficeFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db
S = Enrolment.Status


@pytest.fixture
def cohort():
    return CohortFactory(
        lead_office=LeadOfficeFactory(),
        lead_quota=1,
        capacity=2,
        title="PPH in practice",
    )


def _withdrawn(cohort, status):
    enrolment = EnrolmentFactory(
        cohort=cohort, office=cohort.lead_office, status=status
    )
    enrolment_withdraw(enrolment=enrolment, by=enrolment.user)
    return enrolment


# ---- the service ----


@pytest.mark.parametrize("status", [S.APPLIED, S.WAITLISTED, S.NOMINATED, S.ADMITTED])
def test_undo_restores_the_status_held_before(cohort, status):
    enrolment = _withdrawn(cohort, status)
    enrolment_withdraw_undo(
        enrolment=enrolment, by=enrolment.user, previous_status=status
    )
    enrolment.refresh_from_db()
    assert enrolment.status == status


def test_undo_of_a_place_tells_the_lead_office(
    cohort, django_capture_on_commit_callbacks
):
    enrolment = _withdrawn(cohort, S.ADMITTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw_undo(
            enrolment=enrolment, by=enrolment.user, previous_status=S.ADMITTED
        )
    assert [m.subject for m in mail.outbox] == ["Withdrawal undone: PPH in practice"]
    assert "training@lead.example.org" in mail.outbox[0].to


def test_undo_is_refused_when_the_seat_went_to_the_waiting_list(cohort):
    enrolment = EnrolmentFactory(
        cohort=cohort, office=cohort.lead_office, status=S.ADMITTED
    )
    waiting = EnrolmentFactory(
        cohort=cohort, office=cohort.lead_office, status=S.WAITLISTED
    )
    enrolment_withdraw(enrolment=enrolment, by=enrolment.user)
    waiting.refresh_from_db()
    assert waiting.status == S.NOMINATED  # promoted into the freed seat
    with pytest.raises(QuotaFullError, match="given to someone else"):
        enrolment_withdraw_undo(
            enrolment=enrolment, by=enrolment.user, previous_status=S.ADMITTED
        )
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN


def test_undo_of_a_place_needs_a_free_seat_of_the_cohort(cohort):
    partner = OfficeFactory()
    CohortOfficeFactory(cohort=cohort, office=partner, seat_quota=2)
    enrolment = _withdrawn(cohort, S.ADMITTED)
    EnrolmentFactory.create_batch(2, cohort=cohort, office=partner, status=S.ADMITTED)
    with pytest.raises(CapacityFullError):
        enrolment_withdraw_undo(
            enrolment=enrolment, by=enrolment.user, previous_status=S.ADMITTED
        )


def test_undo_is_refused_once_the_cohort_has_started(cohort):
    enrolment = _withdrawn(cohort, S.APPLIED)
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        status=Cohort.Status.RUNNING,
    )
    cohort.refresh_from_db()
    assert not enrolment_withdrawal_undoable(cohort)
    with pytest.raises(InvalidTransitionError, match="has started"):
        enrolment_withdraw_undo(
            enrolment=enrolment, by=enrolment.user, previous_status=S.APPLIED
        )


def test_only_the_trainee_undoes_and_only_a_withdrawal(cohort):
    enrolment = _withdrawn(cohort, S.APPLIED)
    with pytest.raises(NotAllowedError):
        enrolment_withdraw_undo(
            enrolment=enrolment, by=UserFactory(), previous_status=S.APPLIED
        )
    with pytest.raises(InvalidTransitionError):
        enrolment_withdraw_undo(
            enrolment=enrolment, by=enrolment.user, previous_status=S.REJECTED
        )
    active = EnrolmentFactory(cohort=cohort, office=cohort.lead_office)
    with pytest.raises(InvalidTransitionError):
        enrolment_withdraw_undo(
            enrolment=active, by=active.user, previous_status=S.ADMITTED
        )


# ---- the pages ----


def test_my_learning_links_to_a_confirmation_instead_of_withdrawing(client, cohort):
    enrolment = EnrolmentFactory(
        cohort=cohort, office=cohort.lead_office, status=S.ADMITTED
    )
    client.force_login(enrolment.user)
    url = reverse("cohorts:withdraw", args=[cohort.slug])
    body = client.get(reverse("learning:home")).content.decode()
    assert f'<a class="button button--secondary button--small" href="{url}">' in body
    assert f'action="{url}"' not in body  # no one-click form on My learning

    confirm = client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Withdraw from PPH in practice?" in text
    assert "Your seat is released at once" in text
    assert "You cannot apply to this cohort again." in text
    assert "you can undo the withdrawal right after" in text
    assert 'class="button button--danger"' in text
    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED  # looking is not withdrawing


def test_withdraw_then_undo_gives_the_place_back(client, cohort):
    enrolment = EnrolmentFactory(
        cohort=cohort, office=cohort.lead_office, status=S.ADMITTED
    )
    client.force_login(enrolment.user)
    url = reverse("cohorts:withdraw", args=[cohort.slug])
    response = client.post(url)
    assert response.status_code == 302 and response.url == url
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN

    done = client.get(url).content.decode()
    assert "You have withdrawn from PPH in practice" in done
    undo_url = reverse("cohorts:withdraw_undo", args=[cohort.slug])
    assert f'action="{undo_url}"' in done

    response = client.post(undo_url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("learning:home")
    assert "Your withdrawal from PPH in practice is undone." in (
        response.content.decode()
    )
    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED
    # The undo is used up.
    client.post(url)
    client.post(undo_url)  # undo of the second withdrawal
    response = client.post(undo_url, follow=True)
    assert "There is no withdrawal to undo." in response.content.decode()


def test_after_the_start_the_pages_say_it_cannot_be_undone(client, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        status=Cohort.Status.RUNNING,
    )
    enrolment = EnrolmentFactory(
        cohort=cohort, office=cohort.lead_office, status=S.ADMITTED
    )
    client.force_login(enrolment.user)
    url = reverse("cohorts:withdraw", args=[cohort.slug])
    confirm = client.get(url).content.decode()
    assert "This cannot be undone." in confirm
    assert "undo the withdrawal" not in confirm
    client.post(url)
    done = client.get(url).content.decode()
    assert "This cannot be undone, and you cannot apply to this cohort again." in done
    assert reverse("cohorts:withdraw_undo", args=[cohort.slug]) not in done
    response = client.post(reverse("cohorts:withdraw_undo", args=[cohort.slug]))
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN
    assert response.status_code == 302


def test_someone_elses_undo_is_not_found(client, cohort):
    enrolment = _withdrawn(cohort, S.APPLIED)
    client.force_login(UserFactory())
    url = reverse("cohorts:withdraw_undo", args=[cohort.slug])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN
