"""The monthly programme report: one email per office, an XLSX with only
that office's rows and the totals of its cohorts."""

import datetime
import io

import pytest
from django.core import mail
from openpyxl import load_workbook

from cohorts.services.reports import monthly_report_send
from cohorts.tasks import monthly_report_send_task
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def offices():
    """Cohort One (Alpha leads, Beta takes part) started in November;
    Cohort Omega (Omega alone) too; Gamma takes part in nothing."""
    alpha, beta, omega, gamma = (
        OfficeFactory(name=f"{n} Office", short_code=n.lower())
        for n in ("Alpha", "Beta", "Omega", "Gamma")
    )
    start = datetime.date(2026, 11, 3)
    one = CohortFactory(title="Cohort One", lead_office=alpha, start_date=start)
    CohortOfficeFactory(cohort=one, office=beta)
    other = CohortFactory(title="Cohort Omega", lead_office=omega, start_date=start)
    for _ in range(6):
        AdmittedEnrolmentFactory(cohort=one, office=alpha)
    for _ in range(2):
        AdmittedEnrolmentFactory(cohort=one, office=beta)
    AdmittedEnrolmentFactory(cohort=other, office=omega)
    return {o.name: coordinator_of(o) for o in (alpha, beta, omega, gamma)}


def _sheet_rows(message):
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith("-2026-11.xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    return [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_each_office_gets_only_its_own_rows(
    offices, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_report_send(today=TODAY) == 3  # not Gamma: no cohort
    by_office = {
        m.subject.split(":")[0].removeprefix("Programme report of "): m
        for m in mail.outbox
    }
    assert set(by_office) == {"Alpha Office", "Beta Office", "Omega Office"}
    alpha = by_office["Alpha Office"]
    assert alpha.subject == "Programme report of Alpha Office: November 2026"
    assert alpha.to == [offices["Alpha Office"].email]
    rows = _sheet_rows(alpha)
    labels = [row[1] for row in rows]
    assert ["Office", "Alpha Office", "6", "6", "6"] == rows[1][:5]
    # The cohort total counts Beta's 2 too, but no Beta or Omega row appears.
    assert ["Cohort", "Cohort One", "8"] == rows[3][:3]
    assert "Beta Office" not in labels and "Cohort Omega" not in labels
    beta_rows = _sheet_rows(by_office["Beta Office"])
    assert beta_rows[1][:3] == ["Office", "Beta Office", "<5"]
    assert "Alpha Office" not in [row[1] for row in beta_rows]


def test_monthly_report_is_sent_once_per_office_and_month(
    offices, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        monthly_report_send(today=TODAY)
        monthly_report_send(today=TODAY + datetime.timedelta(days=3))
    assert len(mail.outbox) == 3


def test_task_runs_the_service(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "cohorts.services.reports.monthly_report_send",
        lambda **kw: calls.append(kw) or 0,
    )
    assert monthly_report_send_task() == 0
    assert calls == [{}]
