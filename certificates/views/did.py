"""Public DID documents of the platform and of partner offices (did:web)."""

from django.http import Http404, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from certificates.credentials.did import default_controller_did, did_document
from certificates.credentials.keys import CONTROLLER_RE, office_controller


def _response(controller: str) -> JsonResponse:
    # Always the DID the platform hosts: an office signing under its own domain
    # hosts that document itself.
    document = did_document(controller, did=default_controller_did(controller))
    if not document["verificationMethod"]:
        raise Http404("No keys published for this identifier.")
    response = JsonResponse(document, content_type="application/did+json")
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch from anywhere
    return response


# HEAD too: verifiers and link checkers probe the document before fetching it.
@require_safe
@cache_control(public=True, max_age=300)
def platform_did_document(request):
    """``/.well-known/did.json``: every platform key, current and retired."""
    return _response("platform")


@require_safe
@cache_control(public=True, max_age=300)
def office_did_document(request, code: str):
    """``/offices/<code>/did.json``: every key of one office."""
    controller = office_controller(code)
    if not CONTROLLER_RE.match(controller):
        raise Http404
    return _response(controller)
