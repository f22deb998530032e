"""Course content in the reader's language, with the source page as fallback."""

import pytest
from django.utils import translation

from courses import services
from courses.models import CoursePage
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    CoursePageFactory,
    JurisdictionPageFactory,
    LessonPageFactory,
    catalogue,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CoursePageFactory(title="Work sharing", slug="work-sharing")
    LessonPageFactory(parent=course, title="Why share", slug="why-share")
    LessonPageFactory(parent=course, title="Requests", slug="requests")
    return course


def test_untranslated_course_is_served_in_english_under_the_arabic_prefix(
    client, course
):
    response = client.get("/ar/courses/work-sharing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 lang="en" dir="ltr">Work sharing</h1>' in html
    assert 'role="note"' in html  # not yet translated
    # Its lessons link under /ar/, so the reader stays in Arabic.
    assert 'href="/ar/courses/work-sharing/why-share/"' in html


@pytest.mark.parametrize(
    "prefix,note",
    [
        ("fr", "pas encore traduite en français. Elle est affichée en anglais,"),
        ("es", "aún no está traducida al español. Se muestra en inglés,"),
        ("ar", "وهي معروضة باللغة الإنجليزية، لغتها الأصلية."),
    ],
)
def test_untranslated_note_names_the_languages_as_a_sentence_does(
    client, course, prefix, note
):
    # Language names are lower-case mid-sentence in French and Spanish.
    html = client.get(f"/{prefix}/courses/work-sharing/").content.decode()
    assert note in html


def test_fallback_inside_a_translated_tree(client, course):
    # The Chinese catalogue exists, this course does not: no 404.
    translate_page(catalogue(), "zh-hans", title="课程")
    response = client.get("/zh-hans/courses/work-sharing/why-share/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 lang="en" dir="ltr">Why share</h1>' in html
    assert 'role="note"' in html


def test_unknown_page_is_still_404_in_every_language(client, course):
    translate_page(catalogue(), "ru", title="Курсы")
    assert client.get("/ru/courses/no-such-course/").status_code == 404
    assert client.get("/ar/courses/no-such-course/").status_code == 404


def test_translated_course_is_served_in_its_language(client, course):
    zh = translate_page(course, "zh-hans", title="工作共享", summary="审查工作共享。")
    response = client.get("/zh-hans/courses/work-sharing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>工作共享</h1>" in html
    assert "审查工作共享。" in html
    assert 'role="note"' not in html
    # English readers still get the English course.
    assert (
        "<h1>Work sharing</h1>" in client.get("/courses/work-sharing/").content.decode()
    )
    assert zh.url_path != course.url_path


def test_catalogue_lists_translations_and_untranslated_courses(client, course):
    CoursePageFactory(title="Copyright online", slug="copyright-online")
    translate_page(course, "ru", title="Совместная работа ведомств")
    html = client.get("/ru/courses/").content.decode()
    assert "Совместная работа ведомств" in html
    assert ">Work sharing<" not in html
    assert '<a href="/ru/courses/copyright-online/" lang="en" dir="ltr">' in html


def test_outline_mixes_translated_and_untranslated_lessons(client, course):
    lesson = course.get_children().first()
    translate_page(lesson, "zh-hans", title="为何共享")
    html = client.get("/zh-hans/courses/work-sharing/").content.decode()
    assert "为何共享" in html
    assert '<span lang="en" dir="ltr">Requests</span>' in html


def test_progress_is_shared_between_languages(client, course):
    lesson = course.get_children().first().specific
    zh_lesson = translate_page(lesson, "zh-hans", title="为何共享")
    user = UserFactory()
    client.force_login(user)
    response = client.post(f"/learn/lessons/{zh_lesson.pk}/complete/")
    assert response.status_code == 302
    # Recorded against the English lesson, so the English outline shows it done.
    assert user.lesson_progress.get().lesson_id == lesson.pk
    html = client.get("/courses/work-sharing/why-share/").content.decode()
    assert "You completed this lesson." in html
    services.lesson_complete(user=user, lesson=zh_lesson)  # idempotent
    assert user.lesson_progress.count() == 1
    assert user.course_progress.get().course_id == course.pk


def test_jurisdiction_fallback_and_translated_comparison(client):
    china = JurisdictionPageFactory(title="China", slug="china")
    JurisdictionPageFactory(title="Singapore", slug="singapore")
    translate_page(china, "ru", title="Китай")
    response = client.get("/ru/regimes/singapore/")
    assert response.status_code == 200
    assert '<h1 lang="en" dir="ltr">Singapore</h1>' in response.content.decode()
    html = client.get("/ru/regimes/").content.decode()
    assert "Китай" in html and ">China<" not in html
    response = client.get("/ru/regimes/compare/?j=china&j=singapore")
    assert response.status_code == 200
    html = response.content.decode()
    assert ">Китай</a>" in html
    assert 'href="/ru/regimes/singapore/" lang="en" dir="ltr">Singapore</a>' in html


def test_my_learning_names_started_courses_in_the_readers_language(client, course):
    trainee = UserFactory()
    lesson = course.get_children().first().specific
    services.lesson_complete(user=trainee, lesson=lesson)
    translate_page(course, "zh-hans", title="工作共享")
    translate_page(lesson, "zh-hans", title="为何共享")
    client.force_login(trainee)
    chinese = client.get("/zh-hans/learning/").content.decode()
    assert "工作共享" in chinese
    assert "为何共享" in chinese  # the lesson to resume, translated
    assert ">Work sharing<" not in chinese
    english = client.get("/learning/").content.decode()
    assert ">Work sharing<" in english and "工作共享" not in english


def _cards(html: str) -> str:
    return html[html.index('<ul class="cards">') : html.index("</main>")]


def test_translated_courses_are_found_by_language_and_badged_in_it(client, course):
    CoursePageFactory(title="Copyright online", slug="copyright-online")
    CoursePageFactory(title="Патентный поиск", slug="patent-search", language="ru")
    translate_page(course, "ru", title="Совместная работа ведомств")
    translate_page(course, "zh-hans", title="工作共享")

    cards = _cards(client.get("/ru/courses/", {"language": "ru"}).content.decode())
    assert "Совместная работа ведомств" in cards  # a translation into Russian
    assert "Патентный поиск" in cards  # taught in Russian
    assert "Copyright online" not in cards
    assert cards.count('<li class="card">') == 2
    assert 'class="badge">English<' not in cards

    cards = _cards(
        client.get("/zh-hans/courses/", {"language": "zh-hans"}).content.decode()
    )
    assert "工作共享" in cards and cards.count('<li class="card">') == 1

    # The interface in English: the course can be read in Russian.
    cards = _cards(client.get("/courses/", {"language": "ru"}).content.decode())
    assert "Work sharing" in cards and "Copyright online" not in cards

    # The badge names the language of the version shown, in the reader's language.
    html = client.get("/ru/courses/work-sharing/").content.decode()
    assert '<li class="badge">Русский</li>' in html
    chinese = CoursePage.objects.get(title="工作共享")
    with translation.override("en"):
        assert chinese.get_reading_language_display() == "Simplified Chinese"
        assert course.get_reading_language_display() == "English"
