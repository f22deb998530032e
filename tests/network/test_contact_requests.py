"""Contact requests: the expert's email only after acceptance, five a day,
declines never disclosed as such."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import ContactRequest
from tests.accounts.factories import UserFactory

from .factories import ContactRequestFactory, NetworkProfileFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Hello, I examine patents too and would value your advice."


@pytest.fixture
def expert(db):
    return NetworkProfileFactory(
        user__email="expert.private@example.org",
        user__first_name="Erlan",
        user__last_name="Expertov",
    )


def _ask(client, profile, message=MESSAGE):
    return client.post(
        reverse("network:contact", args=[profile.pk]), {"message": message}
    )


def _answer(client, contact, decision):
    return client.post(
        reverse("network:request_answer", args=[contact.pk]), {"decision": decision}
    )


def test_email_is_revealed_to_the_requester_only_after_acceptance(
    client, expert, django_capture_on_commit_callbacks
):
    requester = UserFactory(email="asker@example.org")
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, expert)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:requests")
    # The expert is told, without the requester's address.
    (notice,) = mail.outbox
    assert notice.to == ["expert.private@example.org"]
    assert MESSAGE in notice.body
    assert "asker@example.org" not in notice.body

    requests_page = client.get(reverse("network:requests")).content.decode()
    assert "expert.private@example.org" not in requests_page
    assert "No answer yet" in requests_page
    profile_page = client.get(reverse("network:profile", args=[expert.pk]))
    assert "expert.private@example.org" not in profile_page.content.decode()

    contact = ContactRequest.objects.get()
    client.force_login(expert.user)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(client, contact, "accept")
    assert mail.outbox[-1].to == ["asker@example.org"]
    assert "expert.private@example.org" in mail.outbox[-1].body

    client.force_login(requester)
    requests_page = client.get(reverse("network:requests")).content.decode()
    assert "expert.private@example.org" in requests_page


def test_a_declined_request_reads_as_unanswered_and_sends_nothing(
    client, expert, django_capture_on_commit_callbacks
):
    requester = UserFactory()
    contact = ContactRequestFactory(requester=requester, expert=expert.user)
    client.force_login(expert.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(client, contact, "decline")
    assert response.status_code == 302
    assert mail.outbox == []
    client.get(response["Location"])  # the expert reads their "Declined." notice
    client.force_login(requester)
    page = client.get(reverse("network:requests")).content.decode()
    assert "No answer yet" in page
    assert "Declined" not in page and "declined" not in page
    assert "expert.private@example.org" not in page


def test_the_sixth_request_in_a_day_answers_429(client):
    requester = UserFactory()
    client.force_login(requester)
    experts = [NetworkProfileFactory() for _ in range(6)]
    for profile in experts[:5]:
        assert _ask(client, profile).status_code == 302
    response = _ask(client, experts[5])
    assert response.status_code == 429
    assert "at most 5 contact requests a day" in response.content.decode()
    assert ContactRequest.objects.filter(requester=requester).count() == 5


def test_requests_older_than_a_day_do_not_count(client):
    import datetime

    from django.utils import timezone

    requester = UserFactory()
    for _ in range(5):
        ContactRequestFactory(requester=requester)
    ContactRequest.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    client.force_login(requester)
    assert _ask(client, NetworkProfileFactory()).status_code == 302


def test_a_hidden_profile_cannot_be_contacted(client):
    hidden = NetworkProfileFactory(opted_in=False)
    client.force_login(UserFactory())
    assert _ask(client, hidden).status_code == 404
    assert not ContactRequest.objects.exists()


def test_contacting_needs_a_login(client, expert):
    response = client.get(reverse("network:contact", args=[expert.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_second_pending_request_to_the_same_expert_is_refused(client, expert):
    client.force_login(UserFactory())
    _ask(client, expert)
    response = _ask(client, expert)
    assert response.status_code == 200
    assert "already asked this member" in response.content.decode()
    assert ContactRequest.objects.count() == 1


def test_a_too_short_message_is_sent_back_with_the_reason(client, expert):
    client.force_login(UserFactory())
    response = _ask(client, expert, message="hi")
    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()


def test_only_the_expert_answers_their_requests(client, expert):
    contact = ContactRequestFactory(expert=expert.user)
    client.force_login(contact.requester)
    _answer(client, contact, "accept")
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.PENDING


def test_acceptance_is_audited(client, expert):
    from training import audit

    contact = ContactRequestFactory(expert=expert.user)
    client.force_login(expert.user)
    _answer(client, contact, "accept")
    entry = audit.audit_last(audit.NETWORK_CONTACT_ACCEPT, contact)
    assert entry is not None and entry.user == expert.user
