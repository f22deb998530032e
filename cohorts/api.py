"""Read-only API for partner offices' own systems, scoped to the token's office."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from cohorts.models import Cohort
from cohorts.selectors.cohorts import cohort_seats_by_office
from cohorts.selectors.enrolments import (
    enrolment_details_office_ids,
    enrolment_list_for_cohort,
)
from cohorts.selectors.reports import (
    ReportFilters,
    programme_report_for_offices,
    report_json,
)
from cohorts.services.api_tokens import office_api_token_authenticate


class OfficeTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; request.auth becomes the OfficeApiToken."""

    openapi_description = (
        "An office API token (create one in the admin or with "
        "`manage.py create_office_token OFFICE_CODE`)."
    )

    def authenticate(self, request, token):
        return office_api_token_authenticate(token)


router = Router(tags=["cohorts"], auth=OfficeTokenAuth())


class OfficeOut(Schema):
    code: str
    name: str
    country: str


class SeatsOut(Schema):
    office: OfficeOut
    quota: int
    taken: int
    left: int
    is_lead: bool


class CohortOut(Schema):
    slug: str
    title: str
    course: str
    lead_office: OfficeOut
    status: str
    start_date: datetime.date
    end_date: datetime.date
    applications_open_at: datetime.datetime
    applications_close_at: datetime.datetime
    time_zone: str
    delivery_mode: str
    location: str
    language: str
    capacity: int


class CohortDetailOut(CohortOut):
    offices: list[SeatsOut]


class RosterEntryOut(Schema):
    id: int
    name: str
    native_name: str
    office: str
    status: str
    completion: str
    details_visible: bool
    email: str | None = None
    employer: str | None = None
    position: str | None = None
    motivation: str | None = None


def _office(office) -> dict:
    return {"code": office.short_code, "name": office.name, "country": office.country}


def _cohort(cohort) -> dict:
    return {
        "slug": cohort.slug,
        "title": cohort.title,
        "course": cohort.course.title,
        "lead_office": _office(cohort.lead_office),
        "status": cohort.status,
        "start_date": cohort.start_date,
        "end_date": cohort.end_date,
        "applications_open_at": cohort.applications_open_at,
        "applications_close_at": cohort.applications_close_at,
        "time_zone": cohort.time_zone,
        "delivery_mode": cohort.delivery_mode,
        "location": cohort.location,
        "language": cohort.language,
        "capacity": cohort.capacity,
    }


def _cohorts_for(request):
    return (
        Cohort.objects.filter(participations__office=request.auth.office)
        .select_related("course", "lead_office")
        .order_by("-start_date", "title")
    )


def _get(request, slug) -> Cohort:
    cohort = _cohorts_for(request).filter(slug=slug).first()
    if cohort is None:
        raise Http404
    return cohort


@router.get("/", response=list[CohortOut], summary="Cohorts your office takes part in")
def cohort_list(request):
    return [_cohort(c) for c in _cohorts_for(request)]


@router.get("/{slug}/", response=CohortDetailOut, summary="One cohort, with seats")
def cohort_detail(request, slug: str):
    cohort = _get(request, slug)
    seats = [
        {
            "office": _office(s.office),
            "quota": s.quota,
            "taken": s.taken,
            "left": s.left,
            "is_lead": s.is_lead,
        }
        for s in cohort_seats_by_office(cohort)
    ]
    return {**_cohort(cohort), "offices": seats}


@router.get(
    "/{slug}/roster/",
    response=list[RosterEntryOut],
    summary="The cohort's applications",
    description="Contact, employer, position and motivation are given only for "
    "your office's nominees, or for everyone when your office leads the cohort.",
)
def cohort_roster(request, slug: str):
    cohort = _get(request, slug)
    # The applications page's rule, with the token's office as the reader.
    allowed = enrolment_details_office_ids(
        None, cohort, office_ids={request.auth.office_id}
    )
    entries = []
    for e in enrolment_list_for_cohort(cohort):
        visible = allowed is None or e.office_id in allowed
        entry = {
            "id": e.pk,
            "name": e.user.get_full_name(),
            "native_name": e.user.native_name,
            "office": e.office.short_code,
            "status": e.status,
            "completion": e.completion,
            "details_visible": visible,
        }
        if visible:
            entry.update(
                email=e.user.email,
                employer=e.employer,
                position=e.position,
                motivation=e.motivation,
            )
        entries.append(entry)
    return entries


# ---- programme report ----

reports_router = Router(tags=["reports"], auth=OfficeTokenAuth())


@reports_router.get(
    "/programme/",
    response=dict,
    summary="Your office's programme report",
    description="The figures of the admin's programme reports as your office's "
    "coordinators see them: your office's row, the totals of the cohorts it "
    "takes part in, breakdowns by country, sector and gender, trends per month "
    "and the surveys. Any figure about fewer than 5 people is "
    'the string "<5", and a second figure may be hidden so that totals do not '
    "reveal it. `start` and `end` keep cohorts starting in that period.",
)
def programme_report_view(
    request, start: datetime.date | None = None, end: datetime.date | None = None
):
    if start and end and start > end:
        raise HttpError(422, _("The period ends before it starts."))
    report = programme_report_for_offices(
        {request.auth.office_id}, ReportFilters(start=start, end=end)
    )
    return report_json(report)
