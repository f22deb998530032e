"""The home page: open cohorts, courses, the verification box and partner offices."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Cohort
from tests.cohorts.factories import CohortFactory, OfficeFactory
from tests.courses.factories import CoursePageFactory, translate_page

pytestmark = pytest.mark.django_db


def test_home_page_shows_open_cohorts_courses_offices_and_the_code_box(client):
    office = OfficeFactory(name="Eurasian Patent Office")
    CohortFactory(title="PPH in practice", lead_office=office)
    CohortFactory(title="Drafted cohort", status=Cohort.Status.DRAFT)
    CohortFactory(
        title="Closed cohort",
        applications_open_at=timezone.now() - datetime.timedelta(days=9),
        applications_close_at=timezone.now() - datetime.timedelta(days=1),
    )
    CoursePageFactory(title="Geographical indications", summary="GIs along the road.")
    html = client.get("/").content.decode()
    assert "PPH in practice" in html
    assert "Drafted cohort" not in html and "Closed cohort" not in html
    assert "Geographical indications" in html and "GIs along the road." in html
    assert "Eurasian Patent Office" in html
    assert 'action="/verify/"' in html and 'name="code"' in html


def test_home_page_without_cohorts_or_courses_says_so(client):
    html = client.get("/").content.decode()
    assert "No cohort is taking applications right now." in html
    assert "No course is published yet." in html


def test_home_page_links_to_all_cohorts_when_it_shows_only_some(client):
    for n in range(4):
        CohortFactory(title=f"Cohort {n}")
    html = client.get("/").content.decode()
    assert sum(f">Cohort {n}<" in html for n in range(4)) == 3
    assert "See all 4 open cohorts" in html


def test_home_page_lists_courses_in_the_readers_language(client):
    course = CoursePageFactory(title="Work sharing")
    translate_page(course, "zh-hans", title="工作共享")
    CoursePageFactory(title="Copyright online")
    html = client.get("/zh-hans/").content.decode()
    assert "工作共享" in html
    assert ">Work sharing<" not in html
    assert "Copyright online" in html  # not translated: the source page


def test_home_page_queries_do_not_grow_with_content(
    client, django_assert_max_num_queries
):
    for n in range(3):
        CohortFactory(title=f"Cohort {n}")
        CoursePageFactory(title=f"Course {n}")
    client.get("/")
    with django_assert_max_num_queries(25):
        client.get("/")
    for n in range(3, 8):
        CohortFactory(title=f"Cohort {n}")
        CoursePageFactory(title=f"Course {n}")
    with django_assert_max_num_queries(25):
        assert client.get("/").status_code == 200


def test_footer_tagline_is_in_the_readers_language_until_the_site_sets_its_own(
    client,
):
    from django.core.cache import cache
    from wagtail.models import Site

    from cms.models import SiteSettings

    html = client.get("/zh-hans/", follow=True).content.decode()
    assert "共建“一带一路”合作局联合培养知识产权专业人才。" in html
    assert "Joint training of IP professionals" not in html

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_text = "Run by the training units of the partner offices."
    site_settings.save()
    cache.clear()  # the footer fragment is kept for five minutes
    html = client.get("/zh-hans/", follow=True).content.decode()
    assert "Run by the training units of the partner offices." in html


def test_home_page_title_names_the_site_once_and_other_pages_add_it(client):
    home = client.get("/").content.decode()
    courses = client.get("/courses/").content.decode()
    assert home.count("Silk Road IP Academy</title>") == 1
    assert "· Silk Road IP Academy</title>" not in home
    assert "· Silk Road IP Academy</title>" in courses
