"""Sessions in the admin: series in the cohort's time zone, validation, deletion, who may."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from accounts import roles
from cohorts.exceptions import SessionHasAttendanceError, SessionNotAllowedError
from cohorts.models import Session
from cohorts.services.sessions import session_delete, session_series_create
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def cohort():
    # Spans the change to summer time in Europe (last Sunday of March 2030).
    cohort = CohortFactory(
        lead_office=OfficeFactory(short_code="lead"),
        time_zone="Europe/Paris",
        start_date=datetime.date(2030, 3, 1),
        end_date=datetime.date(2030, 4, 30),
    )
    CohortOfficeFactory(cohort=cohort, office=OfficeFactory(short_code="co"))
    return cohort


@pytest.fixture
def lead(cohort):
    return coordinator_of(cohort.lead_office)


@pytest.fixture
def co(cohort):
    office = cohort.participations.exclude(office=cohort.lead_office).get().office
    return coordinator_of(office)


def _series_data(cohort, **overrides):
    instructor = UserFactory(groups=[roles.INSTRUCTORS])
    return {
        "cohort": cohort.pk,
        "title": "Examination practice",
        # Typed as the cohort's wall-clock time, whatever the viewer's zone.
        "first_start": "2030-03-19 09:30",
        "duration": 90,
        "count": 4,
        "instructors": [instructor.pk],
        "room": "Room 2",
        "online_url": "",
        **overrides,
    }


def test_weekly_series_keeps_local_time_across_dst(client, cohort, lead):
    client.force_login(lead)
    response = client.post(reverse("session_admin:series"), _series_data(cohort))
    assert response.status_code == 302
    assert response["Location"] == reverse("cohort_admin:hub", args=[cohort.pk])
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at"))
    assert [s.title for s in sessions] == [
        f"Examination practice ({n}/4)" for n in range(1, 5)
    ]
    local = [s.starts_at.astimezone(PARIS) for s in sessions]
    assert [(t.hour, t.minute) for t in local] == [(9, 30)] * 4
    assert [t.date() for t in local] == [
        datetime.date(2030, 3, 19) + datetime.timedelta(weeks=n) for n in range(4)
    ]
    # Before the change 09:30 is 08:30 UTC, after it 07:30 UTC.
    utc_hours = [s.starts_at.astimezone(datetime.UTC).hour for s in sessions]
    assert utc_hours == [8, 8, 7, 7]
    assert all(s.duration == datetime.timedelta(minutes=90) for s in sessions)
    assert all(s.instructors.count() == 1 and s.room == "Room 2" for s in sessions)


def test_series_outside_cohort_dates_warns_but_saves(client, cohort, lead):
    client.force_login(lead)
    response = client.post(
        reverse("session_admin:series"),
        _series_data(cohort, first_start="2030-04-20 09:30"),
        follow=True,
    )
    assert Session.objects.filter(cohort=cohort).count() == 4
    page = response.content.decode()
    assert "fall outside the cohort&#x27;s dates" in page


def test_create_with_end_before_start_shows_error_and_writes_nothing(
    client, cohort, lead
):
    client.force_login(lead)
    response = client.post(
        reverse("session_admin:add"),
        {
            "cohort": cohort.pk,
            "title": "Opening",
            "starts_at": "2030-03-05 10:00",
            "ends_at": "2030-03-05 09:00",
            "room": "",
            "online_url": "",
        },
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert not Session.objects.exists()


def test_create_reads_times_in_cohort_zone(client, cohort, lead):
    client.force_login(lead)
    response = client.post(
        reverse("session_admin:add"),
        {
            "cohort": cohort.pk,
            "title": "Opening",
            "starts_at": "2030-03-05 10:00",
            "ends_at": "2030-03-05 12:00",
            "room": "",
            "online_url": "",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.starts_at == datetime.datetime(2030, 3, 5, 10, tzinfo=PARIS)
    # The edit form shows the same wall-clock time back.
    page = client.get(reverse("session_admin:edit", args=[session.pk]))
    assert "2030-03-05 10:00" in page.content.decode()


def test_edit_end_before_start_keeps_session(client, cohort, lead):
    session = SessionFactory(cohort=cohort)
    before = (session.starts_at, session.ends_at)
    client.force_login(lead)
    response = client.post(
        reverse("session_admin:edit", args=[session.pk]),
        {
            "title": "Moved",
            "starts_at": "2030-03-05 10:00",
            "ends_at": "2030-03-05 10:00",
            "room": "",
            "online_url": "",
        },
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    session.refresh_from_db()
    assert session.title != "Moved"
    assert (session.starts_at, session.ends_at) == before


def test_delete_refused_when_marks_exist(client, cohort, lead):
    session = SessionFactory(cohort=cohort)
    AttendanceMarkFactory(session=session)
    client.force_login(lead)
    url = reverse("session_admin:delete", args=[session.pk])
    page = client.get(url, follow=True).content.decode()
    assert "has attendance marks, so it cannot be deleted" in page
    client.post(url)
    assert Session.objects.filter(pk=session.pk).exists()
    with pytest.raises(SessionHasAttendanceError):
        session_delete(session=session, by=lead)


def test_delete_without_marks(client, cohort, lead):
    session = SessionFactory(cohort=cohort)
    client.force_login(lead)
    response = client.post(reverse("session_admin:delete", args=[session.pk]))
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


def test_co_organizer_cannot_create(client, cohort, co):
    client.force_login(co)
    client.post(reverse("session_admin:series"), _series_data(cohort))
    client.post(
        reverse("session_admin:add"),
        {
            "cohort": cohort.pk,
            "title": "Opening",
            "starts_at": "2030-03-05 10:00",
            "ends_at": "2030-03-05 12:00",
        },
    )
    assert not Session.objects.exists()
    with pytest.raises(SessionNotAllowedError):
        session_series_create(
            cohort=cohort,
            by=co,
            title="Sneaky",
            first_start=datetime.datetime(2030, 3, 5, 10),
            duration=datetime.timedelta(hours=1),
            count=2,
        )
    assert not Session.objects.exists()


def test_co_organizer_and_instructor_see_sessions(client, cohort, co):
    session = SessionFactory(cohort=cohort, title="Visible session")
    instructor = UserFactory(groups=[roles.INSTRUCTORS])
    session.instructors.add(instructor)
    SessionFactory(title="Someone else's session")
    for user in (co, instructor):
        client.force_login(user)
        page = client.get(reverse("session_admin:index")).content.decode()
        assert "Visible session" in page
        assert "Someone else&#x27;s session" not in page
        edit = client.get(reverse("session_admin:edit", args=[session.pk]))
        assert edit.status_code == 302  # Wagtail's "permission denied" redirect


def test_sessions_listing_offers_a_weekly_series_for_the_filtered_cohort(
    client, cohort, lead, co
):
    client.force_login(lead)
    page = client.get(reverse("session_admin:index"), {"cohort": cohort.pk})
    html = page.content.decode()
    series = f"{reverse('session_admin:series')}?cohort={cohort.pk}"
    add = f"{reverse('session_admin:add')}?cohort={cohort.pk}"
    assert f'href="{series}"' in html and "Add a weekly series" in html
    assert f'href="{add}"' in html
    form = client.get(series).content.decode()
    assert f'<option value="{cohort.pk}" selected>' in form
    # Those who may not schedule sessions get neither button.
    client.force_login(co)
    html = client.get(reverse("session_admin:index")).content.decode()
    assert "Add a weekly series" not in html
