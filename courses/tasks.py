from celery import shared_task
from django.db import OperationalError

# Database hiccups are worth retrying; domain errors are not.
TRANSIENT = (OperationalError, OSError)
# A CDN that cannot be reached now may be reachable in a minute.
CDN_TRANSIENT = (OSError,)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def knowledge_base_review_remind_task() -> int:
    """Remind the knowledge base reviewers of what is due; once a month."""
    from courses.services import knowledge_base_review_remind

    return knowledge_base_review_remind()


@shared_task(
    autoretry_for=CDN_TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True
)
def frontend_cache_purge_task(urls: list[str]) -> int:
    """Purge `urls` from every configured CDN; returns how many were asked for."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)
    return len(urls)
