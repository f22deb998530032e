"""What the home page shows besides its own text: open cohorts, courses, offices."""

from dataclasses import dataclass

from certificates.models import Certificate
from cohorts.models import Office
from cohorts.selectors.cohorts import cohort_list_open, cohort_seats_by_office
from courses.localization import in_active_locale
from courses.models import CoursePage

HOME_COHORTS = 3
HOME_COURSES = 6


@dataclass
class HomeSections:
    cohorts: list  # (cohort, seats) pairs, as on the cohorts page
    open_cohort_count: int
    courses: list[CoursePage]
    course_count: int
    offices: list[Office]
    certificates_issued: int


def home_sections() -> HomeSections:
    """The home page's listings, in the reader's language; a fixed number of queries
    (only what is shown is loaded; the rest is counted)."""
    open_cohorts = cohort_list_open()
    courses = (
        in_active_locale(CoursePage.objects.all())
        .live()
        .public()
        .order_by("-first_published_at", "title")
    )
    return HomeSections(
        cohorts=[
            (cohort, cohort_seats_by_office(cohort))
            for cohort in open_cohorts[:HOME_COHORTS]
        ],
        open_cohort_count=open_cohorts.count(),
        courses=list(courses[:HOME_COURSES]),
        course_count=courses.count(),
        offices=list(Office.objects.order_by("name").only("name", "short_code")),
        certificates_issued=Certificate.objects.filter(
            revoked_at__isnull=True, superseded_at__isnull=True
        ).count(),
    )
