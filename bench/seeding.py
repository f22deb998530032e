"""Shared by the bench helpers: a copy of a demo cohort with N bench trainees.

Import after django.setup().
"""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from accounts.models import User
from cohorts.models import Cohort, CohortOffice, Enrolment


def cohort_copy_with_trainees(
    source: Cohort,
    n: int,
    *,
    slug: str,
    title: str,
    cohort=None,
    user=None,
    enrolment=None,
) -> tuple[Cohort, list[User]]:
    """Copy `source` (its offices with a quota of n each) and admit n new trainees.

    `cohort`, `user` and `enrolment` are extra field values for the copy, each
    user and each enrolment. Call inside a transaction.
    """
    stamp = f"{time.time_ns():x}"
    copy = Cohort.objects.get(pk=source.pk)
    copy.pk = copy.id = None
    copy.slug = f"{slug}-{stamp}"
    copy.title = title
    copy.capacity = n
    for field, value in (cohort or {}).items():
        setattr(copy, field, value)
    copy.save()
    CohortOffice.objects.bulk_create(
        [
            CohortOffice(cohort=copy, office_id=office_id, seat_quota=n)
            for office_id in CohortOffice.objects.filter(cohort=source).values_list(
                "office_id", flat=True
            )
        ]
    )
    users = User.objects.bulk_create(
        [
            User(
                email=f"{slug}-{stamp}-{i}@example.org",
                first_name=f"Trainee {i}",
                last_name="Bench",
                is_active=True,
                **(user or {}),
            )
            for i in range(n)
        ]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                cohort=copy,
                user=trainee,
                office=source.lead_office,
                employer="Bench office",
                position="Examiner",
                motivation="Benchmark",
                status=Enrolment.Status.ADMITTED,
                **(enrolment or {}),
            )
            for trainee in users
        ]
    )
    return copy, users


def logged_in_session(user: User) -> str:
    """A stored session for `user`, what django.contrib.auth.login() stores
    (without a request); returns its key, the session cookie's value."""
    login = import_module(settings.SESSION_ENGINE).SessionStore()
    login[SESSION_KEY] = str(user.pk)
    login[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    login[HASH_SESSION_KEY] = user.get_session_auth_hash()
    login.create()
    return login.session_key
