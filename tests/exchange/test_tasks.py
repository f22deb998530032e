import pytest

from accounts.models import OutboundEmail
from exchange.tasks import exchange_digest_send_task

pytestmark = pytest.mark.django_db


def test_the_digest_task_runs_the_service_and_a_rerun_sends_nothing(
    scene, settings, monkeypatch
):
    from exchange.services import notifications

    calls = []
    real = notifications.digest_send_due
    monkeypatch.setattr(
        notifications, "digest_send_due", lambda **kw: calls.append(kw) or real(**kw)
    )
    assert exchange_digest_send_task() == exchange_digest_send_task() == 0
    assert len(calls) == 2
    assert not OutboundEmail.objects.exists()


def test_the_digest_runs_every_hour_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["exchange-digest-send"]
    assert entry["task"] == "exchange.tasks.exchange_digest_send_task"
    assert entry["schedule"].hour == set(range(24))
    assert entry["schedule"].minute == {0}
