"""Project-wide middleware: response headers Django has no setting for, redirects,
and requests no view should see."""

from django.conf import settings
from django.core.exceptions import BadRequest
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
