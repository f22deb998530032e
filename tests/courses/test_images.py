"""Course images and instructors as a visitor sees them."""

import re

import pytest
from django.core.exceptions import ValidationError

from tests.courses.factories import (
    CourseInstructorFactory,
    CoursePageFactory,
    ImageFactory,
)

pytestmark = pytest.mark.django_db


def _tag(html: str, css_class: str) -> str:
    match = re.search(rf'<img[^>]*class="{css_class}"[^>]*>', html)
    assert match, f"no image with class {css_class}"
    return match.group(0)


def test_course_page_shows_cover_with_its_description_and_fixed_size(client):
    course = CoursePageFactory(
        cover_image=ImageFactory(),
        cover_image_alt="Examiners from three offices at a shared search table",
    )

    cover = _tag(client.get(course.url).content.decode(), "course-cover")

    assert 'alt="Examiners from three offices at a shared search table"' in cover
    # Width and height reserve the space (no layout shift); srcset serves phones.
    assert 'width="480"' in cover and 'height="200"' in cover
    assert "srcset=" in cover and "960w" in cover


def test_course_page_presents_instructors_with_photo_role_and_bio(client):
    course = CoursePageFactory()
    CourseInstructorFactory(
        course=course,
        name="Aigerim Sultanova",
        role="Head of international cooperation",
        bio="Negotiated two PPH pilot agreements.",
        sort_order=1,
    )
    CourseInstructorFactory(course=course, name="Li Wei", photo=None, sort_order=0)

    html = client.get(course.url).content.decode()

    assert "Your instructors" in html
    assert html.index("Li Wei") < html.index("Aigerim Sultanova")
    assert "Head of international cooperation" in html
    assert "Negotiated two PPH pilot agreements." in html
    photo = _tag(html, "team__photo")
    assert 'alt="Photo of Aigerim Sultanova"' in photo and 'width="96"' in photo
    assert html.count('class="team__photo"') == 1  # no photo, no broken image


def test_course_page_shows_the_certificate_badge(client):
    course = CoursePageFactory(title="GI protection", badge_image=ImageFactory())

    html = client.get(course.url).content.decode()

    badge = _tag(html, "course-badge__image")
    assert 'alt="Badge of the course GI protection"' in badge
    assert "Certificate badge" in html


def test_a_cover_image_needs_a_description():
    course = CoursePageFactory()
    course.cover_image = ImageFactory()
    course.cover_image_alt = "  "

    with pytest.raises(ValidationError) as error:
        course.full_clean()

    assert "cover_image_alt" in error.value.message_dict
