"""Rate limits that tell people apart when they share one address.

A classroom behind one NAT reaches us from a single address, so a logged-in
user is counted per account; the address only gets a generous ceiling
(RATELIMIT_ADDRESS_RATE) against one machine driving many accounts. Anonymous
requests have nothing but the address to go by.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django_ratelimit import ALL
from django_ratelimit.core import get_usage


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


def _account_key(group, request) -> str:
    return f"user:{request.user.pk}"


def retry_after(request, *, group: str, rate: str, method=ALL) -> int | None:
    """Count one attempt; the seconds to wait when over a limit, else None.

    A logged-in user is limited per account at ``rate`` and per address at
    RATELIMIT_ADDRESS_RATE; an anonymous visitor per address at ``rate``.
    Both counters are incremented, so hammering keeps the limit in force.
    """
    if request.user.is_authenticated:
        limits = [(_account_key, rate), ("ip", settings.RATELIMIT_ADDRESS_RATE)]
    else:
        limits = [("ip", rate)]
    waits = []
    for key, limit in limits:
        usage = get_usage(
            request, group=group, key=key, rate=limit, method=method, increment=True
        )
        if usage and usage["should_limit"]:
            waits.append(max(1, int(usage["time_left"])))
    return max(waits) if waits else None
