"""Search finds words of a page's body in each of the six interface languages."""

import pytest
from wagtail.search.backends import get_search_backend

from courses.search import search_needs_substring, search_normalise
from courses.selectors import page_search
from tests.courses.factories import CoursePageFactory, LessonPageFactory, translate_page

pytestmark = pytest.mark.django_db

BODIES = {
    "zh-hans": (
        "数据共享",
        "利用PATENTSCOPE和各国数据库检索专利信息，促进知识产权数据共享。",
    ),
    # Fully vocalised, as in teaching material.
    "ar": (
        "تبادل البيانات",
        "تُمْنَحُ البَرَاءَةُ مُقَابِلَ الكَشْفِ عَنِ الاخْتِرَاعِ، وَتُتَاحُ بَيَانَاتُهَا لِلْجَمِيعِ.",
    ),
    "ru": ("Обмен данными", "Поиск по уровню техники в национальных базах данных."),
    "fr": (
        "Partage de données",
        "Les offices partagent les résultats d’examen des brevets.",
    ),
    "es": (
        "Intercambio de datos",
        "Las oficinas comparten los resultados del examen de patentes.",
    ),
}


@pytest.fixture
def lesson():
    lesson = LessonPageFactory(
        parent=CoursePageFactory(title="Data sharing"),
        title="Sharing data",
        body=[("paragraph", "<p>Offices exchange zebrafish records.</p>")],
    )
    get_search_backend().add(lesson)
    for language, (title, text) in BODIES.items():
        translation = translate_page(
            lesson, language, title=title, body=[("paragraph", f"<p>{text}</p>")]
        )
        get_search_backend().add(translation)
    return lesson


@pytest.mark.parametrize(
    ("prefix", "query", "title"),
    [
        ("", "zebrafish", "Sharing data"),
        ("/zh-hans", "专利", "数据共享"),
        ("/zh-hans", "数据", "数据共享"),
        ("/zh-hans", "知识产权", "数据共享"),
        ("/zh-hans", "PATENTSCOPE", "数据共享"),
        ("/zh-hans", "专利 检索", "数据共享"),
        ("/ar", "البراءة", "تبادل البيانات"),  # typed without diacritics
        ("/ar", "البَرَاءَةُ", "تبادل البيانات"),  # typed with them
        ("/ar", "الاختراع", "تبادل البيانات"),
        ("/ru", "базах", "Обмен данными"),
        ("/fr", "brevets", "Partage de données"),
        ("/es", "patentes", "Intercambio de datos"),
    ],
)
def test_search_finds_a_word_of_the_translated_body(
    client, lesson, prefix, query, title
):
    html = client.get(f"{prefix}/search/", {"q": query}).content.decode()
    results = html[html.index("<ol>") : html.index("</ol>")]
    assert results.count("<li>") == 1
    assert f">{title}</a>" in results
    # Only the reader's language: not the English source, nor another translation.
    others = {t for t, _ in BODIES.values()} | {"Sharing data"}
    for other in others - {title}:
        assert f">{other}<" not in html


def test_a_word_that_is_not_there_finds_nothing(lesson):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert list(page_search(query="商标")) == []
    with translation.override("ar"):
        assert list(page_search(query="العلامة")) == []
    with translation.override("zh-hans"):
        # The English source's words are not searched in Chinese.
        assert list(page_search(query="zebrafish")) == []


def test_normalising_strips_arabic_marks_and_folds_width_and_case():
    assert search_normalise("البَرَاءَةُ") == "البراءة"
    assert search_normalise("كـــتاب") == "كتاب"  # tatweel
    assert search_normalise("ＰＡＴＥＮＴＳＣＯＰＥ") == "patentscope"
    assert search_needs_substring("专利") and search_needs_substring("براءة")
    assert not search_needs_substring("patent")


@pytest.mark.parametrize("query", ['"', '"zebrafish', "zebra*", "(zebrafish", "AND OR"])
def test_search_syntax_characters_are_read_as_text(client, lesson, query):
    # SQLite's full-text engine reads quotes, stars and brackets as syntax.
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    if "zebrafish" in query:
        assert ">Sharing data</a>" in html
