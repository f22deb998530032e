"""Private storage and validation for trainees' assignment files (no ORM here)."""

import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ASSIGNMENT_EXTENSIONS = ["pdf", "docx", "odt"]
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which no URL serves.

    The location is read from settings on each use so tests (and deployments)
    can point it elsewhere; `url()` is refused so templates cannot leak a path.
    """

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; use the download view.")


private_storage = PrivateStorage()


def assignment_upload_to(instance, filename):
    """A random name per upload: the trainee's file name never reaches the disk."""
    ext = os.path.splitext(filename)[1].lower()
    return f"assignments/{instance.assessment_id}/{uuid.uuid4().hex}{ext}"


def validate_upload_size(file):
    limit_mb = settings.ASSIGNMENT_MAX_UPLOAD_MB
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(limit)s MB."),
            code="file_too_large",
            params={"limit": limit_mb},
        )


def sniff_document_type(file) -> str | None:
    """'pdf', 'docx' or 'odt' judged by the file's content, or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        file.seek(0)
    return None


def validate_document_content(file):
    """The content must be the kind of document its extension claims."""
    ext = os.path.splitext(file.name)[1].lower().lstrip(".")
    kind = sniff_document_type(file)
    if kind is None or kind != ext:
        raise ValidationError(
            _("This file is not a valid %(ext)s document."),
            code="bad_content",
            params={"ext": ext.upper() or "PDF/DOCX/ODT"},
        )
