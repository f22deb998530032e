"""seed_demo's reports step: profiles, surveys and answers, made once."""

import io

import pytest
from django.core.management import call_command

from accounts import roles
from cohorts.models import Survey, SurveyResponse
from cohorts.selectors.reports import HIDDEN, ReportFilters, programme_report
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_reports_show_figures_and_a_hidden_cell(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    answers = SurveyResponse.objects.count()
    assert answers > 0
    assert set(Survey.objects.values_list("kind", flat=True)) == set(Survey.Kind)
    admin = UserFactory(groups=[roles.PLATFORM_ADMINS])
    report = programme_report(admin, ReportFilters())
    sector = dict(report.breakdowns["sector"].rows)
    assert sector["Government"][0] not in (0, HIDDEN)
    cells = [c for t in report.breakdowns.values() for _l, row in t.rows for c in row]
    assert HIDDEN in cells
    # Every survey table shows real figures.
    surveys = dict(report.extra["surveys"].rows)
    reaction = next(v for k, v in surveys.items() if "End-of-cohort" in k)
    assert reaction[0] >= 5 and reaction[1] is not None and reaction[1] != HIDDEN
    after = next(v for k, v in surveys.items() if k.endswith("After the cohort"))
    assert after[2] is not None and after[2] != HIDDEN
    for name in ("learning_gain", "learning_gain_by_office"):
        table = report.extra[name]
        assert table.rows, name
        assert all(c not in (None, HIDDEN) for c in table.rows[0][1]), name
    answer_cells = [c for _l, (c,) in report.extra["survey_answers"].rows]
    assert any(isinstance(c, int) and c >= 5 for c in answer_cells)
    call_command("seed_demo", stdout=io.StringIO())
    assert SurveyResponse.objects.count() == answers


def test_demo_trainee_with_certificates_has_a_survey_to_answer(settings):
    from django.contrib.auth import get_user_model

    from cohorts.selectors.surveys import survey_list_due

    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    line = next(
        line
        for line in out.getvalue().splitlines()
        if "Trainee with certificates" in line
    )
    email = next(word for word in line.split() if "@" in word)
    holder = get_user_model().objects.get(email=email)
    due = survey_list_due(user=holder)
    assert [item.survey.kind for item in due] == [Survey.Kind.FOLLOW_UP]
