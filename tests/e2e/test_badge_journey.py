"""Badges: a course shows its cover, badge and instructors; a holder on a phone
downloads the badge baked with their signed credential; nobody else can."""

import json
from pathlib import Path

import pytest

from certificates.badges import png_unbake
from certificates.models import Certificate
from courses.models import CoursePage

from .conftest import BROWSER_DB, PHONE, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

LOADED = "img => img.complete && img.naturalWidth > 0"


def test_course_page_shows_cover_badge_and_instructors_on_a_phone(demo, page, shot):
    course = CoursePage.objects.filter(locale__language_code="en").first()
    page.set_viewport_size(PHONE)

    page.goto(demo + course.url)
    shot(page, "course page on a phone")

    cover = page.get_by_role("img", name=course.cover_image_alt)
    assert cover.evaluate(LOADED)
    badge = page.get_by_role("img", name=f"Badge of the course {course.title}")
    assert badge.evaluate(LOADED)
    team = page.get_by_role("region", name="Your instructors")
    for person in course.teaching_team.all():
        assert person.name in team.inner_text() and person.bio in team.inner_text()
        assert team.get_by_role("img", name=f"Photo of {person.name}").evaluate(LOADED)


def test_holder_downloads_the_baked_badge_and_others_are_refused(
    demo, page, shot, tmp_path
):
    certificate = (
        Certificate.objects.filter(Certificate.valid_q())
        .select_related("holder")
        .order_by("issued_at")
        .first()
    )
    page.set_viewport_size(PHONE)
    login(page, demo, certificate.holder.email)

    page.goto(demo + "/learning/")
    card = page.locator(".card", has_text=certificate.code)
    badge = card.get_by_role(
        "img", name=f"Badge of the course {certificate.course_title}"
    )
    assert badge.evaluate(LOADED)
    shot(page, "my learning with the badge")
    with page.expect_download() as download_info:
        card.get_by_role("link", name="Download badge (PNG)").click()
    path = tmp_path / "badge.png"
    download_info.value.save_as(path)

    baked = json.loads(png_unbake(Path(path).read_bytes()))
    assert baked["id"] == certificate.credential["id"]
    assert baked["proof"] == certificate.credential["proof"]

    # Someone else with the link is told it is the holder's to download.
    other = Certificate.objects.exclude(holder=certificate.holder).first().holder
    page.context.clear_cookies()
    login(page, demo, other.email)
    response = page.goto(f"{demo}/certificates/{certificate.code}/badge.png")
    shot(page, "badge refused")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Badge download refused"
    )
    assert "Only the holder" in page.locator("main").inner_text()
