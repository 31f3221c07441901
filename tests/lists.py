"""Helpers for list-page tests: read an Excel export back (calamine) and check a print view."""

from __future__ import annotations

import io

from python_calamine import CalamineWorkbook

HEADER_ROW = 2  # title, then the note and filters line, then the header row (core.lists.table_xlsx)


def xlsx_rows(response) -> list[list]:
    """The sheet's rows as values (the first sheet), after checking the response is an .xlsx download."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"].startswith("attachment;")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def xlsx_table(response) -> tuple[list[str], list[list]]:
    """(headers, data rows) of a list export."""
    rows = xlsx_rows(response)
    headers = [str(h) for h in rows[HEADER_ROW] if h != ""]
    return headers, [row[: len(headers)] for row in rows[HEADER_ROW + 1 :] if any(v != "" for v in row)]


def column(headers: list[str], rows: list[list], name: str) -> list:
    """The values of one column by its Vietnamese header."""
    index = headers.index(name)
    return [row[index] for row in rows]


def assert_print_view(response, title: str) -> str:
    """A print view: no menu, the print stylesheet, the title on top; returns the HTML."""
    assert response.status_code == 200
    content = response.content.decode()
    assert "navbar" not in content and "menu-chinh" not in content
    assert "css/print.css" in content
    assert f"<h1>{title}</h1>" in content
    assert "<thead>" in content
    return content
