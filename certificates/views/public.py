"""Public verification: anyone may check a certificate, by code, page, API or credential."""

import hashlib
import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from certificates.codes import code_normalise
from certificates.forms import PdfCheckForm, VerifyForm
from certificates.models import StatusList
from certificates.ratelimits import lookup_retry_after
from certificates.selectors import (
    achievement_get_public,
    certificate_credential_get,
    certificate_endorsement_rows,
    certificate_get_public,
    certificate_replacement_get,
)


def too_many_requests(request, retry_after: int):
    response = render(
        request,
        "certificates/too_many_requests.html",
        {"retry_after": retry_after},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@require_GET
def verify_form(request):
    """The code form; a submitted code goes to its canonical verification URL."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        normalised = code_normalise(code)
        if normalised:
            return redirect("certificates:verify_code", code=normalised)
        # Not a code at all: the not-found page says so (see verify_code).
        return verify_code(request, code=code.strip()[:64])
    return render(request, "certificates/verify_form.html", {"form": form})


# The PDF check only compares a hash and changes nothing, so it needs no CSRF
# token, and without one the page sets no cookie and can be cached.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify_code(request, code):
    """Status and public record of one certificate; POST checks an uploaded PDF.

    One database query per request, for unknown and malformed codes too.
    """
    retry_after = lookup_retry_after(request)
    if retry_after:
        return too_many_requests(request, retry_after)
    certificate = certificate_get_public(code)
    if certificate is None:
        # The shape of a code is public; saying that a typed value cannot be a
        # code tells nothing about which codes exist.
        response = render(
            request,
            "certificates/verify_not_found.html",
            {
                "code": code,
                "malformed": code_normalise(code) is None,
                "form": VerifyForm(initial={"code": code}),
            },
            status=404,
        )
        response.redirects_exempt = True
        return response
    pdf_form = PdfCheckForm()
    pdf_match = None
    if request.method == "POST":
        pdf_form = PdfCheckForm(request.POST, request.FILES)
        if pdf_form.is_valid():
            digest = hashlib.sha256()
            for chunk in pdf_form.cleaned_data["pdf"].chunks():
                digest.update(chunk)
            pdf_match = bool(certificate.pdf_sha256) and (
                digest.hexdigest() == certificate.pdf_sha256
            )
            if not pdf_match and digest.hexdigest() in certificate.pdf_sha256_earlier:
                pdf_match = "earlier"
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "pdf_form": pdf_form,
            "pdf_match": pdf_match,
            "cosigners": certificate_endorsement_rows(certificate),
        },
    )


def _credential_or_404(request, code):
    credential = certificate_credential_get(code)
    if not credential:
        raise Http404
    return credential


@require_GET
def credential_json(request, code):
    """The signed Open Badges 3.0 credential, public (JSON-LD)."""
    retry_after = lookup_retry_after(request)
    if retry_after:
        return too_many_requests(request, retry_after)
    return _credential_response(_credential_or_404(request, code))


def _credential_response(credential: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(credential, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def credential_refresh(request, code):
    """The credential's OB 3.0 refreshService: the live credential for this code,
    i.e. the corrected one when it was superseded, else the credential itself
    (whose status tells a revocation)."""
    retry_after = lookup_retry_after(request)
    if retry_after:
        return too_many_requests(request, retry_after)
    certificate = certificate_get_public(code)
    if certificate is None or not certificate.credential:
        raise Http404
    current = certificate_replacement_get(certificate) or certificate
    return _credential_response(current.credential)


@require_GET
def credential_jwt(request, code):
    """The same credential as an Open Badges 3.0 JWT (ES256)."""
    from certificates.services.credentials import credential_jwt_encode

    retry_after = lookup_retry_after(request)
    if retry_after:
        return too_many_requests(request, retry_after)
    credential = _credential_or_404(request, code)
    response = HttpResponse(
        credential_jwt_encode(credential), content_type="application/jwt"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, no_cache=True)
def status_list(request, slug):
    """The signed BitstringStatusListCredential; republished at once on revocation.

    Caches must revalidate, so a revocation is visible to verifiers immediately.
    """
    document = get_object_or_404(
        StatusList.objects.only("credential"), slug=slug
    ).credential
    if not document:
        raise Http404
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def achievement(request, cohort_id):
    """The public page behind a credential's achievement id: what the
    certificate attests, in the reader's language (or ?lang=, as the
    credential's translated `related` entries link it)."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        achievement = achievement_get_public(cohort_id)
        if achievement is None:
            raise Http404
        return render(request, "certificates/achievement.html", achievement)
