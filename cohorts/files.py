"""Validation and names of trainees' assignment files (no ORM here)."""

import os
import uuid
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The migrations name cohorts.files.PrivateStorage; the models import private_storage.
from training.storage import PrivateStorage, private_storage  # noqa: F401

ASSIGNMENT_EXTENSIONS = ["pdf", "docx", "odt"]
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# A small zip can unpack to gigabytes ("zip bomb"), so sniffing reads a few
# bytes and trusts no entry that is, or claims to be, far bigger than a real
# document's. Word and LibreOffice files stay well inside these bounds.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all entries together, as declared
ZIP_MAX_RATIO = 200  # unpacked / packed size of an entry over 1 MB
SNIFF_MAX_ENTRY_BYTES = 4096  # `mimetype` is 39 bytes


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


class ArchiveRefused(ValidationError):
    """The zip would unpack to far more than a document: refused unread."""

    def __init__(self):
        super().__init__(
            _(
                "This file unpacks to far more data than a document would, so it "
                "was refused. Save it again from your word processor and upload "
                "the new file."
            ),
            code="archive_too_large",
        )


def _check_archive(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > ZIP_MAX_ENTRIES:
        raise ArchiveRefused
    if sum(e.file_size for e in entries) > ZIP_MAX_UNPACKED_BYTES:
        raise ArchiveRefused
    for entry in entries:
        if entry.file_size > 1024 * 1024 and (
            entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1)
        ):
            raise ArchiveRefused


def _read_small_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    """At most SNIFF_MAX_ENTRY_BYTES of an entry, whatever its header claims."""
    if archive.getinfo(name).file_size > SNIFF_MAX_ENTRY_BYTES:
        raise ArchiveRefused
    with archive.open(name) as entry:
        data = entry.read(SNIFF_MAX_ENTRY_BYTES + 1)
    if len(data) > SNIFF_MAX_ENTRY_BYTES:
        raise ArchiveRefused
    return data


def sniff_document_type(file) -> str | None:
    """'pdf', 'docx' or 'odt' judged by the file's content, or None.

    Raises ArchiveRefused for a zip that would unpack to far more than a
    document (too many entries, huge declared sizes or compression ratios).
    """
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            _check_archive(archive)
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "docx"
            if (
                "mimetype" in names
                and _read_small_entry(archive, "mimetype").strip() == ODT_MIMETYPE
            ):
                return "odt"
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, RuntimeError):
        # RuntimeError covers encrypted entries and, via NotImplementedError,
        # compression methods zipfile cannot read: neither is a document of ours.
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
