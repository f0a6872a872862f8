"""Spreadsheet exports (CSV and XLSX), the one place every export of the app goes through.

Partners type the text that staff later open in Excel or LibreOffice: a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a spreadsheet
(``=HYPERLINK(...)``, ``+cmd|...``). Every text cell is neutralised here by a leading
apostrophe (OWASP "CSV injection"), whatever the format, so no export can forget it.

The files open cleanly in French Excel: CSV in UTF-8 with a byte order mark and ``;`` as the
separator when the language is French (``,`` otherwise); XLSX with typed cells (numbers as
numbers, dates as dates) and column widths fitted to their content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8


def neutralise(value: Any) -> Any:
    """The value, with text that a spreadsheet would run as a formula made inert.

    Numbers, dates and booleans are typed values, never formulas: they pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """A typed, safe cell: aware datetimes in local time without tzinfo (spreadsheets have
    no time zones), lazy strings and other objects as text, then neutralised."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, (bool, int, float, Decimal, dt.date)):
        return value
    return neutralise(str(value))


def csv_delimiter(language: str | None = None) -> str:
    """French spreadsheets read ``;`` (the comma is the decimal separator there)."""
    language = (language or get_language() or "").lower()
    return ";" if language.startswith("fr") else ","


def _csv_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, language: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(language), lineterminator="\r\n")
    writer.writerow([_csv_text(_cell(capfirst(str(h)))) for h in headers])
    for row in rows:
        writer.writerow([_csv_text(_cell(v)) for v in row])
    # The BOM tells Excel the file is UTF-8 (it guesses a legacy code page otherwise).
    return buffer.getvalue().encode("utf-8-sig")


def _display_width(value: Any) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def to_xlsx(headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str = "export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    header_cells = [_cell(capfirst(str(h))) for h in headers]
    sheet.append(header_cells)
    widths = [_display_width(h) for h in header_cells]
    for row in rows:
        cells = [_cell(v) for v in row]
        sheet.append(cells)
        for index, value in enumerate(cells):
            widths[index] = max(widths[index], _display_width(value))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif cell.data_type == "f":  # never: _cell neutralised it; belt and braces
                cell.data_type = "s"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, width + 2)
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    *, fmt: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]], filename_stem: str, title: str = "export"
) -> HttpResponse:
    """An attachment response in ``fmt`` ("csv" or "xlsx"); the caller 404s other formats."""
    if fmt == "csv":
        response = HttpResponse(to_csv(headers, rows), content_type=CSV_CONTENT_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(to_xlsx(headers, rows, title=title), content_type=XLSX_CONTENT_TYPE)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}-{stamp}.{fmt}"'
    return response
