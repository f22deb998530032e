"""Sites, root pages and locales kept per process: a change made here is seen
at once, one made by another process as soon as it has committed."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Site

from courses.selectors import page_cache_generation
from courses.services import page_cache_bump
from courses.site_cache import locale_for_language, site_for_request
from tests.courses.factories import LessonPageFactory, catalogue, translate_page

pytestmark = pytest.mark.django_db


def _site(host="localhost"):
    return site_for_request(RequestFactory().get("/", HTTP_HOST=host))


def test_kept_site_follows_a_save_in_this_process(django_assert_num_queries):
    assert _site().site_name != "Academy"
    with django_assert_num_queries(0):
        _site()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Academy"
    site.save()
    assert _site().site_name == "Academy"


def test_kept_site_follows_another_process_once_it_has_committed(
    django_capture_on_commit_callbacks,
):
    _site()
    # Another node changes the site and, on commit, moves the generation on.
    Site.objects.filter(is_default_site=True).update(site_name="Elsewhere")
    assert _site().site_name != "Elsewhere"  # kept until told
    before = page_cache_generation()
    with django_capture_on_commit_callbacks(execute=True):
        page_cache_bump()
    assert page_cache_generation() != before
    assert _site().site_name == "Elsewhere"


def test_root_page_is_the_active_languages_and_never_shared():
    lesson = LessonPageFactory(parent=catalogue())
    translate_page(lesson, "fr")
    english = _site().root_page
    with translation.override("fr"):
        french = _site().root_page
    assert english.locale.language_code == "en"
    assert french.locale.language_code == "fr"
    assert type(french) is type(english)  # specific, as routing uses it
    english.title = "Changed by one request"
    assert _site().root_page.title != "Changed by one request"


def test_locales_are_kept_and_a_new_one_is_seen_at_once(django_assert_num_queries):
    assert Locale.get_active().language_code == "en"
    with django_assert_num_queries(0), translation.override("fr"):
        assert Locale.get_active().language_code == "fr"
    Locale.objects.filter(language_code="es").delete()
    with translation.override("es"):
        assert Locale.get_active().language_code == "en"  # the default's
    Locale.objects.create(language_code="es")
    with translation.override("es"):
        assert locale_for_language("es").language_code == "es"
