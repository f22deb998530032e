"""Production: tightens the base settings; every secret comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env
from .safety import secret_key_problem, site_url_problem

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: a missing key fails fast
# Checked here and not only in base: base skips the check while DEBUG is unset.
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"{problem} Generate one with: python -c "
        '"import secrets; print(secrets.token_urlsafe(50))"'
    )
SITE_URL = env("SITE_URL").rstrip("/")  # no default: it names the issuer forever
# A staging or test host may run on http or an address: opt in explicitly.
if not env.bool("ALLOW_INSECURE_SITE_URL", default=False) and (
    problem := site_url_problem(SITE_URL)
):
    raise ImproperlyConfigured(
        f"{problem} Set ALLOW_INSECURE_SITE_URL=1 only on a test host."
    )
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
# Keys are created and rotated by management commands, never on first use.
SIGNING_KEYS_AUTO_CREATE = False
# Files in object storage mean several nodes: each must read the same keys from a
# mounted secret named here, not from the default directory on its own disk.
if (
    env("S3_PRIVATE_BUCKET", default="")
    and not env("SIGNING_KEYS_DIR", default="")
    and not SIGNING_KEYS  # noqa: F405 - from the environment or its file, in base
):
    raise ImproperlyConfigured(
        "SIGNING_KEYS_DIR must name the signing keys' mounted secret (or "
        "SIGNING_KEYS / SIGNING_KEYS_FILE hold them) when S3_PRIVATE_BUCKET is "
        "set (see README, Scaling out)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
LANGUAGE_COOKIE_SECURE = True

# Wagtail's page preview frames the site itself, so SAMEORIGIN (set in base) is
# required; DENY would break preview. https://docs.wagtail.org/en/stable/reference/settings.html
SILENCED_SYSTEM_CHECKS = ["security.W019"]
