"""Wagtail admin: office signing keys. Platform admins see every office and
register the public key of an office that keeps its private key; an office's
coordinators see their own offices. Both withdraw a compromised key and make the
files an office hosts on its own domain (its did.json, its DID Configuration)."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.permissions import is_platform_admin
from certificates.forms import (
    KeyWithdrawForm,
    OfficeDomainForm,
    OfficeLinkedInForm,
    OfficeOwnDidForm,
    OfficePublicKeyForm,
)
from certificates.models import OfficeCredentialSettings
from cohorts.models import Office
from cohorts.selectors.scoping import office_ids_for_user
from training.exceptions import ApplicationError


def can_manage_office_keys(user) -> bool:
    """Who sees the menu item and the list: platform admins and coordinators."""
    return is_platform_admin(user) or bool(office_ids_for_user(user))


def _require(request):
    if not is_platform_admin(request.user):
        raise PermissionDenied


def _office_for(request, code) -> Office:
    """The office of ``code`` if the user manages its keys; 403 otherwise."""
    from certificates.services.keys import user_may_manage_office_keys

    office = get_object_or_404(Office, short_code=code)
    if not user_may_manage_office_keys(request.user, office):
        raise PermissionDenied
    return office


def office_keys(request):
    """Every office the user manages, with its current key and who holds it."""
    from certificates.credentials.keys import office_controller, public_keys_list

    if not can_manage_office_keys(request.user):
        raise PermissionDenied
    offices = Office.objects.order_by("name")
    if not is_platform_admin(request.user):
        offices = offices.filter(pk__in=office_ids_for_user(request.user))
    rows = []
    for office in offices:
        keys = public_keys_list(office_controller(office.short_code))
        current = next((k for k in reversed(keys) if not k.retired), None)
        rows.append(
            {
                "office": office,
                "current": current,
                "retired": len(keys) - bool(current),
                "withdrawn": sum(1 for k in keys if k.withdrawn_on),
            }
        )
    title = _("Office signing keys")
    return TemplateResponse(
        request,
        "certificates/admin/office_keys.html",
        {
            "rows": rows,
            "is_platform_admin": is_platform_admin(request.user),
            "page_title": title,
            "header_title": title,
        },
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


def office_key_detail(request, code):
    """One office's keys (current, retired, withdrawn) and its identity on its own
    domain; platform admins also set that domain and its LinkedIn page."""
    from certificates.credentials.did import default_controller_did, did_web_url
    from certificates.credentials.keys import (
        controller_own_did,
        office_controller,
        public_keys_list,
    )
    from certificates.services.keys import (
        office_credential_settings_update,
        office_own_did_set,
    )

    office = _office_for(request, code)
    controller = office_controller(office.short_code)
    admin = is_platform_admin(request.user)
    own_did = controller_own_did(controller)
    row = OfficeCredentialSettings.objects.filter(office=office).first()
    did_form = OfficeOwnDidForm(
        request.POST if "save_did" in request.POST else None,
        initial={"host": own_did.removeprefix("did:web:") if own_did else ""},
    )
    linkedin_form = OfficeLinkedInForm(
        request.POST if "save_linkedin" in request.POST else None, instance=row
    )
    if request.method == "POST" and admin:
        try:
            if "save_did" in request.POST and did_form.is_valid():
                did = office_own_did_set(
                    office=office, host=did_form.cleaned_data["host"], by=request.user
                )
                messages.success(
                    request,
                    _("%(office)s now signs as %(did)s.")
                    % {"office": office.name, "did": did},
                )
                return redirect("certificates_office_key_detail", code=code)
            if "save_linkedin" in request.POST and linkedin_form.is_valid():
                office_credential_settings_update(
                    office=office,
                    linkedin_organization_id=linkedin_form.cleaned_data[
                        "linkedin_organization_id"
                    ],
                    by=request.user,
                )
                messages.success(request, _("The LinkedIn page was saved."))
                return redirect("certificates_office_key_detail", code=code)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    elif request.method == "POST":
        raise PermissionDenied
    title = _("Signing keys of %(office)s") % {"office": office.name}
    return TemplateResponse(
        request,
        "certificates/admin/office_key_detail.html",
        {
            "office": office,
            "keys": list(reversed(public_keys_list(controller))),
            "own_did": own_did,
            "own_did_url": did_web_url(own_did) if own_did else "",
            "hosted_did": default_controller_did(controller),
            "is_platform_admin": admin,
            "did_form": did_form,
            "linkedin_form": linkedin_form,
            "domain_form": OfficeDomainForm(),
            "page_title": title,
            "header_title": title,
        },
    )


def office_key_withdraw(request, code, fragment):
    """Confirm and withdraw one key of an office from a day on, with a reason."""
    from certificates.credentials.keys import office_controller, public_keys_list
    from certificates.services.keys import office_key_withdraw as withdraw

    office = _office_for(request, code)
    key = next(
        (
            k
            for k in public_keys_list(office_controller(office.short_code))
            if k.fragment == fragment
        ),
        None,
    )
    if key is None:
        messages.error(request, _("This office has no such key."))
        return redirect("certificates_office_key_detail", code=code)
    form = KeyWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw(
                office=office,
                fragment=fragment,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field, error)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("certificates_office_key_detail", code=code)
        else:
            messages.success(
                request,
                _(
                    "The key is withdrawn from %(date)s: what it signed from that "
                    "day on no longer verifies."
                )
                % {"date": form.cleaned_data["on"].isoformat()},
            )
            return redirect("certificates_office_key_detail", code=code)
    title = _("Withdraw a signing key of %(office)s") % {"office": office.name}
    return TemplateResponse(
        request,
        "certificates/admin/office_key_withdraw.html",
        {
            "office": office,
            "key": key,
            "form": form,
            "page_title": title,
            "header_title": title,
        },
    )


def _json_download(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, indent=2) + "\n", content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def office_own_did_document(request, code):
    """The did.json the office hosts at https://<its host>/.well-known/did.json."""
    from certificates.credentials.did import did_document
    from certificates.credentials.keys import controller_own_did, office_controller

    office = _office_for(request, code)
    controller = office_controller(office.short_code)
    if not controller_own_did(controller):
        messages.error(request, _("This office uses the DID the platform hosts."))
        return redirect("certificates_office_key_detail", code=code)
    return _json_download(did_document(controller), "did.json")


def office_did_configuration(request, code):
    """The did-configuration.json the office hosts on the domain it names."""
    from certificates.services.keys import office_did_configuration as build

    office = _office_for(request, code)
    form = OfficeDomainForm(request.GET or None)
    if form.is_valid():
        try:
            document = build(
                office=office, host=form.cleaned_data["host"], by=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            return _json_download(document, "did-configuration.json")
    else:
        for error in form.errors.get("host", []):
            messages.error(request, error)
    return redirect("certificates_office_key_detail", code=code)
