"""Instructors and reviewers translate the pages they may edit (wagtail-localize),
and translations go through "Course review" like any other change."""

import pytest
from django.contrib.auth.models import Group
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from accounts import roles
from courses.models import CoursePage
from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def course(instructor):
    course = CoursePageFactory(title="Work sharing", slug="work-sharing")
    course.instructors.add(instructor)
    course.save()
    LessonPageFactory(parent=course, title="Why share", slug="why-share")
    return course


def _translate_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def _refused(response):
    """The admin turns PermissionDenied into the dashboard with a message."""
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and any(DENIED in m for m in _messages(response))
    )


def _arabic():
    return Locale.objects.get(language_code="ar")


def _translate_into_arabic(client, page):
    response = client.post(_translate_url(page), {"locales": [_arabic().pk]})
    translated = page.get_translation(_arabic())
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[translated.pk]
    )
    return translated.specific


def _translate_strings(client, page, values):
    """Translate source strings in the editor, as its "Save" buttons do."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        value = values.get(segment.string.data)
        if value is None:
            continue
        response = client.put(
            reverse(
                "wagtail_localize:edit_string_translation",
                args=[translation.pk, segment.pk],
            ),
            encode_multipart(BOUNDARY, {"value": value}),
            content_type=MULTIPART_CONTENT,
        )
        assert response.status_code in (200, 201), response.content


def test_roles_that_translate():
    def can_submit(name):
        return (
            Group.objects.get(name=name)
            .permissions.filter(codename="submit_translation")
            .exists()
        )

    assert can_submit(roles.INSTRUCTORS)
    assert can_submit(roles.COURSE_REVIEWERS)
    assert not can_submit(roles.OFFICE_COORDINATORS)
    assert not can_submit(roles.TRAINEES)


def test_instructor_opens_translate_for_their_course(client, instructor, course):
    client.force_login(instructor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert _translate_url(course) in edit.content.decode()

    response = client.get(_translate_url(course))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translate page" in html and "Work sharing" in html
    assert "Arabic" in html and "Simplified Chinese" in html


def test_instructor_is_refused_another_instructors_course(
    client, other_instructor, course
):
    client.force_login(other_instructor)
    listing = client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk]))
    assert listing.status_code == 200
    assert "Work sharing" in listing.content.decode()
    assert _translate_url(course) not in listing.content.decode()

    assert _refused(client.get(_translate_url(course)))
    assert _refused(client.post(_translate_url(course), {"locales": [_arabic().pk]}))
    assert not course.has_translation(_arabic())


def test_translate_button_shows_only_on_courses_the_instructor_teaches(
    client, instructor, other_instructor, course
):
    theirs = CoursePageFactory(title="Someone else's course")
    theirs.instructors.add(other_instructor)
    theirs.save()
    client.force_login(instructor)
    html = client.get(
        reverse("wagtailadmin_explore", args=[course.get_parent().pk])
    ).content.decode()
    assert _translate_url(course) in html
    assert _translate_url(theirs) not in html


def test_instructor_translates_and_submits_then_reviewer_publishes(
    client, instructor, reviewer, course
):
    client.force_login(instructor)
    arabic = _translate_into_arabic(client, course)
    # A draft under the Arabic catalogue, in the course's own workflow.
    assert not arabic.live
    assert arabic.get_workflow().name == "Course review"
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    assert editor.status_code == 200
    html = editor.content.decode()
    assert "js-translation-editor" in html and "Submit to Course review" in html

    _translate_strings(client, arabic, {"Work sharing": "تقاسم العمل"})
    response = client.post(reverse("courses_translation_submit", args=[arabic.pk]))
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    assert "The translation “تقاسم العمل” was submitted to Course review." in _messages(
        response
    )
    arabic.refresh_from_db()
    assert arabic.current_workflow_state.status == "in_progress"
    assert not arabic.live
    assert (
        "This translation waits for Course review."
        in client.get(
            reverse("wagtailadmin_pages:edit", args=[arabic.pk])
        ).content.decode()
    )
    # Still the English course at the Arabic address until approved.
    assert "تقاسم العمل" not in client.get("/ar/courses/work-sharing/").content.decode()

    client.force_login(reviewer)
    task_state = arabic.current_workflow_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[arabic.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    arabic = CoursePage.objects.get(pk=arabic.pk)
    assert arabic.live and arabic.title == "تقاسم العمل"
    client.logout()
    page = client.get("/ar/courses/work-sharing/")
    assert page.status_code == 200
    assert "تقاسم العمل" in page.content.decode()


def test_other_instructor_cannot_edit_or_submit_the_translation(
    client, instructor, other_instructor, course
):
    client.force_login(instructor)
    arabic = _translate_into_arabic(client, course)

    client.force_login(other_instructor)
    assert _refused(client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk])))
    assert _refused(
        client.post(reverse("courses_translation_submit", args=[arabic.pk]))
    )
    assert Page.objects.get(pk=arabic.pk).current_workflow_state is None


def test_submitting_twice_says_it_already_waits(client, instructor, course):
    client.force_login(instructor)
    arabic = _translate_into_arabic(client, course)
    submit = reverse("courses_translation_submit", args=[arabic.pk])
    client.post(submit)
    response = client.post(submit)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    assert any("cannot be submitted for review now" in m for m in _messages(response))
    assert arabic.workflow_states.count() == 1


def test_submitting_a_page_that_is_not_a_translation_is_refused_clearly(
    client, instructor, course
):
    client.force_login(instructor)
    response = client.post(reverse("courses_translation_submit", args=[course.pk]))
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[course.pk])
    assert (
        "“Work sharing” is not a translation made in the translation editor."
        in _messages(response)
    )
    assert (
        client.get(reverse("courses_translation_submit", args=[course.pk])).status_code
        == 405
    )


def test_reviewer_translates_only_a_page_waiting_for_their_review(
    client, instructor, reviewer, course
):
    client.force_login(reviewer)
    assert _refused(client.get(_translate_url(course)))

    course.save_revision(user=instructor)
    course.get_workflow().start(course, instructor)
    response = client.get(_translate_url(course))
    assert response.status_code == 200
    assert "Translate page" in response.content.decode()


def test_reviewer_publishes_a_translation_from_the_editor(
    client, instructor, reviewer, course, django_capture_on_commit_callbacks
):
    client.force_login(instructor)
    arabic = _translate_into_arabic(client, course)
    _translate_strings(client, arabic, {"Work sharing": "تقاسم العمل"})
    client.post(reverse("courses_translation_submit", args=[arabic.pk]))

    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    html = client.get(edit).content.decode()
    assert "js-translation-editor" in html and "Submit to Course review" not in html
    _translate_strings(client, arabic, {"Work sharing": "تقاسم الأعمال"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"})
    assert response.status_code == 302
    arabic = CoursePage.objects.get(pk=arabic.pk)
    assert arabic.live and arabic.title == "تقاسم الأعمال"


def test_sync_translated_pages_only_for_courses_the_instructor_may_edit(
    client, instructor, other_instructor, course
):
    client.force_login(instructor)
    _translate_into_arabic(client, course)
    source = TranslationSource.objects.get(object_id=course.translation_key)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    response = client.get(sync)
    assert response.status_code == 200
    assert "Update existing translations" in response.content.decode()

    client.force_login(other_instructor)
    assert _refused(client.get(sync))
    assert _refused(client.post(sync))
