"""Fetching JSON documents (DID documents, status lists, credentials) over HTTP(S)."""

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .exceptions import CredentialError

MAX_BYTES = 5_000_000
USER_AGENT = "SilkRoadIPAcademy-CredentialVerifier/1.0"


def fetch_text(
    url: str, *, accept: str = "application/json", timeout: float = 10
) -> str:
    """GET a URL and return its body as text. Raises CredentialError on any failure.

    Only http(s) URLs are fetched; bodies over 5 MB are refused.
    """
    if urlsplit(url).scheme not in ("https", "http"):
        raise CredentialError(f"Refusing to fetch {url!r}: not an http(s) URL.")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, headers={"Accept": accept, "User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise CredentialError(f"Could not fetch {url}: {exc}") from exc
    if len(body) > MAX_BYTES:
        raise CredentialError(f"{url} is too large.")
    return body.decode(charset, errors="replace")


def fetch_json(url: str, *, accept: str = "application/json") -> dict:
    """GET a URL and parse JSON. Raises CredentialError."""
    text = fetch_text(url, accept=accept)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CredentialError(f"{url} did not return JSON.") from exc
