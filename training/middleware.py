"""Project-wide response headers that Django has no setting for."""

from django.conf import settings


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
