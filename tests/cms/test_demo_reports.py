"""seed_demo's reports step: profiles and evaluation answers, made once."""

import io

import pytest
from django.core.management import call_command

from accounts import roles
from cohorts.models import EvaluationResponse
from cohorts.selectors.reports import HIDDEN, ReportFilters, programme_report
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_reports_show_figures_and_a_hidden_cell(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    answers = EvaluationResponse.objects.count()
    assert answers > 0
    admin = UserFactory(groups=[roles.PLATFORM_ADMINS])
    report = programme_report(admin, ReportFilters())
    sector = dict(report.breakdowns["sector"].rows)
    assert sector["Government"][0] not in (0, HIDDEN)
    cells = [c for t in report.breakdowns.values() for _l, row in t.rows for c in row]
    assert HIDDEN in cells
    call_command("seed_demo", stdout=io.StringIO())
    assert EvaluationResponse.objects.count() == answers
