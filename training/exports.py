"""The one path for spreadsheet downloads: CSV and XLSX with formulas neutralised.

Trainees control their names, employers, notes. A cell such as
`=HYPERLINK("http://x","y")` must never reach a spreadsheet as a live formula
(OWASP "CSV Injection"): every text cell that starts with = + - @ tab or CR gets
a leading apostrophe, and in XLSX every text cell is written with the string
data type, so openpyxl never turns it into a formula either.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBERS = (int, float, Decimal)


def neutralise(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would read as a formula."""
    return "'" + text if text[:1] in FORMULA_TRIGGERS else text


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, NUMBERS):
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, NUMBERS) and not isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: callers pass local wall-clock times and
        # name the zone in a column of their own.
        return WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
    if isinstance(value, datetime.date):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=neutralise(str(value)))
    cell.data_type = "s"  # never "f", whatever the text looks like
    return cell


def export_csv(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a BOM, so that Excel reads Arabic, Chinese, Cyrillic names."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def export_xlsx(header: Sequence, rows: Iterable[Sequence], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    # Sheet titles are limited to 31 characters and may not contain []:*?/\
    sheet = workbook.create_sheet(str(title)[:31])
    sheet.append([_xlsx_cell(sheet, v) for v in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_response(
    *, fmt: str, filename: str, header: Sequence, rows: Iterable[Sequence], title: str
) -> HttpResponse:
    """A download of `rows` as CSV or XLSX; 404 for any other format."""
    if fmt == "csv":
        response = HttpResponse(
            export_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            export_xlsx(header, rows, title=title), content_type=XLSX_CONTENT_TYPE
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
