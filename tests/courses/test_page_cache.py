"""Anonymous visitors get cached page bodies; publishing shows edits at once,
and logged-in trainees always see their own progress."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from tests.accounts.factories import UserFactory
from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CoursePageFactory(title="Cross-border enforcement")
    LessonPageFactory(parent=course, title="Customs measures", slug="customs")
    LessonPageFactory(parent=course, title="Court cooperation", slug="courts")
    return course


def lessons(course):
    return list(course.get_children().specific().order_by("path"))


def publish(page, captured, **changes):
    """Save `changes` as a new revision and publish it, running on-commit hooks."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    with captured(execute=True):
        page.save_revision().publish()
    return page


def test_lesson_edit_shows_to_anonymous_visitors_after_publishing(
    client, course, django_capture_on_commit_callbacks
):
    lesson = lessons(course)[0]
    assert "Customs measures" in client.get(lesson.url).content.decode()
    assert "Customs measures" in client.get(course.url).content.decode()

    draft = lesson.get_latest_revision_as_object()
    draft.title = "Border measures"
    draft.save_revision()  # a draft: visitors still see the live lesson
    assert "Customs measures" in client.get(lesson.url).content.decode()

    publish(lesson, django_capture_on_commit_callbacks, title="Border measures")
    assert "Border measures" in client.get(lesson.url).content.decode()
    # The course's own page was not republished, yet its outline is current,
    # and so is the other lesson's outline.
    assert "Border measures" in client.get(course.url).content.decode()
    other = lessons(course)[1]
    assert "Border measures" in client.get(other.url).content.decode()


def test_body_edit_shows_after_publishing(
    client, course, django_capture_on_commit_callbacks
):
    lesson = lessons(course)[0]
    assert "reuse each other" in client.get(lesson.url).content.decode()
    publish(
        lesson,
        django_capture_on_commit_callbacks,
        body=[("paragraph", "<p>Seizure at the border, step by step.</p>")],
    )
    content = client.get(lesson.url).content.decode()
    assert "Seizure at the border" in content
    assert "reuse each other" not in content


def test_unpublished_lesson_leaves_the_cached_outline(
    client, course, django_capture_on_commit_callbacks
):
    assert "Court cooperation" in client.get(course.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        lessons(course)[1].unpublish()
    assert "Court cooperation" not in client.get(course.url).content.decode()


def test_catalogue_shows_a_new_course_after_publishing(
    client, course, django_capture_on_commit_callbacks
):
    assert "Trademark opposition" not in client.get("/courses/").content.decode()
    new = CoursePageFactory(title="Trademark opposition", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()
    assert "Trademark opposition" in client.get("/courses/").content.decode()


def test_logged_in_trainee_sees_own_progress_not_the_cached_page(client, course):
    first, second = lessons(course)
    # Anonymous visits fill the cache first.
    assert "Log in to track" in client.get(course.url).content.decode()
    client.get(first.url)

    trainee = UserFactory()
    services.lesson_complete(user=trainee, lesson=first)
    client.force_login(trainee)
    course_html = client.get(course.url).content.decode()
    assert "1 of 2 lessons complete" in course_html
    assert "Log in to track" not in course_html
    assert "You completed this lesson." in client.get(first.url).content.decode()
    assert "Mark lesson complete" in client.get(second.url).content.decode()

    client.logout()
    anonymous = client.get(first.url).content.decode()
    assert "You completed this lesson." not in anonymous
    assert "Mark lesson complete" not in anonymous


def test_filtered_catalogue_is_not_served_from_the_cache(client, course):
    client.get("/courses/")
    response = client.get("/courses/", {"level": "advanced"})
    assert "Cross-border enforcement" not in response.content.decode()


def test_cached_lesson_page_needs_only_routing_queries(client, course):
    lesson = lessons(course)[0]
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as cached:
        assert client.get(lesson.url).status_code == 200
    # What is left is finding the site and the page, checking view
    # restrictions and reading the locale ids once (courses.localization); the
    # outline (modules and lessons by content type) comes from the cache.
    sql = [q["sql"] for q in cached]
    assert len(sql) <= 7, "\n".join(sql)
    assert not any('"content_type_id" IN' in q for q in sql), sql


def test_page_cache_can_be_switched_off(client, course, settings):
    lesson = lessons(course)[0]
    client.get(lesson.url)
    # A change that bypasses publishing (as a data fix in the shell would).
    type(lesson).objects.filter(pk=lesson.pk).update(summary="Fixed summary.")
    assert "Fixed summary." not in client.get(lesson.url).content.decode()
    settings.COURSES_PAGE_CACHE = False
    assert "Fixed summary." in client.get(lesson.url).content.decode()
