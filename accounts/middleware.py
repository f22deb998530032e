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
    Accept-Language. Only GET/HEAD are redirected. Language-neutral URLs outside i18n_patterns
    (verification pages, whose addresses are printed in QR codes) are not
    redirected but rendered in the preferred language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not translation.get_language_from_path(request.path_info):
            preferred = self.preferred_language(request)
            if preferred and preferred != settings.LANGUAGE_CODE:
                current = request.get_full_path()
                target = translate_url(current, preferred)
                if target == current:
                    # A language-neutral URL (/verify/…, printed on certificates)
                    # has no per-language address: same URL, reader's language.
                    return self._respond_in(request, preferred)
                if request.method in ("GET", "HEAD"):
                    response = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        return self.get_response(request)

    def _respond_in(self, request, language):
        translation.activate(language)
        request.LANGUAGE_CODE = language
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
