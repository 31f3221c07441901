"""Excel workbooks written with xlsxwriter: the shared formats and the one safe way to put a value in a cell.

Every list export (``core.lists``) and the candidates workbook use :func:`write_value`, which writes text with
``write_string`` — never ``write`` — so a name or a note that starts with ``=``, ``+``, ``-`` or ``@`` stays text and
is never turned into a formula (CSV/formula injection). The workbook is also opened with ``strings_to_formulas``
off, as a second guard for any code that calls ``write`` directly.

Times are written in Asia/Ho_Chi_Minh (Excel has no time zones: an aware datetime is converted with
``timezone.localtime`` and written as the local wall-clock time). Numbers are real numbers with a grouped number
format (``#,##0``, ``#,##0.0``…): Excel draws the separators of the reader's own settings, so a Vietnamese Excel
shows 1.234.567 and 99,1 — writing "1.234.567" as text would stop the sum working.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIN_WIDTH, MAX_WIDTH = 6, 60


def open_book() -> tuple[xlsxwriter.Workbook, io.BytesIO]:
    """A new in-memory workbook that never reads a string as a formula, a number or a URL."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "remove_timezone": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    return book, buffer


class Formats:
    """The formats of a list workbook: title, bold framed header, framed cells, dates shown dd/mm/yyyy."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.note = book.add_format({"italic": True, "font_color": "#555555"})
        self.header = book.add_format(
            {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
            | {"bg_color": "#E2EFDA"}
        )
        self.cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
        self.number = book.add_format({"border": 1, "valign": "top", "num_format": "#,##0"})
        self.date = book.add_format({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"})
        self.datetime = book.add_format({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy hh:mm"})
        self._book = book
        self._decimals: dict[int, Any] = {0: self.number}

    def decimal(self, places: int):
        """The framed number format with thousands grouped and ``places`` decimals ("#,##0.0" for 1)."""
        if places not in self._decimals:
            pattern = "#,##0" + ("." + "0" * places if places else "")
            self._decimals[places] = self._book.add_format({"border": 1, "valign": "top", "num_format": pattern})
        return self._decimals[places]


MAX_DECIMALS = 4


def decimal_places(value: int | float | Decimal) -> int:
    """How many decimals a number shows (2.5 → 1, 3 → 0, 1/3 → 4): as written, at most :data:`MAX_DECIMALS`."""
    if isinstance(value, int):
        return 0
    exponent = (value if isinstance(value, Decimal) else Decimal(repr(value))).normalize().as_tuple().exponent
    return min(MAX_DECIMALS, max(0, -exponent)) if isinstance(exponent, int) else 0


def excel_datetime(value: dt.datetime) -> dt.datetime:
    """A datetime as Excel stores it: the wall-clock time in Asia/Ho_Chi_Minh, without a time zone."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def write_value(sheet, row: int, col: int, value: Any, fmt: Formats) -> int:
    """Write one typed value (date, number, text) and return its display width in characters.

    Text always goes through ``write_string``: a user's string is never a formula.
    """
    if value is None or value == "":
        sheet.write_blank(row, col, None, fmt.cell)
        return 0
    if isinstance(value, bool):
        sheet.write_string(row, col, "Có" if value else "Không", fmt.cell)
        return 5
    if isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, excel_datetime(value), fmt.datetime)
        return 16
    if isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt.date)
        return 10
    if isinstance(value, int | float | Decimal):
        if not math.isfinite(value):
            sheet.write_blank(row, col, None, fmt.cell)
            return 0
        places = decimal_places(value)
        sheet.write_number(row, col, value, fmt.decimal(places))
        return len(f"{value:,.{places}f}") + 2
    text = str(value)
    sheet.write_string(row, col, text, fmt.cell)
    return max((len(line) for line in text.splitlines()), default=0)


def column_width(header: str, widest: int, fixed: int | None = None) -> int:
    """A column's width: a fixed width if the table sets one, else the widest cell or header, within bounds."""
    if fixed:
        return fixed
    return max(MIN_WIDTH, min(MAX_WIDTH, max(widest, len(header)) + 2))
