"""Rate limits that tell people apart when they share one address.

A classroom behind one NAT reaches us from a single address, so a logged-in
user is counted per account; the address only gets a generous ceiling
(RATELIMIT_ADDRESS_RATE) against one machine driving many accounts. Anonymous
requests have nothing but the address to go by.

Counters are django-ratelimit's (same cache, keys, windows and settings:
RATELIMIT_USE_CACHE, RATELIMIT_ENABLE, RATELIMIT_FAIL_OPEN, the IPv6 mask),
counted incr-first: one cache round trip per counter once it exists, where
django-ratelimit's get_usage makes two on every request (an `add` that fails,
then `incr`).
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django_ratelimit import ALL

# Private helpers, used so that the counters stay django-ratelimit's own
# (tests/test_ratelimits.py checks that get_usage reads the same counts).
from django_ratelimit.core import (
    EXPIRATION_FUDGE,
    _get_ip,
    _get_window,
    _make_cache_key,
    _method_match,
    _split_rate,
)


def client_ip(request) -> str:
    """The client's address as allauth sees it, so both limiters count the same client.

    Honours ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER; used
    as django-ratelimit's RATELIMIT_IP_META_KEY.
    """
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request)
    except PermissionDenied:
        # The trusted header is missing: still count the request, by the peer.
        return request.META["REMOTE_ADDR"]


def retry_after(request, *, group: str, rate: str, method=ALL) -> int | None:
    """Count one attempt; the seconds to wait when over a limit, else None.

    A logged-in user is limited per account at ``rate`` and per address at
    RATELIMIT_ADDRESS_RATE; an anonymous visitor per address at ``rate``.
    Both counters are incremented, so hammering keeps the limit in force.
    When the cache cannot count, RATELIMIT_FAIL_OPEN decides.
    """
    if not getattr(settings, "RATELIMIT_ENABLE", True) or not _method_match(
        request, method
    ):
        return None
    if request.user.is_authenticated:
        limits = [
            (f"user:{request.user.pk}", rate),
            (_get_ip(request), settings.RATELIMIT_ADDRESS_RATE),
        ]
    else:
        limits = [(_get_ip(request), rate)]
    waits = [
        wait
        for value, limit in limits
        if (wait := _count(group=group, value=value, rate=limit, method=method))
    ]
    return max(waits) if waits else None


def _count(*, group: str, value: str, rate: str, method) -> int | None:
    """Add one to the counter of ``value`` in the current window of ``rate``;
    the seconds left in the window when the count is over the limit."""
    limit, period = _split_rate(rate)
    window = _get_window(value, period)
    key = _make_cache_key(group, window, rate, value, method)
    count = _increment(
        caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")],
        key,
        timeout=period + EXPIRATION_FUDGE,
    )
    if count is None:  # the cache did not answer
        return None if getattr(settings, "RATELIMIT_FAIL_OPEN", False) else 1
    if count <= limit:
        return None
    return max(1, window - int(time.time()))


def _increment(cache, key: str, *, timeout: int) -> int | None:
    """The counter's new value, creating it with ``timeout`` in the first
    request of a window; None when the cache fails (a django-redis cache with
    IGNORE_EXCEPTIONS answers None)."""
    try:
        return cache.incr(key)  # django-redis: one atomic script
    except ValueError:  # no counter yet in this window
        pass
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)  # another request created it meanwhile
    except ValueError:
        return None
