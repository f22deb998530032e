"""The cohort form in the admin names the course in the admin's language."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.cohorts.factories import CohortFactory, coordinator_of
from tests.courses.factories import CoursePageFactory, translate_page

pytestmark = pytest.mark.django_db


def admin_in(language, user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_course_chooser_shows_the_translation_in_the_admins_language(client):
    course = CoursePageFactory(title="Patent basics")
    translate_page(course, "ru", title="Основы патентов")
    cohort = CohortFactory(course=course)
    edit = reverse("cohort_admin:edit", args=[cohort.pk])

    client.force_login(admin_in("ru", coordinator_of(cohort.lead_office)))
    html = client.get(edit).content.decode()
    assert "Основы патентов" in html and "Patent basics" not in html

    client.force_login(admin_in("fr", coordinator_of(cohort.lead_office)))
    html = client.get(edit).content.decode()
    assert "Patent basics" in html  # no French translation: the course's own title
