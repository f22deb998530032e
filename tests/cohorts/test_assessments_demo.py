import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.demo import DemoContext
from cms.demo import assessments as demo
from cohorts.models import Assessment, AssignmentSubmission, Cohort, Enrolment
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def context():
    return DemoContext(password="x", write=lambda line: None)


def test_demo_copes_with_no_cohorts():
    demo.seed(context())
    assert not Assessment.objects.exists()


def test_demo_grades_a_completed_cohort_with_a_mix_of_outcomes():
    today = timezone.localdate()
    cohort = CohortFactory(
        status=Cohort.Status.COMPLETED,
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=45),
        applications_open_at=timezone.now() - datetime.timedelta(days=120),
        applications_close_at=timezone.now() - datetime.timedelta(days=90),
    )
    coordinator_of(cohort.lead_office)
    AdmittedEnrolmentFactory.create_batch(7, cohort=cohort)
    demo.seed(context())
    demo.seed(context())  # idempotent
    assert cohort.assessments.count() == 2
    assert AssignmentSubmission.objects.filter(score__isnull=False).count() == 6
    outcomes = set(cohort.enrolments.values_list("completion", flat=True).distinct())
    assert outcomes == {
        Enrolment.Completion.COMPLETED,
        Enrolment.Completion.NOT_COMPLETED,
    }
    best = cohort.enrolments.order_by("pk").first()
    assert best.final_score == 90  # quiz 10/10, case study 17/20


def test_demo_quiz_asks_to_select_all_that_apply_once(client):
    enrolment = AdmittedEnrolmentFactory(cohort__status=Cohort.Status.RUNNING)
    cohort = enrolment.cohort
    quiz = demo._create_quiz(cohort, timezone.now() + datetime.timedelta(days=7))
    client.force_login(enrolment.user)
    started = client.post(reverse("cohorts:quiz_start", args=[cohort.slug, quiz.pk]))
    page = client.get(started.url).content.decode()
    assert "for which of these?" in page
    assert page.count("Select all that apply.") == 1
