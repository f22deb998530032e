"""Queries per page stay flat as content grows (warm caches, logged in)."""

import pytest

from courses import services
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    CoursePageFactory,
    JurisdictionPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    TreatyMembershipFactory,
)

pytestmark = pytest.mark.django_db

# Anonymous visitors, warm caches, without the page-body cache: the goal.
# The comparison block reads the facts' PPH partnerships and field sources (2).
PAGE_BUDGET = 14
# A logged-in trainee adds the session, the user, the permission lookups of the
# site header (2) and their progress (2), plus the resume-point update.
TRAINEE_BUDGET = PAGE_BUDGET + 6


def _course(lessons, jurisdictions=2):
    course = CoursePageFactory()
    places = [JurisdictionPageFactory() for _ in range(jurisdictions)]
    for place in places:
        TreatyMembershipFactory(jurisdiction=place)
    course.jurisdictions.add(*places)
    course.save()
    module = ModulePageFactory(parent=course)
    for n in range(lessons):
        LessonPageFactory(parent=module if n % 2 else course)
    body = [
        ("paragraph", "<p>Text</p>"),
        ("comparison", {"caption": "", "jurisdictions": places}),
        (
            "knowledge_check",
            {
                "question": "Q?",
                "choices": [
                    {"text": "A", "correct": True},
                    {"text": "B", "correct": False},
                ],
                "explanation": "<p>E</p>",
            },
        ),
    ]
    lesson = LessonPageFactory(parent=module, body=body)
    return course, lesson


def _warm_get(client, url):
    assert client.get(url).status_code == 200  # warm site root paths, content types


@pytest.mark.parametrize("lessons", [2, 12])
def test_course_page_queries_do_not_grow(
    client, django_assert_max_num_queries, lessons, settings
):
    course, lesson = _course(lessons)
    user = UserFactory()
    services.lesson_complete(user=user, lesson=lesson)
    client.force_login(user)
    _warm_get(client, course.url)
    with django_assert_max_num_queries(TRAINEE_BUDGET):
        assert client.get(course.url).status_code == 200
    client.logout()
    settings.COURSES_PAGE_CACHE = False
    _warm_get(client, course.url)
    with django_assert_max_num_queries(PAGE_BUDGET):
        assert client.get(course.url).status_code == 200


@pytest.mark.parametrize("lessons", [2, 12])
def test_lesson_page_queries_do_not_grow(
    client, django_assert_max_num_queries, lessons, settings
):
    course, lesson = _course(lessons, jurisdictions=2 if lessons == 2 else 5)
    user = UserFactory()
    client.force_login(user)
    client.post(f"/learn/courses/{course.pk}/start/")
    _warm_get(client, lesson.url)
    with django_assert_max_num_queries(TRAINEE_BUDGET):
        assert client.get(lesson.url).status_code == 200
    client.logout()
    settings.COURSES_PAGE_CACHE = False
    _warm_get(client, lesson.url)
    with django_assert_max_num_queries(PAGE_BUDGET):
        assert client.get(lesson.url).status_code == 200


def test_logged_in_lesson_takes_four_queries(
    client, django_assert_max_num_queries, settings
):
    """With sessions in the cache (as with Redis), a trainee's warm lesson page
    reads the user, the lesson and their progress (2) and nothing else: the
    session, the header's permissions, the route, the view restrictions and
    the outline come from the caches."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    course, lesson = _course(6)
    user = UserFactory()
    client.force_login(user)
    client.post(f"/learn/courses/{course.pk}/start/")
    _warm_get(client, lesson.url)
    with django_assert_max_num_queries(4) as queries:
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Log out" in response.content.decode()
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "courses_lessonprogress" in sql  # their progress is read fresh


def _count(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_catalogue_queries_do_not_grow_with_courses(client, settings):
    settings.COURSES_PAGE_CACHE = False

    def add_courses(n):
        for _ in range(n):
            course = CoursePageFactory()
            course.jurisdictions.add(JurisdictionPageFactory())
            course.save()

    add_courses(2)
    _warm_get(client, "/courses/")
    few = _count(client, "/courses/", None)
    add_courses(8)
    _warm_get(client, "/courses/")
    many = _count(client, "/courses/", None)
    assert many == few
    assert many <= PAGE_BUDGET


def test_my_learning_queries_do_not_grow_with_courses(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory()
    client.force_login(user)

    def start(n):
        for _ in range(n):
            course, lesson = _course(3)
            services.lesson_complete(user=user, lesson=lesson)

    start(1)
    _warm_get(client, "/learning/")
    with CaptureQueriesContext(connection) as few:
        client.get("/learning/")
    start(3)
    with CaptureQueriesContext(connection) as many:
        client.get("/learning/")
    assert len(many) == len(few)


def test_compare_queries_do_not_grow_with_jurisdictions(client, settings):
    from django.db import connection

    settings.PAGE_CACHE_VIEWS = []  # count rendering, not whole-page cache hits
    from django.test.utils import CaptureQueriesContext

    places = [JurisdictionPageFactory() for _ in range(6)]
    for place in places:
        TreatyMembershipFactory(jurisdiction=place)
    url2 = "/regimes/compare/?" + "&".join(f"j={p.slug}" for p in places[:2])
    url6 = "/regimes/compare/?" + "&".join(f"j={p.slug}" for p in places)
    _warm_get(client, url2)
    with CaptureQueriesContext(connection) as two:
        client.get(url2)
    with CaptureQueriesContext(connection) as six:
        client.get(url6)
    assert len(six) == len(two) <= PAGE_BUDGET
