"""Helper of `bench/run.sh scale` (runs in the bench's environment; prints JSON).

trainee.py login   a lesson of a course with a trainee (admitted if any), that
                   trainee logged in (a stored session): the lesson's path, the Cookie
                   header for wrk, and the queries of one warm GET of the lesson
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

from cohorts.models import Enrolment  # noqa: E402
from courses.models import LessonPage  # noqa: E402


def login() -> dict:
    """The first live lesson of a course with a trainee (admitted if any), and
    that trainee."""
    enrolments = Enrolment.objects.select_related("user", "cohort__course")
    # Admitted trainees first: their lesson pages show their progress.
    for enrolment in sorted(
        enrolments.order_by("pk"),
        key=lambda e: e.status != Enrolment.Status.ADMITTED,
    ):
        lesson = (
            LessonPage.objects.live()
            .descendant_of(enrolment.cohort.course)
            .order_by("path")
            .first()
        )
        if lesson is not None:
            break
    else:
        raise SystemExit("no trainee of a course with a lesson")
    path = lesson.url
    user = enrolment.user
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    client.cookies[settings.SESSION_COOKIE_NAME] = logged_in_session(user)
    for _ in range(2):  # warm: per-process caches, templates
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return {
        "path": path,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={logged_in_session(user)}",
        "status": status,
        "queries": len(queries),
        "sql": [q["sql"][:160] for q in queries.captured_queries],
    }


if __name__ == "__main__":
    print(json.dumps(login()))
