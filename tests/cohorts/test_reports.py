"""Programme reports: hand-computed figures, small-cell suppression in every
output, and a coordinator never seeing another office's rows."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from cohorts.models import AttendanceMark, Enrolment
from cohorts.selectors.reports import (
    COLUMNS,
    HIDDEN,
    Figures,
    ReportFilters,
    programme_report,
    suppress_table,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

REPORTS = "/admin/programme-reports/"


class Programme:
    """Cohort A led by Alpha with Beta (Beta has 2 admitted: a small cell);
    cohort Z of the outsider office Omega."""

    def __init__(self):
        now = timezone.now()
        self.alpha = OfficeFactory(name="Alpha Office", country="Singapore")
        self.beta = OfficeFactory(name="Beta Office", country="Malaysia")
        self.omega = OfficeFactory(name="Omega Office", country="Oman")
        start = timezone.localdate() - datetime.timedelta(days=20)
        self.cohort = CohortFactory(
            title="Cohort Alpha", lead_office=self.alpha, start_date=start
        )
        CohortOfficeFactory(cohort=self.cohort, office=self.beta)
        self.other = CohortFactory(
            title="Cohort Omega", lead_office=self.omega, start_date=start
        )
        session = SessionFactory(
            cohort=self.cohort,
            starts_at=now - datetime.timedelta(days=3),
        )  # two hours, held
        admitted_at = now - datetime.timedelta(days=10)
        alpha = [
            AdmittedEnrolmentFactory(
                cohort=self.cohort, office=self.alpha, admitted_at=admitted_at
            )
            for _ in range(6)
        ]
        for enrolment, score in zip(alpha[:3], ("80", "90", "70"), strict=True):
            Enrolment.objects.filter(pk=enrolment.pk).update(
                completion=Enrolment.Completion.COMPLETED, final_score=Decimal(score)
            )
        for i, enrolment in enumerate(alpha):
            AttendanceMarkFactory(
                session=session,
                enrolment=enrolment,
                status=AttendanceMark.Status.PRESENT
                if i < 4
                else AttendanceMark.Status.ABSENT,
            )
        EnrolmentFactory(cohort=self.cohort, office=self.alpha)
        EnrolmentFactory(
            cohort=self.cohort, office=self.alpha, status=Enrolment.Status.NOMINATED
        )
        beta = [
            AdmittedEnrolmentFactory(
                cohort=self.cohort, office=self.beta, admitted_at=admitted_at
            )
            for _ in range(2)
        ]
        AttendanceMarkFactory(session=session, enrolment=beta[0])
        EnrolmentFactory(cohort=self.cohort, office=self.beta)
        for _ in range(5):
            AdmittedEnrolmentFactory(cohort=self.other, office=self.omega)
        self.alpha_coordinator = coordinator_of(self.alpha)
        self.admin = UserFactory(groups=[roles.PLATFORM_ADMINS])


@pytest.fixture
def programme():
    return Programme()


def download_rows(response, fmt) -> list[list[str]]:
    """The rows of a CSV or XLSX download, as text."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[str(v) for v in r] for r in sheet.iter_rows(values_only=True)]


def _row(table, label):
    return dict(table.rows)[label]


def test_figures_equal_hand_computed_ones(programme):
    report = programme_report(programme.alpha_coordinator, ReportFilters())
    assert [label for label, _cells in report.offices.rows] == ["Alpha Office"]
    # applications 8, nominations 7 (6 admitted + 1 nominated), admitted 6;
    # attendance 4 of 6; completed 3 of 6; scores 80, 90, 70; no certificate;
    # one held session of 2 h; 4 trainees attended it.
    assert _row(report.offices, "Alpha Office") == [
        8, 7, 6, Decimal("66.7"), Decimal("50.0"), Decimal("80.0"), 0, 0,
        Decimal("2.00"), Decimal("8.00"),
    ]  # fmt: skip
    # The cohort total counts every office: Beta adds 3 applications,
    # 2 admitted, 1 attended.
    assert _row(report.cohorts, "Cohort Alpha")[:4] == [11, 9, 8, Decimal("62.5")]
    assert [label for label, _cells in report.cohorts.rows] == ["Cohort Alpha"]


def test_small_cells_show_hidden_and_totals_do_not_reveal_them(programme):
    report = programme_report(programme.admin, ReportFilters())
    beta = _row(report.offices, "Beta Office")
    assert beta[:6] == [HIDDEN] * 6  # 3 applications, 2 nominated and admitted
    # Applications: Beta (3) is the only small cell, so Omega's 5, the next
    # smallest, is hidden too: the total 16 minus Alpha's 8 reveals nothing.
    assert _row(report.offices, "Omega Office")[0] == HIDDEN
    assert _row(report.offices, "Alpha Office")[0] == 8
    assert report.offices.total[0] == 16


def test_suppression_hides_totals_of_fewer_than_five():
    cells, total = suppress_table([Figures(applications=3)], Figures(applications=3))
    assert cells[0][0] == HIDDEN and total[0] == HIDDEN


def test_two_hidden_cells_never_stand_alone_beside_a_shown_total():
    # Two 1s hidden beside a shown total of 22 would add up to a telling 2.
    rows = [Figures(applications=1), Figures(applications=1), Figures(applications=20)]
    cells, total = suppress_table(rows, Figures(applications=22))
    assert [c[0] for c in cells] == [HIDDEN, HIDDEN, HIDDEN]
    assert total[0] == 22


def test_total_is_hidden_when_no_cell_can_cover_the_hidden_ones():
    # 3 and 4 hidden, total 7 shown: the pair would be known to be 3 and 4.
    rows = [Figures(applications=3), Figures(applications=4), Figures()]
    cells, total = suppress_table(rows, Figures(applications=7))
    assert [c[0] for c in cells] == [HIDDEN, HIDDEN, 0]
    assert total[0] == HIDDEN


def test_total_rates_hide_beside_a_hidden_rate():
    # 2 admitted, 1 completed (hidden) beside 10 admitted, 5 completed: a total
    # rate of 50.0 over 12 would tell that 1 of the 2 completed.
    rows = [Figures(admissions=2, completed=1), Figures(admissions=10, completed=5)]
    cells, total = suppress_table(rows, Figures(admissions=12, completed=6))
    rate = [attr for attr, _label, _kind in COLUMNS].index("completion_rate")
    assert cells[0][rate] == HIDDEN and cells[1][rate] == Decimal("50.0")
    assert total[2] == 12 and total[rate] == HIDDEN


def test_total_rates_hide_with_their_hidden_people_count():
    # 3 and 4 admitted: the total of 7 is hidden, so is its completion rate.
    rows = [Figures(admissions=3, completed=3), Figures(admissions=4), Figures()]
    _cells, total = suppress_table(rows, Figures(admissions=7, completed=3))
    rate = [attr for attr, _label, _kind in COLUMNS].index("completion_rate")
    assert total[2] == HIDDEN and total[rate] == HIDDEN


def test_total_rates_show_when_no_cell_is_hidden():
    rows = [Figures(admissions=5, completed=2), Figures(admissions=10, completed=5)]
    cells, total = suppress_table(rows, Figures(admissions=15, completed=7))
    rate = [attr for attr, _label, _kind in COLUMNS].index("completion_rate")
    assert total[rate] == Decimal("46.7")
    assert total[rate + 1] is None  # no score at all: no figure, not "<5"


@pytest.mark.parametrize("fmt", ["page", "csv", "xlsx", "json"])
def test_total_rates_follow_the_small_cell_rule_in_every_output(client, programme, fmt):
    """Beta's 2 admitted hide its rates: the offices' total hides its rates
    too, while Alpha's coordinator (no hidden row) sees their total's."""
    rates = ("attendance_rate", "completion_rate", "average_score")
    client.force_login(programme.admin)
    if fmt == "page":
        html = client.get(REPORTS).content.decode()
        table = html[html.index('id="report-offices"') :]
        total = table[
            table.index(">Total<") : table.index("</tr>", table.index(">Total<"))
        ]
        assert total.count("&lt;5") >= 3
        return
    response = client.get(reverse("cohort_reports_export", args=[fmt]))
    if fmt == "json":
        total = response.json()["offices"]["total"]
        assert [total[r] for r in rates] == [HIDDEN] * 3
        client.force_login(programme.alpha_coordinator)
        own = client.get(reverse("cohort_reports_export", args=[fmt])).json()
        assert own["offices"]["total"]["completion_rate"] == "50.0"
        return
    total = next(
        r for r in download_rows(response, fmt) if r[:2] == ["Office", "Total"]
    )
    assert total[5:8] == [HIDDEN] * 3


def _set_profiles(programme):
    """Alpha's 8 applicants: 5 in government (women), 2 in academia, 1 not
    stated; nobody else stated anything."""
    users = [
        e.user for e in Enrolment.objects.filter(office=programme.alpha).order_by("pk")
    ]
    for user, sector in zip(
        users[:7], ["government"] * 5 + ["academia"] * 2, strict=True
    ):
        user.sector = sector
        user.gender = "woman" if sector == "government" else "prefer_not_to_say"
        user.save()


def test_breakdowns_by_country_sector_and_gender(programme):
    _set_profiles(programme)
    report = programme_report(programme.admin, ReportFilters())
    country, sector = report.breakdowns["country"], report.breakdowns["sector"]
    # Applications: Singapore 8, Malaysia 3 (small), Oman 5 (hidden so that
    # the total 16 does not give Malaysia's 3).
    assert [(label, c[0]) for label, c in country.rows] == [
        ("Malaysia", HIDDEN), ("Oman", HIDDEN), ("Singapore", 8),
    ]  # fmt: skip
    assert country.total[0] == 16
    # Sector: academia 2 (small) covered by government's 5; not stated 9.
    assert [(label, c[0]) for label, c in sector.rows] == [
        ("Government", HIDDEN), ("Private sector", 0), ("Academia", HIDDEN),
        ("Other", 0), ("Prefer not to say", 0), ("Not stated", 9),
    ]  # fmt: skip
    assert sector.total[0] == 16
    gender = dict(report.breakdowns["gender"].rows)
    assert gender["Woman"][0] == HIDDEN and gender["Prefer not to say"][0] == HIDDEN
    assert gender["Not stated"][0] == 9
    # Sessions are not people's: no hours delivered in a breakdown.
    assert sector.rows[0][1][8] is None


def test_coordinator_breakdowns_count_only_their_office(programme):
    _set_profiles(programme)
    report = programme_report(programme.alpha_coordinator, ReportFilters())
    assert [label for label, _c in report.breakdowns["country"].rows] == ["Singapore"]
    assert report.breakdowns["sector"].total[0] == 8
    assert dict(report.breakdowns["sector"].rows)["Not stated"][0] == HIDDEN


@pytest.mark.parametrize("fmt", ["html", "csv", "xlsx", "json"])
def test_breakdowns_are_suppressed_alike_in_every_output(client, programme, fmt):
    _set_profiles(programme)
    client.force_login(programme.admin)
    if fmt == "html":
        html = client.get(REPORTS).content.decode()
        assert "Figures by sector" in html
        assert '<th scope="row">Academia</th><td>&lt;5</td>' in html
        return
    response = client.get(reverse("cohort_reports_export", args=[fmt]))
    if fmt == "json":
        rows = response.json()["sector"]["rows"]
        academia = next(r for r in rows if r["label"] == "Academia")
        assert academia["applications"] == HIDDEN
        assert response.json()["sector"]["total"]["applications"] == 16
        return
    rows = download_rows(response, fmt)
    academia = next(r for r in rows if r[:2] == ["Sector", "Academia"])
    government = next(r for r in rows if r[:2] == ["Sector", "Government"])
    total = next(r for r in rows if r[:2] == ["Sector", "Total"])
    assert academia[2] == HIDDEN and government[2] == HIDDEN
    assert total[2] in ("16", 16)


def _month(moment):
    return timezone.localtime(moment).strftime("%Y-%m")


def test_trends_per_month_are_counted_and_suppressed(programme):
    now = timezone.now()
    completed_at = now - datetime.timedelta(days=62)
    Enrolment.objects.filter(completion=Enrolment.Completion.COMPLETED).update(
        completed_at=completed_at
    )
    session_month = _month(now - datetime.timedelta(days=3))
    report = programme_report(programme.admin, ReportFilters(), now=now)
    rows = dict(report.extra["trends"].rows)
    labels = [label for label, _cells in report.extra["trends"].rows]
    assert labels[0] == _month(completed_at) and labels[-1] == session_month
    first = timezone.localdate(completed_at)
    last = timezone.localdate(now - datetime.timedelta(days=3))
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    assert len(labels) == months  # every month in between, even with nothing
    # 3 completions that month: hidden, and so is their total.
    assert rows[_month(completed_at)][0] == HIDDEN
    assert report.extra["trends"].total[0] == HIDDEN
    # 4 Alpha and 1 Beta trainees attended the 2-hour session: 5 people.
    assert rows[session_month][1:] == [5, Decimal("10.00")]
    alpha = programme_report(programme.alpha_coordinator, ReportFilters(), now=now)
    # Alpha's own 4 attendees are a small group: their hours hide too, and
    # the total with them, having no other month to cover them.
    assert dict(alpha.extra["trends"].rows)[session_month][1:] == [HIDDEN, HIDDEN]
    assert alpha.extra["trends"].total[1:] == [HIDDEN, HIDDEN]


def test_trend_charts_have_their_table_and_exports(client, programme):
    client.force_login(programme.admin)
    html = client.get(REPORTS).content.decode()
    assert "Training hours attended per month" in html
    assert html.count('aria-describedby="report-trends"') == 2
    assert 'id="report-trends"' in html
    month = _month(timezone.now() - datetime.timedelta(days=3))
    body = client.get(reverse("cohort_reports_export", args=["csv"]))
    rows = download_rows(body, "csv")
    headings = ["Table", "Row", "Completions", "Trainees attending"]
    assert headings + ["Training hours attended"] in rows
    assert ["Month", month, "0", "5", "10.00"] in rows
    data = client.get(reverse("cohort_reports_export", args=["json"])).json()
    assert {"label": month, "completions": 0, "attendees": 5,
            "hours_attended": "10.00"} in data["trends"]["rows"]  # fmt: skip


def test_page_shows_hidden_cells_table_and_chart(client, programme):
    client.force_login(programme.admin)
    response = client.get(REPORTS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;5" in html
    assert '<th scope="row">Beta Office</th>' in html
    assert "<svg" in html and 'aria-describedby="report-cohorts"' in html
    # Each download says what it holds: the figures, or the nominees' records.
    assert html.count(">Download CSV<") == 1  # the training records
    assert ">Download these figures (CSV)<" in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_show_the_same_hidden_cells(client, programme, fmt):
    client.force_login(programme.admin)
    response = client.get(reverse("cohort_reports_export", args=[fmt]))
    assert response.status_code == 200
    if fmt == "json":
        rows = response.json()["offices"]["rows"]
        beta = next(r for r in rows if r["label"] == "Beta Office")
        assert [beta["applications"], beta["admissions"]] == [HIDDEN, HIDDEN]
        assert response.json()["offices"]["total"]["applications"] == 16
        return
    rows = download_rows(response, fmt)
    beta = next(r for r in rows if r[1] == "Beta Office")
    assert beta[2:5] == [HIDDEN] * 3


def test_coordinator_never_sees_another_office(client, programme):
    client.force_login(programme.alpha_coordinator)
    html = client.get(REPORTS).content.decode()
    body = client.get(reverse("cohort_reports_export", args=["csv"])).content.decode()
    for content in (html, body):
        assert "Alpha Office" in content
        assert "Beta Office" not in content
        assert "Omega" not in content
    data = client.get(reverse("cohort_reports_export", args=["json"])).json()
    assert [r["label"] for r in data["offices"]["rows"]] == ["Alpha Office"]
    assert [r["label"] for r in data["cohorts"]["rows"]] == ["Cohort Alpha"]


def test_filters_narrow_and_empty_state(client, programme):
    client.force_login(programme.admin)
    html = client.get(REPORTS, {"country": "Oman"}).content.decode()
    assert "Cohort Omega" in html and "Cohort Alpha" not in html
    later = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    html = client.get(REPORTS, {"start": later}).content.decode()
    assert "No cohort matches these filters yet." in html


def test_bad_period_is_a_clear_error(client, programme):
    client.force_login(programme.admin)
    response = client.get(REPORTS, {"start": "2026-05-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert "The period ends before it starts." in response.content.decode()
    response = client.get(
        reverse("cohort_reports_export", args=["csv"]), {"start": "nonsense"}
    )
    assert response.status_code == 400


def test_trainee_is_refused(client, programme):
    client.force_login(UserFactory(groups=[roles.TRAINEES]))
    response = client.get(REPORTS)
    assert response.status_code == 302


def test_trainee_downloads_own_training_record(client, programme):
    trainee = Enrolment.objects.filter(
        cohort=programme.cohort, office=programme.alpha, status="admitted"
    ).first()
    Enrolment.objects.create(
        cohort=programme.other,
        user=trainee.user,
        office=programme.omega,
        employer="x",
        position="y",
        motivation="z",
        status=Enrolment.Status.APPLIED,
    )  # not admitted: not part of the record
    client.force_login(trainee.user)
    home = client.get("/learning/").content.decode()
    assert reverse("cohorts:my_training_record") in home
    response = client.get(reverse("cohorts:my_training_record"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Course", "Cohort"]
    assert len(rows) == 2
    assert rows[1][1] == "Cohort Alpha"
    assert rows[1][5:7] == ["2.00", "100.00"]  # the held 2-hour session, attended
    assert rows[1][7] == "Completed"


def test_training_record_needs_log_in(client):
    response = client.get(reverse("cohorts:my_training_record"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_cohort_hub_links_to_the_reports(client, programme):
    client.force_login(programme.alpha_coordinator)
    html = client.get(reverse("cohort_admin:hub", args=[programme.cohort.pk]))
    assert f"{REPORTS}?course={programme.cohort.course_id}" in html.content.decode()


def test_report_queries_are_flat_in_the_number_of_cohorts(programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            programme_report(programme.admin, ReportFilters())
        return len(queries)

    before = count()
    for _ in range(3):
        cohort = CohortFactory(lead_office=programme.beta)
        SessionFactory(
            cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=2)
        )
        AdmittedEnrolmentFactory(cohort=cohort, office=programme.beta)
    assert count() == before


def test_menu_offers_reports_to_coordinators_only(client, programme):
    client.force_login(programme.alpha_coordinator)
    assert REPORTS in client.get("/admin/").content.decode()
    instructor = UserFactory(groups=[roles.INSTRUCTORS])
    client.force_login(instructor)
    response = client.get("/admin/")
    assert REPORTS not in response.content.decode()
    refused = client.get(REPORTS)
    assert refused.status_code == 302 and refused.url == "/admin/"


def _api(client, office, **params):
    from cohorts.services.api_tokens import office_api_token_create

    _, token = office_api_token_create(office=office, name="Statistics")
    return client.get(
        "/api/v1/reports/programme/",
        params,
        headers={"Authorization": f"Bearer {token}"},
    )


def test_office_api_gives_its_report_with_the_same_hidden_cells(client, programme):
    _set_profiles(programme)
    data = _api(client, programme.alpha).json()
    assert [r["label"] for r in data["offices"]["rows"]] == ["Alpha Office"]
    assert [r["label"] for r in data["cohorts"]["rows"]] == ["Cohort Alpha"]
    sector = {r["label"]: r["applications"] for r in data["sector"]["rows"]}
    assert sector["Academia"] == HIDDEN and sector["Government"] == HIDDEN
    assert data["sector"]["total"]["applications"] == 8
    beta = _api(client, programme.beta)
    assert beta.json()["offices"]["rows"][0]["applications"] == HIDDEN
    assert "Omega" not in beta.content.decode()


def test_office_api_refuses_without_a_token_or_with_a_bad_period(client, programme):
    assert client.get("/api/v1/reports/programme/").status_code == 401
    response = _api(client, programme.alpha, start="2026-05-01", end="2026-01-01")
    assert response.status_code == 422
    assert "The period ends before it starts." in response.content.decode()
    assert _api(client, programme.alpha, start="nonsense").status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/reports/programme/" in schema["paths"]
