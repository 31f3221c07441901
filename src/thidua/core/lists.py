"""One way to serve a list page: a FilterSet narrows the rows, a table sorts and pages them, and the same URL with
``?export=xlsx`` downloads exactly those rows (every page, in the same order) as Excel, or with ``?print=1`` shows
them on a print page (no menu, A4, the header row repeated on each sheet, the title and the filters on top).

A list view builds its FilterSet and table and returns :func:`render_list`::

    filterset = GroupFilterSet(request.GET, queryset=selectors.groups_list(user), request=request)
    table = build_table(GroupTable, filterset.qs, request)
    return render_list(request, table=table, filterset=filterset, title="Khối, cụm thi đua", filename="khoi-cum")
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_tables2.rows import BoundRow

from . import vn, xlsx
from .paging import CHUNK
from .tables import ORDER_PARAM, PAGE_PARAM, BaseTable

EXPORT_PARAM = "export"
PRINT_PARAM = "print"
# A list can hold 10⁵–10⁶ people: an export or a print of "everything" stops at these bounds and says so.
EXPORT_MAX_ROWS = 100_000
PRINT_MAX_ROWS = 5_000


def build_table(table_class: type[BaseTable], data, request: HttpRequest, **kwargs) -> BaseTable:
    """The table over ``data``, sorted by the request's ``?sap_xep=`` (one column, ``-`` for descending) or by the
    table's default; an unknown column is ignored and the data keeps the selector's order."""
    order = request.GET.get(ORDER_PARAM, "").split(",")[0].strip() or None
    return table_class(data, order_by=order, **kwargs)


def paginate_table(table: BaseTable, request: HttpRequest, per_page: int):
    """Page the table (``?trang=``); junk or out-of-range page numbers give the nearest page."""
    table.paginator = Paginator(table.rows, per_page)
    table.page = table.paginator.get_page(request.GET.get(PAGE_PARAM))
    return table.page


def render_list(
    request: HttpRequest,
    *,
    table: BaseTable,
    title: str,
    filename: str,
    filterset=None,
    template: str = "core/list.html",
    per_page: int | None = None,
    context: dict[str, Any] | None = None,
    partial: tuple[str, str] | None = None,
    note: str = "",
) -> HttpResponse:
    """The list page, its Excel export or its print view, by the query string.

    ``partial`` is (htmx target id, template): an htmx request aimed at that target gets only that template (the
    people list's as-you-type search). ``note`` is a line under the title of the workbook and the print view.
    """
    if request.GET.get(EXPORT_PARAM) == "xlsx":
        return export_response(table, title=title, filterset=filterset, filename=filename, note=note)
    if request.GET.get(PRINT_PARAM):
        return print_response(request, table, title=title, filterset=filterset, note=note)
    page = paginate_table(table, request, per_page or settings.PEOPLE_PAGE_SIZE)
    if hasattr(table, "label_page"):
        table.label_page(page)  # a table may prepare its page's records once (e.g. texts its row template shows)
    ctx = {"table": table, "page": page, "filterset": filterset, "title": title, **(context or {})}
    if partial and getattr(request, "htmx", None) and request.htmx.target == partial[0]:
        return render(request, partial[1], ctx)
    return render(request, template, ctx)


def all_rows(table: BaseTable, limit: int) -> Iterator[BoundRow]:
    """The table's rows in its order across every page, read ``CHUNK`` records at a time, at most ``limit``."""
    for start in range(0, limit, CHUNK):
        records = list(table.data[start : min(start + CHUNK, limit)])
        for record in records:
            yield BoundRow(record, table=table)
        if len(records) < CHUNK:
            return


def total_rows(table: BaseTable) -> int:
    """How many rows the filter selects (one COUNT for a queryset; never loads the rows to count them)."""
    data = table.data.data
    return data.count() if callable(getattr(data, "count", None)) and not isinstance(data, list) else len(data)


def export_response(table: BaseTable, *, title: str, filterset=None, filename: str, note: str = "") -> HttpResponse:
    """The rows of the current filter and order, every page, as an .xlsx download."""
    summary = filterset.summary_text() if filterset is not None else ""
    content = table_xlsx(table, title=title, summary=summary, note=note)
    response = HttpResponse(content, content_type=xlsx.XLSX_TYPE)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response


def table_xlsx(table: BaseTable, *, title: str, summary: str = "", note: str = "") -> bytes:
    """The workbook: a title row, a line with ``note``, the filters and the time of export, a bold frozen header row
    with a filter button, then one row per record ("STT" first); dates are real Excel dates shown dd/mm/yyyy; text is
    never read as a formula."""
    book, buffer = xlsx.open_book()
    fmt = xlsx.Formats(book)
    sheet = book.add_worksheet(title[:31].replace("/", "-").replace(":", " ") or "Danh sách")
    columns = table.export_columns()
    sheet.write_string(0, 0, title.upper(), fmt.title)
    filters = f"Lọc theo: {summary}. " if summary else ""
    ordering = f"Sắp xếp theo: {table.order_text()}. " if table.order_text() else ""
    sheet.write_string(1, 0, f"{note}{filters}{ordering}Xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}.", fmt.note)
    head = 2
    headers = ["STT", *(table.excel_header(c) for c in columns)]
    for col, text in enumerate(headers):
        sheet.write_string(head, col, text, fmt.header)
    widths = [len(h) for h in headers]
    row = head
    for row_number, bound in enumerate(all_rows(table, EXPORT_MAX_ROWS), start=1):
        row = head + row_number
        sheet.write_number(row, 0, row_number, fmt.number)
        for col, column in enumerate(columns, start=1):
            width = xlsx.write_value(sheet, row, col, table.excel_value(bound, column), fmt)
            widths[col] = max(widths[col], width)
    if row - head >= EXPORT_MAX_ROWS:
        sheet.write_string(row + 1, 0, f"Chỉ xuất {vn.format_number(EXPORT_MAX_ROWS)} dòng đầu; hãy lọc hẹp hơn.")
    for col, column in enumerate(columns, start=1):
        sheet.set_column(col, col, xlsx.column_width(headers[col], widths[col], table.excel_widths.get(column.name)))
    sheet.set_column(0, 0, 6)
    sheet.freeze_panes(head + 1, 0)
    sheet.autofilter(head, 0, max(row, head), len(headers) - 1)
    sheet.repeat_rows(head)
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    book.close()
    return buffer.getvalue()


def print_response(
    request: HttpRequest, table: BaseTable, *, title: str, filterset=None, note: str = ""
) -> HttpResponse:
    """The print page: every row of the current filter and order (up to ``PRINT_MAX_ROWS``) on A4."""
    columns = table.export_columns()
    rows = [[(c, bound.get_cell(c.name)) for c in columns] for bound in all_rows(table, PRINT_MAX_ROWS + 1)]
    truncated = len(rows) > PRINT_MAX_ROWS
    query = request.GET.copy()
    query.pop(PRINT_PARAM, None)
    context = {
        "title": title,
        "note": note,
        "headers": [(c, table.excel_header(c)) for c in columns],
        "ordering": table.order_text(),
        "summary": filterset.summary() if filterset is not None else [],
        "columns": columns,
        "rows": rows[:PRINT_MAX_ROWS],
        "truncated": truncated,
        "max_rows": PRINT_MAX_ROWS,
        "total": total_rows(table) if truncated else len(rows),
        "back_url": f"{request.path}?{query.urlencode()}" if query else request.path,
        "printed_on": timezone.localdate(),
    }
    return render(request, "core/list_print.html", context)
