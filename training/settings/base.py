"""Settings shared by every environment, read from the environment (12-factor).

Every value has a safe embedded default so that a fresh checkout runs on SQLite
with eager Celery tasks and console email; see README "Configuration".
"""

import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from .frontend_cache import frontend_cache_backends
from .object_storage import s3_storage
from .safety import secret_key_problem

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

# ---- CORE ----
DEBUG = env.bool("DEBUG", default=True)


def _dev_secret_key() -> str:
    """A per-checkout random key kept in var/, so dev sessions survive restarts."""
    path = VAR_DIR / "dev_secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _dev_secret_key()
elif not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(problem)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "accounts",
    "cms",
    "courses",
    "cohorts",
    "certificates",
    "exchange",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.admin_apps.UsersAppConfig",  # wagtail.users, superusers kept apart
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "accounts.admin_apps.SuperuserAdminConfig",  # django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    # Only for its templates and static files: the API docs then load Swagger UI
    # from this site instead of a CDN, with no inline script (our CSP forbids both).
    "ninja",
]

MIDDLEWARE = [
    "training.middleware.RejectNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "training.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "training.middleware.SessionlessVisitorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "accounts.middleware.UserTimeZoneMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "training.middleware.AnonymousPageCacheMiddleware",
    "training.middleware.SiteCacheMiddleware",
    "training.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "training.urls"
WSGI_APPLICATION = "training.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---- DATABASE ----
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
# Persistent connections, health-checked so a restarted PostgreSQL is reconnected to.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- CACHE / REDIS ----
REDIS_URL = env("REDIS_URL", default="")
# django-redis rather than Django's RedisCache: it can treat a Redis outage as
# cache misses (IGNORE_EXCEPTIONS), so pages keep working while Redis is down.
# https://github.com/jazzband/django-redis#memcached-exceptions-behavior
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "srip",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "training.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ---- CELERY ----
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Our tasks record their outcome in the database; nobody waits on a result.
# Ignoring results also keeps a Redis outage from hanging the web process:
# sending a task that keeps its result first subscribes to the result store,
# which retries for ~20 s and then breaks the process's result consumer.
# A task that needs its result sets ignore_result=False.
CELERY_TASK_IGNORE_RESULT = True
# Publishing must not hang a web request when Redis is down.
# A task taken by a worker that dies (SIGKILL, lost node) is handed out again
# after visibility_timeout. It must outlast the longest task (a cohort's batch,
# up to 65 minutes, certificates.tasks), or a running batch would be handed to a
# second worker; lost PDFs come back sooner through the sweeper below.
# https://docs.celeryq.dev/en/stable/getting-started/backends-and-brokers/redis.html#visibility-timeout
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=70 * 60),
}
# One queue per kind of work, so a cohort's thousand PDFs cannot hold up a
# password reset: emails, pdfs, signing (issuing and endorsing), digests, and
# default for the rest. A worker started without -Q consumes all of them; to
# give a kind its own workers, start them with -Q <kind> (README "Scaling out").
# https://docs.celeryq.dev/en/stable/userguide/routing.html
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [
    Queue(name) for name in ("emails", "pdfs", "signing", "digests", "default")
]
CELERY_TASK_ROUTES = {
    "accounts.tasks.email_send_task": {"queue": "emails"},
    "accounts.tasks.email_send_pending_task": {"queue": "emails"},
    "cohorts.tasks.attendance_warning_send_task": {"queue": "emails"},
    "exchange.tasks.exchange_digest_send_task": {"queue": "digests"},
    "certificates.tasks.certificate_pdf_render_task": {"queue": "pdfs"},
    "certificates.tasks.certificate_pdfs_render_task": {"queue": "pdfs"},
    "certificates.tasks.certificate_pdf_refresh_task": {"queue": "pdfs"},
    "cohorts.tasks.training_record_archive_build_task": {"queue": "pdfs"},
    "certificates.tasks.certificate_issue_task": {"queue": "signing"},
    "certificates.tasks.certificate_batch_run_task": {"queue": "signing"},
    "certificates.tasks.certificate_batch_chunk_run_task": {"queue": "signing"},
    "certificates.tasks.cohort_endorsement_sign_task": {"queue": "signing"},
    "certificates.tasks.certificate_endorsements_sign_task": {"queue": "signing"},
}
# Run by exactly one beat process per deployment (README "Scaling out"): two
# would send every periodic job twice.
CELERY_BEAT_SCHEDULE: dict = {
    "email-send-pending": {
        # every 5 minutes: https://crontab.guru/#*/5_*_*_*_*
        "task": "accounts.tasks.email_send_pending_task",
        "schedule": 300.0,
    },
    "attendance-warning-send": {
        # daily at 06:00 UTC: https://crontab.guru/#0_6_*_*_*
        "task": "cohorts.tasks.attendance_warning_send_task",
        "schedule": crontab(minute=0, hour=6),
    },
    "survey-reminders-send": {
        # daily at 07:30 UTC: https://crontab.guru/#30_7_*_*_*
        "task": "cohorts.tasks.survey_reminders_send_task",
        "schedule": crontab(minute=30, hour=7),
    },
    "certificate-pdf-sweep": {
        # every minute by default (CERTIFICATE_PDF_SWEEP_SECONDS)
        "task": "certificates.tasks.certificate_pdf_sweep_task",
        "schedule": env.float("CERTIFICATE_PDF_SWEEP_SECONDS", default=60.0),
    },
    "exchange-digest-send": {
        # hourly, on the hour (each member's local digest hour comes round once
        # a day): https://crontab.guru/#0_*_*_*_*
        "task": "exchange.tasks.exchange_digest_send_task",
        "schedule": crontab(minute=0),
    },
    "knowledge-base-review-remind": {
        # on the first day of each month at 07:00 UTC:
        # https://crontab.guru/#0_7_1_*_*
        "task": "courses.tasks.knowledge_base_review_remind_task",
        "schedule": crontab(minute=0, hour=7, day_of_month=1),
    },
    "monthly-report-send": {
        # 05:00 UTC on the 1st of each month: https://crontab.guru/#0_5_1_*_*
        "task": "cohorts.tasks.monthly_report_send_task",
        "schedule": crontab(minute=0, hour=5, day_of_month=1),
    },
}

# ---- DISCUSSIONS (exchange) ----
# Digests go out at this hour of each member's local day; weekly ones on this
# weekday (0 = Monday). Posting is limited per member.
EXCHANGE_DIGEST_HOUR = env.int("EXCHANGE_DIGEST_HOUR", default=7)
EXCHANGE_DIGEST_WEEKDAY = env.int("EXCHANGE_DIGEST_WEEKDAY", default=0)
EXCHANGE_POST_RATE = env("EXCHANGE_POST_RATE", default="10/m")

# ---- ATTENDANCE ----
# Self check-in codes change every ATTENDANCE_CODE_STEP seconds; the current and
# the previous code are accepted. Check-in opens before the start and closes at
# the end; after the grace period a check-in counts as late.
ATTENDANCE_CODE_STEP = env.int("ATTENDANCE_CODE_STEP", default=30)
ATTENDANCE_CHECKIN_OPENS_MINUTES = env.int(
    "ATTENDANCE_CHECKIN_OPENS_MINUTES", default=15
)
ATTENDANCE_LATE_AFTER_MINUTES = env.int("ATTENDANCE_LATE_AFTER_MINUTES", default=10)
ATTENDANCE_CHECKIN_RATE = env("ATTENDANCE_CHECKIN_RATE", default="10/m")

# ---- AUTH / ALLAUTH ----
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, with each user's permissions kept in the cache.
    "accounts.backends.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# How long a user's permission set is kept (accounts.backends); changes to
# groups and permissions retire it at once, this is only a safety net. Only
# with a cache every process shares: a change made in one process must reach
# the others at once.
PERMISSIONS_CACHE_SECONDS = env.int(
    "PERMISSIONS_CACHE_SECONDS", default=300 if REDIS_URL else 0
)
# Page routes, restricted pages and course outlines kept per process
# (courses.site_cache): likewise only with a shared cache.
SITE_CACHE_KEEP_CONTENT = env.bool("SITE_CACHE_KEEP_CONTENT", default=bool(REDIS_URL))
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Silk Road IP Academy] "
ACCOUNT_RATE_LIMITS = {
    # Per account (key) first; the per-address ceiling is high because a whole
    # classroom may log in from one address and mistype.
    "login_failed": "200/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# All log-in goes through allauth (two-factor, throttling, verified email):
# Wagtail's and the Django admin's own login URLs redirect there (accounts/login.py),
# and Wagtail's password reset, password change and email change are off in favour
# of allauth's. https://docs.wagtail.org/en/stable/reference/settings.html#password-management
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Silk Road IP Academy"

# ---- EMAIL ----
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Silk Road IP Academy <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---- I18N ----
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Pages, PDFs and emails write dates and times with training.dates (CLDR data);
# Django's formats serve numbers and admin forms, English's from
# training/formats/en/ (day month year, 24-hour clock).
FORMAT_MODULE_PATH = ["training.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# ---- STATIC / MEDIA ----
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Private files (certificate PDFs, assignment files, discussion attachments):
# outside MEDIA_ROOT so no URL serves them; a view that checks permission
# streams them as attachments (training/storage.py).
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "training.storage.LocalPrivateStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640

# Object storage (any S3 API: AWS, MinIO, Ceph, Garage…) so that several web and
# worker nodes share their files. Each bucket is used when its name is set:
# public media (images, documents) in S3_MEDIA_BUCKET, served from its URL or a
# CDN domain; private files in S3_PRIVATE_BUCKET, never public, handed out as
# signed URLs valid for PRIVATE_URL_SECONDS after the view's permission check.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
S3_OPTIONS = {
    "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
    "region_name": env("S3_REGION", default="") or None,
    "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
    "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
}
PRIVATE_URL_SECONDS = env.int("PRIVATE_URL_SECONDS", default=60)
if S3_MEDIA_BUCKET := env("S3_MEDIA_BUCKET", default=""):
    STORAGES["default"] = s3_storage(
        S3_OPTIONS,
        bucket=S3_MEDIA_BUCKET,
        private=False,
        custom_domain=env("S3_MEDIA_DOMAIN", default="") or None,
    )
if S3_PRIVATE_BUCKET := env("S3_PRIVATE_BUCKET", default=""):
    STORAGES["private"] = s3_storage(
        S3_OPTIONS,
        bucket=S3_PRIVATE_BUCKET,
        private=True,
        url_seconds=PRIVATE_URL_SECONDS,
    )
ASSIGNMENT_MAX_UPLOAD_MB = env.int("ASSIGNMENT_MAX_UPLOAD_MB", default=10)
# Every CSV import (roster, attendance, grades) is refused above this size,
# before it is read (cohorts/csv_import.py).
IMPORT_MAX_UPLOAD_MB = env.int("IMPORT_MAX_UPLOAD_MB", default=2)
# How long an import's preview can be confirmed; the upload waits in the cache
# meanwhile (cohorts/views/imports.py).
IMPORT_PREVIEW_MINUTES = env.int("IMPORT_PREVIEW_MINUTES", default=30)

# ---- WAGTAIL ----
WAGTAIL_SITE_NAME = "Silk Road IP Academy"
# No avatars from an outside service: the admin would tell it who is logged in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Content is translated per locale with wagtail-localize (one page tree per language).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft, even of a live page: published at once it
# would show the untranslated copy and skip the page's review workflow.
# https://wagtail-localize.org/stable/reference/settings/
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Anonymous visitors of the catalogue, course and lesson pages get the page body
# from the fragment cache (wagtailpagecache), invalidated when any page is
# published, unpublished, moved or deleted; logged-in trainees always get a fresh
# page with their progress. https://docs.wagtail.org/en/stable/topics/writing_templates.html#cache
COURSES_PAGE_CACHE = env.bool("COURSES_PAGE_CACHE", default=True)
COURSES_PAGE_CACHE_SECONDS = env.int("COURSES_PAGE_CACHE_SECONDS", default=600)
# Whole public pages for visitors without a session (training.middleware.
# AnonymousPageCacheMiddleware): kept PAGE_CACHE_SECONDS in the default cache
# (COURSES_PAGE_CACHE=False turns both caches off), and sent with Cache-Control
# max-age (browsers) and s-maxage (CDNs and proxies, which are not told about
# edits yet: keep it short).
# https://docs.djangoproject.com/en/5.2/topics/cache/#controlling-cache-using-other-headers
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=0)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=60)
PAGE_CACHE_VIEWS = [
    "wagtail_serve",  # home, catalogue, course, lesson, regimes and compare
    "certificates:verify_form",
    "certificates:verify_code",
]

# CDN in front of the site: told to drop a page's URLs in every language when it
# is published or unpublished, and a certificate's public URLs (verification
# page, API, credential, status list, did.json) when its status or endorsements
# change (courses.services.frontend_cache_purge, on the "default" queue). Each
# CDN is used when its variables are set; none set: nothing is purged.
# FRONTEND_CACHE_PURGE_URL is an endpoint that accepts PURGE (Varnish, nginx…).
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
WAGTAILFRONTENDCACHE = frontend_cache_backends(
    purge_url=env("FRONTEND_CACHE_PURGE_URL", default=""),
    cloudflare_zone_id=env("CLOUDFLARE_ZONE_ID", default=""),
    cloudflare_token=env("CLOUDFLARE_API_TOKEN", default=""),
    cloudfront_distribution_id=env("CLOUDFRONT_DISTRIBUTION_ID", default=""),
    hostnames=env.list("FRONTEND_CACHE_HOSTNAMES", default=[]),
)
# We list every translation's own URL (slugs differ per language), so Wagtail
# must not rewrite language prefixes into URLs that may not exist.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# ---- SIGNING KEYS (verifiable certificates) ----
# Private keys of the platform and of offices, outside the repository; see
# docs/credentials.md. Dev and tests create a key on first use; production never does.
# An empty value (as .env.example leaves it) means the default, never the
# working directory.
SIGNING_KEYS_DIR = env("SIGNING_KEYS_DIR", default="") or str(VAR_DIR / "keys")
# Or the whole key store as one value (JSON from `manage.py export_signing_keys`),
# given directly or as a mounted secret file: read in memory, never written.
SIGNING_KEYS = env("SIGNING_KEYS", default="")
if not SIGNING_KEYS and (_keys_file := env("SIGNING_KEYS_FILE", default="")):
    try:
        SIGNING_KEYS = Path(_keys_file).read_text(encoding="utf-8")
    except OSError as exc:
        raise ImproperlyConfigured(
            f"SIGNING_KEYS_FILE {_keys_file} cannot be read: {exc.strerror}."
        ) from exc
SIGNING_KEYS_AUTO_CREATE = env.bool("SIGNING_KEYS_AUTO_CREATE", default=DEBUG)

# ---- SESSIONS ----
# With a shared Redis, sessions are read from the cache (no query per request)
# and written through to the database, which stays the record. Without Redis
# the cache is per process, where a log-out in one process would not reach a
# copy kept by another: sessions then stay in the database alone.
# https://docs.djangoproject.com/en/5.2/topics/http/sessions/#using-cached-sessions
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# ---- SECURITY ----
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Browser features no page of ours uses; a setting so an area that needs one
# (say, camera for QR check-in) can allow it for its own origin.
# https://developer.mozilla.org/docs/Web/HTTP/Headers/Permissions-Policy
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# ---- CONTENT SECURITY POLICY ----
# https://django-csp.readthedocs.io/en/latest/configuration.html
# No inline scripts anywhere on the public site: behaviour goes in static .js
# files. Style *attributes* stay allowed (progress bars set their width that
# way; an attribute cannot run script), <style> elements do not.
# The Wagtail admin runs inline scripts and its own previews, so it is excluded.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Video embeds in lessons (wagtail.embeds); extend via the environment.
        "frame-src": ["'self'"] + env.list("CSP_FRAME_SRC", default=[]),
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# ---- RATE LIMITS / CLIENT ADDRESS ----
# Behind a reverse proxy every request comes from the proxy's address: tell
# allauth how many proxies we run (it then reads X-Forwarded-For from the right)
# or which header the proxy sets (e.g. X-Real-IP). 0 and unset: direct clients.
# https://docs.allauth.org/en/latest/common/rate_limits.html
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
    env("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
)
# django-ratelimit counts in the default cache and, unless told otherwise, asks
# allauth for the client address, so both count the same client.
RATELIMIT_IP_META_KEY = (
    env("RATELIMIT_IP_META_KEY", default="") or "training.ratelimits.client_ip"
)
# Logged-in users are limited per account; their address only gets this
# ceiling, so a classroom behind one NAT is not locked out. See training/ratelimits.py.
RATELIMIT_ADDRESS_RATE = env("RATELIMIT_ADDRESS_RATE", default="600/m")
# While the cache (Redis) is down, let requests through rather than refuse every
# rate-limited page (verification, check-in); the outage itself is logged.
RATELIMIT_FAIL_OPEN = True

# bench/ only: a minimal view to measure the framework's own floor.
BENCH_VIEWS = env.bool("BENCH_VIEWS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Per-step chatter of PDF rendering and of Wagtail's background tasks.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# ---- CERTIFICATES ----
# Certificate PDFs are private files (STORAGES["private"] above).
# A certificate still without its PDF this many minutes after issuing gets its
# PDF task queued again (a worker died mid-task); at most once per lease.
# Fractions of a minute are allowed (the multi-node test shortens all three).
# Enrolments per chunk task of a batch: a chunk signs for seconds, so every worker
# process shares a cohort's signing and rendering (bench/README.md "Issuance").
CERTIFICATE_BATCH_CHUNK_SIZE = env.int("CERTIFICATE_BATCH_CHUNK_SIZE", default=50)
# PDFs of a batch per render task: a worker process idles between two tasks
# while the next is handed to it, so a task renders several (bench/README.md
# "Issuance"); a worker lost mid-task leaves at most this many to the sweeper.
CERTIFICATE_PDF_TASK_SIZE = env.int("CERTIFICATE_PDF_TASK_SIZE", default=10)
CERTIFICATE_PDF_SWEEP_MINUTES = env.float("CERTIFICATE_PDF_SWEEP_MINUTES", default=2)
CERTIFICATE_PDF_SWEEP_LEASE_MINUTES = env.float(
    "CERTIFICATE_PDF_SWEEP_LEASE_MINUTES", default=10
)
# django-ratelimit rate for public verification pages and the API, per client address.
CERTIFICATE_VERIFY_RATE = env("CERTIFICATE_VERIFY_RATE", default="60/m")
# Rate for the public wallet pickup endpoints (VC-API exchanges, OpenID4VCI).
WALLET_PICKUP_RATE = env("WALLET_PICKUP_RATE", default="30/m")
