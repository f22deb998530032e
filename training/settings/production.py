"""Production: tightens the base settings; every secret comes from the environment."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: a missing key fails fast
# Keys are created and rotated by management commands, never on first use.
SIGNING_KEYS_AUTO_CREATE = False

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
