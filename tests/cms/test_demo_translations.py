"""seed_demo's translation step: one course fully in Chinese and in Russian."""

import re

import pytest
from wagtail.models import Locale

from cms.demo import DemoContext, accounts, courses, translations
from cms.demo.translations_content import COURSE_SLUG, STRINGS
from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def test_demo_course_is_translated_fully_and_once(
    client, django_capture_on_commit_callbacks
):
    lines = []
    ctx = DemoContext(password="demo-pass-123", write=lines.append)
    accounts.seed(ctx)
    courses.seed(ctx)
    # wagtail-localize publishes translations after commit.
    with django_capture_on_commit_callbacks(execute=True):
        translations.seed(ctx)
    with django_capture_on_commit_callbacks(execute=True):
        translations.seed(ctx)

    source = CoursePage.objects.get(slug=COURSE_SLUG, locale=Locale.get_default())
    english_lessons = LessonPage.objects.child_of(source).live().count()
    for code in ("zh-hans", "ru"):
        course = CoursePage.objects.get(slug=COURSE_SLUG, locale__language_code=code)
        assert course.live and course.title != source.title
        assert LessonPage.objects.child_of(course).live().count() == english_lessons
    assert not any("left in English" in line for line in lines)
    assert "translations: zh-hans: 7 pages (0 new)" in lines

    html = client.get(f"/zh-hans/courses/{COURSE_SLUG}/").content.decode()
    assert "知识产权信息服务与数据共享" in html and 'role="note"' not in html
    html = client.get(
        f"/ru/courses/{COURSE_SLUG}/searching-databases/"
    ).content.decode()
    assert "Международной патентной классификации (МПК)" in html

    # The translated course is found by words of its Chinese text.
    for query in ("专利", "数据", "知识产权", "PATENTSCOPE"):
        html = client.get("/zh-hans/search/", {"q": query}).content.decode()
        results = html[html.index("<ol>") : html.index("</ol>")]
        assert f'href="/zh-hans/courses/{COURSE_SLUG}/' in results, query


def test_every_string_has_both_translations():
    for english, chinese, russian in STRINGS:
        assert english and chinese and russian


def test_chinese_demo_text_reads_like_the_interface():
    """您 as in the interface, a space between Chinese and Latin text, and the
    brand in the one form the header shows."""
    han_latin = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]")
    for english, chinese, russian in STRINGS:
        assert "你" not in chinese, chinese
        assert not han_latin.search(chinese), chinese
        if english == "Silk Road IP Academy":
            assert chinese == russian == english
