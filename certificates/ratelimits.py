"""Per-client-address rate limit for public certificate lookups (pages and API)."""

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

GROUP = "certificates.lookup"


def lookup_retry_after(request) -> int | None:
    """Count one lookup by the client's address; seconds to wait when over the limit."""
    usage = get_usage(
        request,
        group=GROUP,
        key="ip",
        rate=settings.CERTIFICATE_VERIFY_RATE,
        method=ALL,
        increment=True,
    )
    if usage and usage["should_limit"]:
        return max(1, int(usage["time_left"]))
    return None
