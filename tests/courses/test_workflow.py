"""Instructors write, Course reviewers approve, and instructors only touch
the courses assigned to them."""

import pytest
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from accounts import roles
from tests.courses.factories import (
    CoursePageFactory,
    ImageFactory,
    LessonPageFactory,
    catalogue,
)

pytestmark = pytest.mark.django_db


def _denied(response):
    """Wagtail admin answers PermissionDenied with a redirect to the dashboard."""
    if response.status_code == 403:
        return True
    messages = [str(m) for m in response.wsgi_request._messages]
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and any("do not have permission" in m for m in messages)
    )


def _course_form(course, **changes):
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "learning_outcomes": rich_text("<ul><li>Explain the PPH</li></ul>"),
        "level": course.level,
        "language": course.language,
        "estimated_hours": course.estimated_hours,
        "sources": streamfield([]),
        "teaching_team": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_catalogue_is_under_the_course_review_workflow():
    workflow = catalogue().get_workflow()
    assert workflow.name == "Course review"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.COURSE_REVIEWERS]


def test_instructor_submits_reviewer_approves_page_goes_live(
    client, instructor, reviewer
):
    course = CoursePageFactory(title="PPH in practice", live=False)
    course.instructors.add(instructor)
    course.save()
    course.save_revision()

    client.force_login(instructor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        _course_form(course, summary="Reusing work of partner offices.")
        | {"action-submit": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    course.refresh_from_db()
    assert not course.live
    state = course.current_workflow_state
    assert state.workflow == Workflow.objects.get(name="Course review")
    assert state.status == "in_progress"
    # The instructor cannot publish by themselves.
    assert not course.permissions_for_user(instructor).can_publish()

    client.force_login(reviewer)
    task_state = course.current_workflow_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[course.pk, "approve", task_state.pk],
        ),
        {"comment": "Clear and accurate."},
    )
    assert response.status_code in (200, 302)
    course.refresh_from_db()
    assert course.live
    assert course.summary == "Reusing work of partner offices."
    assert client.get(course.url).status_code == 200


def test_instructor_adds_cover_and_instructor_bio_in_the_editor(client, instructor):
    course = CoursePageFactory(title="PPH in practice")
    course.instructors.add(instructor)
    course.save()
    cover = ImageFactory()
    person = {
        "name": "Aigerim Sultanova",
        "role": "Head of international cooperation",
        "photo": "",
        "bio": "Negotiated two PPH pilot agreements.",
    }
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])

    form = _course_form(course, cover_image=cover.pk, cover_image_alt="")
    form |= nested_form_data({"teaching_team": inline_formset([person])})
    response = client.post(url, form)
    # Without a description the cover is refused, with the reason on the field.
    assert response.status_code == 200
    assert "Describe the cover image for screen readers." in response.content.decode()

    form["cover_image_alt"] = "Examiners at a shared search table"
    response = client.post(url, form)
    assert response.status_code == 302
    course.refresh_from_db()
    draft = course.get_latest_revision_as_object()
    assert draft.cover_image == cover
    assert [p.name for p in draft.teaching_team.all()] == ["Aigerim Sultanova"]


def test_instructor_cannot_edit_a_course_not_assigned_to_them(
    client, instructor, other_instructor
):
    course = CoursePageFactory()
    course.instructors.add(instructor)
    course.save()
    lesson = LessonPageFactory(parent=course)

    client.force_login(other_instructor)
    edit_course = reverse("wagtailadmin_pages:edit", args=[course.pk])
    edit_lesson = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    add_lesson = reverse(
        "wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk]
    )
    assert _denied(client.get(edit_course))
    assert _denied(client.get(edit_lesson))
    assert _denied(client.get(add_lesson))
    response = client.post(
        edit_course, _course_form(course, title="Hijacked") | {"action-submit": "1"}
    )
    assert _denied(response)
    course.refresh_from_db()
    assert course.title != "Hijacked"

    client.force_login(instructor)
    assert client.get(edit_course).status_code == 200
    assert client.get(edit_lesson).status_code == 200
    assert client.get(add_lesson).status_code == 200


def test_instructor_may_create_a_course_and_then_edit_it(client, instructor):
    client.force_login(instructor)
    add_course = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", catalogue().pk]
    )
    assert client.get(add_course).status_code == 200
    course = CoursePageFactory(owner=instructor, live=False)
    edit_course = reverse("wagtailadmin_pages:edit", args=[course.pk])
    assert client.get(edit_course).status_code == 200


def test_reviewer_and_superuser_are_not_restricted(client, reviewer, staff_user):
    course = CoursePageFactory()
    assert course.permissions_for_user(staff_user).can_edit()
    # Reviewers edit only while a page waits for their review.
    assert not course.permissions_for_user(reviewer).can_edit()
