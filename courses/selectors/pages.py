"""Site search, the page-body cache and page translations."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from courses.localization import in_active_locale, source_page
from courses.models import CoursePage, JurisdictionPage, LessonPage

# Pages read for the substring search (courses.search); beyond that, the
# full-text results alone.
SUBSTRING_SEARCH_LIMIT = 2000


def page_search(*, query: str):
    """Live courses, lessons and jurisdictions matching `query`, in the active
    language (source-language pages where not translated).

    The full-text results first; for Chinese, Japanese, Korean or Arabic
    queries, and for any query the full-text search finds nothing for, then the
    pages whose indexed text contains every term (courses.search).
    """
    from courses.search import (
        search_matches,
        search_needs_substring,
        search_terms,
        search_words,
    )

    pages = in_active_locale(
        Page.objects.live().public().type(CoursePage, LessonPage, JurisdictionPage)
    )
    words = search_words(query)
    found = pages.specific(defer=True).search(words) if words else pages.none()
    if not search_needs_substring(query) and found.count():
        return found
    terms = search_terms(query)
    results = list(found)
    seen = {page.pk for page in results}
    candidates = pages.exclude(pk__in=seen).order_by("path").specific()
    results += [
        page
        for page in candidates[:SUBSTRING_SEARCH_LIMIT]
        if search_matches(page, terms)
    ]
    return results


@dataclass(frozen=True)
class PageCache:
    """How templates cache a page body: vary on `key`, keep it `timeout` seconds."""

    key: int
    timeout: int


def page_cache_get(*, request, same_for_everyone: bool = False) -> PageCache | None:
    """Fragment-cache parameters for this request, or None to render afresh.

    Only GETs without a query string of published pages (not previews) are
    served from the cache, and only to anonymous visitors, who all see the same
    page; a fragment that shows the same to every reader (no progress, no
    form, no personal detail: `same_for_everyone`) to logged-in readers too.
    One cache read.
    """
    from django.conf import settings

    if (
        not settings.COURSES_PAGE_CACHE
        or request.method != "GET"
        or request.GET
        or getattr(request, "is_preview", False)
        or (request.user.is_authenticated and not same_for_everyone)
    ):
        return None
    return PageCache(
        key=page_cache_generation(), timeout=settings.COURSES_PAGE_CACHE_SECONDS
    )


def page_cache_generation() -> int:
    """The current generation of anonymous page caches (fragments and whole
    responses): part of every key, so courses.services.page_cache_bump makes all
    of them unreachable at once. One cache read."""
    import time

    from django.core.cache import cache

    from courses.services import PAGE_CACHE_GENERATION_KEY

    return cache.get_or_set(PAGE_CACHE_GENERATION_KEY, time.time_ns, None)


def page_cache_entry_get(key: str) -> tuple[object | None, int]:
    """A value kept by courses.services.page_cache_entry_set, with the current
    page-cache generation: ``(value, generation)``, or ``(None, generation)``
    when there is none or it was kept before the last page_cache_bump.

    One cache round trip: the generation is read with the entry (a second one
    only when the generation itself is missing). Read it before the data the
    value is built from, and pass that generation to page_cache_entry_set: a
    bump in between then makes the stored value stale at once.
    """
    from django.core.cache import cache

    from courses.services import PAGE_CACHE_GENERATION_KEY

    found = cache.get_many([PAGE_CACHE_GENERATION_KEY, key])
    generation = found.get(PAGE_CACHE_GENERATION_KEY)
    if generation is None:
        return None, page_cache_generation()
    entry = found.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == generation:
        return entry[1], generation
    return None, generation


def page_title_in_language(*, page, language_code: str) -> str:
    """The title of `page`'s live translation into `language_code`, or ""."""
    translation = (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=language_code,
        )
        .live()
        .only("title")
        .first()
    )
    return translation.title if translation else ""


def page_in_source_language(*, page):
    """The source-language page `page` translates (itself for a source page).

    Cohorts, progress and certificates refer to source pages; a translated
    course page uses this to find its cohorts.
    """
    return source_page(page)
