"""seed_demo's course step: content a visitor can browse, made once."""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, WorkflowPage

from accounts.models import User
from courses.models import (
    CoursePage,
    FieldSource,
    JurisdictionPage,
    LessonPage,
    PPHPartnership,
    TreatyMembership,
)
from courses.permissions import user_can_translate

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_courses_regimes_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        JurisdictionPage.objects.count(),
        TreatyMembership.objects.count(),
        PPHPartnership.objects.count(),
        FieldSource.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
        get_image_model().objects.count(),
    )
    assert counts[0] >= 3 and counts[2] >= 8
    for course in CoursePage.objects.filter(locale__language_code="en"):
        assert LessonPage.objects.descendant_of(course).count() >= 4
        assert course.instructors.filter(email="instructor@example.org").exists()
        # Locally drawn images, distinct per course, and instructors with photos.
        assert course.cover_image and course.cover_image_alt
        assert course.badge_image and course.badge_image.description
        team = list(course.teaching_team.all())
        assert len(team) == 2 and all(p.photo and p.bio for p in team)
    english = CoursePage.objects.filter(locale__language_code="en")
    badges = {c.badge_image.get_file_hash() for c in english}
    assert len(badges) == english.count()
    call_command("seed_demo")
    assert counts == (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        JurisdictionPage.objects.count(),
        TreatyMembership.objects.count(),
        PPHPartnership.objects.count(),
        FieldSource.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
        get_image_model().objects.count(),
    )

    # The knowledge base: nothing "unknown"; every fact has a state, a source
    # and the date its source was checked, and every page has been reviewed.
    facts = [
        *TreatyMembership.objects.all(),
        *PPHPartnership.objects.all(),
        *FieldSource.objects.all(),
    ]
    assert len(facts) > 100
    for fact in facts:
        assert fact.state in type(fact).State.values, fact
        assert fact.source_url.startswith("http") and fact.source_title, fact
        assert fact.checked_on is not None, fact
    assert PPHPartnership.objects.filter(state=PPHPartnership.State.SUSPENDED)
    for page in JurisdictionPage.objects.all():
        assert page.gi_protection in JurisdictionPage.GIProtection.values
        assert page.field_sources.count() == len(FieldSource.Field)
        assert page.last_reviewed_on and page.last_reviewed_by
        for text in (page.pph_partners, page.tk_gr_protection, page.gi_notes):
            assert "unknown" not in text.lower(), page
    html = client.get("/regimes/compare/?j=russia&j=gcc").content.decode()
    assert "unknown" not in html.lower()
    assert "Not yet verified" in html and "Suspended on" in html
    # A fact no source confirmed names the source a reviewer looked at.
    assert "Source to check:" in html
    assert "cbd.int/abs/nagoya-protocol/signatories/" in html

    # The demo instructor translates their courses, and edits the demo
    # translations, which go to "Course review" like the English pages.
    instructor = User.objects.get(email="instructor@example.org")
    for course in CoursePage.objects.all():
        assert user_can_translate(instructor, course)
        assert course.get_workflow().name == "Course review"

    html = client.get("/courses/").content.decode()
    for course in CoursePage.objects.filter(locale__language_code="en"):
        assert course.title in html
    lesson = LessonPage.objects.get(slug="pph-requirements")
    assert client.get(lesson.url).status_code == 200
    html = client.get("/regimes/compare/?j=china&j=singapore").content.decode()
    assert "<table" in html and "IPOS" in html
    html = client.get("/search/?q=correspondence").content.decode()
    assert lesson.title in html
