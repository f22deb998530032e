"""Assessments in the Wagtail admin: the one-screen quiz builder, drafts, frozen
questions and new versions, preview as a trainee, Aiken import, who may write."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts import roles
from cohorts.aiken import parse_aiken
from cohorts.models import Assessment, Choice, Question, QuizAttempt
from cohorts.services.assessments import quiz_attempt_start
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    QuizFactory,
    SessionFactory,
    coordinator_of,
    question_with_choices,
)

pytestmark = pytest.mark.django_db


class Team:
    """A cohort led by `lead`, co-organized by `co`, taught by `instructor`;
    `outsider` leads a cohort of their own; `trainee` is admitted."""

    def __init__(self):
        self.cohort = CohortFactory(lead_office=OfficeFactory(short_code="lead"))
        co_office = OfficeFactory(short_code="co")
        CohortOfficeFactory(cohort=self.cohort, office=co_office)
        self.lead = coordinator_of(self.cohort.lead_office)
        self.co = coordinator_of(co_office)
        self.outsider = coordinator_of(
            CohortFactory(lead_office=OfficeFactory(short_code="out")).lead_office
        )
        self.instructor = UserFactory(groups=[roles.INSTRUCTORS])
        SessionFactory(cohort=self.cohort).instructors.add(self.instructor)
        self.enrolment = AdmittedEnrolmentFactory(cohort=self.cohort)
        self.trainee = self.enrolment.user


@pytest.fixture
def team():
    return Team()


def _errors(response):
    """Every error of the builder's form and its nested formsets, for messages."""
    if response.context is None:
        return None

    def walk(form):
        found = [form.errors] if form.errors else []
        for formset in getattr(form, "formsets", {}).values():
            if formset.non_form_errors():
                found.append(formset.non_form_errors())
            for child in formset.forms:
                found += walk(child)
        return found

    return walk(response.context["form"])


def _choices(*rows):
    return inline_formset(
        [{"text": text, "correct": "on" if ok else ""} for text, ok in rows]
    )


def _question(kind, text, choices=(), accepted=(), points="1", order="0"):
    return {
        "kind": kind,
        "text": text,
        "points": points,
        "order": order,
        "explanation": "",
        "choices": _choices(*choices),
        "accepted_answers": inline_formset([{"text": t} for t in accepted]),
    }


def _quiz_data(cohort, questions, **overrides):
    due = timezone.localtime() + datetime.timedelta(days=10)
    return nested_form_data(
        {
            "cohort": cohort.pk,
            "kind": "quiz",
            "title": "PPH basics",
            "status": "draft",
            "due_at": due.strftime("%Y-%m-%d %H:%M"),
            "required": "on",
            "weight": "1",
            "max_score": "10",
            "attempt_limit": "2",
            "time_limit_minutes": "",
            "instructions": "",
            "questions": inline_formset(questions),
            **overrides,
        }
    )


THREE_QUESTIONS = [
    _question(
        "single",
        "Which office examines a PPH request?",
        [("The office of first filing", False), ("The office of second filing", True)],
    ),
    _question(
        "multiple",
        "Which documents go with a PPH request?",
        [
            ("Claims correspondence table", True),
            ("Office action copies", True),
            ("A fee waiver", False),
        ],
        order="1",
    ),  # fmt: skip
    _question(
        "short_answer",
        "How many months for PCT national phase?",
        accepted=["30", "30 months"],
        order="2",
    ),  # fmt: skip
]


def test_lead_builds_a_quiz_on_one_screen_and_it_stays_draft_until_published(
    client, team
):
    client.force_login(team.lead)
    page = client.get(reverse("assessment_admin:add") + f"?cohort={team.cohort.pk}")
    assert page.status_code == 200
    assert 'name="questions-TOTAL_FORMS"' in page.content.decode()

    response = client.post(
        reverse("assessment_admin:add"), _quiz_data(team.cohort, THREE_QUESTIONS)
    )

    assert response.status_code == 302, _errors(response)
    quiz = Assessment.objects.get(title="PPH basics")
    assert quiz.status == Assessment.Status.DRAFT
    questions = list(quiz.questions.prefetch_related("choices", "accepted_answers"))
    assert [q.kind for q in questions] == ["single", "multiple", "short_answer"]
    assert [[c.correct for c in q.choices.all()] for q in questions] == [
        [False, True],
        [True, True, False],
        [],
    ]
    assert [c.order for c in questions[1].choices.all()] == [0, 1, 2]
    assert {a.text for a in questions[2].accepted_answers.all()} == {"30", "30 months"}

    # A draft: not listed, not reachable, not counted for the trainee.
    client.force_login(team.trainee)
    mine = client.get(reverse("cohorts:assessment_list", args=[team.cohort.slug]))
    assert quiz not in [o.assessment for o in mine.context["outcomes"]]
    detail = reverse("cohorts:assessment_detail", args=[team.cohort.slug, quiz.pk])
    assert client.get(detail).status_code == 404

    client.force_login(team.lead)
    data = _quiz_data(team.cohort, [], status="published")
    # Publish with the questions as stored (their ids keep them).
    data.update(_stored_questions_data(quiz))
    response = client.post(reverse("assessment_admin:edit", args=[quiz.pk]), data)
    assert response.status_code == 302, _errors(response)
    quiz.refresh_from_db()
    assert quiz.status == Assessment.Status.PUBLISHED
    assert quiz.questions.count() == 3

    client.force_login(team.trainee)
    mine = client.get(reverse("cohorts:assessment_list", args=[team.cohort.slug]))
    assert quiz in [o.assessment for o in mine.context["outcomes"]]
    assert client.get(detail).status_code == 200


def _stored_questions_data(quiz):
    questions = []
    for q in quiz.questions.prefetch_related("choices", "accepted_answers"):
        questions.append(
            {
                "id": q.pk,
                "kind": q.kind,
                "text": q.text,
                "points": str(q.points),
                "order": str(q.order),
                "explanation": q.explanation,
                "choices": inline_formset(
                    [
                        {
                            "id": c.pk,
                            "text": c.text,
                            "correct": "on" if c.correct else "",
                        }
                        for c in q.choices.all()
                    ],
                    initial=q.choices.count(),
                ),
                "accepted_answers": inline_formset(
                    [{"id": a.pk, "text": a.text} for a in q.accepted_answers.all()],
                    initial=q.accepted_answers.count(),
                ),
            }
        )
    return nested_form_data(
        {"questions": inline_formset(questions, initial=len(questions))}
    )


def test_draft_quiz_cannot_be_started_even_by_url(team):
    from cohorts.exceptions import AssessmentError

    quiz = QuizFactory(cohort=team.cohort, status=Assessment.Status.DRAFT)
    question_with_choices(quiz, "single", [("Yes", True), ("No", False)])
    with pytest.raises(AssessmentError):
        quiz_attempt_start(assessment=quiz, enrolment=team.enrolment)


def test_publishing_a_quiz_without_questions_is_refused(client, team):
    client.force_login(team.lead)
    response = client.post(
        reverse("assessment_admin:add"),
        _quiz_data(team.cohort, [], status="published"),
    )
    assert response.status_code == 200
    assert "Add at least one question" in response.content.decode()
    assert not Assessment.objects.filter(title="PPH basics").exists()


def test_instructor_of_the_cohort_can_author(client, team):
    client.force_login(team.instructor)
    response = client.post(
        reverse("assessment_admin:add"), _quiz_data(team.cohort, THREE_QUESTIONS[:1])
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(cohort=team.cohort, title="PPH basics").exists()


def test_co_organizer_sees_but_may_not_write(client, team):
    quiz = QuizFactory(cohort=team.cohort)
    client.force_login(team.co)
    listing = client.get(reverse("assessment_admin:index"))
    assert quiz.title in listing.content.decode()
    # Wagtail turns PermissionDenied into a redirect to the dashboard, with a message.
    for url in (
        reverse("assessment_admin:add"),
        reverse("assessment_admin:edit", args=[quiz.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(
        reverse("assessment_admin:add"), _quiz_data(team.cohort, THREE_QUESTIONS)
    )
    assert response.status_code == 302
    assert not Assessment.objects.filter(title="PPH basics").exists()


def test_outsider_does_not_see_the_cohort_and_cannot_write_into_it(client, team):
    quiz = QuizFactory(cohort=team.cohort)
    client.force_login(team.outsider)
    assert (
        quiz.title not in client.get(reverse("assessment_admin:index")).content.decode()
    )
    assert (
        client.get(reverse("assessment_admin:edit", args=[quiz.pk])).status_code == 404
    )
    # The outsider leads a cohort, so the add form opens, but not for this cohort.
    response = client.post(
        reverse("assessment_admin:add"), _quiz_data(team.cohort, THREE_QUESTIONS)
    )
    assert response.status_code == 200
    assert "cohort" in response.context["form"].errors
    assert not Assessment.objects.filter(title="PPH basics").exists()


def test_single_choice_with_two_correct_choices_is_refused_and_writes_nothing(
    client, team
):
    client.force_login(team.lead)
    bad = _question("single", "Pick one", [("A", True), ("B", True)])
    response = client.post(
        reverse("assessment_admin:add"),
        _quiz_data(team.cohort, [THREE_QUESTIONS[0], bad]),
    )
    assert response.status_code == 200
    assert "Mark exactly one choice correct." in response.content.decode()
    assert not Assessment.objects.filter(title="PPH basics").exists()
    assert not Question.objects.exists()


def test_multiple_choice_needs_a_correct_choice_and_points_are_not_negative(
    client, team
):
    client.force_login(team.lead)
    none_right = _question("multiple", "Pick some", [("A", False), ("B", False)])
    negative = _question("single", "Pick one", [("A", True), ("B", False)], points="-1")
    response = client.post(
        reverse("assessment_admin:add"),
        _quiz_data(team.cohort, [none_right, negative]),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mark at least one choice correct." in body
    assert "greater than or equal to 0" in body
    assert not Assessment.objects.exists()


@pytest.fixture
def taken_quiz(team):
    quiz = QuizFactory(cohort=team.cohort, title="Taken quiz")
    question_with_choices(quiz, "single", [("Yes", True), ("No", False)])
    quiz_attempt_start(assessment=quiz, enrolment=team.enrolment)
    return quiz


def test_questions_are_frozen_once_a_trainee_started_and_a_new_version_is_a_draft(
    client, team, taken_quiz
):
    client.force_login(team.lead)
    url = reverse("assessment_admin:edit", args=[taken_quiz.pk])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "questions-TOTAL_FORMS" not in body
    assert "Create a new version" in body

    # A builder opened before the attempt posts its questions: refused, nothing saved.
    data = _quiz_data(team.cohort, [], title="Renamed")
    stored = _stored_questions_data(taken_quiz)
    stored["questions-0-text"] = "Changed?"
    data.update(stored)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "questions and choices cannot change" in response.content.decode()
    taken_quiz.refresh_from_db()
    assert taken_quiz.title == "Taken quiz"
    assert taken_quiz.questions.get().text != "Changed?"

    # The settings alone can still change (the frozen builder has no questions).
    settings_only = {
        k: v
        for k, v in _quiz_data(
            team.cohort, [], title="Taken quiz", attempt_limit="3"
        ).items()
        if not k.startswith("questions-")
    }
    response = client.post(url, settings_only)
    assert response.status_code == 302, _errors(response)
    taken_quiz.refresh_from_db()
    assert taken_quiz.attempt_limit == 3
    assert taken_quiz.questions.count() == 1

    new_version = reverse("assessment_admin:new_version", args=[taken_quiz.pk])
    assert client.get(new_version).status_code == 200
    response = client.post(new_version)
    copy = Assessment.objects.exclude(pk=taken_quiz.pk).get(cohort=team.cohort)
    assert response["Location"] == reverse("assessment_admin:edit", args=[copy.pk])
    assert copy.status == Assessment.Status.DRAFT
    assert copy.title == "Taken quiz (version 2)"
    assert [
        (c.text, c.correct) for c in Choice.objects.filter(question__assessment=copy)
    ] == [("Yes", True), ("No", False)]
    assert not copy.attempts.exists()
    assert QuizAttempt.objects.filter(assessment=taken_quiz).count() == 1
    # The copy has no attempts: its builder shows the questions again.
    assert (
        "questions-TOTAL_FORMS"
        in client.get(reverse("assessment_admin:edit", args=[copy.pk])).content.decode()
    )


def test_service_refuses_changed_questions_of_a_taken_quiz(team, taken_quiz):
    from cohorts.exceptions import QuestionsFrozenError
    from cohorts.services.authoring import assessment_save

    question = taken_quiz.questions.get()
    question.text = "Changed?"
    taken_quiz.questions = [question]  # the cluster holds it in memory
    with pytest.raises(QuestionsFrozenError):
        assessment_save(assessment=taken_quiz, by=team.lead)
    assert Question.objects.get(pk=question.pk).text != "Changed?"


def test_preview_renders_the_trainee_page_and_records_no_attempt(client, team):
    quiz = QuizFactory(cohort=team.cohort, status=Assessment.Status.DRAFT)
    question_with_choices(
        quiz, "single", [("First filing", False), ("Second filing", True)],
        text="Which office examines a PPH request?",
    )  # fmt: skip
    for user in (team.lead, team.co, team.instructor):
        client.force_login(user)
        response = client.get(reverse("assessment_admin:preview", args=[quiz.pk]))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Which office examines a PPH request?" in body
        assert "Second filing" in body
        assert "Nothing you choose is recorded" in body
        assert "cohorts/assessments/quiz_take.html" in [
            t.name for t in response.templates
        ]
    assert not QuizAttempt.objects.exists()
    client.force_login(team.outsider)
    assert (
        client.get(reverse("assessment_admin:preview", args=[quiz.pk])).status_code
        == 404
    )


AIKEN_OK = """Which office examines a PPH request?
A. The office of first filing
B. The office of second filing
ANSWER: B

What does PCT stand for?
A) Patent Cooperation Treaty
B) Patent Court Tribunal
C) Paris Convention Text
ANSWER: A
"""

AIKEN_BAD = """Which office examines a PPH request?
A. The office of first filing
B. The office of second filing
ANSWER: C

What does PCT stand for?
A. Patent Cooperation Treaty
C. Patent Court Tribunal
ANSWER: A
"""


def test_aiken_dry_run_with_errors_shows_line_numbers_and_writes_nothing(client, team):
    quiz = QuizFactory(cohort=team.cohort, status=Assessment.Status.DRAFT)
    client.force_login(team.lead)
    url = reverse("assessment_admin:import", args=[quiz.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": AIKEN_BAD, "import": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Line 4" in body and "is not one of the choices" in body
    assert "Line 8" in body and "Expected choice B here." in body
    assert not quiz.questions.exists()


def test_aiken_check_then_import_writes_the_questions(client, team):
    quiz = QuizFactory(cohort=team.cohort, status=Assessment.Status.DRAFT)
    question_with_choices(quiz, "single", [("Yes", True), ("No", False)], order=0)
    client.force_login(team.instructor)
    url = reverse("assessment_admin:import", args=[quiz.pk])
    check = client.post(url, {"text": AIKEN_OK, "check": "1"})
    assert check.status_code == 200
    assert "2 questions are ready to add." in check.content.decode()
    assert quiz.questions.count() == 1

    response = client.post(url, {"text": AIKEN_OK, "import": "1"})
    assert response.status_code == 302
    added = list(quiz.questions.order_by("order")[1:])
    assert [q.text for q in added] == [
        "Which office examines a PPH request?",
        "What does PCT stand for?",
    ]
    assert [q.order for q in added] == [1, 2]
    assert [c.text for c in added[1].choices.all() if c.correct] == [
        "Patent Cooperation Treaty"
    ]


def test_aiken_import_is_refused_for_a_taken_quiz(client, team, taken_quiz):
    client.force_login(team.lead)
    url = reverse("assessment_admin:import", args=[taken_quiz.pk])
    response = client.post(url, {"text": AIKEN_OK, "import": "1"})
    assert response.status_code == 302
    assert taken_quiz.questions.count() == 1


def test_aiken_parser_reports_a_missing_answer_at_the_question():
    questions, errors = parse_aiken("Question?\nA. One\nB. Two\n")
    assert not questions
    assert [(e.line, e.message) for e in errors] == [
        (1, "The question has no “ANSWER:” line.")
    ]


def test_hub_links_to_assessments_and_create_quiz_for_authors_only(client, team):
    hub = reverse("cohort_admin:hub", args=[team.cohort.pk])
    listing = reverse("assessment_admin:index") + f"?cohort={team.cohort.pk}"
    create = reverse("assessment_admin:add") + f"?cohort={team.cohort.pk}&amp;kind=quiz"
    client.force_login(team.lead)
    body = client.get(hub).content.decode()
    assert listing in body and create in body
    client.force_login(team.co)
    body = client.get(hub).content.decode()
    assert listing in body and create not in body


def test_builder_keeps_a_follow_up_question_with_the_previous_one(client, team):
    client.force_login(team.lead)
    page = client.get(reverse("assessment_admin:add") + f"?cohort={team.cohort.pk}")
    assert "Keep with previous question" in page.content.decode()
    follow_up = {**THREE_QUESTIONS[2], "keep_with_previous": "on"}
    response = client.post(
        reverse("assessment_admin:add"),
        _quiz_data(team.cohort, [*THREE_QUESTIONS[:2], follow_up]),
    )
    assert response.status_code == 302, _errors(response)
    quiz = Assessment.objects.get(title="PPH basics")
    assert [q.keep_with_previous for q in quiz.questions.all()] == [False, False, True]
