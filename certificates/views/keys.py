"""Wagtail admin: platform admins see each office's signing key and register the
public key of an office that keeps its private key itself."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.permissions import is_platform_admin
from certificates.forms import OfficePublicKeyForm
from cohorts.models import Office


def can_manage_office_keys(user) -> bool:
    return is_platform_admin(user)


def _require(request):
    if not can_manage_office_keys(request.user):
        raise PermissionDenied


def office_keys(request):
    """Every office with its current key and who holds the private key."""
    from certificates.credentials.keys import office_controller, public_keys_list

    _require(request)
    rows = []
    for office in Office.objects.order_by("name"):
        keys = public_keys_list(office_controller(office.short_code))
        current = next((k for k in reversed(keys) if not k.retired), None)
        rows.append(
            {"office": office, "current": current, "retired": len(keys) - bool(current)}
        )
    title = _("Office signing keys")
    return TemplateResponse(
        request,
        "certificates/admin/office_keys.html",
        {"rows": rows, "page_title": title, "header_title": title},
    )


def office_key_register(request, code):
    """Register an office's public key (validated); its earlier keys are retired."""
    from certificates.services import office_public_key_register

    _require(request)
    office = get_object_or_404(Office, short_code=code)
    form = OfficePublicKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = office_public_key_register(
            office=office, public_key=form.cleaned_data["public_key"], by=request.user
        )
        messages.success(
            request,
            _("%(office)s now signs with its own key %(key)s.")
            % {"office": office.name, "key": key.key_id},
        )
        return redirect("certificates_office_keys")
    title = _("Register the public key of %(office)s") % {"office": office.name}
    return TemplateResponse(
        request,
        "certificates/admin/office_key_register.html",
        {"office": office, "form": form, "page_title": title, "header_title": title},
    )
