"""The staff workspace, by clicks from the Wagtail dashboard.

Journey 1: the lead office's coordinator (EAPO, which leads the open demo
cohort) logs in through the admin, creates a cohort and a weekly series of
sessions, opens the running cohort's hub, marks a roster, opens the check-in
screen, builds and previews a quiz, grades a submission, opens the
gradebook, completes the cohort, issues the certificates and revokes one.
Journey 2: the cohort's instructor opens the hub from "My cohorts", builds a
quiz, previews and publishes it.

Only the first address is typed (/admin/); everything after is a click.
"""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import Certificate
from cms.demo.assessments import MEMO_PDF
from cohorts.models import (
    Assessment,
    AssignmentSubmission,
    AttendanceMark,
    Cohort,
    Enrolment,
    Question,
    Session,
)
from cohorts.services.assessments import assignment_submit

from .arrange import OPEN_COHORT, admit_demo_trainee, start_first_session
from .conftest import BROWSER_DB, admin_login

pytestmark = [pytest.mark.browser, BROWSER_DB]

LEAD = "coordinator.eapo@example.org"
INSTRUCTOR = "instructor@example.org"
TIMEOUT = 15_000
NEW_COHORT = "PPH for examiners: spring intake"
CASE_STUDY = "Case study: a PPH request at EAPO"

# (question, [(choice, correct)])
QUIZ = [
    (
        "How long is the Paris Convention priority period for patents?",
        [("6 months", False), ("12 months", True), ("18 months", False)],
    ),
    (
        "And for industrial designs and trademarks?",
        [("6 months", True), ("12 months", False)],
    ),
    (
        "Must the office of later examination follow the earlier office's result?",
        [("Yes", False), ("No, it applies its own law", True)],
    ),
]


def _field(scope, label, role="textbox"):
    """A form field by its role and label, which may end with a required mark."""
    words = r"\s+".join(map(re.escape, label.split()))
    return scope.get_by_role(role, name=re.compile(rf"^\s*{words}\W*$"))


def _close_date_picker(page):
    """The date picker covers the fields below it: a click beside the form
    closes it."""
    page.keyboard.press("Escape")
    page.mouse.click(1200, 120)
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)


def _row_menu(page, text):
    """Open the "More options" menu of the listing row that mentions `text`."""
    row = page.get_by_role("row").filter(has_text=text)
    row.get_by_role("button", name=re.compile("More options")).click()
    return row


def _arrange_running_cohort():
    """The open cohort with the demo trainee admitted, its first session about
    to start and a published case study the trainee has handed in."""
    enrolment = admit_demo_trainee()
    cohort = enrolment.cohort
    session = start_first_session(cohort)
    case = Assessment.objects.create(
        cohort=cohort,
        title=CASE_STUDY,
        kind=Assessment.Kind.ASSIGNMENT,
        status=Assessment.Status.PUBLISHED,
        weight=1,
        max_score=20,
        due_at=timezone.now() + datetime.timedelta(days=7),
        required=True,
        instructions="Advise an applicant on a PPH request at a partner office.",
    )
    assignment_submit(
        assessment=case,
        enrolment=enrolment,
        file=ContentFile(MEMO_PDF, name="pph-case-study.pdf"),
    )
    return enrolment, session, case


def _build_quiz(page, title):
    """Fill the quiz builder (opened with the cohort and kind set) and save."""
    _field(page, "Title").fill(title)
    due = timezone.now() + datetime.timedelta(days=14)
    page.locator("#id_due_at").fill(f"{due:%Y-%m-%d} 18:00")
    _close_date_picker(page)
    for number, (text, choices) in enumerate(QUIZ):
        page.get_by_role("button", name="Add question").click()
        question = page.locator(f"[id='inline_child_questions-{number}']")
        expect(question).to_be_visible(timeout=TIMEOUT)
        _field(question, "Kind", "combobox").select_option(Question.Kind.SINGLE)
        _field(question, "Question").fill(text)
        for position, (choice, correct) in enumerate(choices):
            question.get_by_role("button", name="Add choice").click()
            row = question.locator(
                f"[id='inline_child_questions-{number}-choices-{position}']"
            )
            expect(row).to_be_visible(timeout=TIMEOUT)
            _field(row, "Text").fill(choice)
            if correct:
                _field(row, "Correct", "checkbox").check()


def test_lead_coordinator_runs_a_cohort_from_the_workspace(demo, page, shot):
    enrolment, session, case = _arrange_running_cohort()
    cohort = enrolment.cohort
    expect.set_options(timeout=TIMEOUT)

    admin_login(page, demo, LEAD)
    shot(page, "dashboard")

    # A new cohort: Joint training → Cohorts → Add.
    page.get_by_role("button", name="Joint training").click()
    page.get_by_role("link", name="Cohorts", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/cohorts/$"))
    shot(page, "cohorts listing")
    page.get_by_role("link", name=re.compile("^Add")).first.click()
    page.wait_for_url(re.compile(r"/admin/cohorts/new/"))
    # The chooser's label is fixed in whichever language first built the form
    # (Wagtail joins "Choose a page" and the model name once): find it by field.
    page.locator("#id_course-chooser").get_by_role("button").first.click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    shot(page, "course chooser")
    modal.get_by_role("textbox").fill(cohort.course.title)
    modal.get_by_role("link", name=cohort.course.title).first.click()
    expect(modal).to_be_hidden()
    _field(page, "Title").fill(NEW_COHORT)
    _field(page, "Slug").fill("pph-examiners-spring")
    _field(page, "Lead office", "combobox").select_option(
        label="Eurasian Patent Office (EAPO)"
    )
    _field(page, "Status", "combobox").select_option("open")
    start = timezone.localdate() + datetime.timedelta(days=90)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + datetime.timedelta(days=30)).isoformat())
    now = timezone.now()
    page.locator("#id_applications_open_at").fill(f"{now:%Y-%m-%d} 09:00")
    page.locator("#id_applications_close_at").fill(
        f"{now + datetime.timedelta(days=60):%Y-%m-%d} 18:00"
    )
    page.locator("#id_time_zone").fill("Europe/Moscow")
    _field(page, "Capacity", "spinbutton").fill("16")
    page.get_by_role("tab", name="Offices and quotas").click()
    _field(page, "Office", "combobox").select_option(
        label="Eurasian Patent Office (EAPO)"
    )
    _field(page, "Seat quota", "spinbutton").fill("16")
    shot(page, "new cohort form")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(re.compile(r"/admin/cohorts/(\?.*)?$"))
    shot(page, "cohort created")
    new_cohort = Cohort.objects.get(title=NEW_COHORT)

    # Its hub from the listing, then a weekly series from the hub.
    _row_menu(page, NEW_COHORT)
    page.get_by_role("link", name="Open hub").click()
    page.wait_for_url(re.compile(rf"/admin/cohorts/hub/{new_cohort.pk}/"))
    shot(page, "new cohort hub")
    page.get_by_role("link", name="Add a weekly series").click()
    page.wait_for_url(re.compile(r"/admin/sessions/series/"))
    _field(page, "Title").fill("PPH clinic")
    page.get_by_label("Number of weekly sessions").fill("4")
    page.get_by_label("Li Wei").check()
    page.locator("#id_first_start").fill(f"{start:%Y-%m-%d} 10:00")
    _close_date_picker(page)
    shot(page, "weekly series form")
    page.get_by_role("button", name="Add the sessions").click()
    page.wait_for_url(re.compile(rf"/admin/cohorts/hub/{new_cohort.pk}/"))
    expect(page.get_by_text("4 weekly sessions added")).to_be_visible()
    shot(page, "series added")
    assert Session.objects.filter(cohort=new_cohort).count() == 4

    # The running cohort's hub from the dashboard's "My cohorts".
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_url(f"{demo}/admin/")
    page.get_by_role("link", name=OPEN_COHORT, exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/cohorts/hub/{cohort.pk}/"))
    shot(page, "hub")
    hub_url = page.url

    # The first session's roster: mark the trainee present.
    sessions = page.get_by_role("row").filter(has_text=session.title)
    sessions.get_by_role("link", name="Roster").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    trainee = page.get_by_role("group", name=re.compile("Aigerim"))
    trainee.get_by_label("Present").check()
    shot(page, "roster marked")
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    shot(page, "roster saved")
    assert (
        AttendanceMark.objects.get(session=session, enrolment=enrolment).status
        == AttendanceMark.Status.PRESENT
    )
    page.get_by_role("link", name=re.compile("Back to cohort")).click()
    page.wait_for_url(hub_url)

    # The check-in screen refreshes itself: open it in its own tab.
    with page.context.expect_page() as screen_info:
        page.get_by_role("row").filter(has_text=session.title).get_by_role(
            "link", name="Check-in screen"
        ).click(modifiers=["Control"])
    screen = screen_info.value
    screen.wait_for_load_state()
    expect(screen.get_by_label("Check-in code")).to_have_text(re.compile(r"\d{6}"))
    shot(screen, "check-in screen")
    screen.close()

    # A quiz of three questions in the builder, then its preview.
    page.get_by_role("link", name="Create quiz").click()
    page.wait_for_url(re.compile(r"/admin/assessments/new/"))
    _build_quiz(page, "Quiz: priority periods")
    shot(page, "quiz builder")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(re.compile(r"/admin/assessments/(edit/\d+/|\?.*)?$"))
    shot(page, "quiz saved")
    quiz = Assessment.objects.get(cohort=cohort, title="Quiz: priority periods")
    assert quiz.questions.count() == 3
    _row_menu(page, "Quiz: priority periods")
    page.get_by_role("link", name="Preview as a trainee").click()
    page.wait_for_url(re.compile(rf"/admin/assessments/preview/{quiz.pk}/"))
    expect(page.locator("fieldset.quiz-question")).to_have_count(3)
    shot(page, "quiz preview")
    page.get_by_role("link", name="Back to the quiz builder").click()
    page.wait_for_url(re.compile(rf"/admin/assessments/edit/{quiz.pk}/"))
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Cohort hub").click()
    page.wait_for_url(hub_url)

    # Grade the case study.
    page.get_by_role("link", name=f"Grade {CASE_STUDY}").click()
    page.wait_for_url(re.compile(rf"/assessments/{case.pk}/$"))
    shot(page, "grading")
    page.get_by_role("link", name=re.compile("^Grade the ungraded")).click()
    expect(page.get_by_text("1 of 1")).to_be_visible()
    page.get_by_label("Score").fill("17")
    page.get_by_label("Feedback").fill("Clear; cite the partner office's guidelines.")
    shot(page, "grade form")
    page.get_by_role("button", name="Save and grade next").click()
    page.wait_for_url(re.compile(rf"/assessments/{case.pk}/next/"))
    expect(page.get_by_role("heading", name="Nothing left to grade")).to_be_visible()
    shot(page, "graded, nothing left to grade")
    assert AssignmentSubmission.objects.get(assessment=case).score == 17

    # The gradebook, then complete the cohort through its confirmation page.
    page.get_by_role("link", name=re.compile("Back to cohort")).click()
    page.wait_for_url(hub_url)
    page.get_by_role("link", name="Gradebook").click()
    page.wait_for_url(re.compile(r"/gradebook/$"))
    expect(page.get_by_text("Aigerim").first).to_be_visible()
    shot(page, "gradebook")
    page.get_by_role("link", name=re.compile("Back to cohort")).click()
    page.wait_for_url(hub_url)
    page.get_by_role("link", name=re.compile("^Complete the cohort")).click()
    page.wait_for_url(re.compile(r"/complete/$"))
    expect(page.get_by_role("heading", name="1 trainee completes")).to_be_visible()
    shot(page, "completion confirmation")
    page.get_by_role("button", name="Complete the cohort").click()
    page.wait_for_url(re.compile(r"/gradebook/$"))
    shot(page, "cohort completed")
    cohort.refresh_from_db()
    enrolment.refresh_from_db()
    assert cohort.status == Cohort.Status.COMPLETED
    assert enrolment.completion == Enrolment.Completion.COMPLETED

    # Issue the certificates from the hub, then revoke one in the admin.
    page.get_by_role("link", name=re.compile("Back to cohort")).click()
    page.wait_for_url(hub_url)
    page.get_by_role(
        "button", name="Issue certificates for all completed trainees"
    ).click()
    page.wait_for_url(re.compile(r"/certificates/"))
    expect(page.get_by_role("status")).to_contain_text("1 of 1 issued")
    shot(page, "certificates issued")
    certificate = Certificate.objects.get(enrolment=enrolment)
    page.get_by_role("link", name=re.compile("Back to cohort")).click()
    page.wait_for_url(hub_url)
    page.locator("#main").get_by_role("link", name="Certificates", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/certificates/"))
    shot(page, "certificates admin")
    _row_menu(page, certificate.code)
    page.get_by_role("link", name="Revoke").click()
    page.get_by_label("Reason for revocation").fill("Issued in error during a test.")
    shot(page, "revoke form")
    page.get_by_role("button", name=re.compile("Revoke")).click()
    expect(page.get_by_text(f"{certificate.code} revoked.")).to_be_visible()
    shot(page, "certificate revoked")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED


def test_instructor_builds_previews_and_publishes_a_quiz(demo, page, shot):
    enrolment = admit_demo_trainee()
    cohort = enrolment.cohort
    start_first_session(cohort)  # taught by the demo instructor
    expect.set_options(timeout=TIMEOUT)
    title = "Quiz: the PPH in one minute"

    admin_login(page, demo, INSTRUCTOR)
    shot(page, "dashboard")
    page.get_by_role("link", name=OPEN_COHORT, exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/cohorts/hub/{cohort.pk}/"))
    shot(page, "hub")

    page.get_by_role("link", name="Create quiz").click()
    page.wait_for_url(re.compile(r"/admin/assessments/new/"))
    _build_quiz(page, title)
    shot(page, "quiz builder")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(re.compile(r"/admin/assessments/(\?.*)?$"))
    shot(page, "quiz saved")
    quiz = Assessment.objects.get(cohort=cohort, title=title)
    assert quiz.status == Assessment.Status.DRAFT
    assert quiz.questions.count() == len(QUIZ)

    _row_menu(page, title)
    page.get_by_role("link", name="Preview as a trainee").click()
    page.wait_for_url(re.compile(rf"/admin/assessments/preview/{quiz.pk}/"))
    expect(page.locator("fieldset.quiz-question")).to_have_count(len(QUIZ))
    expect(page.get_by_role("button", name="Review answers")).to_be_disabled()
    shot(page, "quiz preview")

    page.get_by_role("link", name="Back to the quiz builder").click()
    page.wait_for_url(re.compile(rf"/admin/assessments/edit/{quiz.pk}/"))
    _field(page, "Status", "combobox").select_option(Assessment.Status.PUBLISHED)
    shot(page, "publishing")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(re.compile(r"/admin/assessments/(\?.*)?$"))
    shot(page, "quiz published")
    quiz.refresh_from_db()
    assert quiz.status == Assessment.Status.PUBLISHED
