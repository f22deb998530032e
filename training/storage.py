"""Where private files (certificate PDFs, assignment files, discussion attachments) live.

Every private FileField uses ``private_storage``: a lazy proxy to the
``STORAGES["private"]`` backend, local disk under PRIVATE_MEDIA_ROOT by default
or a private S3 bucket when configured (training/settings/base.py). Views serve
a private file only through ``private_file_response``, after their own
permission check: streamed from disk, or a redirect to a short-lived signed URL.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, HttpResponseRedirect
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header


class LocalPrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which no URL serves.

    The location is read from settings on each use so tests (and deployments)
    can point it elsewhere; `url()` is refused so templates cannot leak a path.
    """

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; use the download view.")


class PrivateStorage(LazyObject):
    """The ``STORAGES["private"]`` backend, looked up on first use."""

    def _setup(self):
        self._wrapped = storages["private"]

    def deconstruct(self):
        # The path the migrations already name, whichever backend is configured.
        return ("cohorts.files.PrivateStorage", (), {})


private_storage = PrivateStorage()


@receiver(setting_changed)
def _private_storage_reset(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def private_file_response(file, *, filename, content_type=None):
    """The response that hands a private file to someone already allowed to have it.

    Local disk: the file streamed as an attachment. Object storage: a redirect to
    a signed URL valid for ``PRIVATE_URL_SECONDS`` that downloads it as an
    attachment under ``filename``. Raises FileNotFoundError for a missing local file.
    """
    storage = file.storage
    if isinstance(storage, FileSystemStorage):
        response = FileResponse(
            file.open("rb"),
            as_attachment=True,
            filename=filename,
            **({"content_type": content_type} if content_type else {}),
        )
    else:
        parameters = {
            "ResponseContentDisposition": content_disposition_header(True, filename)
        }
        if content_type:
            parameters["ResponseContentType"] = content_type
        response = HttpResponseRedirect(storage.url(file.name, parameters=parameters))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
