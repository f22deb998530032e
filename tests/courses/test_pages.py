import pytest

from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    CoursePageFactory,
    JurisdictionPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    TreatyMembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_catalogue_lists_live_courses_and_filters_by_level(client):
    CoursePageFactory(title="PPH basics", level="introductory")
    CoursePageFactory(title="Advanced enforcement", level="advanced")
    CoursePageFactory(title="Draft course", live=False)

    html = client.get("/courses/").content.decode()
    assert "PPH basics" in html and "Advanced enforcement" in html
    assert "Draft course" not in html

    html = client.get("/courses/?level=advanced").content.decode()
    assert "Advanced enforcement" in html and "PPH basics" not in html


def test_catalogue_filters_by_ip_area_and_jurisdiction(client):
    from courses.models import IPArea

    china = JurisdictionPageFactory(title="China", slug="china")
    pph = CoursePageFactory(title="PPH basics")
    pph.ip_areas.add(IPArea.objects.get(code="examination_cooperation"))
    pph.jurisdictions.add(china)
    pph.save()
    CoursePageFactory(title="Copyright online")

    html = client.get("/courses/?ip_area=examination_cooperation").content.decode()
    assert "PPH basics" in html and "Copyright online" not in html
    html = client.get("/courses/?jurisdiction=china").content.decode()
    assert "PPH basics" in html and "Copyright online" not in html


def test_course_and_lesson_pages_render_with_outline(client):
    course = CoursePageFactory(title="GI protection")
    module = ModulePageFactory(parent=course, title="Foundations")
    first = LessonPageFactory(parent=module, title="What is a GI")
    LessonPageFactory(parent=course, title="Case studies")

    html = client.get(course.url).content.decode()
    assert "Foundations" in html and "What is a GI" in html and "Case studies" in html
    response = client.get(first.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Offices reuse each other" in html
    assert 'rel="next"' in html and "Case studies" in html
    # the module has no page of its own
    assert client.get(module.url).status_code == 302


def test_knowledge_check_works_without_javascript(client):
    lesson = LessonPageFactory(
        parent=CoursePageFactory(),
        body=[
            (
                "knowledge_check",
                {
                    "question": "Which office grants a PPH request?",
                    "choices": [
                        {"text": "The office of later examination", "correct": True},
                        {"text": "WIPO", "correct": False},
                    ],
                    "explanation": "<p>The office where the request is filed.</p>",
                },
            )
        ],
    )
    html = client.get(lesson.url).content.decode()
    assert "<details>" in html
    assert "The office where the request is filed." in html
    assert "knowledge-check.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_jurisdiction_page_shows_treaty_memberships(client):
    membership = TreatyMembershipFactory(
        jurisdiction=JurisdictionPageFactory(title="Singapore", slug="singapore"),
        treaty__short_name="PCT",
        year=1995,
    )
    html = client.get(membership.jurisdiction.url).content.decode()
    assert "PCT" in html and "1995" in html


def test_search_finds_a_lesson_by_a_word_in_its_body(client):
    from wagtail.search.backends import get_search_backend

    lesson = LessonPageFactory(
        parent=CoursePageFactory(),
        title="Sharing search results",
        body=[("paragraph", "<p>The accelerated examination is called zebrafish.</p>")],
    )
    get_search_backend().add(lesson)
    html = client.get("/search/?q=zebrafish").content.decode()
    assert "Sharing search results" in html


def test_my_learning_lists_courses_in_progress(client):
    from courses import services

    user = UserFactory()
    course = CoursePageFactory(title="Data sharing")
    lesson = LessonPageFactory(parent=course, title="Open data")
    LessonPageFactory(parent=course, title="Standards")
    services.lesson_complete(user=user, lesson=lesson)
    client.force_login(user)
    html = client.get("/learning/").content.decode()
    assert "Courses in progress" in html and "Data sharing" in html
    assert "1 of 2 lessons complete (50%)" in html
