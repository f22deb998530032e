"""Helper of `bench/run.sh scale` (runs in the bench's environment; prints JSON).

trainee.py login PATH   a trainee admitted to the course of the lesson at PATH,
                        logged in (a stored session): the Cookie header for wrk,
                        and the queries of one warm GET of PATH as that trainee
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from seeding import logged_in_session  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from cohorts.models import Enrolment  # noqa: E402


def login(path: str) -> dict:
    site = Site.objects.get(is_default_site=True)
    lesson = Page.objects.get(url_path=site.root_page.url_path + path.lstrip("/"))
    courses = Page.objects.ancestor_of(lesson, inclusive=True)
    enrolment = (
        Enrolment.objects.filter(
            status=Enrolment.Status.ADMITTED, cohort__course__in=courses
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if enrolment is None:
        raise SystemExit(f"nobody is admitted to the course of {path}")
    user = enrolment.user
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    client.cookies[settings.SESSION_COOKIE_NAME] = logged_in_session(user)
    for _ in range(2):  # warm: per-process caches, templates
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={logged_in_session(user)}",
        "status": status,
        "queries": len(queries),
        "sql": [q["sql"][:160] for q in queries.captured_queries],
    }


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    print(json.dumps(login(rest[0])))
