"""The cohort hub in the admin, the dashboard's "My cohorts", links back to the hub."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from cohorts.models import AttendanceMark, Cohort, Enrolment
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


class Hub:
    """A running cohort led by `lead` with `co`; `outsider` takes no part."""

    def __init__(self):
        now = timezone.now()
        self.lead_office = OfficeFactory(short_code="lead")
        self.co_office = OfficeFactory(short_code="co")
        self.outsider_office = OfficeFactory(short_code="outsider")
        self.cohort = CohortFactory(
            lead_office=self.lead_office,
            status=Cohort.Status.RUNNING,
            start_date=timezone.localdate() - datetime.timedelta(days=7),
            end_date=timezone.localdate() + datetime.timedelta(days=30),
            time_zone="Asia/Shanghai",
        )
        CohortOfficeFactory(cohort=self.cohort, office=self.co_office, seat_quota=5)
        # Waiting: a lead nominee's application (lead decides as nominating
        # office), a co nomination (lead admits), a co application (co decides).
        EnrolmentFactory(cohort=self.cohort, office=self.lead_office)
        EnrolmentFactory(
            cohort=self.cohort,
            office=self.co_office,
            status=Enrolment.Status.NOMINATED,
        )
        EnrolmentFactory(cohort=self.cohort, office=self.co_office)
        self.admitted = [
            AdmittedEnrolmentFactory(cohort=self.cohort, office=self.lead_office)
            for _ in range(2)
        ]
        self.instructor = UserFactory(groups=[roles.INSTRUCTORS])
        self.held = SessionFactory(
            cohort=self.cohort, starts_at=now - datetime.timedelta(days=2)
        )
        self.held.instructors.add(self.instructor)
        AttendanceMarkFactory(session=self.held, enrolment=self.admitted[0])
        AttendanceMarkFactory(
            session=self.held,
            enrolment=self.admitted[1],
            status=AttendanceMark.Status.ABSENT,
        )
        self.next = SessionFactory(
            cohort=self.cohort, starts_at=now + datetime.timedelta(days=3)
        )
        self.assignment = AssessmentFactory(cohort=self.cohort)
        AssignmentSubmissionFactory(
            assessment=self.assignment, enrolment=self.admitted[0]
        )
        self.lead = coordinator_of(self.lead_office)
        self.co = coordinator_of(self.co_office)
        self.outsider = coordinator_of(self.outsider_office)
        self.url = reverse("cohort_admin:hub", args=[self.cohort.pk])


@pytest.fixture
def hub():
    return Hub()


def _lead_only_urls(cohort):
    return [
        reverse("session_admin:add") + f"?cohort={cohort.pk}",
        reverse("session_admin:series") + f"?cohort={cohort.pk}",
        reverse("cohorts:cohort_complete", args=[cohort.slug]),
        reverse("certificates:cohort_issue", args=[cohort.slug]),
        reverse("certificates:cohort_zip", args=[cohort.slug]),
    ]


def test_lead_coordinator_sees_figures_and_every_task(client, hub):
    client.force_login(hub.lead)
    response = client.get(hub.url)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.awaiting_my_decision == 2
    assert (figures.seats_taken, figures.seats_quota) == (3, 25)
    assert figures.admitted == 2
    assert figures.next_session == hub.next
    assert figures.attendance_rate == Decimal("50.00")
    assert figures.to_grade == 1
    co_row = next(o for o in figures.offices if o.seats.office == hub.co_office)
    assert co_row.by_status == {"applied": 1, "nominated": 1}
    page = response.content.decode()
    slug = hub.cohort.slug
    for url in [
        reverse("cohort_admin:applications", args=[hub.cohort.pk]),
        reverse("cohort_admin:import", args=[hub.cohort.pk]),
        reverse("session_admin:index") + f"?cohort={hub.cohort.pk}",
        reverse("cohorts:session_list", args=[slug]),
        reverse("cohorts:session_roster", args=[slug, hub.held.pk]),
        reverse("cohorts:session_checkin_code", args=[slug, hub.next.pk]),
        reverse("cohorts:gradebook", args=[slug]),
        reverse("cohorts:grade_import", args=[slug]),
        reverse("cohorts:assessment_grading", args=[slug, hub.assignment.pk]),
        reverse("certificates:cohort_endorsements", args=[slug]),
        *_lead_only_urls(hub.cohort),
    ]:
        assert f'"{url}"'.replace("&", "&amp;") in page, url
    # The next session in the cohort's own time zone, not the viewer's.
    with timezone.override(hub.cohort.zone):
        local = timezone.localtime(hub.next.starts_at)
    assert f"{local:%H:%M}" in page
    assert "China Standard Time (GMT+08:00)" in page


def test_outsider_coordinator_is_refused(client, hub):
    client.force_login(hub.outsider)
    assert client.get(hub.url).status_code == 404


def test_trainee_cannot_enter(client, hub):
    client.force_login(hub.admitted[0].user)
    assert client.get(hub.url).status_code == 302


def test_co_organizer_sees_hub_without_lead_only_links(client, hub):
    client.force_login(hub.co)
    response = client.get(hub.url)
    assert response.status_code == 200
    assert response.context["figures"].awaiting_my_decision == 1
    page = response.content.decode()
    assert reverse("cohort_admin:applications", args=[hub.cohort.pk]) in page
    assert reverse("certificates:cohort_endorsements", args=[hub.cohort.slug]) in page
    for url in _lead_only_urls(hub.cohort):
        assert url.replace("&", "&amp;") not in page, url
    assert reverse("cohort_admin:edit", args=[hub.cohort.pk]) not in page


def test_instructor_sees_own_sessions_tasks_only(client, hub):
    client.force_login(hub.instructor)
    response = client.get(hub.url)
    assert response.status_code == 200
    page = response.content.decode()
    slug = hub.cohort.slug
    assert reverse("cohorts:session_roster", args=[slug, hub.held.pk]) in page
    assert reverse("cohorts:session_roster", args=[slug, hub.next.pk]) not in page
    assert reverse("cohorts:gradebook", args=[slug]) in page
    assert reverse("cohort_admin:applications", args=[hub.cohort.pk]) not in page
    assert reverse("certificates:cohort_endorsements", args=[slug]) not in page


def test_cohort_listing_inspect_and_edit_link_to_hub(client, hub):
    client.force_login(hub.lead)
    for url in [
        reverse("cohort_admin:index"),
        reverse("cohort_admin:inspect", args=[hub.cohort.pk]),
        reverse("cohort_admin:edit", args=[hub.cohort.pk]),
    ]:
        assert hub.url in client.get(url).content.decode(), url


def test_staff_pages_link_back_to_hub(client, hub):
    client.force_login(hub.lead)
    slug = hub.cohort.slug
    for url in [
        reverse("cohorts:session_list", args=[slug]),
        reverse("cohorts:session_roster", args=[slug, hub.held.pk]),
        reverse("cohorts:session_checkin_code", args=[slug, hub.held.pk]),
        reverse("cohorts:session_history", args=[slug, hub.held.pk]),
        reverse("cohorts:session_import", args=[slug, hub.held.pk]),
        reverse("cohorts:gradebook", args=[slug]),
        reverse("cohorts:grade_import", args=[slug]),
        reverse("cohorts:assessment_grading", args=[slug, hub.assignment.pk]),
        reverse("certificates:cohort_endorsements", args=[slug]),
        reverse("cohort_admin:applications", args=[hub.cohort.pk]),
        reverse("cohort_admin:import", args=[hub.cohort.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'href="{hub.url}"' in response.content.decode(), url


# ---- dashboard ----


def _panel(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_lists_my_cohorts_with_next_actions(client, hub):
    SessionFactory(cohort=hub.cohort, starts_at=timezone.now())
    page = _panel(client, hub.lead)
    assert "My cohorts" in page
    assert hub.url in page
    assert "2 applications to decide" in page
    assert "1 session today" in page
    assert "1 submission to grade" in page
    page = _panel(client, hub.co)
    assert "1 application to decide" in page
    assert "You have no cohorts yet" not in page


def test_dashboard_counts_only_submissions_the_viewer_may_grade(client, hub):
    # The hub's fixture: one ungraded submission, by a lead-office nominee.
    co_nominee = AdmittedEnrolmentFactory(cohort=hub.cohort, office=hub.co_office)
    AssignmentSubmissionFactory(assessment=hub.assignment, enrolment=co_nominee)
    assert "2 submissions to grade" in _panel(client, hub.lead)
    assert "2 submissions to grade" in _panel(client, hub.instructor)
    page = _panel(client, hub.co)
    assert "1 submission to grade" in page
    assert "2 submissions to grade" not in page


def test_dashboard_shows_endorsements_to_approve(client, settings, tmp_path):
    from certificates.services import certificate_issue
    from tests.certificates.factories import (
        CompletedCohortFactory,
        CompletedEnrolmentFactory,
    )

    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SIGNING_KEYS_AUTO_CREATE = True
    co_office = OfficeFactory(short_code="co")
    cohort = CompletedCohortFactory()
    CohortOfficeFactory(cohort=cohort, office=co_office)
    certificate_issue(enrolment=CompletedEnrolmentFactory(cohort=cohort))
    page = _panel(client, coordinator_of(co_office))
    assert "1 endorsement to approve" in page
    assert reverse("certificates:cohort_endorsements", args=[cohort.slug]) in page


def test_dashboard_empty_state(client):
    page = _panel(client, coordinator_of(OfficeFactory()))
    assert "My cohorts" in page
    assert "You have no cohorts yet" in page


def test_dashboard_panel_is_not_shown_to_editors_without_cohort_roles(client):
    page = _panel(client, UserFactory(groups=[roles.COURSE_REVIEWERS]))
    assert "My cohorts" not in page


def test_dashboard_queries_do_not_grow_with_cohorts(rf, hub):
    from cohorts.wagtail_hooks import MyCohortsPanel

    def count():
        request = rf.get("/admin/")
        request.user = hub.lead
        with CaptureQueriesContext(connection) as queries:
            MyCohortsPanel(request).get_context_data({})
        return len(queries)

    before = count()
    for _ in range(3):
        other = CohortFactory(lead_office=hub.lead_office)
        EnrolmentFactory(cohort=other)
        SessionFactory(cohort=other, starts_at=timezone.now())
    assert count() == before
