"""What a cohort's hub and the dashboard panel are made of, and the hooks that
let other apps add to them without cohorts importing those apps.

- ``construct_cohort_hub``: ``fn(request, cohort)`` returns a HubSection or None.
- ``construct_cohort_dashboard``: ``fn(request, cohorts)`` returns a dict of
  cohort id → list of HubAction (call it once for all cohorts: no N+1).
- ``report_certificate_counts``: ``fn(enrolment_ids)`` returns a dict of
  enrolment id → {"issued": n, "revoked": n} for the programme reports.
"""

from dataclasses import dataclass, field

HUB_HOOK = "construct_cohort_hub"
DASHBOARD_HOOK = "construct_cohort_dashboard"
REPORT_CERTIFICATES_HOOK = "report_certificate_counts"


@dataclass
class HubLink:
    label: str
    url: str
    post: bool = False  # an action: rendered as a button in a form with a CSRF token
    primary: bool = False


@dataclass
class HubFigure:
    label: str
    value: object
    detail: str = ""


@dataclass
class HubSection:
    heading: str
    figures: list[HubFigure] = field(default_factory=list)
    links: list[HubLink] = field(default_factory=list)
    order: int = 100


@dataclass
class HubAction:
    """A next action on the dashboard: "3 applications to decide" → the page."""

    label: str  # already counted and pluralised (ngettext)
    count: int
    url: str
