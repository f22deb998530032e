from celery import shared_task
from django.db import OperationalError

# Database hiccups are worth retrying; domain errors are not.
TRANSIENT = (OperationalError, OSError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def knowledge_base_review_remind_task() -> int:
    """Remind the knowledge base reviewers of what is due; once a month."""
    from courses.services import knowledge_base_review_remind

    return knowledge_base_review_remind()
