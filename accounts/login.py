"""The one way in: every log-in URL of Wagtail and Django hands over to allauth.

Wagtail's /admin/login/ and /_util/login/ and the Django admin's login are
password-only forms: they would skip two-factor authentication, allauth's login
throttling and the verified-email rule. They only ever redirect to allauth's
login, keeping where the visitor was going.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` parameter if it stays on this site, else `default`."""
    # A password form POSTs its `next` as a hidden field.
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return default


def to_allauth_login(
    request: HttpRequest, *, default_next: str
) -> HttpResponseRedirect:
    """Redirect to allauth's login, carrying `next` (or `default_next`) along."""
    return redirect_to_login(
        safe_next_url(request, default_next), login_url="account_login"
    )


@never_cache
def wagtail_admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """/admin/login/: Wagtail sends here visitors without admin access.

    Logged-in users without admin access go to the home page (Wagtail has already
    queued its "no permission" message): sending them to allauth's login would
    bounce them straight back to the admin, for ever.
    """
    if request.user.is_authenticated:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect(safe_next_url(request, "wagtailadmin_home"))
        return redirect("/")
    return to_allauth_login(request, default_next=reverse("wagtailadmin_home"))


@never_cache
def wagtail_frontend_login(request: HttpRequest) -> HttpResponseRedirect:
    """/_util/login/: Wagtail sends here visitors of a page restricted to log-in.

    A logged-in visitor lands here only when a group restriction refuses them;
    allauth would bounce them back to the page, so they are refused instead.
    """
    if request.user.is_authenticated:
        raise PermissionDenied
    return to_allauth_login(request, default_next="/")
