import pytest
from django.urls import reverse

from courses import services
from courses.models import CourseProgress, LessonProgress
from courses.selectors import course_list_in_progress, course_progress_get
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CoursePageFactory(title="Enforcement across borders")
    module = ModulePageFactory(parent=course, title="Courts")
    LessonPageFactory(parent=module, title="Lesson one", slug="one")
    LessonPageFactory(parent=module, title="Lesson two", slug="two")
    LessonPageFactory(parent=course, title="Lesson three", slug="three")
    LessonPageFactory(parent=course, title="Lesson four", slug="four")
    return course


def _lesson(course, slug):
    from courses.models import LessonPage

    return LessonPage.objects.descendant_of(course).get(slug=slug)


def test_start_requires_login_and_post(client, course):
    url = reverse("courses:start", args=[course.pk])
    assert client.get(url).status_code in (302, 405)
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert not CourseProgress.objects.exists()


def test_start_course_goes_to_the_first_lesson(client, course):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("courses:start", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == _lesson(course, "one").url
    assert CourseProgress.objects.filter(user=user, course=course).count() == 1
    # starting twice changes nothing
    client.post(reverse("courses:start", args=[course.pk]))
    assert CourseProgress.objects.filter(user=user, course=course).count() == 1


def test_mark_complete_shows_percent_next_lesson_and_resume(client, course):
    user = UserFactory()
    client.force_login(user)
    one, two = _lesson(course, "one"), _lesson(course, "two")
    response = client.post(reverse("courses:lesson_complete", args=[one.pk]))
    assert response["Location"] == two.url
    client.post(reverse("courses:lesson_complete", args=[one.pk]))  # idempotent
    assert LessonProgress.objects.filter(user=user).count() == 1

    html = client.get(course.url).content.decode()
    assert "1 of 4 lessons complete (25%)" in html
    assert "Resume: Lesson one" in html  # where they left off
    assert "Next lesson:" in html and "Lesson two" in html

    # Visiting a lesson moves the resume point.
    client.get(_lesson(course, "three").url)
    html = client.get(course.url).content.decode()
    assert "Resume: Lesson three" in html


def test_progress_survives_republishing_a_lesson(course):
    user = UserFactory()
    lesson = _lesson(course, "one")
    services.lesson_complete(user=user, lesson=lesson)
    lesson.title = "Lesson one, revised"
    lesson.save_revision().publish()
    progress = course_progress_get(user=user, course=course)
    assert progress.completed == 1 and progress.percent == 25


def test_deleting_a_lesson_removes_its_progress(course):
    user = UserFactory()
    lesson = _lesson(course, "four")
    services.lesson_complete(user=user, lesson=lesson)
    lesson.delete()
    assert not LessonProgress.objects.exists()
    progress = course_progress_get(user=user, course=course)
    assert progress.total == 3 and progress.completed == 0


def test_completing_every_lesson_finishes_the_course(course):
    user = UserFactory()
    for slug in ("one", "two", "three", "four"):
        services.lesson_complete(user=user, lesson=_lesson(course, slug))
    [item] = course_list_in_progress(user=user)
    assert item.progress.finished and item.progress.percent == 100
    assert item.progress.next_lesson is None


def test_unpublished_lesson_cannot_be_completed(client, course):
    lesson = _lesson(course, "two")
    lesson.unpublish()
    client.force_login(UserFactory())
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()
