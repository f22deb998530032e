from .base import *  # noqa: F403
from .base import DEBUG, env

# Debug-friendly static storage: no manifest needed before collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
if DEBUG:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
