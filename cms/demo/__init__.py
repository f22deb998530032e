"""Demo content for `seed_demo`: one module per area, each idempotent.

Each module exposes `seed(ctx)`; steps run in the order of `STEPS`, and later
steps read what earlier ones recorded on the context (users, pages, cohorts).
"""

import contextlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    password: str
    write: Any  # callable printing one progress line
    logins: list[tuple[str, str]] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)

    def add_login(self, role: str, email: str) -> None:
        if (role, email) not in self.logins:
            self.logins.append((role, email))


STEPS = [
    "cms.demo.accounts",
    "cms.demo.courses",
    # After courses: translates one demo course into Chinese and Russian.
    "cms.demo.translations",
    "cms.demo.offices",
    "cms.demo.cohorts",
    # After cohorts: it adds sessions to the cohorts the steps above created.
    "cms.demo.attendance",
    # After attendance: completion needs sessions and marks.
    "cms.demo.assessments",
    # Keep last: certificates are issued for what the earlier steps completed.
    "cms.demo.certificates",
    # After certificates: the co-organizing offices endorse what was issued.
    "cms.demo.endorsements",
    # After cohorts and attendance: profiles, surveys and answers for reports.
    "cms.demo.reports",
    # After certificates: alumni show their cohorts and valid certificates.
    "cms.demo.network",
    # After attendance (sessions have threads): discussions in the cohorts.
    "cms.demo.discussions",
]


@contextlib.contextmanager
def running(cohort):
    """Replay a completed cohort's history while it runs.

    A completed cohort refuses marks and grades (the services guard it), so the
    demo records them with the cohort running, as they happened, then puts
    the status back (the assessments step completes it through the service).
    """
    from cohorts.models import Cohort

    status = cohort.status
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.RUNNING)
    try:
        yield
    finally:
        Cohort.objects.filter(pk=cohort.pk).update(status=status)
