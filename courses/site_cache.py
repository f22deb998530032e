"""Sites, their root pages and locales, page routes, the pages with view
restrictions and course outlines, kept per process.

Wagtail looks up the Site by host name, the active Locale by language code and
the (localized, specific) root page on every page request: three queries before
any content, most of a cached-out lesson page's time. They change rarely, so
each process keeps them until the page-cache generation
(courses.selectors.page_cache_generation, shared by every node through the
cache) moves on: saving or deleting a Site or Locale and publishing,
unpublishing or moving a page bump it, and clear this process's copy at once.
Checked once per request (one cache read, which the page cache makes anyway).

Routes and outlines are kept too (every logged-in lesson page needs both, and
a lesson's route, its view restrictions and its course's outline change only
with the events above; saving or deleting a view restriction bumps the
generation as well).

Callers get copies, never the kept instances, so nothing a request sets on a
page or site leaks into another request.
"""

from __future__ import annotations

import copy
import threading

from django.core.signals import request_finished, request_started
from django.utils import translation

MAX_HOSTS = 64
MAX_ROUTES = 4096  # paths are the client's: bounded, emptied when full
MAX_OUTLINES = 1024
_EMPTY = {
    "generation": None,
    "locales": None,
    "sites": {},
    "roots": {},
    "routes": {},
    "restricted": None,
    "outlines": {},
}
_state: dict = dict(_EMPTY)
_checked = threading.local()


def site_cache_clear(**_kwargs) -> None:
    """Forget everything kept in this process (other processes follow the
    generation)."""
    _state.update(
        {
            key: (value.copy() if isinstance(value, dict) else value)
            for key, value in _EMPTY.items()
        }
    )


def _request_started(**_kwargs) -> None:
    _checked.done = False


def _request_finished(**_kwargs) -> None:
    _checked.done = None


request_started.connect(_request_started, dispatch_uid="courses_site_cache_started")
request_finished.connect(_request_finished, dispatch_uid="courses_site_cache_finished")


def _fresh() -> dict:
    """The kept state, emptied first when the generation moved on (checked once
    per request; every time outside one)."""
    if getattr(_checked, "done", None) is True:
        return _state
    from courses.selectors import page_cache_generation

    generation = page_cache_generation()
    if _state["generation"] != generation:
        site_cache_clear()
        _state["generation"] = generation
    if getattr(_checked, "done", None) is False:
        _checked.done = True
    return _state


def locales() -> dict:
    """{language_code: Locale} of every locale. One query when not kept."""
    from wagtail.models import Locale

    state = _fresh()
    if state["locales"] is None:
        state["locales"] = {loc.language_code: loc for loc in Locale.objects.all()}
    return state["locales"]


def locale_for_language(language_code: str):
    """A copy of the Locale of `language_code`'s content language, or the
    default one; as wagtail's Locale.get_active() but without a query."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    kept = locales()
    try:
        code = get_supported_content_language_variant(
            language_code or settings.LANGUAGE_CODE
        )
    except LookupError:
        code = None
    found = kept.get(code) or kept.get(
        get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if found is None:
        raise Locale.DoesNotExist
    return _copy(found)


def site_for_request(request):
    """A copy of the request's Site (as Site.find_for_request finds it) whose
    root page is the specific root in the active language, as Wagtail routes
    from it; None when no site matches."""
    from django.http.request import split_domain_port
    from wagtail.models.sites import Site, get_site_for_hostname

    state = _fresh()
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = (hostname, port)
    if key not in state["sites"]:
        if len(state["sites"]) >= MAX_HOSTS:  # Host headers are the client's
            state["sites"].clear()
        try:
            state["sites"][key] = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            state["sites"][key] = None
    site = state["sites"][key]
    if site is None:
        return None
    language = translation.get_language()
    root_key = (site.pk, language)
    if root_key not in state["roots"]:
        state["roots"][root_key] = site.root_page.localized.specific
    site = _copy(site)
    site._state.fields_cache = {"root_page": _copy(state["roots"][root_key])}
    return site


def _copy(instance):
    """A copy of a model instance that shares no cached related objects."""
    duplicate = copy.copy(instance)
    duplicate._state = copy.copy(instance._state)
    duplicate._state.fields_cache = dict(instance._state.fields_cache)
    return duplicate


def locale_get_active(cls):
    """Locale.get_active, from the kept locales (installed in CoursesConfig.ready)."""
    return locale_for_language(translation.get_language())


def _keeps_content() -> bool:
    """Routes, restricted pages and outlines are kept only where every process
    sees the generation move when they change (SITE_CACHE_KEEP_CONTENT: on with
    a shared cache). Each process of `gunicorn --workers 2` without Redis has
    a cache of its own and would never learn that a page became private."""
    from django.conf import settings

    return settings.SITE_CACHE_KEEP_CONTENT


def route_pages(key, load) -> list:
    """Copies of the pages `load()` finds for a route `key` (hashable), kept."""
    if not _keeps_content():
        return load()
    state = _fresh()
    routes = state["routes"]
    if key not in routes:
        if len(routes) >= MAX_ROUTES:
            routes.clear()
        routes[key] = load()
    return [_copy(page) for page in routes[key]]


def restricted_page_ids() -> frozenset | None:
    """Ids of the pages that carry a view restriction. One query when not kept;
    None where they are not kept at all (ask the database)."""
    from wagtail.models import PageViewRestriction

    if not _keeps_content():
        return None
    state = _fresh()
    if state["restricted"] is None:
        state["restricted"] = frozenset(
            PageViewRestriction.objects.values_list("page_id", flat=True)
        )
    return state["restricted"]


def course_outline(course, load):
    """`course`'s outline as `load()` builds it, kept per course; the pages in
    it are shared read-only, the course is the caller's."""
    import dataclasses

    if not _keeps_content():
        return load()
    state = _fresh()
    outlines = state["outlines"]
    key = course.pk
    if key not in outlines:
        if len(outlines) >= MAX_OUTLINES:
            outlines.clear()
        outlines[key] = load()
    return dataclasses.replace(outlines[key], course=course)
