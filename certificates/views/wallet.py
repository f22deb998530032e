"""Wallet pickup: the holder's page with both offers, and the public endpoints
wallets call (VC-API exchange, OpenID4VCI metadata, token, nonce, credential).

The endpoints answer JSON only, never a page: errors are
``{"error": <code>, "error_description": <text>}`` with the protocol's status.
"""

import functools
import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from certificates.codes import code_normalise
from certificates.exceptions import WalletError
from certificates.models import Certificate
from certificates.pdf import qr_svg
from certificates.ratelimits import wallet_retry_after
from certificates.services import wallet as services

from .badges import holder_only_refused


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response


def _error(error: WalletError) -> JsonResponse:
    response = _json(
        {"error": error.code, "error_description": str(error.message)}, error.status
    )
    if error.status == 401:
        response["WWW-Authenticate"] = f'Bearer error="{error.code}"'
    return response


def _wallet_endpoint(view):
    """Rate-limited, CSRF-exempt (wallets hold no cookie), WalletError → JSON."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        wait = wallet_retry_after(request)
        if wait:
            response = _json(
                {"error": "slow_down", "error_description": "Too many requests."},
                429,
            )
            response["Retry-After"] = str(wait)
            return response
        try:
            return view(request, *args, **kwargs)
        except WalletError as error:
            return _error(error)

    return wrapped


def _json_body(request):
    try:
        return json.loads(request.body or b"{}")
    except (ValueError, RecursionError) as exc:
        raise WalletError("The request body is not JSON.") from exc


@login_required
@require_POST
def wallet_pickup(request, code):
    """The holder's "Add to a wallet" page: a fresh VC-API exchange and
    OpenID4VCI offer, each as a link and a QR code; anyone else is refused (403)."""
    certificate = Certificate.objects.filter(code=code_normalise(code) or "").first()
    if certificate is None:
        raise Http404
    try:
        pickup = services.wallet_pickup_create(
            certificate=certificate, user=request.user
        )
    except WalletError as error:
        return holder_only_refused(
            request, _("Wallet pickup refused"), error, certificate.code, error.status
        )
    response = render(
        request,
        "certificates/wallet_pickup.html",
        {
            "certificate": certificate,
            "pickup": pickup,
            # Our own SVG, made from URLs we built.
            "lcw_qr": mark_safe(qr_svg(pickup.lcw_link)),  # noqa: S308
            "offer_qr": mark_safe(qr_svg(pickup.offer_link)),  # noqa: S308
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@_wallet_endpoint
@require_POST
def wallet_exchange(request, exchange_id):
    """VC-API exchange: an empty body starts it (DID Authentication request),
    a body with ``verifiablePresentation`` completes it with the credential."""
    body = _json_body(request)
    if not isinstance(body, dict):
        raise WalletError("The request body must be a JSON object.")
    if "verifiablePresentation" not in body:
        return _json(services.wallet_exchange_request(exchange_id=exchange_id))
    return _json(
        services.wallet_exchange_complete(
            exchange_id=exchange_id, presentation=body["verifiablePresentation"]
        )
    )


@_wallet_endpoint
@require_GET
def oid4vci_issuer_metadata(request):
    return _json(services.oid4vci_issuer_metadata())


@_wallet_endpoint
@require_GET
def oid4vci_authorization_server_metadata(request):
    return _json(services.oid4vci_authorization_server_metadata())


@_wallet_endpoint
@require_POST
def oid4vci_token(request):
    """OAuth 2.0 token endpoint for the pre-authorised code grant (form-encoded)."""
    return _json(
        services.oid4vci_token(
            grant_type=request.POST.get("grant_type", ""),
            code=request.POST.get("pre-authorized_code", ""),
            tx_code=request.POST.get("tx_code", ""),
        )
    )


@_wallet_endpoint
@require_POST
def oid4vci_nonce(request):
    return _json({"c_nonce": services.oid4vci_nonce()})


@_wallet_endpoint
@require_POST
def oid4vci_credential(request):
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise WalletError(
            "An access token (Bearer) is required.", code="invalid_token", status=401
        )
    return _json(
        services.oid4vci_credential(
            access_token=token.strip(), request=_json_body(request)
        )
    )
