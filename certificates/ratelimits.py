"""Rate limit for public certificate lookups (pages and API)."""

from django.conf import settings

from training.ratelimits import retry_after

GROUP = "certificates.lookup"


def lookup_retry_after(request) -> int | None:
    """Count one lookup; seconds to wait when over the limit.

    Per account for logged-in users, per address for anonymous visitors.
    """
    return retry_after(request, group=GROUP, rate=settings.CERTIFICATE_VERIFY_RATE)


WALLET_GROUP = "certificates.wallet"


def wallet_retry_after(request) -> int | None:
    """Count one call of a public wallet pickup endpoint; seconds to wait when
    over WALLET_PICKUP_RATE."""
    return retry_after(request, group=WALLET_GROUP, rate=settings.WALLET_PICKUP_RATE)
