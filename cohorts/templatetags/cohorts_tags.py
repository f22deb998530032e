from django import template

from cohorts.selectors.cohorts import (
    cohort_list_open_for_course,
    cohort_seats_by_office,
)
from cohorts.services.cohorts import CLOSED_STATUSES
from courses.selectors import page_in_source_language

register = template.Library()


@register.filter
def cohort_closed(cohort) -> bool:
    """Completed or archived, so read-only (`CLOSED_STATUSES`).

    Usage: `{% if cohort|cohort_closed %}`.
    """
    return cohort.status in CLOSED_STATUSES


@register.inclusion_tag("cohorts/includes/course_cohorts.html", takes_context=True)
def course_cohorts(context, course):
    """The course page's open cohorts with seats left per office.

    Usage: `{% load cohorts_tags %}{% course_cohorts page %}`.
    """
    return {
        "request": context.get("request"),
        "open_cohorts": [
            (cohort, cohort_seats_by_office(cohort))
            for cohort in cohort_list_open_for_course(
                page_in_source_language(page=course)
            )
        ],
    }
