"""Search words in scripts the full-text backends do not split into words.

Wagtail's database backend (SQLite FTS5, PostgreSQL tsvector) finds words
between spaces and punctuation. Chinese and Japanese have no spaces, so a whole
clause is one "word" and 专利 inside 专利信息 is never found; a Latin name written
into Chinese text (利用PATENTSCOPE和…) is lost the same way. Arabic text may
carry diacritics (tashkeel) that the reader does not type, and the tokenizers
treat them as separators or as part of the word. For such queries the pages
are matched by substring on a normalised copy of the text Wagtail indexes
(the models' `search_fields`). Pure functions, no ORM.
"""

import re
import unicodedata

from django.utils.html import strip_tags
from wagtail.search import index

# Han, kana, Hangul (and their compatibility blocks): written without spaces.
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
# Tashkeel (fathatan … sukun), superscript alef, and tatweel (kashida).
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def search_normalise(text: str) -> str:
    """`text` for comparison: NFKC (full-width Latin → ASCII), no Arabic
    diacritics or tatweel, case-folded, runs of white space as one space."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).casefold()
    return " ".join(text.split())


def search_needs_substring(query: str) -> bool:
    """True when `query` has Chinese/Japanese/Korean or Arabic characters."""
    return bool(_UNSPACED.search(query) or _ARABIC.search(query))


def search_words(query: str) -> str:
    """Only the words of `query`, for the full-text engine: SQLite FTS5 reads
    quotes, brackets and stars as its own syntax and fails on them."""
    return " ".join(re.findall(r"\w+", query))


def search_terms(query: str) -> list[str]:
    """The normalised terms of `query`; a page must contain every one."""
    return search_normalise(query).split()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return strip_tags(str(value))


def search_text(obj) -> str:
    """The normalised text of the `SearchField`s of `obj`, as Wagtail indexes it."""
    parts = [
        _text(field.get_value(obj))
        for field in obj.get_search_fields()
        if isinstance(field, index.SearchField)
    ]
    return search_normalise(" ".join(parts))


def search_matches(obj, terms: list[str]) -> bool:
    """True when every term occurs somewhere in the indexed text of `obj`."""
    text = search_text(obj)
    return bool(terms) and all(term in text for term in terms)
