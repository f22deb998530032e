"""Project-wide middleware: response headers Django has no setting for, redirects,
and requests no view should see."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from wagtail.contrib.redirects.middleware import (
    RedirectMiddleware as WagtailRedirectMiddleware,
)


class RejectNulMiddleware:
    """Answer 400 to a request whose path or query string holds a NUL byte.

    `<str:…>` converters and GET parameters pass "\x00" through, and PostgreSQL
    refuses NUL in text, so one such lookup was a 500. No URL of ours has a use
    for NUL; form fields already refuse it in bodies. First in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest("NUL byte in the URL.")
        return self.get_response(request)


def _permissions_policy(policy: dict[str, list[str]]) -> str:
    """Serialise {"camera": [], "fullscreen": ["self"]} as the header value."""
    parts = []
    for feature, origins in policy.items():
        allow = " ".join(
            origin if origin in ("self", "*") else f'"{origin}"' for origin in origins
        )
        parts.append(f"{feature}=({allow})")
    return ", ".join(parts)


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` from settings.PERMISSIONS_POLICY on every response.

    A view may set its own header; it is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = _permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects, except for 404s that are a definitive answer.

    A view sets `response.redirects_exempt = True` on a 404 that no redirect may
    replace (an unknown certificate code); that also spares the two lookups.
    """

    def process_response(self, request, response):
        if getattr(response, "redirects_exempt", False):
            return response
        return super().process_response(request, response)


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class SessionlessVisitorMiddleware:
    """A request without a session cookie is anonymous: say so without reading
    the (empty) session. Reading it would add `Vary: Cookie` to the response
    (SessionMiddleware), and then no cache could keep the page. After
    AuthenticationMiddleware; logging in during the request replaces the user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _has_session(request):
            request.user = AnonymousUser()
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Whole responses of public pages for visitors without a session.

    Pages whose URL name is in settings.PAGE_CACHE_VIEWS, fetched with GET by a
    visitor who has no session (and no pending messages), are kept in the default
    cache per host, full path and negotiated language, and marked
    `Cache-Control: public, max-age, s-maxage` for browsers and CDNs. A response
    is kept only if it is a 200 that sets no cookie, touched no session, asked
    for no CSRF token and shows no message. Responses to a visitor with a session
    (logged in) are `Cache-Control: private` and never read from or written to
    this cache.

    Invalidation: the key holds the page-cache generation
    (courses.selectors.page_cache_generation), bumped on commit whenever pages
    are published, unpublished, moved, deleted or translated, cohorts or
    enrolments change (seats), and certificates or endorsements change. One
    counter rather than per-URL deletes because a change shows on many pages
    (menus, outlines, catalogue cards, comparisons, both language forms of a
    verification page), and it works the same for every node sharing Redis;
    old entries simply expire. `X-Cache: hit|miss` tells which one answered.
    After LocaleMiddleware and PreferredLanguageMiddleware (the language is
    known), last before the views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        if not self._may_serve(request):
            return self.get_response(request)
        key = self._key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._may_store(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_MAX_AGE,
                s_maxage=settings.PAGE_CACHE_S_MAXAGE,
            )
            response["X-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _may_serve(request) -> bool:
        return (
            settings.COURSES_PAGE_CACHE
            and request.method == "GET"
            and CookieStorage.cookie_name not in request.COOKIES
        )

    @staticmethod
    def _key(request) -> str:
        from courses.selectors import page_cache_generation

        url = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()
        language = translation.get_language()
        # Per day too: a certificate turns "expired" at midnight, with no
        # change to invalidate on.
        day = timezone.localdate().isoformat()
        return f"page:{page_cache_generation()}:{day}:{language}:{digest}"

    @staticmethod
    def _may_store(request, response) -> bool:
        match = request.resolver_match
        session = getattr(request, "session", None)
        messages = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and match is not None
            and match.view_name in settings.PAGE_CACHE_VIEWS
            and not getattr(request, "is_preview", False)
            and not (session is not None and (session.accessed or session.modified))
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (messages is not None and len(messages))
            and not _uncacheable(response)
        )


class SiteCacheMiddleware:
    """Hand Wagtail the request's Site, with its root page in the active
    language, from the per-process copy (courses.site_cache) before a page is
    routed: Site.find_for_request and Page.route_for_request then make no query
    for them. Only for Wagtail's page view; after the language is known.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name == "wagtail_serve":
            from courses.site_cache import site_for_request

            request._wagtail_site = site_for_request(request)


def _uncacheable(response) -> bool:
    directives = response.get("Cache-Control", "").lower()
    return any(word in directives for word in ("private", "no-store", "no-cache"))
