from celery import shared_task

# A CDN that cannot be reached now may be reachable in a minute.
TRANSIENT = (OSError,)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def frontend_cache_purge_task(urls: list[str]) -> int:
    """Purge `urls` from every configured CDN; returns how many were asked for."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)
    return len(urls)
