"""Journey 4: an admitted trainee takes a quiz and sees the score."""

import datetime
import re

import pytest
from django.utils import timezone

from cms.demo import assessments as demo_assessments
from cohorts.models import Assessment, QuizAttempt

from .arrange import admit_demo_trainee
from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

# Question text -> what the trainee answers (all right except the CNIPA one).
ANSWERS = {
    text: (
        ["16"]
        if "CNIPA" in text
        else options[0]
        if kind == demo_assessments.SHORT
        else [choice for choice, correct in options if correct]
    )
    for kind, text, options, _explanation in demo_assessments.QUESTIONS
}


def test_trainee_takes_a_quiz_and_sees_the_score(demo, page, shot):
    enrolment = admit_demo_trainee()
    quiz = demo_assessments._create_quiz(
        enrolment.cohort, timezone.now() + datetime.timedelta(days=7)
    )

    login(page, demo, "trainee@example.org")
    page.goto(f"{demo}/learning/")
    shot(page, "my learning")
    page.get_by_role("link", name="Assessments and details").click()
    page.wait_for_load_state()
    shot(page, "assessments")
    page.get_by_role("link", name=quiz.title).click()
    page.wait_for_load_state()
    shot(page, "quiz page")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_load_state()

    questions = page.locator("fieldset.quiz-question")
    assert questions.count() == len(ANSWERS)
    for index in range(questions.count()):
        question = questions.nth(index)
        text = next(t for t in ANSWERS if t in question.inner_text())
        answer = ANSWERS[text]
        if isinstance(answer, str):
            question.get_by_role("textbox").fill(answer)
        else:
            for label in answer:
                question.get_by_label(label, exact=True).check()
    shot(page, "answers filled")

    # A reload while the clock runs keeps the answers given so far.
    page.reload()
    for index in range(questions.count()):
        question = questions.nth(index)
        answer = ANSWERS[next(t for t in ANSWERS if t in question.inner_text())]
        if isinstance(answer, str):
            assert question.get_by_role("textbox").input_value() == answer
        else:
            for label in answer:
                assert question.get_by_label(label, exact=True).is_checked()
    # The countdown stays in view at the last question.
    page.get_by_role("button", name="Review answers").scroll_into_view_if_needed()
    timer = page.get_by_role("timer").bounding_box()
    assert 0 <= timer["y"] < page.viewport_size["height"], timer
    shot(page, "answers kept after reload, countdown in view")
    asked = questions.count()
    page.get_by_role("button", name="Review answers").click()
    page.wait_for_load_state()
    # The review lists every answer and says what submitting means.
    review = page.locator("main").inner_text()
    assert "Review your answers" in review
    assert "Not answered" not in review
    assert review.count("Your answer:") == asked
    assert "your answers are final and cannot be changed" in review
    assert QuizAttempt.objects.get(assessment=quiz, enrolment=enrolment).is_open
    shot(page, "review before submitting")
    page.get_by_role("button", name="Submit", exact=True).click()
    page.wait_for_load_state()
    shot(page, "score")

    attempt = QuizAttempt.objects.get(assessment=quiz, enrolment=enrolment)
    assert attempt.submitted_at is not None
    assert 0 < attempt.score < quiz.max_score  # five of six right
    main = page.locator("main").inner_text()
    assert "Your answers were submitted." in main
    assert re.search(r"Score: 8\.33 / 10\b", main), main
    # Before the due date the right answers stay hidden.
    assert "The correct answers are shown after the due date" in main
    assert Assessment.objects.filter(cohort=enrolment.cohort).count() == 1
