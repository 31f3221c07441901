"""Minutes (biên bản) of a conference, drafted from the record: as plain text (kept editable in
``Conference.minutes``) and as a Word document in the form of Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9.

The Word layout follows Phụ lục I: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; Quốc hiệu
upper-case 13 bold, Tiêu ngữ 14 bold; the document type "BIÊN BẢN" upper-case 14 bold with the subject below; body
14 justified, first-line indent 1 cm, 6 pt between paragraphs; signature blocks THƯ KÝ (left) and CHỦ TỌA (right).
The body is the minutes text, so an amendment made in Thidua shows in the document.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from thidua.core import vn

from .choices import ConferenceKind
from .models import Conference

FONT = "Times New Roman"
BODY_PT = 14
CLOSING = "Cuộc họp (hội nghị, hội thảo) kết thúc vào … giờ …, {date}./."


def _attendee_line(attendee) -> str:
    parts = [f"{attendee.rank_then} {attendee.person.full_name}".strip()]
    if attendee.positions_then:
        parts.append(attendee.positions_then)
    text = ", ".join(parts)
    return f"{text} ({attendee.role})" if attendee.role else text


def minutes_text(conference: Conference) -> str:
    """The minutes drafted from the record, in the order of Mẫu 1.9 (time, place, attendance, chair, secretary,
    content by agenda item, conclusions, decisions, closing sentence)."""
    attendees = list(conference.attendees.select_related("person").order_by("id"))
    chair = next((a for a in attendees if a.person_id == conference.chair_id), None)
    chair_line = _attendee_line(chair) if chair else conference.chair.full_name
    lines = [
        "BIÊN BẢN",
        conference.title,
        "",
        f"Thời gian bắt đầu: … giờ …, {vn.format_date(conference.held_on)}.",
        f"Địa điểm: {conference.place or '…'}.",
        f"Thành phần tham dự: {len(attendees)} đại biểu, gồm:",
        *[f"- {_attendee_line(a)};" for a in attendees],
        f"Chủ trì (chủ toạ): {chair_line.replace(' (Chủ trì)', '')}.",
        "Thư ký (người ghi biên bản): …",
        "Nội dung (theo diễn biến hội nghị):",
    ]
    for i, item in enumerate(conference.agenda.select_related("presenter", "presenter_unit").order_by("order"), 1):
        who = ""
        if item.presenter:
            who = f" — trình bày: {item.presenter.full_name}"
            if item.presenter_unit:
                who += f" ({item.presenter_unit.name})"
        lines.append(f"{i}. {item.get_kind_display()}: {item.title}{who}.")
        if item.summary:
            lines.append(item.summary)
    if conference.conclusions:
        lines += ["Kết luận của chủ trì:", conference.conclusions]
    outcomes = list(conference.outcomes.order_by("id"))
    if outcomes:
        lines.append("Các quyết định tại hội nghị:")
        lines += [f"- {o.get_kind_display()}: {o.text}" for o in outcomes]
    lines += ["", CLOSING.format(date=vn.format_date(conference.held_on))]
    return "\n".join(lines)


def _font(run, size: int = BODY_PT, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(container, text: str, *, size: int = BODY_PT, bold=False, italic=False, align=None, indent=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Cm(1)
    _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _cell_para(cell, text: str, *, size=13, bold=False, italic=False, first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _parent_name(conference: Conference) -> str:
    parent = conference.host_unit.get_parent()
    return parent.name_on(conference.held_on).upper() if parent else ""


def minutes_docx(conference: Conference) -> bytes:
    """The minutes as a .docx in the form of Mẫu 1.9 (bytes), body taken from the minutes text or drafted."""
    text = conference.minutes.strip() or minutes_text(conference)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    parent = _parent_name(conference)
    _cell_para(left, parent or " ", size=13, first=True)
    _cell_para(left, conference.host_unit.name_on(conference.held_on).upper(), size=13, bold=True)
    _cell_para(left, "_______", size=13)
    _cell_para(left, "Số:      /BB-" + (conference.host_unit.short_name or "").split("/")[0].replace(" ", ""), size=13)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, first=True)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _cell_para(right, "________________________", size=13)

    _para(document, "", size=BODY_PT)
    _para(document, "BIÊN BẢN", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, conference.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "_______", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)

    body = text.splitlines()
    if body[:2] == ["BIÊN BẢN", conference.title]:
        body = body[2:]
    for line in body:
        if not line.strip():
            continue
        _para(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)

    signatures = document.add_table(rows=1, cols=2)
    signatures.alignment = WD_TABLE_ALIGNMENT.CENTER
    secretary, chair = signatures.rows[0].cells
    _cell_para(secretary, "THƯ KÝ", size=14, bold=True, first=True)
    _cell_para(secretary, "(Chữ ký)", size=14, italic=True)
    _cell_para(secretary, "\n\n", size=14)
    _cell_para(secretary, "…", size=14, bold=True)
    _cell_para(chair, "CHỦ TỌA", size=14, bold=True, first=True)
    _cell_para(chair, "(Chữ ký)", size=14, italic=True)
    _cell_para(chair, "\n\n", size=14)
    rank = conference.attendees.filter(person_id=conference.chair_id).values_list("rank_then", flat=True).first()
    _cell_para(chair, f"{rank or ''} {conference.chair.full_name}".strip(), size=14, bold=True)

    receivers = document.add_paragraph()
    _font(receivers.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in ("- Các đơn vị dự hội nghị;", "- Lưu: VT, Hồ sơ."):
        _font(document.add_paragraph().add_run(line), 11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_filename(conference: Conference) -> str:
    """An ASCII file name for the download: bien-ban-<kind>-<date>.docx."""
    kind = vn.search_key(ConferenceKind(conference.kind).label).replace(" ", "-") if conference.kind else "hoi-nghi"
    return f"bien-ban-{kind}-{conference.held_on:%Y%m%d}.docx"
