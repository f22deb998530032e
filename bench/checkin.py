"""Helper of `bench/run.sh checkin` (runs in the bench's environment; prints JSON).

checkin.py prepare N OUT   a running cohort with N admitted trainees, each logged
                           in (a stored session) with a CSRF token, and a session
                           open for check-in; writes OUT.lua (for bench/checkin.lua)
                           and OUT.json (for the paced client): the cookies, the
                           session id and its check-in codes for the next 30 minutes
checkin.py verify SESSION  what the database holds for the session: marks, marks
                           per trainee, check-in history rows, first and last
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from seeding import cohort_copy_with_trainees, logged_in_session  # noqa: E402

from cohorts import checkin_codes  # noqa: E402
from cohorts.models import (  # noqa: E402
    AttendanceChange,
    AttendanceMark,
    Cohort,
    Enrolment,
    Session,
)

CODES_MINUTES = 30


def _lua(value) -> str:
    """A Python value as a Lua literal (strings, numbers, bools, lists, dicts)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # ASCII only here: its escapes are valid Lua
    if isinstance(value, list):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"


def prepare(n: int, out: str) -> dict:
    source = (
        Cohort.objects.exclude(slug__startswith="bench-")
        .order_by("pk")
        .select_related("lead_office")
        .first()
    )
    if source is None:
        raise SystemExit("the demo has no cohort")
    now = timezone.now()
    with transaction.atomic():
        cohort, users = cohort_copy_with_trainees(
            source,
            n,
            slug="bench-checkin",
            title=f"{source.title} (check-in bench)",
            cohort={
                "status": Cohort.Status.RUNNING,
                "start_date": (now - timedelta(days=1)).date(),
                "end_date": (now + timedelta(days=30)).date(),
            },
            user={"password": make_password(None)},
            enrolment={"admitted_at": now - timedelta(days=1)},
        )
        # Opens for check-in now (15 minutes before the start): trainees are present.
        session = Session.objects.create(
            cohort=cohort,
            title="Check-in bench session",
            starts_at=now + timedelta(minutes=5),
            ends_at=now + timedelta(hours=2),
        )
    trainees = []
    for i, user in enumerate(users):
        session_key = logged_in_session(user)
        csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
        trainees.append(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; "
                f"{settings.CSRF_COOKIE_NAME}={csrf}",
                "csrf": csrf,
                # Half scan the QR code (its link carries the session), half
                # type the code (every open session of theirs is tried).
                "qr": i % 2 == 0,
            }
        )
    first = checkin_codes.window_at(now) - 1
    windows = range(first, first + CODES_MINUTES * 60 // checkin_codes.step() + 2)
    data = {
        "path": reverse("cohorts:check_in"),
        "session": session.pk,
        "step": checkin_codes.step(),
        "codes": {w: checkin_codes.code_for(session.pk, w) for w in windows},
        "csrf_header": settings.CSRF_HEADER_NAME.removeprefix("HTTP_").replace(
            "_", "-"
        ),
        "trainees": trainees,
    }
    Path(f"{out}.lua").write_text("return " + _lua(data) + "\n")
    data["codes"] = {str(w): code for w, code in data["codes"].items()}
    Path(f"{out}.json").write_text(json.dumps(data))
    return {"cohort": cohort.pk, "session": session.pk, "path": data["path"]}


def verify(session_id: int) -> dict:
    marks = AttendanceMark.objects.filter(session_id=session_id)
    changes = AttendanceChange.objects.filter(
        session_id=session_id, source=AttendanceChange.Source.CHECK_IN
    )
    spread = changes.aggregate(first=Min("changed_at"), last=Max("changed_at"))
    admitted = Enrolment.objects.filter(
        cohort__sessions=session_id, status=Enrolment.Status.ADMITTED
    ).count()
    return {
        "admitted": admitted,
        "marks": marks.count(),
        "trainees_marked": marks.values("enrolment").distinct().count(),
        "marks_per_trainee_max": marks.values("enrolment")
        .annotate(n=Count("pk"))
        .aggregate(m=Max("n"))["m"]
        or 0,
        "statuses": dict(
            marks.values_list("status").annotate(n=Count("pk")).order_by("status")
        ),
        "check_in_changes": changes.count(),
        "recorded_in_s": (spread["last"] - spread["first"]).total_seconds()
        if spread["first"]
        else None,
    }


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "prepare":
        result = prepare(int(rest[0]), rest[1])
    else:
        result = verify(int(rest[0]))
    print(json.dumps(result))
