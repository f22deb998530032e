import zoneinfo

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class PreferredLanguageMiddleware:
    """Send a visitor on an unprefixed (English) page to the URL of their language.

    English pages have no prefix (/courses/), the others do (/zh-hans/courses/), so
    LocaleMiddleware alone would always serve English there. Preference order: the
    logged-in user's saved language, the switcher's cookie, the browser's
    Accept-Language. Only GET/HEAD; pages outside i18n_patterns (verification,
    whose URLs are printed) are served in that language without a redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if translation.get_language_from_path(request.path_info):
            return self.get_response(request)
        preferred = self.preferred_language(request)
        if not preferred or preferred == settings.LANGUAGE_CODE:
            return self.get_response(request)
        current = request.get_full_path()
        target = translate_url(current, preferred)
        if target != current:
            if request.method not in ("GET", "HEAD"):
                return self.get_response(request)
            response = HttpResponseRedirect(target)
        else:
            # A language-neutral URL (/verify/, printed on certificates): serve
            # it in the preferred language at the same address.
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def preferred_language(request) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in SUPPORTED:
            return user.language
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in SUPPORTED:
            return cookie
        return translation.get_language_from_request(request, check_path=False)


class UserTimeZoneMiddleware:
    """Show times in the signed-in user's own time zone (UTC for visitors)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        tz_name = (
            getattr(user, "time_zone", "") if user and user.is_authenticated else ""
        )
        timezone.deactivate()
        if tz_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
