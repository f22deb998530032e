"""Checks that refuse unsafe production values; pure functions of the raw values.

Used by base.py and production.py so the rule lives in one place. Each returns
the problem as a sentence, or None when the value is acceptable.
"""

import ipaddress
from urllib.parse import urlsplit

MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_DISTINCT = 10
# Placeholders found in templates and tutorials, our .env.example included.
KNOWN_PLACEHOLDERS = (
    "changeme",
    "change-me",
    "change_me",
    "replaceme",
    "replace-me",
    "your-secret-key",
    "secret-key",
    "secretkey",
    "insecure",
    "example",
    "dummy",
    "xxxxx",
)


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is unfit to sign sessions, tokens and check-in codes, or None."""
    lowered = key.lower()
    if lowered.startswith("django-insecure"):
        return "SECRET_KEY is Django's startproject key (django-insecure-…)."
    if any(word in lowered for word in KNOWN_PLACEHOLDERS):
        return "SECRET_KEY is a placeholder, not a secret."
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"SECRET_KEY is too short ({MIN_SECRET_KEY_LENGTH}+ characters)."
    if len(set(key)) < MIN_SECRET_KEY_DISTINCT:
        return (
            f"SECRET_KEY has too few distinct characters ({MIN_SECRET_KEY_DISTINCT}+)."
        )
    return None


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the public address, or None.

    Issued credentials embed its host as their issuer (did:web) for good, so it
    must be an https URL with a domain name that the platform keeps.
    """
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"SITE_URL must start with https:// (got {url!r})."
    host = parts.hostname or ""
    if not host:
        return f"SITE_URL has no host (got {url!r})."
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"SITE_URL must use a domain name, not an IP address (got {host})."
    if host == "localhost" or host.endswith(".localhost"):
        return f"SITE_URL must be the public domain name (got {host})."
    return None
