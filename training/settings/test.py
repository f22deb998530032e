from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The service tests (marked "services") override these to reach a real worker.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests run in one process, so its own cache is shared by every request.
PERMISSIONS_CACHE_SECONDS = 300
SITE_CACHE_KEEP_CONTENT = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Test keys are created on first use, apart from the developer's own dev keys.
SIGNING_KEYS_DIR = str(VAR_DIR / "test-keys")  # noqa: F405
SIGNING_KEYS_AUTO_CREATE = True
SIGNING_KEYS = ""  # never a developer's own keys from the environment
