"""The shared rate limiter: django-ratelimit's counters, one cache call per request."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from tests.accounts.factories import UserFactory
from training.ratelimits import retry_after

pytestmark = pytest.mark.django_db

GROUP = "tests.ratelimits"


@pytest.fixture
def request_from():
    def build(address="203.0.113.7", user=None):
        from django.contrib.auth.models import AnonymousUser

        request = RequestFactory().get("/", REMOTE_ADDR=address)
        request.user = user or AnonymousUser()
        return request

    return build


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_limit_answers_the_seconds_left_after_the_rate(request_from):
    request = request_from()
    assert [retry_after(request, group=GROUP, rate="3/m") for _ in range(3)] == [
        None,
        None,
        None,
    ]
    wait = retry_after(request, group=GROUP, rate="3/m")
    assert 1 <= wait <= 60
    # Another address has its own counter.
    assert retry_after(request_from("198.51.100.9"), group=GROUP, rate="3/m") is None


def test_counts_are_django_ratelimits_own(request_from):
    user = UserFactory()
    request = request_from(user=user)
    for _ in range(4):
        retry_after(request, group=GROUP, rate="10/m")
    by_account = get_usage(
        request,
        group=GROUP,
        key=lambda group, request: f"user:{request.user.pk}",
        rate="10/m",
    )
    by_address = get_usage(request, group=GROUP, key="ip", rate="600/m")
    assert by_account["count"] == 4
    assert by_address["count"] == 4


def test_an_existing_counter_costs_one_cache_call(request_from, monkeypatch):
    request = request_from()
    retry_after(request, group=GROUP, rate="10/m")  # creates the counter
    calls = []
    for name in ("add", "get", "incr", "set"):
        method = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda *a, _name=name, _method=method, **k: (
                calls.append(_name) or _method(*a, **k)
            ),
        )
    assert retry_after(request, group=GROUP, rate="10/m") is None
    assert calls == ["incr"]


def test_fails_open_when_the_cache_cannot_count(request_from, monkeypatch, settings):
    settings.RATELIMIT_FAIL_OPEN = True
    monkeypatch.setattr(cache, "incr", lambda *a, **k: None)
    monkeypatch.setattr(cache, "add", lambda *a, **k: None)
    assert retry_after(request_from(), group=GROUP, rate="1/m") is None
    settings.RATELIMIT_FAIL_OPEN = False
    assert retry_after(request_from(), group=GROUP, rate="1/m") == 1
