"""axe-core on the key pages of every area, on a phone and a desktop.

Catalogue, course, lesson, comparison, cohorts (list, detail, apply), My
learning with cohorts, check-in (trainee form and instructor screen), quiz
(detail, taking, result), certificate verification (form and result) and the
coordinator pages (sessions, roster, gradebook, grading, applications).
No serious or critical violation on any of them.
"""

import datetime
import itertools
import json

import pytest
from django.utils import timezone

from certificates.models import Certificate
from cms.demo import assessments as demo_assessments
from cohorts.models import Assessment, Cohort, QuizAttempt
from cohorts.services.assessments import quiz_attempt_start

from .arrange import admit_demo_trainee, start_first_session
from .conftest import BROWSER_DB, DESKTOP, PHONE, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

# (part of the path, axe rule) -> why that finding is accepted there.
ACCEPTED = {
    ("/check-in-code/", "meta-refresh"): (
        "the projected check-in screen must show the current code: a real-time "
        "event, the exception of WCAG 2.2.1; nobody fills in anything there"
    ),
}

COMPLETED = "pph-cnipa-ipos-gccpo"
OPEN = "pph-eapo-wipo"


def _paths():
    """Who looks at which pages; built after seeding (ids differ per run)."""
    completed = Cohort.objects.get(slug=COMPLETED)
    session = completed.sessions.order_by("starts_at").first()
    quiz = completed.assessments.get(kind=Assessment.Kind.QUIZ)
    assignment = completed.assessments.get(kind=Assessment.Kind.ASSIGNMENT)
    fang = QuizAttempt.objects.get(
        assessment=quiz, enrolment__user__email="fang.wang@example.org"
    )
    certificate = next(
        c for c in Certificate.objects.order_by("issued_at") if c.status == "valid"
    )
    revoked = next(
        c for c in Certificate.objects.order_by("issued_at") if c.status == "revoked"
    )

    # The demo trainee, admitted to the open cohort: an open quiz attempt and a
    # session open for check-in.
    enrolment = admit_demo_trainee()
    live_session = start_first_session(enrolment.cohort)
    open_quiz = demo_assessments._create_quiz(
        enrolment.cohort, timezone.now() + datetime.timedelta(days=7)
    )
    attempt = quiz_attempt_start(assessment=open_quiz, enrolment=enrolment)

    return [
        (
            None,
            [
                "/courses/",
                "/courses/patent-prosecution-highway/",
                "/courses/patent-prosecution-highway/pph-requirements/",
                "/regimes/compare/?j=china&j=singapore",
                "/cohorts/",
                f"/cohorts/{OPEN}/",
                "/verify/",
                f"/verify/{certificate.code}/",
                f"/verify/{revoked.code}/",
            ],
        ),
        (
            "fang.wang@example.org",  # admitted to the completed cohort
            [
                "/learning/",
                f"/cohorts/{OPEN}/apply/",
                f"/cohorts/{COMPLETED}/assessments/",
                f"/cohorts/{COMPLETED}/assessments/{quiz.pk}/",
                f"/cohorts/{COMPLETED}/attempts/{fang.pk}/",  # result, answers
                f"/cohorts/{COMPLETED}/assessments/{assignment.pk}/",
            ],
        ),
        (
            "trainee@example.org",  # admitted to the open cohort
            [
                "/learning/",
                "/cohorts/check-in/",
                f"/cohorts/{OPEN}/assessments/{open_quiz.pk}/",
                f"/cohorts/{OPEN}/attempts/{attempt.pk}/",  # taking the quiz
                "/cohorts/calendar/",
            ],
        ),
        (
            "instructor@example.org",
            [
                f"/cohorts/manage/{OPEN}/sessions/{live_session.pk}/check-in-code/",
                f"/cohorts/manage/{OPEN}/sessions/{live_session.pk}/",
            ],
        ),
        (
            "coordinator.cnipa@example.org",  # leads the completed cohort
            [
                f"/cohorts/manage/{COMPLETED}/sessions/",
                f"/cohorts/manage/{COMPLETED}/sessions/{session.pk}/",
                f"/cohorts/manage/{COMPLETED}/sessions/{session.pk}/history/",
                f"/cohorts/manage/{COMPLETED}/gradebook/",
                f"/cohorts/manage/{COMPLETED}/assessments/{assignment.pk}/",
                f"/admin/cohorts/applications/{completed.pk}/",
            ],
        ),
    ]


def test_key_pages_of_every_area_have_no_serious_violations(demo, browser, axe, shot):
    # Both viewports in one test: one demo seeding for the lot.
    found = {}
    for (email, paths), (size, viewport) in itertools.product(
        _paths(), [("phone", PHONE), ("desktop", DESKTOP)]
    ):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        try:
            page = context.new_page()
            if email:
                login(page, demo, email)
            for path in paths:
                response = page.goto(demo + path)
                assert response.status == 200, (email, path, response.status)
                shot(page, f"{size} {email or 'anonymous'} {path}")
                found[(size, email, path)] = [
                    v
                    for v in axe(page)
                    if not any(
                        part in path and v["id"] == rule for part, rule in ACCEPTED
                    )
                ]
        finally:
            context.close()
    bad = {" ".join(filter(None, key)): v for key, v in found.items() if v}
    assert not bad, json.dumps(bad, indent=1)
