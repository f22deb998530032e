"""Every coordinator and trainee URL, as every role, with the expected answer.

To cover a new URL add a row to MATRIX: a name, how to build the URL from the
scenario, the HTTP method, and the expected status per role (in ROLES order).
`AUTH` marks "must log in" (302 to the login page for pages, 401 for the API).
"""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Cohort, Enrolment
from cohorts.services.api_tokens import office_api_token_create
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "trainee", "own", "lead", "co", "outsider", "admin")
LOGIN = 302  # redirected to the (admin) login page
NO_ADMIN = 302  # logged in without admin access: Wagtail redirects away
DENIED = 302  # Wagtail turns PermissionDenied into a redirect with an error message

# name, url(s), method, expected status per role in ROLES order
MATRIX = [
    # --- Wagtail admin: cohorts viewset
    ("admin cohort list", lambda s: "/admin/cohorts/", "get",
     (LOGIN, NO_ADMIN, 200, 200, 200, 200, 200)),
    ("admin cohort add", lambda s: "/admin/cohorts/new/", "get",
     (LOGIN, NO_ADMIN, 200, 200, 200, 200, 200)),
    ("admin cohort edit", lambda s: f"/admin/cohorts/edit/{s.cohort.pk}/", "get",
     (LOGIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200)),
    ("admin cohort edit (post)", lambda s: f"/admin/cohorts/edit/{s.cohort.pk}/",
     "post", (LOGIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200)),
    ("admin cohort inspect", lambda s: f"/admin/cohorts/inspect/{s.cohort.pk}/",
     "get", (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    ("admin cohort history", lambda s: f"/admin/cohorts/history/{s.cohort.pk}/",
     "get", (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    ("admin cohort usage", lambda s: f"/admin/cohorts/usage/{s.cohort.pk}/",
     "get", (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    ("admin cohort delete", lambda s: f"/admin/cohorts/delete/{s.cohort.pk}/",
     "get", (LOGIN, NO_ADMIN, DENIED, DENIED, DENIED, 404, 200)),
    # --- applications, decisions, exports, import
    ("applications",
     lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/", "get",
     (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    ("bulk decision",
     lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/", "post",
     (LOGIN, NO_ADMIN, 302, 302, 302, 404, 302)),
    ("export csv",
     lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/export.csv", "get",
     (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    ("export xlsx",
     lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/export.xlsx", "get",
     (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    ("import csv",
     lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/import/", "get",
     (LOGIN, NO_ADMIN, 200, 200, 200, 404, 200)),
    # --- offices and tokens: platform admins only
    ("admin offices", lambda s: "/admin/offices/", "get",
     (LOGIN, NO_ADMIN, DENIED, DENIED, DENIED, DENIED, 200)),
    ("admin office tokens", lambda s: "/admin/office_api_tokens/", "get",
     (LOGIN, NO_ADMIN, DENIED, DENIED, DENIED, DENIED, 200)),
    # --- public and trainee pages
    ("open cohorts", lambda s: "/cohorts/", "get", (200,) * 7),
    ("cohort page", lambda s: f"/cohorts/{s.cohort.slug}/", "get", (200,) * 7),
    ("draft cohort page", lambda s: f"/cohorts/{s.draft.slug}/", "get", (404,) * 7),
    ("apply", lambda s: f"/cohorts/{s.cohort.slug}/apply/", "get",
     (LOGIN, 302, 200, 200, 200, 200, 200)),  # trainee already applied: redirect
    ("withdraw", lambda s: f"/cohorts/{s.cohort.slug}/withdraw/", "post",
     (LOGIN, 302, 404, 404, 404, 404, 404)),  # only one's own application
    ("my learning", lambda s: "/learning/", "get",
     (LOGIN, 200, 200, 200, 200, 200, 200)),
    # --- API: the role's office token (none for anonymous, trainee, admin)
    ("api cohorts", lambda s: "/api/v1/cohorts/", "get",
     (401, 401, 200, 200, 200, 200, 401)),
    ("api cohort", lambda s: f"/api/v1/cohorts/{s.cohort.slug}/", "get",
     (401, 401, 200, 200, 200, 404, 401)),
    ("api roster", lambda s: f"/api/v1/cohorts/{s.cohort.slug}/roster/", "get",
     (401, 401, 200, 200, 200, 404, 401)),
]  # fmt: skip


class Scenario:
    """A cohort led by `lead`, co-organized by `own` (the trainee's office) and `co`."""

    def __init__(self):
        self.lead_office = OfficeFactory(short_code="lead")
        self.own_office = OfficeFactory(short_code="own")
        self.co_office = OfficeFactory(short_code="co")
        self.outsider_office = OfficeFactory(short_code="outsider")
        self.cohort = CohortFactory(lead_office=self.lead_office, lead_quota=5)
        for office in (self.own_office, self.co_office):
            CohortOfficeFactory(cohort=self.cohort, office=office)
        CohortFactory(lead_office=self.outsider_office)  # the outsider's own cohort
        self.draft = CohortFactory(
            lead_office=self.lead_office, status=Cohort.Status.DRAFT
        )
        trainee = UserFactory(groups=["Trainees"])
        self.enrolment = EnrolmentFactory(
            cohort=self.cohort, user=trainee, office=self.own_office
        )
        self.users = {
            "anonymous": None,
            "trainee": trainee,
            "own": coordinator_of(self.own_office),
            "lead": coordinator_of(self.lead_office),
            "co": coordinator_of(self.co_office),
            "outsider": coordinator_of(self.outsider_office),
            "admin": UserFactory(is_staff=True, is_superuser=True),
        }
        self.tokens = {
            role: office_api_token_create(office=office, name="test")[1]
            for role, office in (
                ("own", self.own_office),
                ("lead", self.lead_office),
                ("co", self.co_office),
                ("outsider", self.outsider_office),
            )
        }


def _post_data(name, scenario):
    if name == "bulk decision":
        return {"action": "waitlist", "enrolment": [scenario.enrolment.pk]}
    if name == "admin cohort edit (post)":
        return {}  # an invalid form: 200 re-render for those allowed to edit
    return {}


@pytest.mark.parametrize(
    ("name", "url", "method", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(client, name, url, method, expected):
    scenario = Scenario()
    path = url(scenario)
    mismatches = []
    for role, want in zip(ROLES, expected, strict=True):
        client.logout()
        user = scenario.users[role]
        if user is not None:
            client.force_login(user)
        headers = {}
        if path.startswith("/api/") and role in scenario.tokens:
            headers["Authorization"] = f"Bearer {scenario.tokens[role]}"
        if method == "post":
            response = client.post(path, _post_data(name, scenario), headers=headers)
        else:
            response = client.get(path, headers=headers)
        if response.status_code != want:
            mismatches.append(f"{role}: got {response.status_code}, want {want}")
    assert not mismatches, f"{name} {path}: " + "; ".join(mismatches)


def test_co_organizer_sees_roster_without_other_offices_details(client):
    s = Scenario()
    s.enrolment.employer = "Secret Employer Ltd"
    s.enrolment.save()
    client.force_login(s.users["co"])
    page = client.get(f"/admin/cohorts/applications/{s.cohort.pk}/").content.decode()
    assert str(s.enrolment.user.get_full_name()) in page
    assert "Secret Employer Ltd" not in page
    assert s.enrolment.user.email not in page
    csv_body = client.get(
        f"/admin/cohorts/applications/{s.cohort.pk}/export.csv"
    ).content.decode("utf-8-sig")
    assert "Secret Employer Ltd" not in csv_body
    for role in ("own", "lead"):
        client.force_login(s.users[role])
        page = client.get(f"/admin/cohorts/applications/{s.cohort.pk}/")
        assert "Secret Employer Ltd" in page.content.decode()


def test_api_roster_gives_details_to_nominating_and_lead_offices_only(client):
    s = Scenario()
    url = f"/api/v1/cohorts/{s.cohort.slug}/roster/"
    seen = {}
    for role in ("own", "lead", "co"):
        response = client.get(
            url, headers={"Authorization": f"Bearer {s.tokens[role]}"}
        )
        (entry,) = response.json()
        seen[role] = entry.get("employer")
    assert seen == {
        "own": s.enrolment.employer,
        "lead": s.enrolment.employer,
        "co": None,
    }


def test_bulk_decision_by_co_organizer_does_not_touch_other_offices_applications(
    client,
):
    s = Scenario()
    client.force_login(s.users["co"])
    client.post(
        f"/admin/cohorts/applications/{s.cohort.pk}/",
        {"action": "reject", "enrolment": [s.enrolment.pk]},
    )
    s.enrolment.refresh_from_db()
    assert s.enrolment.status == Enrolment.Status.APPLIED


def test_revoked_token_is_refused(client):
    s = Scenario()
    from cohorts.models import OfficeApiToken

    OfficeApiToken.objects.filter(office=s.lead_office).update(
        revoked_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(
        "/api/v1/cohorts/", headers={"Authorization": f"Bearer {s.tokens['lead']}"}
    )
    assert response.status_code == 401
