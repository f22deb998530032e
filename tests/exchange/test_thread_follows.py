"""Following one thread: its mode overrides its space's, in instant emails,
digests and the logged-out unsubscribe link."""

import re

import pytest
from django.core import mail

from accounts.models import OutboundEmail
from exchange.models import Mode
from exchange.selectors import mode_for
from exchange.services.notifications import digest_send_due, follow_set
from tests.exchange.test_services import _next_digest_time, _reply, _topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(scene):
    one = _topic(scene, user=scene.trainee_a2, title="Claims drafting")
    other = _topic(scene, user=scene.trainee_a2, title="Fee schedules")
    return one, other


def _emails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_topic_page_sets_the_threads_own_mode(client, scene, threads):
    one, _other = threads
    client.force_login(scene.trainee_a)
    html = client.get(f"/exchange/topics/{one.pk}/").content.decode()
    assert "Email me about this thread" in html
    assert '<option value="space" selected>As for its space</option>' in html
    response = client.post(f"/exchange/topics/{one.pk}/follow/", {"mode": "instant"})
    assert response.status_code == 302
    assert response["Location"] == f"/exchange/topics/{one.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Your email setting for this thread was saved." in page
    assert '<option value="instant" selected>' in page
    assert mode_for(scene.trainee_a.pk, scene.whole, one.pk) == Mode.INSTANT
    assert mode_for(scene.trainee_a.pk, scene.whole) == Mode.DAILY
    client.post(f"/exchange/topics/{one.pk}/follow/", {"mode": "space"})
    assert mode_for(scene.trainee_a.pk, scene.whole, one.pk) == Mode.DAILY


def test_a_bad_thread_mode_is_refused_with_a_message(client, scene, threads):
    one, _other = threads
    client.force_login(scene.trainee_a)
    response = client.post(
        f"/exchange/topics/{one.pk}/follow/", {"mode": "hourly"}, follow=True
    )
    assert "Choose one of the email settings." in response.content.decode()
    assert mode_for(scene.trainee_a.pk, scene.whole, one.pk) == Mode.DAILY


@pytest.fixture
def reply_in_both_threads(client, scene, threads, django_capture_on_commit_callbacks):
    """trainee_a follows the space in `space_mode` and sets the first thread
    to `thread_mode` on its page; trainee_b then replies in both threads."""

    def reply(space_mode: str, thread_mode: str):
        one, other = threads
        follow_set(user=scene.trainee_a, space=scene.whole, mode=space_mode)
        client.force_login(scene.trainee_a)
        client.post(f"/exchange/topics/{one.pk}/follow/", {"mode": thread_mode})
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            _reply(scene, one, scene.trainee_b, body="We use a template.")
            _reply(scene, other, scene.trainee_b, body="Ours went up in May.")

    return reply


def test_a_thread_followed_instantly_in_a_daily_space(
    scene, settings, reply_in_both_threads
):
    reply_in_both_threads(Mode.DAILY, "instant")
    (message,) = _emails_to(scene.trainee_a)
    assert "We use a template." in message.body
    assert "Ours went up in May." not in message.body
    assert "Stop emails about this thread" in message.body
    # The other thread's reply waits for the daily digest, alone.
    mine = OutboundEmail.objects.filter(to=[scene.trainee_a.email])
    digest_send_due(now=_next_digest_time(scene.trainee_a, settings))
    digest = mine.exclude(key__startswith="exchange:post:").get()
    assert "Ours went up in May." in digest.body
    assert "We use a template." not in digest.body


def test_a_thread_set_to_none_sends_nothing(scene, settings, reply_in_both_threads):
    reply_in_both_threads(Mode.INSTANT, "none")
    (message,) = _emails_to(scene.trainee_a)
    assert "Ours went up in May." in message.body
    digest_send_due(now=_next_digest_time(scene.trainee_a, settings))
    assert len(_emails_to(scene.trainee_a)) == 1


def test_the_emails_unsubscribe_link_stops_the_thread_then_offers_the_space(
    client, scene, threads, django_capture_on_commit_callbacks
):
    one, other = threads
    follow_set(user=scene.trainee_a, space=scene.whole, mode=Mode.INSTANT)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(scene, one, scene.trainee_b)
    (message,) = _emails_to(scene.trainee_a)
    url = re.search(
        r"<[^>]+(/exchange/unsubscribe/[^>]+)>",
        message.extra_headers["List-Unsubscribe"],
    ).group(1)
    client.logout()
    assert "Stop emails about this thread" in client.get(url).content.decode()
    html = client.post(url, {"List-Unsubscribe": "One-Click"}).content.decode()
    assert "You will get no more emails about this thread." in html
    assert "Also stop every email from its space" in html
    assert mode_for(scene.trainee_a.pk, scene.whole, one.pk) == Mode.NONE
    assert mode_for(scene.trainee_a.pk, scene.whole, other.pk) == Mode.INSTANT
    html = client.post(url, {"scope": "space"}).content.decode()
    assert "You will get no more emails from this space." in html
    assert mode_for(scene.trainee_a.pk, scene.whole, other.pk) == Mode.NONE
