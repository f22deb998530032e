"""Decentralized identifiers: did:web for the platform and its offices, did:key.

``did:web:<host>`` resolves to ``https://<host>/.well-known/did.json`` and
``did:web:<host>:offices:<code>`` to ``https://<host>/offices/<code>/did.json``
(https://w3c-ccg.github.io/did-method-web/). A port is encoded as ``%3A``.

An office may instead publish its DID on its own domain (``did:web:<its host>``,
recorded in its key store): the platform then signs for it under that DID and
the office hosts the document (``did_document(controller, did=…)``).
"""

from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings

from . import multikey
from .exceptions import CredentialError, DidResolutionError
from .fetch import fetch_json
from .timestamps import xsd_datetime

DID_CONTEXTS = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
    "https://w3id.org/security/jwk/v1",
]

Fetch = Callable[[str], dict]


def _host() -> str:
    netloc = urlsplit(settings.SITE_URL).netloc
    return quote(netloc, safe="")  # "example.org:8000" -> "example.org%3A8000"


def platform_did() -> str:
    """The platform's issuer id, ``did:web:<host>`` from ``settings.SITE_URL``."""
    return f"did:web:{_host()}"


def office_did(code: str) -> str:
    """An office's issuer id: its own ``did:web`` when it publishes one on its
    domain, else ``did:web:<host>:offices:<code>``."""
    return controller_did(f"office-{code.lower()}")


def default_controller_did(controller: str) -> str:
    """The DID the platform hosts for a key-store controller (``platform`` or
    ``office-<code>``), whatever DID the controller signs under."""
    if controller == "platform":
        return platform_did()
    if controller.startswith("office-"):
        return f"{platform_did()}:offices:{controller.removeprefix('office-')}"
    raise DidResolutionError(f"Unknown key controller {controller!r}.")


def controller_did(controller: str) -> str:
    """The DID a controller signs under: its own did:web if it set one, else the
    one the platform hosts."""
    from .keys import controller_own_did

    default = default_controller_did(controller)
    return (controller != "platform" and controller_own_did(controller)) or default


def own_did_for_host(host: str) -> str:
    """``did:web:<host>`` of an office's own domain (a port written ``%3A``).
    Raises DidResolutionError for anything but a bare host name."""
    host = host.strip().lower().rstrip(".")
    name, _, port = host.partition(":")
    labels = name.split(".")
    if (
        len(labels) < 2
        or not all(
            label
            and len(label) <= 63
            and label.replace("-", "").isalnum()
            and label.isascii()
            and not label.startswith("-")
            and not label.endswith("-")
            for label in labels
        )
        or (port and not port.isdigit())
    ):
        raise DidResolutionError(
            f"{host!r} is not a host name such as ipo.example.gov."
        )
    return f"did:web:{quote(host, safe='')}"


def controller_from_did(did: str) -> str | None:
    """The local controller name of one of our DIDs (hosted by the platform, or
    an office's own one), or None for a foreign DID."""
    from .keys import controller_for_own_did

    base = platform_did()
    if did == base:
        return "platform"
    prefix = f"{base}:offices:"
    if did.startswith(prefix) and ":" not in did[len(prefix) :]:
        return f"office-{did[len(prefix) :]}"
    if did.startswith("did:web:") and ":" not in did.removeprefix("did:web:"):
        return controller_for_own_did(did)
    return None


def _revoked(key) -> dict:
    if key.withdrawn_on is None:
        return {}
    return {"revoked": xsd_datetime(key.withdrawn_on)}


def did_document(controller: str = "platform", *, did: str | None = None) -> dict:
    """The DID document of a controller, listing every key, current and retired.

    Each Ed25519 key is a ``Multikey`` verification method (``publicKeyMultibase``);
    each ES256 key is a ``JsonWebKey`` (``publicKeyJwk``). All are assertion methods,
    so credentials signed before a rotation keep verifying. A withdrawn key keeps
    its methods with a ``revoked`` date (DID Core / Controlled Identifiers):
    signatures made from then on fail. ``did`` names the document (default: the
    DID the controller signs under; the platform hosts the default one).
    """
    from .keys import public_keys_list

    did = did or controller_did(controller)
    methods = []
    for key in public_keys_list(controller):
        methods.append(
            {
                "id": f"{did}#{key.fragment}",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.public_key_multibase,
                **_revoked(key),
            }
        )
        if key.jwt_public_jwk:
            methods.append(
                {
                    "id": f"{did}#{key.jwt_key_id.split('#', 1)[1]}",
                    "type": "JsonWebKey",
                    "controller": did,
                    "publicKeyJwk": key.jwt_public_jwk,
                    **_revoked(key),
                }
            )
    ids = [method["id"] for method in methods]
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": methods,
        # Keys only sign credentials; listing them for ``authentication`` would let
        # them log in as the controller wherever DID auth is accepted.
        "assertionMethod": ids,
    }


def did_key_document(did: str) -> dict:
    """The DID document of an Ed25519 ``did:key`` (derived, no network)."""
    fingerprint = did.removeprefix("did:key:")
    multikey.ed25519_public_from_multibase(fingerprint)
    key_id = f"{did}#{fingerprint}"
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": [
            {
                "id": key_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": fingerprint,
            }
        ],
        "authentication": [key_id],
        "assertionMethod": [key_id],
    }


def did_web_url(did: str, *, scheme: str = "https") -> str:
    """The HTTPS URL of a did:web document (``scheme="http"`` only for test
    hosts that serve did:web over plain HTTP)."""
    parts = did.removeprefix("did:web:").split(":")
    host = unquote(parts[0])
    if not host or "/" in host:
        raise DidResolutionError(f"Malformed did:web {did!r}.")
    path = "/".join(unquote(p) for p in parts[1:]) or ".well-known"
    return f"{scheme}://{host}/{path}/did.json"


def did_web_fetch(did: str, fetch: Fetch | None = None, *, scheme="https") -> dict:
    """The published document of a did:web, fetched from its host (never from
    the local key store). Raises DidResolutionError."""
    document = (fetch or _http_fetch)(did_web_url(did, scheme=scheme))
    if not isinstance(document, dict) or document.get("id") != did:
        raise DidResolutionError(f"The document fetched for {did} has another id.")
    return document


def _http_fetch(url: str) -> dict:
    try:
        return fetch_json(url, accept="application/did+json, application/json")
    except CredentialError as exc:
        raise DidResolutionError(exc.message) from exc


def did_resolve(did: str, fetch: Fetch | None = None) -> dict:
    """Resolve a DID to its DID document.

    ``did:key`` is derived locally; ``did:web`` of this site comes from the local
    key store (works offline), any other ``did:web`` is fetched over HTTPS with
    ``fetch(url) -> dict`` (default: urllib). Raises DidResolutionError.
    """
    if did.startswith("did:key:"):
        return did_key_document(did)
    if did.startswith("did:web:"):
        controller = controller_from_did(did)
        if controller is not None:
            return did_document(controller, did=did)
        return did_web_fetch(did, fetch)
    raise DidResolutionError(f"Unsupported identifier {did!r}: use did:web or did:key.")


def verification_method_get(
    method_id: str, resolve: Callable[[str], dict] = did_resolve, purpose: str = ""
) -> dict:
    """Find a verification method by its id (``<controller>#<fragment>``).

    Resolves the controller document with ``resolve`` and, when ``purpose`` is given
    (e.g. ``assertionMethod``), checks that the method is authorized for it.
    Returns the method with an absolute ``id`` and its ``controller``. Raises
    DidResolutionError.
    """
    if isinstance(method_id, str) and method_id.startswith("did:key:"):
        # A bare did:key names its only key: did:key:<mb>#<mb>.
        did, _, fragment = method_id.partition("#")
        method_id = f"{did}#{fragment or did.removeprefix('did:key:')}"
    if not isinstance(method_id, str) or "#" not in method_id or ":" not in method_id:
        raise DidResolutionError(
            f"Verification method {method_id!r} is not a URL with a fragment."
        )
    controller_id = method_id.split("#", 1)[0]
    document = resolve(controller_id)
    doc_id = document.get("id", controller_id)

    def absolute(value: str) -> str:
        return doc_id + value if value.startswith("#") else value

    candidates = {}
    for relation in ("verificationMethod", purpose):
        for item in document.get(relation, []) if relation else []:
            if isinstance(item, dict) and "id" in item:
                candidates.setdefault(absolute(item["id"]), item)
    method = candidates.get(method_id)
    if method is None:
        raise DidResolutionError(f"{method_id} is not listed in {doc_id}.")
    if purpose:
        allowed = {
            absolute(item if isinstance(item, str) else item.get("id", ""))
            for item in document.get(purpose, [])
        }
        if method_id not in allowed:
            raise DidResolutionError(f"{method_id} is not authorized for {purpose}.")
    return {**method, "id": method_id, "controller": method.get("controller", doc_id)}


def key_withdrawal_error(method: dict, *signed_at) -> str | None:
    """Why a signature by ``method`` cannot be trusted because the key was
    withdrawn, or None. ``signed_at`` are the times the signed data claims
    (proof ``created``, ``validFrom``, JWT ``iat``; strings, datetimes or
    seconds): any of them on or after the method's ``revoked`` date, or none
    given at all, fails."""
    from .verify import parse_datetime

    revoked = parse_datetime(method.get("revoked"))
    if method.get("revoked") is None:
        return None
    if revoked is None:
        return f"The key {method.get('id')} has an unreadable revoked date."
    times = []
    for value in signed_at:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            value = parse_datetime(value)
        if isinstance(value, datetime):
            times.append(value)
    if times and all(t < revoked for t in times):
        return None
    return f"Signed with a key withdrawn on {revoked.date().isoformat()}."
