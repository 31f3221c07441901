"""Word documents of the emulation cycle, in the form of Nghị định 30/2020/NĐ-CP (Phụ lục I), made with python-docx.

:func:`central_report_docx` drafts the báo cáo trung tâm of a review period from :func:`central_report_data`: the
header (issuing body, số/ký hiệu, quốc hiệu and tiêu ngữ, place and date), the document type, one section per
member unit with its figures, the block's totals compared with the previous period, the list of source reports and
the nơi nhận / signature block. Every figure carries the number of the unit report it comes from ("BC số 12"), and
§III lists each report with the time it was submitted. The document stays editable: officers finish it in Word.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from thidua.core import vn

from .choices import IndicatorKind, PeriodKind
from .selectors_reports import CentralReport, central_report_data

FONT = "Times New Roman"
BODY_PT = 13
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Column headers of a unit's table and of the totals table (tests read the tables by these positions).
UNIT_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Kỳ trước", "So sánh", "Nguồn số liệu")
TOTAL_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Toàn khối", "Kỳ trước", "So sánh", "Số đơn vị báo cáo")


# --- formatting of figures ------------------------------------------------------------------------------------


def format_value(kind: str, value) -> str:
    """A figure the Vietnamese way: "1.600", "99,1%", "Có"/"Không", text as typed; empty for no value."""
    if value is None or value == "":
        return ""
    if kind == IndicatorKind.COUNT:
        return vn.format_number(value)
    if kind == IndicatorKind.PERCENT:
        value = Decimal(value)
        return vn.format_percent(value, 0 if value == value.to_integral_value() else 1)
    if kind == IndicatorKind.YES_NO:
        return "Có" if value else "Không"
    return str(value)


def format_total(kind: str, value, units: int) -> str:
    """A block total: a sum, a mean ("bình quân 98,5%"), or "n/m đơn vị có"."""
    if value is None:
        return ""
    if kind == IndicatorKind.PERCENT:
        return "bình quân " + vn.format_percent(value, 1)
    if kind == IndicatorKind.YES_NO:
        return f"{vn.format_number(value)}/{units} đơn vị có"
    return vn.format_number(value)


def format_change(kind: str, current, previous) -> str:
    """ "tăng 12 (+8,1%)", "giảm 0,5 điểm %", "bằng kỳ trước"; empty when either side is missing."""
    if kind not in (IndicatorKind.COUNT, IndicatorKind.PERCENT) or current is None or previous is None:
        return ""
    current, previous = Decimal(current), Decimal(previous)
    delta = current - previous
    if delta == 0:
        return "bằng kỳ trước"
    word = "tăng" if delta > 0 else "giảm"
    if kind == IndicatorKind.PERCENT:
        return f"{word} {vn.format_number(abs(delta), 1)} điểm %"
    text = f"{word} {vn.format_number(abs(delta))}"
    if previous:
        text += f" ({'+' if delta > 0 else '−'}{vn.format_number(abs(delta) * 100 / previous, 1)}%)"
    return text


# --- low-level helpers ------------------------------------------------------------------------------------------


def _set_font(run, size: float | None = None, *, bold=None, italic=None, underline=None) -> None:
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline


def _para(container, text: str = "", *, size=BODY_PT, bold=False, italic=False, align=None, indent=False, after=6):
    paragraph = container.add_paragraph()
    if text:
        _set_font(paragraph.add_run(_clean(text)), size, bold=bold, italic=italic)
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _cell_text(cell, text: str, *, size=12, bold=False, italic=False, align=None) -> None:
    """Set a cell to one paragraph of text (reusing the empty paragraph the cell starts with)."""
    paragraph = cell.paragraphs[0]
    if text:
        _set_font(paragraph.add_run(text), size, bold=bold, italic=italic)
    paragraph.paragraph_format.space_after = Pt(0)
    if align is not None:
        paragraph.alignment = align


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))  # the schema wants the borders before tblLook
    if look is not None:
        look.addprevious(borders)
    else:
        tbl_pr.append(borders)


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text without the control characters XML cannot carry (pasted from old Word files)."""
    return _INVALID_XML.sub("", text)


def _run_xml(text: str, size: float, bold: bool, italic: bool) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + f'<w:sz w:val="{int(size * 2)}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r>' if text else ""


def _grid_table(doc, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...]):
    """A bordered table ("Table Grid") with a bold header row, written as one XML fragment.

    Building thousands of cells through python-docx's object API costs seconds for a 30-unit block; the same
    WordprocessingML written as text and parsed once takes milliseconds, and the result is an ordinary table.
    """
    numeric = {0, 3, 4}
    twips = [int(w / 2.54 * 1440) for w in widths]
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:jc w:val="center"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{t}"/>' for t in twips),
        "</w:tblGrid>",
    ]
    for r, values in enumerate((header, *rows)):
        parts.append("<w:tr>")
        for c, text in enumerate(values):
            centre = r == 0 or c in numeric
            ppr = '<w:pPr><w:spacing w:before="0" w:after="0"/>' + ('<w:jc w:val="center"/>' if centre else "")
            size = 11 if c == 6 else 12
            run = _run_xml(text, size, r == 0, c == 6 and r > 0)
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{twips[c]}" w:type="dxa"/></w:tcPr><w:p>{ppr}</w:pPr>{run}</w:p></w:tc>'
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    tbl = parse_xml("".join(parts))
    doc.element.body.find(qn("w:sectPr")).addprevious(tbl)
    return tbl


# --- the document ---------------------------------------------------------------------------------------------


def _setup(doc) -> None:
    """A4 portrait, ND 30 margins (top/bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 13."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _issuer(data: CentralReport) -> tuple[str, str]:
    """(cơ quan chủ quản, cơ quan ban hành), upper-case."""
    period = data.period
    if period.group_id:
        return period.authority.name.upper(), (period.group.name or "").upper()
    parent = period.authority.get_parent()
    return (parent.name.upper() if parent else ""), period.authority.name.upper()


def _header(doc, data: CentralReport, on: dt.date, place: str) -> None:
    superior, issuer = _issuer(data)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _cell_text(left, superior, size=12, align=center)
    p = left.add_paragraph()
    _set_font(p.add_run(issuer), 12, bold=True)
    p.alignment = center
    p = left.add_paragraph()
    _set_font(p.add_run("Số:        /BC-" + ("KTĐ" if data.period.group_id else "TĐKT")), 13)
    p.alignment = center
    p.paragraph_format.space_before = Pt(6)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=center)
    p = right.add_paragraph()
    _set_font(p.add_run("Độc lập - Tự do - Hạnh phúc"), 14, bold=True, underline=True)
    p.alignment = center
    p = right.add_paragraph()
    _set_font(p.add_run(f"{place}, {vn.format_date(on)}"), 14, italic=True)
    p.alignment = center
    p.paragraph_format.space_before = Pt(6)


def _title(doc, data: CentralReport) -> None:
    period = data.period
    _para(
        doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0
    ).paragraph_format.space_before = Pt(12)
    subject = {
        PeriodKind.MID_YEAR: f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {period.year}",
        PeriodKind.YEAR_END: f"Tổng kết công tác thi đua, khen thưởng năm {period.year}",
    }.get(period.kind, period.name)
    _para(doc, subject, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, "—————", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)


def _intro(doc, data: CentralReport) -> None:
    period = data.period
    who = period.group.name if period.group_id else period.authority.name
    total = len(data.sections) + len(data.missing)
    _para(
        doc,
        f"Thực hiện kế hoạch {period.name}, {who} tổng hợp kết quả từ báo cáo của {len(data.sections)}/{total} "
        f"đơn vị đã nộp (hạn nộp {vn.format_date(period.due_on, 'short')}). Số liệu dưới đây lấy nguyên từ báo cáo "
        "của từng đơn vị; nguồn của mỗi số liệu ghi ở cột «Nguồn số liệu» và mục III.",
        indent=True,
    )
    if data.missing:
        _para(
            doc,
            "Đơn vị chưa nộp báo cáo (không tính vào số liệu tổng hợp): "
            + "; ".join(u.name for u in data.missing)
            + ".",
            italic=True,
            indent=True,
        )


def _unit_sections(doc, data: CentralReport) -> None:
    _para(doc, "I. KẾT QUẢ CÔNG TÁC CỦA CÁC CƠ QUAN, ĐƠN VỊ", bold=True, after=6)
    widths = (1.0, 5.2, 1.8, 2.0, 2.0, 2.3, 2.2)
    for n, section in enumerate(data.sections, start=1):
        _para(doc, f"{n}. {section.unit.name}", bold=True, indent=True, after=3)
        if section.report.narrative:
            for line in section.report.narrative.splitlines():
                if line.strip():
                    _para(doc, line.strip(), indent=True)
        source = f"BC số {section.report.pk}"
        rows = []
        for i, ind in enumerate(data.indicators, start=1):
            figure = section.figures.get(ind.pk)
            current = figure.value if figure else None
            previous = section.previous.get(ind.pk)
            rows.append(
                (
                    str(i),
                    ind.label,
                    ind.unit_label,
                    format_value(ind.kind, current),
                    format_value(ind.kind, previous),
                    format_change(ind.kind, current, previous),
                    source if figure else "",
                )
            )
        _grid_table(doc, UNIT_COLUMNS, rows, widths)
        _para(doc, "", after=3)


def _totals(doc, data: CentralReport) -> None:
    prev = data.period.previous
    title = "II. TỔNG HỢP SỐ LIỆU TOÀN KHỐI" if data.period.group_id else "II. TỔNG HỢP SỐ LIỆU"
    _para(doc, title, bold=True, after=3)
    note = "Chỉ tiêu số lượng: cộng số liệu các đơn vị; chỉ tiêu tỷ lệ: bình quân các đơn vị; chỉ tiêu có/không: số "
    note += "đơn vị có. "
    note += f"So sánh với {prev.name}." if prev else "Chưa có kỳ trước để so sánh."
    _para(doc, note, italic=True, indent=True)
    rows = []
    for i, total in enumerate(data.totals, start=1):
        ind = total.indicator
        rows.append(
            (
                str(i),
                ind.label,
                ind.unit_label,
                format_total(ind.kind, total.value, total.units),
                format_total(ind.kind, total.previous, total.units) if total.previous is not None else "",
                format_change(ind.kind, total.value, total.previous),
                f"{total.units} đơn vị (BC số {', '.join(str(s) for s in total.sources)})" if total.sources else "",
            )
        )
    _grid_table(doc, TOTAL_COLUMNS, rows, (1.0, 5.0, 1.8, 2.4, 2.2, 2.3, 2.3))
    _para(doc, "", after=3)


def _sources(doc, data: CentralReport) -> None:
    _para(doc, "III. NGUỒN SỐ LIỆU", bold=True, after=3)
    rows = []
    for i, section in enumerate(data.sections, start=1):
        submitted = timezone.localtime(section.report.submitted_at) if section.report.submitted_at else None
        when = f"{submitted:%H:%M} {vn.format_date(submitted.date(), 'short')}" if submitted else ""
        rows.append((str(i), section.unit.name, f"BC số {section.report.pk}", when, "", "", ""))
    table = doc.add_table(rows=len(rows) + 1, cols=4)
    table.style = "Table Grid"
    header = ("TT", "Đơn vị", "Báo cáo", "Thời điểm nộp")
    for r, row in enumerate(table.rows):
        values = header if r == 0 else rows[r - 1]
        for c, cell in enumerate(row.cells):
            _cell_text(cell, values[c], size=12, bold=r == 0)
    _para(doc, "", after=3)
    _para(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", bold=True, after=3)
    _para(doc, "(Cơ quan, đơn vị soạn thảo bổ sung.)", italic=True, indent=True)


def _signature(doc, data: CentralReport) -> None:
    period = data.period
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True)
    receivers = ["- Thường trực Hội đồng TĐKT " + period.authority.name + ";"]
    receivers += ["- Các cơ quan, đơn vị trong khối;" if period.group_id else "- Các cơ quan, đơn vị;", "- Lưu: VT."]
    for line in receivers:
        p = left.add_paragraph()
        _set_font(p.add_run(line), 11)
        p.paragraph_format.space_after = Pt(0)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if period.group_id:
        lead = data.leaders[0].name.upper() if data.leaders else "ĐƠN VỊ KHỐI TRƯỞNG"
        _cell_text(right, f"TM. {lead}", size=13, bold=True, align=center)
        title = "KHỐI TRƯỞNG"
    else:
        _cell_text(right, f"TM. {period.authority.name.upper()}", size=13, bold=True, align=center)
        title = "THỦ TRƯỞNG"
    p = right.add_paragraph()
    _set_font(p.add_run(title), 13, bold=True)
    p.alignment = center
    for _ in range(3):
        right.add_paragraph()
    p = right.add_paragraph()
    _set_font(p.add_run("(Ký, ghi rõ họ tên)"), 13, italic=True)
    p.alignment = center


def central_report_docx(period, *, on: dt.date | None = None, place: str = "Hà Nội") -> bytes:
    """The báo cáo trung tâm of ``period`` as .docx bytes, dated ``on`` (default today) at ``place``."""
    data = central_report_data(period)
    return render_central_report(data, on=on, place=place)


def render_central_report(data: CentralReport, *, on: dt.date | None = None, place: str = "Hà Nội") -> bytes:
    """Write the document for already computed :class:`CentralReport` data."""
    doc = Document()
    _setup(doc)
    _header(doc, data, on or timezone.localdate(), place)
    _title(doc, data)
    _intro(doc, data)
    _unit_sections(doc, data)
    _totals(doc, data)
    _sources(doc, data)
    _signature(doc, data)
    core = doc.core_properties
    core.title = f"Báo cáo trung tâm — {data.period.name}"
    core.author = "Thidua"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
