"""The one reader behind every CSV import: caps, decoding and per-cell checks (no ORM).

The roster, attendance and grade imports all read their file here, so a file
too large, not UTF-8, without the needed columns, or with an over-long or NUL
cell gets the same clear answer everywhere, and never a 500.
"""

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cohorts.exceptions import ImportFileError

# Longer than any field we store (feedback, notes); Python's own csv limit
# (131,072) is reported as the same row error.
CELL_MAX_CHARS = 10_000


def import_max_bytes() -> int:
    return settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024


def _too_large_message() -> str:
    return _("The file is larger than %(limit)s MB.") % {
        "limit": settings.IMPORT_MAX_UPLOAD_MB
    }


def validate_import_size(upload) -> None:
    """Form validator: refuse an upload over the cap by its size, unread."""
    if upload.size > import_max_bytes():
        raise ValidationError(
            gettext_lazy("The file is larger than %(limit)s MB."),
            code="file_too_large",
            params={"limit": settings.IMPORT_MAX_UPLOAD_MB},
        )


@dataclass
class CsvRow:
    line: int  # the line the record starts on, as a spreadsheet shows it
    cells: dict[str, str]  # every header (stripped, lower case) → cell, stripped
    errors: list[str] = field(default_factory=list)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class ImportResult:
    """What an import found in a file and, after a real run, wrote.

    Each import subclasses it with its own rows (each with an `errors` list) and
    `plan()`. The preview and the confirm compare `fingerprint()`: a confirm
    whose plan differs from the one previewed is refused.
    """

    rows: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems with the whole file
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not any(r.errors for r in self.rows)

    @property
    def error_rows(self) -> list:
        return [r for r in self.rows if r.errors]

    def plan(self) -> list[tuple]:
        """What a real run writes, row by row, in plain values."""
        raise NotImplementedError

    def fingerprint(self) -> str:
        return hashlib.sha256(repr(self.plan()).encode()).hexdigest()


def _read_bytes(source) -> bytes:
    limit = import_max_bytes()
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        if getattr(source, "size", None) is not None and source.size > limit:
            raise ImportFileError(_too_large_message())
        data = source.read(limit + 1)
    if len(data) > limit:
        raise ImportFileError(_too_large_message())
    return data


def _cell_errors(cells: Sequence[str]) -> list[str]:
    errors = []
    if any("\x00" in c for c in cells):
        errors.append(_("A cell contains a NUL character; save the file again."))
    if any(len(c) > CELL_MAX_CHARS for c in cells):
        errors.append(
            _("A cell is longer than %(n)s characters.") % {"n": CELL_MAX_CHARS}
        )
    return errors


def csv_import_read(
    source, *, columns: Sequence[str], required: Sequence[str], max_rows: int = 5000
) -> list[CsvRow]:
    """The data rows of an uploaded CSV file (bytes or a file object).

    The file must be UTF-8 (a byte-order mark is accepted), at most
    IMPORT_MAX_UPLOAD_MB (checked before reading), with a header row naming
    every `required` column; other known `columns` are optional. Blank lines
    are skipped. A row with a NUL byte, a cell over CELL_MAX_CHARS or more
    cells than the header is returned with `errors`, never raised. Raises
    ImportFileError when the file as a whole cannot be used.
    """
    data = _read_bytes(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error:
        header = []
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFileError(
            _("The first line must name the columns %(all)s; missing: %(cols)s.")
            % {"all": ", ".join(columns), "cols": ", ".join(missing)}
        )
    rows: list[CsvRow] = []
    previous_end = reader.line_num
    while True:
        line = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # Python's csv refuses a cell over its field limit; the reader
            # then carries on with the next line.
            cells, errors = (
                [],
                [_("A cell is longer than %(n)s characters.") % {"n": CELL_MAX_CHARS}],
            )
        else:
            errors = _cell_errors(cells)
            if not any(c.strip() for c in cells):
                previous_end = reader.line_num
                continue
            if len(cells) > len(header):
                errors.append(_("This row has more columns than the header."))
        previous_end = reader.line_num
        if len(rows) >= max_rows:
            raise ImportFileError(_("At most %(n)s rows per file.") % {"n": max_rows})
        if errors:  # kept short and printable: the row is shown, not used
            cells = [c[:100].replace("\x00", "\ufffd") for c in cells]
        values = {
            h: (cells[i].strip() if i < len(cells) else "")
            for i, h in enumerate(header)
        }
        rows.append(CsvRow(line=line, cells=values, errors=errors))
    return rows
