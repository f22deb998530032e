"""Coordinators of the offices taking part in a cohort approve its results (their
office then endorses every certificate), export and import offline-signed batches,
and withdraw their office's endorsement of a certificate.

Every view answers 404 unless the user coordinates an office taking part in the
cohort; actions for an office need a coordinator of that very office.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from certificates.exceptions import EndorsementError
from certificates.forms import (
    EndorsementApproveForm,
    EndorsementWithdrawForm,
    SignedBatchForm,
)
from certificates.models import CertificateEndorsement, CohortEndorsement
from certificates.selectors import (
    cohort_endorsement_overview,
    office_status_list_to_sign,
)
from certificates.services import (
    certificate_endorsement_withdraw,
    cohort_endorsement_approve,
    cohort_endorsement_export,
    cohort_endorsement_import,
    user_may_endorse_for,
)
from certificates.services.credentials import office_holds_own_key
from cohorts.models import Office
from cohorts.selectors.scoping import cohort_get_for_coordinator, user_leads_cohort

STATUS_LIST_TO_SIGN = gettext_lazy(
    "Your office's status list changed: export the batch, sign it and upload it, "
    "so that verifiers see the withdrawal."
)


def _cohort_and_office(request, slug, office_code):
    """The cohort and one of the user's offices taking part in it, or 404."""
    cohort = cohort_get_for_coordinator(request.user, slug=slug)
    office = Office.objects.filter(short_code=office_code).first()
    if office is None or not user_may_endorse_for(request.user, cohort, office):
        raise Http404
    return cohort, office


def _page(slug):
    return redirect("certificates:cohort_endorsements", slug=slug)


@login_required
@require_http_methods(["GET"])
def cohort_endorsements(request, slug):
    """The cohort's certificates and the co-signing offices' approvals."""
    cohort = cohort_get_for_coordinator(request.user, slug=slug)
    overview = cohort_endorsement_overview(cohort, request.user)
    if not overview["own_offices"] and not request.user.is_superuser:
        raise Http404
    for item in overview["offices"]:
        item["holds_key"] = office_holds_own_key(item["office"].short_code)
        if item["mine"] and item["approval"] is None:
            membership = item["office"].memberships.filter(user=request.user).first()
            item["form"] = EndorsementApproveForm(
                initial={
                    "signatory_name": request.user.get_full_name(),
                    "signatory_title": membership.title if membership else "",
                },
                prefix=item["office"].short_code,
            )
        if item["mine"] and item["holds_key"]:
            item["import_form"] = SignedBatchForm()
            item["status_list_to_sign"] = office_status_list_to_sign(item["office"])
    signing = any(
        o["approval"] and o["approval"].status == CohortEndorsement.Status.SIGNING
        for o in overview["offices"]
    )
    return render(
        request,
        "certificates/endorsements.html",
        {
            "cohort": cohort,
            "is_lead": user_leads_cohort(request.user, cohort),
            "signing": signing,
            **overview,
        },
    )


@login_required
@require_POST
def cohort_endorsement_approve_view(request, slug, office_code):
    """An office approves the cohort's results; signing starts in the background."""
    cohort, office = _cohort_and_office(request, slug, office_code)
    form = EndorsementApproveForm(request.POST, prefix=office.short_code)
    if not form.is_valid():
        messages.error(request, _("Give the signatory's name."))
        return _page(slug)
    try:
        approval = cohort_endorsement_approve(
            cohort=cohort, office=office, by=request.user, **form.cleaned_data
        )
    except EndorsementError as exc:
        messages.error(request, exc.message)
    else:
        if approval.status == CohortEndorsement.Status.AWAITING:
            messages.success(
                request,
                _(
                    "Approved. %(office)s keeps its own key: export the batch, sign "
                    "it with the offline tool and upload the signed file."
                )
                % {"office": office.name},
            )
        else:
            messages.success(
                request,
                _("Approved. %(office)s is signing the certificates.")
                % {"office": office.name},
            )
    return _page(slug)


def _approval_or_404(cohort, office) -> CohortEndorsement:
    return get_object_or_404(CohortEndorsement, cohort=cohort, office=office)


@login_required
@require_POST
def cohort_endorsement_export_view(request, slug, office_code):
    """The unsigned endorsements of the office's batch, as one JSON file."""
    cohort, office = _cohort_and_office(request, slug, office_code)
    batch = cohort_endorsement_export(approval=_approval_or_404(cohort, office))
    response = HttpResponse(
        json.dumps(batch, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"{cohort.slug}-{office.short_code}-endorsements.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def cohort_endorsement_import_view(request, slug, office_code):
    """Check an offline-signed batch and store it, all or nothing."""
    cohort, office = _cohort_and_office(request, slug, office_code)
    approval = _approval_or_404(cohort, office)
    form = SignedBatchForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("signed", []):
            messages.error(request, error)
        return _page(slug)
    try:
        stored = cohort_endorsement_import(
            approval=approval, signed=form.cleaned_data["signed"], by=request.user
        )
    except EndorsementError as exc:
        messages.error(request, exc.message)
        for error in exc.extra.get("errors", [])[:20]:
            messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(count)s signed endorsements stored.") % {"count": stored},
        )
    return _page(slug)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_endorsement_withdraw_view(request, slug, office_code, code):
    """The office withdraws its endorsement of one certificate, with a reason."""
    cohort, office = _cohort_and_office(request, slug, office_code)
    endorsement = get_object_or_404(
        CertificateEndorsement.objects.select_related("certificate"),
        certificate__cohort=cohort,
        certificate__code=code,
        office=office,
        signed_at__isnull=False,
    )
    form = EndorsementWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_endorsement_withdraw(
                endorsement=endorsement,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except (EndorsementError, ValidationError) as exc:
            messages.error(
                request, getattr(exc, "message", None) or "; ".join(exc.messages)
            )
        else:
            messages.success(
                request,
                _("%(office)s no longer endorses %(code)s.")
                % {"office": office.name, "code": code},
            )
            if office_status_list_to_sign(office):
                messages.warning(request, STATUS_LIST_TO_SIGN)
            return _page(slug)
    return render(
        request,
        "certificates/endorsement_withdraw.html",
        {"cohort": cohort, "office": office, "endorsement": endorsement, "form": form},
    )
