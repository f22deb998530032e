import csv
import datetime
import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from cohorts.models import AttendanceChange, AttendanceMark
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    lead, partner = OfficeFactory(), OfficeFactory()
    cohort = CohortFactory(lead_office=lead)
    CohortOfficeFactory(cohort=cohort, office=partner)
    instructor = UserFactory(time_zone="Asia/Shanghai")
    session = SessionFactory(
        cohort=cohort,
        starts_at=datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC),
    )
    session.instructors.add(instructor)
    enrolments = AdmittedEnrolmentFactory.create_batch(
        3, cohort=cohort, admitted_at=session.starts_at - datetime.timedelta(days=9)
    )
    return {
        "cohort": cohort,
        "session": session,
        "instructor": instructor,
        "lead_coordinator": coordinator_of(lead),
        "partner_coordinator": coordinator_of(partner),
        "enrolments": enrolments,
    }


def roster_url(s):
    return reverse("cohorts:session_roster", args=[s["cohort"].slug, s["session"].pk])


def test_session_list_shows_times_in_the_viewers_time_zone(client, setup):
    viewer = setup["lead_coordinator"]
    viewer.time_zone = "Asia/Dubai"
    viewer.save()
    client.force_login(viewer)
    page = client.get(reverse("cohorts:session_list", args=[setup["cohort"].slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "05:30" in html  # 01:30 UTC in Dubai (UTC+4)
    assert "Gulf Standard Time (GMT+04:00)" in html

    client.force_login(setup["instructor"])
    page = client.get(reverse("cohorts:session_list", args=[setup["cohort"].slug]))
    assert "09:30" in page.content.decode()  # Shanghai, UTC+8


@pytest.mark.parametrize(
    "who", ["instructor", "lead_coordinator", "partner_coordinator"]
)
def test_instructors_and_coordinators_of_taking_part_offices_see_the_roster(
    client, setup, who
):
    client.force_login(setup[who])
    assert client.get(roster_url(setup)).status_code == 200


def test_others_get_404(client, setup):
    outsider = coordinator_of(OfficeFactory())
    trainee = setup["enrolments"][0].user
    for user in (outsider, trainee, UserFactory()):
        client.force_login(user)
        assert client.get(roster_url(setup)).status_code == 404
        assert (
            client.get(
                reverse("cohorts:session_list", args=[setup["cohort"].slug])
            ).status_code
            == 404
        )


def test_instructor_of_another_session_cannot_mark_this_one(client, setup):
    other = SessionFactory(cohort=setup["cohort"])
    teacher = UserFactory()
    other.instructors.add(teacher)
    client.force_login(teacher)
    assert client.get(roster_url(setup)).status_code == 404


def test_roster_page_saves_every_mark_in_one_post(client, setup):
    a, b, c = setup["enrolments"]
    client.force_login(setup["instructor"])
    page = client.get(roster_url(setup))
    html = page.content.decode()
    assert html.count("<fieldset") == 3 and html.count("<legend>") == 3
    assert f'name="status-{a.pk}"' in html

    response = client.post(
        roster_url(setup),
        {
            f"status-{a.pk}": "present",
            f"status-{b.pk}": "late",
            f"note-{b.pk}": "train delayed",
            f"status-{c.pk}": "absent",
        },
    )
    assert response.status_code == 302
    marks = dict(AttendanceMark.objects.values_list("enrolment_id", "status"))
    assert marks == {a.pk: "present", b.pk: "late", c.pk: "absent"}
    assert AttendanceMark.objects.get(enrolment=b).marked_by == setup["instructor"]
    assert AttendanceChange.objects.count() == 3


def test_roster_of_a_future_session_cannot_be_saved(client, setup):
    future = SessionFactory(
        cohort=setup["cohort"], starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    future.instructors.add(setup["instructor"])
    a = setup["enrolments"][0]
    client.force_login(setup["instructor"])
    url = reverse("cohorts:session_roster", args=[setup["cohort"].slug, future.pk])
    assert "future sessions cannot be marked" in client.get(url).content.decode()
    response = client.post(url, {f"status-{a.pk}": "present"})
    assert response.status_code == 400
    assert not AttendanceMark.objects.exists()


def test_roster_shows_not_expected_trainees_without_radios(client, setup):
    newcomer = AdmittedEnrolmentFactory(cohort=setup["cohort"])  # admitted recently
    client.force_login(setup["instructor"])
    html = client.get(roster_url(setup)).content.decode()
    assert "Not expected" in html
    assert f'name="status-{newcomer.pk}"' not in html


def test_roster_queries_do_not_grow_with_trainees(
    client, setup, django_assert_max_num_queries
):
    client.force_login(setup["lead_coordinator"])
    client.get(roster_url(setup))  # warm up session/auth caches
    with django_assert_max_num_queries(25) as small:
        client.get(roster_url(setup))
    enrolments = AdmittedEnrolmentFactory.create_batch(
        25, cohort=setup["cohort"], admitted_at=setup["session"].starts_at
    )
    for e in enrolments[:10]:
        AttendanceMarkFactory(session=setup["session"], enrolment=e)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(roster_url(setup))
    assert response.content.decode().count("<fieldset") == 28
    data = {f"status-{e.pk}": "present" for e in enrolments}
    with django_assert_max_num_queries(len(small.captured_queries) + 10):
        assert client.post(roster_url(setup), data).status_code == 302


def test_history_page_lists_who_changed_what(client, setup):
    a = setup["enrolments"][0]
    client.force_login(setup["instructor"])
    client.post(roster_url(setup), {f"status-{a.pk}": "absent"})
    client.force_login(setup["lead_coordinator"])
    client.post(
        roster_url(setup), {f"status-{a.pk}": "excused", f"note-{a.pk}": "visa"}
    )
    page = client.get(
        reverse(
            "cohorts:session_history", args=[setup["cohort"].slug, setup["session"].pk]
        )
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Absent" in html and "Excused" in html and "visa" in html
    assert str(setup["instructor"]) in html and str(setup["lead_coordinator"]) in html


def test_checkin_code_screen_shows_code_and_inline_svg_qr(client):
    now = timezone.now()
    session = SessionFactory(
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(minutes=55),
    )
    instructor = UserFactory()
    session.instructors.add(instructor)
    client.force_login(instructor)
    response = client.get(
        reverse("cohorts:session_checkin_code", args=[session.cohort.slug, session.pk])
    )
    html = response.content.decode()
    assert "<svg" in html and 'http-equiv="refresh"' in html
    assert "<script" not in html.split("</header>")[1]
    assert response["Cache-Control"] == "no-store"


# ---- calendar feeds ----


def test_trainee_calendar_feed_by_secret_token_and_reset(client, setup):
    trainee = setup["enrolments"][0].user
    client.force_login(trainee)
    page = client.get(reverse("cohorts:my_calendar"))
    feed_url = page.context["feed_url"]
    client.logout()

    feed = client.get(feed_url)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        f"{setup['cohort'].title}: {setup['session'].title}"
    ]
    assert events[0].decoded("dtstart") == setup["session"].starts_at

    client.force_login(trainee)
    client.post(reverse("cohorts:my_calendar"))
    client.logout()
    assert client.get(feed_url).status_code == 404


def test_my_sessions_page_offers_one_click_calendar_subscriptions(client, setup):
    client.force_login(setup["enrolments"][0].user)
    page = client.get(reverse("cohorts:my_calendar"))
    feed_url = page.context["feed_url"]
    webcal = feed_url.replace("http://", "webcal://", 1)
    html = page.content.decode()
    assert f'href="{webcal}"' in html
    assert (
        f'href="https://calendar.google.com/calendar/r?cid={quote(webcal, safe="")}"'
        in html
    )
    assert (
        f'href="https://outlook.live.com/calendar/0/addfromweb?url={quote(feed_url, safe="")}'
        in html
    )
    assert "Subscribe in your calendar app" in html


def test_calendar_feed_with_unknown_token_is_404(client, db):
    assert (
        client.get(reverse("cohorts:calendar_feed", args=["nope"])).status_code == 404
    )


def test_cohort_feed_for_coordinators_only(client, setup):
    url = reverse("cohorts:cohort_calendar", args=[setup["cohort"].slug])
    client.force_login(setup["partner_coordinator"])
    assert b"BEGIN:VEVENT" in client.get(url).content
    client.force_login(coordinator_of(OfficeFactory()))
    assert client.get(url).status_code == 404


# ---- exports ----


def test_export_csv_and_xlsx_keep_names_and_durations(client, setup):
    a = setup["enrolments"][0]
    a.user.first_name, a.user.last_name, a.user.native_name = "Aigerim", "N", "Айгерим"
    a.user.save()
    AttendanceMarkFactory(session=setup["session"], enrolment=a, note="وصل متأخرا")
    client.force_login(setup["lead_coordinator"])

    response = client.get(
        reverse("cohorts:attendance_export", args=[setup["cohort"].slug, "csv"])
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Session", "Start", "End", "Duration (minutes)"]
    row = next(r for r in rows if r[7] == a.user.email)
    assert row[1] == "2026-03-02T09:30+08:00" and row[3] == "90"
    assert row[6] == "Айгерим" and row[10] == "وصل متأخرا" and row[9] == "Present"
    assert sum(1 for r in rows if r[9] == "not marked") == 2

    response = client.get(
        reverse("cohorts:attendance_export", args=[setup["cohort"].slug, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 4
    xrow = next(r for r in values if r[7] == a.user.email)
    assert xrow[1] == datetime.datetime(2026, 3, 2, 9, 30) and xrow[6] == "Айгерим"


def test_export_is_for_coordinators_only(client, setup):
    client.force_login(setup["instructor"])
    url = reverse("cohorts:attendance_export", args=[setup["cohort"].slug, "csv"])
    assert client.get(url).status_code == 404


def test_export_and_session_list_queries_do_not_grow(
    client, setup, django_assert_max_num_queries
):
    client.force_login(setup["lead_coordinator"])
    slug = setup["cohort"].slug
    urls = [
        reverse("cohorts:attendance_export", args=[slug, "csv"]),
        reverse("cohorts:session_list", args=[slug]),
    ]
    for url in urls:
        client.get(url)
    baseline = {}
    for url in urls:
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        baseline[url] = len(captured.captured_queries)
    for _ in range(4):
        session = SessionFactory(cohort=setup["cohort"])
        session.instructors.add(UserFactory())
    AdmittedEnrolmentFactory.create_batch(10, cohort=setup["cohort"])
    for url in urls:
        with django_assert_max_num_queries(baseline[url]):
            assert client.get(url).status_code == 200


def test_my_sessions_page_links_instructors_to_their_rosters(client, setup):
    upcoming = SessionFactory(
        cohort=setup["cohort"], starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    upcoming.instructors.add(setup["instructor"])
    client.force_login(setup["instructor"])
    html = client.get(reverse("cohorts:my_calendar")).content.decode()
    assert (
        reverse("cohorts:session_roster", args=[setup["cohort"].slug, upcoming.pk])
        in html
    )

    client.force_login(setup["enrolments"][0].user)
    html = client.get(reverse("cohorts:my_calendar")).content.decode()
    assert upcoming.title in html
    assert "/manage/" not in html and "check-in-code" not in html
