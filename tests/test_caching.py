"""Public pages are cacheable for visitors without a session: no cookie, no
`Vary: Cookie`, `Cache-Control` with s-maxage, and a second visit is served
whole from the cache until their content changes; logged-in users never share
it."""

import pytest
from django.urls import reverse

from certificates.services import certificate_issue, certificate_revoke
from tests.accounts.factories import UserFactory
from tests.certificates.factories import CompletedEnrolmentFactory
from tests.courses.factories import (
    CoursePageFactory,
    JurisdictionPageFactory,
    LessonPageFactory,
    catalogue,
    regimes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    course = CoursePageFactory(parent=catalogue(), title="Cross-border enforcement")
    lesson = LessonPageFactory(parent=course, title="Customs measures", slug="customs")
    JurisdictionPageFactory(parent=regimes(), title="China", slug="china")
    JurisdictionPageFactory(parent=regimes(), title="India", slug="india")
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    return {
        "home": "/",
        "catalogue": catalogue().url,
        "course": course.url,
        "lesson": lesson.url,
        "compare": "/regimes/compare/?j=china&j=india",
        "verify_form": reverse("certificates:verify_form"),
        "verify": reverse(
            "certificates:verify_code", kwargs={"code": certificate.code}
        ),
        "certificate": certificate,
        "lesson_page": lesson,
    }


PAGES = ["home", "catalogue", "course", "lesson", "compare", "verify_form", "verify"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_page_is_cacheable_and_served_from_the_cache(
    client, urls, name, django_assert_num_queries
):
    first = client.get(urls[name])
    assert first.status_code == 200
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")
    assert "public" in first["Cache-Control"]
    assert "s-maxage=" in first["Cache-Control"]
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(urls[name])
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_cached_anonymous_page_is_not_served_to_a_logged_in_user(client, urls):
    client.get(urls["lesson"])
    assert client.get(urls["lesson"])["X-Cache"] == "hit"
    client.force_login(UserFactory(first_name="Aigerim"))
    response = client.get(urls["lesson"])
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Log out" in response.content.decode()


def test_logged_in_response_is_not_stored_for_anonymous_visitors(client, urls):
    client.force_login(UserFactory())
    assert "Log out" in client.get(urls["course"]).content.decode()
    client.logout()
    client.cookies.clear()
    anonymous = client.get(urls["course"])
    assert anonymous["X-Cache"] == "miss"
    assert "Log out" not in anonymous.content.decode()
    assert "Log in" in anonymous.content.decode()


def test_publishing_a_page_makes_the_next_anonymous_visit_fresh(
    client, urls, django_capture_on_commit_callbacks
):
    client.get(urls["lesson"])
    lesson = urls["lesson_page"].get_latest_revision_as_object()
    lesson.title = "Border measures"
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    response = client.get(urls["lesson"])
    assert response["X-Cache"] == "miss"
    assert "Border measures" in response.content.decode()


def test_revoking_a_certificate_makes_its_verification_page_fresh(
    client, urls, django_capture_on_commit_callbacks
):
    assert "Revoked" not in client.get(urls["verify"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=urls["certificate"], reason="Issued by mistake.")
    response = client.get(urls["verify"])
    assert response["X-Cache"] == "miss"
    assert "Issued by mistake." in response.content.decode()


def test_a_visitor_with_a_message_gets_a_fresh_page(client, urls):
    client.get(urls["home"])
    client.cookies["messages"] = "pending"
    assert "X-Cache" not in client.get(urls["home"])


def test_language_links_lead_to_the_page_in_that_language(client, urls):
    html = client.get(urls["course"]).content.decode()
    assert 'hreflang="ar"' in html and 'aria-current="true"' in html
    response = client.get(
        reverse("set_language"), {"language": "ar", "next": urls["course"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar" + urls["course"]
    assert response.cookies["django_language"].value == "ar"


def test_language_link_with_unknown_language_or_offsite_target_changes_nothing(
    client,
):
    response = client.get(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert not response.cookies


def test_anonymous_miss_of_a_lesson_makes_no_site_locale_or_root_query(
    client, urls, django_assert_max_num_queries
):
    """Site, locale and root page come from the process (courses.site_cache):
    a lesson not yet in the page cache costs its route, its restrictions and
    its own content only (8 queries before they were kept)."""
    other = LessonPageFactory(parent=urls["lesson_page"].get_parent(), slug="other")
    assert client.get(other.url)["X-Cache"] == "miss"  # the process is warm
    with django_assert_max_num_queries(4) as queries:
        response = client.get(urls["lesson"])
    assert response["X-Cache"] == "miss"
    assert "Customs measures" in response.content.decode()
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_site" not in sql and "wagtailcore_locale" not in sql


def test_making_a_page_private_stops_serving_it_from_the_cache(
    client, urls, django_capture_on_commit_callbacks
):
    """Privacy set in the admin (a view restriction) turns anonymous visitors
    away at once, though the public page was in the cache; made public again,
    it shows again."""
    from wagtail.models import PageViewRestriction

    client.get(urls["lesson"])
    assert client.get(urls["lesson"])["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=urls["lesson_page"],
            restriction_type=PageViewRestriction.LOGIN,
        )
    response = client.get(urls["lesson"], follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "Customs measures" not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    response = client.get(urls["lesson"])
    assert response.status_code == 200
    assert "Customs measures" in response.content.decode()


def test_a_renamed_page_is_found_at_its_new_address(
    client, urls, django_capture_on_commit_callbacks
):
    """Routes are kept per process (courses.site_cache) until pages change."""
    client.force_login(UserFactory())
    assert client.get(urls["lesson"]).status_code == 200
    lesson = urls["lesson_page"].get_latest_revision_as_object()
    lesson.slug = "customs-at-the-border"
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    new_url = urls["lesson"].replace("/customs/", "/customs-at-the-border/")
    old = client.get(urls["lesson"])
    assert (old.status_code, old.url) == (301, new_url)  # Wagtail's redirect
    response = client.get(new_url)
    assert response.status_code == 200
    assert "Customs measures" in response.content.decode()


def test_a_cached_verification_page_turns_expired_after_midnight(
    client, urls, monkeypatch
):
    """Expiry comes with no change to invalidate on: pages are kept per day."""
    import datetime

    from django.utils import timezone

    from certificates.models import Certificate

    Certificate.objects.filter(pk=urls["certificate"].pk).update(
        valid_until=timezone.localdate()
    )
    client.get(urls["verify"])
    cached = client.get(urls["verify"])
    assert cached["X-Cache"] == "hit"
    assert "Expired" not in cached.content.decode()
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(days=1))
    response = client.get(urls["verify"])
    assert response["X-Cache"] == "miss"
    assert "Expired" in response.content.decode()


def test_without_a_shared_cache_privacy_applies_though_no_generation_moved(
    client, urls, settings
):
    """Without Redis each process has a cache of its own, so a restriction
    saved by another process moves no generation this process sees: routes
    and restricted pages are then not kept, and the database is asked."""
    from wagtail.models import PageViewRestriction

    settings.SITE_CACHE_KEEP_CONTENT = False
    client.force_login(UserFactory())
    assert client.get(urls["lesson"]).status_code == 200
    # Saved elsewhere: no on-commit bump reaches this process.
    PageViewRestriction.objects.create(
        page=urls["lesson_page"],
        restriction_type=PageViewRestriction.GROUPS,
    )
    response = client.get(urls["lesson"], follow=True)
    assert response.status_code == 403  # refused, not served from a kept route
    assert "Customs measures" not in response.content.decode()
