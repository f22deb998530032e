"""JSON-LD context loading and RDFC-1.0 canonicalization, strictly offline.

Every context a credential may use is shipped in ``contexts/``; the document loader
serves those files only and never touches the network, so canonicalization gives
the same result years from now. An unknown context is a clear error.
"""

import json
from functools import cache
from pathlib import Path

from pyld import jsonld

from .exceptions import ContextNotShippedError

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# Defines 1EdTechJsonSchemaValidator2019 (the credentialSchema type),
# 1EdTechCredentialRefresh (the refreshService type) and other OB 3.0 extension
# terms; verifiers in JSON-LD safe mode refuse an undefined type.
OB_V3P0_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"

# URL -> file, as bundled by the 1EdTech Open Badges validator (see contexts/README.md).
CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    "https://www.w3.org/ns/credentials/examples/v2": "w3c-credentials-examples-v2.jsonld",
    "https://www.w3.org/2018/credentials/v1": "2018-credentials-v1.jsonld",
    "https://www.w3.org/2018/credentials/examples/v1": "2018-credentials-examples-v1.jsonld",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
    "https://www.w3.org/ns/odrl.jsonld": "odrl.jsonld",
    OB_V3P0: "ob-v3p0-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld": "ob-v3p0.json",
    OB_V3P0_EXTENSIONS: "ob-v3p0-extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json": "clr-v2p0.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-2.0.1.json",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://w3id.org/security/suites/ed25519-2020/v1": (
        "security-suites-ed25519-2020-v1.jsonld"
    ),
    "https://w3id.org/security/suites/ed25519-2018/v1": "suites-ed25519-2018.jsonld",
    "https://w3id.org/security/suites/secp256k1-2019/v1": "suites-secp256k1-2019.jsonld",
    "https://w3id.org/security/suites/x25519-2019/v1": "suites-x25519-2019.jsonld",
    "https://w3id.org/security/suites/jws-2020/v1": "suites-jws-2020.jsonld",
    "https://w3id.org/security/v1": "security-v1.jsonld",
    "https://w3id.org/security/v2": "security-v2.jsonld",
    "https://w3id.org/security/v3": "security-v3-unstable.jsonld",
    "https://w3id.org/security/bbs/v1": "security-bbs-v1.jsonld",
    "https://w3id.org/openbadges/v2": "obv2x.jsonld",
    "https://openbadgespec.org/v2/context.json": "ob-v2p0.json",
    "https://w3id.org/openbadges/extensions/exampleExtension/context.json": (
        "obv2x-example-extension.json"
    ),
    "https://w3id.org/openbadges/extensions/applyLinkExtension/context.json": (
        "obv2x-applylink-extensions.json"
    ),
}


@cache
def _context_document(url: str) -> dict:
    return json.loads((CONTEXTS_DIR / CONTEXT_FILES[url]).read_text(encoding="utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict:
    """Serve a shipped JSON-LD context by URL; any other URL raises, nothing is fetched.

    Raises ContextNotShippedError for a URL that is not in CONTEXT_FILES.
    """
    if url not in CONTEXT_FILES:
        raise ContextNotShippedError(
            f"JSON-LD context {url!r} is not shipped with the project; "
            "canonicalization never fetches contexts from the network.",
            extra={"url": url},
        )
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": _context_document(url),
        # Shipped contexts never change: the "static" tag lets pyld keep the resolved
        # context in its shared cache instead of re-processing it on every call.
        "tag": "static",
    }


def canonicalize(document: dict) -> str:
    """Canonical N-Quads of a JSON-LD document with RDFC-1.0 (URDNA2015).

    Raises ContextNotShippedError when the document uses an unknown context, and
    pyld's JsonLdError for invalid JSON-LD.
    """
    try:
        return jsonld.normalize(
            document,
            {
                # pyld's default is the older URGNA2012; RDFC-1.0 is URDNA2015.
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
            },
        )
    except jsonld.JsonLdError as exc:
        cause = _root_cause(exc)
        if isinstance(cause, ContextNotShippedError):
            raise cause from exc
        raise


def _root_cause(exc: BaseException) -> BaseException:
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        nxt = getattr(exc, "cause", None) or exc.__cause__ or exc.__context__
        if nxt is None:
            return exc
        exc = nxt
    return exc
