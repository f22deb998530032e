"""Project-level views: infrastructure, not domain."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return the value written")
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.REDIS_URL:
        return "eager"
    from training.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """JSON state of database, cache and broker; 503 when any is down."""
    checks = {
        "database": _check_database,
        "cache": _check_cache,
        "broker": _check_broker,
    }
    result, healthy = {}, True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means "down"
            logger.warning("healthz: %s down: %s", name, exc)
            result[name] = "down"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": result},
        status=200 if healthy else 503,
    )


@require_GET
def bench_ping(request):
    """The cheapest Django response: the baseline of bench/ (BENCH_VIEWS only)."""
    return HttpResponse(b"pong", content_type="text/plain")


@require_GET
def bench_lookup(request, code):
    """bench/ only: the verification's indexed lookup with nothing around it.

    The same single query as /verify/<code>/ (the public selector), answered as
    plain text: no template, no rate limit. The floor that verification is
    measured against (BENCH_VIEWS only).
    """
    from certificates.selectors import certificate_get_public

    certificate = certificate_get_public(code)
    if certificate is None:
        response = HttpResponse(b"not found", content_type="text/plain", status=404)
        response.redirects_exempt = True  # as the verification's own 404
        return response
    return HttpResponse(certificate.holder_name, content_type="text/plain")
