"""The ND 30/2020 document layout (thidua.core.nd30), read back with python-docx the way Word would see it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from thidua.core.nd30 import (
    FONT,
    QUOC_HIEU,
    TEXT_WIDTH_CM,
    TIEU_NGU,
    Header,
    Nd30Document,
    Signer,
    abbreviation,
    balanced_lines,
    text_width_cm,
)

SCRIPTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def _sample() -> Document:
    """A document of several pages with every part, saved and opened again."""
    doc = Nd30Document(body_pt=14, title="Báo cáo mẫu")
    doc.header(
        Header(
            issuer="KHỐI 2 – CỤM THI ĐUA CƠ QUAN TỔNG CỤC",
            symbol="BC-K2",
            superior="TỔNG CỤC CÔNG NGHIỆP QUỐC PHÒNG",
            superior_short="TỔNG CỤC CNQP",
            place="Hà Nội",
            on=dt.date(2020, 1, 5),
        )
    )
    doc.title("BÁO CÁO", "Tổng kết công tác thi đua, khen thưởng năm 2020")
    doc.heading("I. KẾT QUẢ")
    for i in range(60):
        doc.paragraph(f"Đoạn {i}: các cơ quan, đơn vị hoàn thành tốt nhiệm vụ, giải quyết 58 đơn thư\x0b.")
    doc.table(("TT", "Chỉ tiêu", "Kết quả"), [(str(i), "Số tin, bài", "1.600") for i in range(1, 4)], (1.0, 11.5, 4.0))
    signer = Signer(authority="TM. Khối 2", title="KHỐI TRƯỞNG")
    doc.closing(["- Các cơ quan, đơn vị trong khối;", "- Lưu: VT."], signer)
    return Document(io.BytesIO(doc.to_bytes()))


@pytest.fixture(scope="module")
def sample():
    return _sample()


def _lines(cell) -> list:
    return [p for p in cell.paragraphs if p.text]


def _has_bottom_rule(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr") + "/" + qn("w:bottom")) is not None


def _rules(cell) -> list:
    return [p for p in cell.paragraphs if not p.text and _has_bottom_rule(p)]


def test_page_is_a4_portrait_with_nd30_margins(sample):
    section = sample.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20


def test_times_new_roman_for_every_script(sample):
    defaults = sample.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in SCRIPTS} == {FONT}
    assert not any(fonts.get(qn(a)) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    normal = sample.styles["Normal"]
    assert normal.font.name == FONT and normal.font.size.pt == 14
    runs = [r for p in sample.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in sample.tables[:1] for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    for run in runs:
        assert {run._element.rPr.rFonts.get(qn(a)) for a in SCRIPTS} == {FONT}, run.text


def test_header_boxes(sample):
    (left, right), (number, date) = (row.cells for row in sample.tables[0].rows)
    superior, issuer = _lines(left)
    # the superior's full name would need two lines: its usual abbreviation (allowed by ND 30) is used
    assert superior.text == "TỔNG CỤC CNQP" and not superior.runs[0].bold and superior.runs[0].font.size.pt == 12
    # a long issuer is set on two even lines, bold 12, with a short rule (1/3–1/2 of the line) below
    assert issuer.text == "KHỐI 2 – CỤM THI ĐUA\nCƠ QUAN TỔNG CỤC" and issuer.runs[0].bold
    assert issuer.runs[0].font.size.pt == 12
    (rule,) = _rules(left)
    line = text_width_cm("KHỐI 2 – CỤM THI ĐUA", 12, bold=True)
    assert 0.3 * line <= _rule_length_cm(rule, left) <= 0.5 * line
    quoc_hieu, tieu_ngu = _lines(right)
    assert quoc_hieu.text == QUOC_HIEU and quoc_hieu.runs[0].bold and 12 <= quoc_hieu.runs[0].font.size.pt <= 13
    assert tieu_ngu.text == TIEU_NGU and tieu_ngu.runs[0].bold and 13 <= tieu_ngu.runs[0].font.size.pt <= 14
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in (superior, issuer, quoc_hieu, tieu_ngu))
    (rule,) = _rules(right)  # as long as the Tiêu ngữ
    assert _rule_length_cm(rule, right) == pytest.approx(text_width_cm(TIEU_NGU, 13, bold=True), abs=0.05)
    # số, ký hiệu and the place and date on one row; the date line is italic with zero-padded day and month
    assert number.text == "Số:        /BC-K2" and number.paragraphs[0].runs[0].font.size.pt == 13
    place = date.paragraphs[0]
    assert place.text == "Hà Nội, ngày 05 tháng 01 năm 2020" and place.runs[0].italic
    assert 13 <= place.runs[0].font.size.pt <= 14 and place.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # fixed column widths inside the text area
    assert sum(c.width.cm for c in sample.tables[0].rows[0].cells) == pytest.approx(TEXT_WIDTH_CM, abs=0.01)


def _rule_length_cm(rule, cell) -> float:
    """The length of a rule paragraph: its cell's text area less its two indents."""
    fmt = rule.paragraph_format
    return cell.width.cm - 0.38 - fmt.left_indent.cm - fmt.right_indent.cm


def test_title_body_and_table(sample):
    paragraphs = sample.paragraphs
    kind = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    title, summary, rule = paragraphs[kind : kind + 3]
    for p in (title, summary):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold and p.runs[0].font.size.pt == 14
    assert summary.text == "Tổng kết công tác thi đua, khen thưởng năm 2020"
    assert not rule.text and _has_bottom_rule(rule)
    body = next(p for p in paragraphs if p.text.startswith("Đoạn 0:"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert body.paragraph_format.space_after.pt >= 6 and body.runs[0].font.size.pt == 14
    assert "\x0b" not in body.text  # control characters pasted from old files are dropped
    table = sample.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Chỉ tiêu", "Kết quả"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert sum(c.width.cm for c in table.rows[0].cells) <= TEXT_WIDTH_CM + 0.01
    assert table.rows[1].cells[2].text == "1.600"


def test_receivers_and_signature(sample):
    left, right = sample.tables[-1].rows[0].cells
    receivers = left.paragraphs
    assert receivers[0].text == "Nơi nhận:" and receivers[0].runs[0].bold and receivers[0].runs[0].italic
    assert receivers[0].runs[0].font.size.pt == 12
    assert [p.text for p in receivers[1:]] == ["- Các cơ quan, đơn vị trong khối;", "- Lưu: VT."]
    assert {p.runs[0].font.size.pt for p in receivers[1:]} == {11}
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in receivers)
    authority, title, name = right.paragraphs
    assert (authority.text, title.text) == ("TM. KHỐI 2", "KHỐI TRƯỞNG")
    assert authority.runs[0].bold and title.runs[0].bold and authority.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert name.text.startswith("…") and name.paragraph_format.space_before.pt >= 48  # room to sign
    # the closing row never splits and stays with the last paragraph
    assert sample.tables[-1].rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert sample.paragraphs[-1].paragraph_format.keep_with_next


def test_page_numbers_from_page_two(sample):
    section = sample.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    first = section.first_page_header._element
    assert not first.findall(".//" + qn("w:instrText")) and not "".join(first.itertext()).strip()
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    fields = [t.text.strip() for t in header._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE"]
    assert [c.get(qn("w:fldCharType")) for c in header._p.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
    assert {r.font.size.pt for r in header.runs} == {14} and not any(r.italic for r in header.runs)


def test_header_without_date_or_superior():
    doc = Nd30Document(body_pt=14)
    doc.header(Header(issuer="BAN QUẢN LÝ DỰ ÁN I", symbol="BB-BQLDAI"))
    table = Document(io.BytesIO(doc.to_bytes())).tables[0]
    (left, _right), (number, date) = (row.cells for row in table.rows)
    assert [p.text for p in _lines(left)] == ["BAN QUẢN LÝ DỰ ÁN I"] and left.paragraphs[0].text
    assert number.text == "Số:        /BB-BQLDAI" and date.text == ""


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Tổng cục Công nghiệp quốc phòng", "TCCNQP"),
        ("Ban QLDA I", "BQLDAI"),
        ("Khối 2", "K2"),
        ("Khối 1/TCCT", "K1TCCT"),
        ("Thanh tra Tổng cục", "TTTC"),
        ("Đảng ủy Quân sự", "ĐUQS"),
    ],
)
def test_abbreviation(name, expected):
    assert abbreviation(name) == expected


def test_text_width_matches_what_libreoffice_prints():
    # widths measured with pdftotext -bbox on LibreOffice's PDF (Liberation Serif, metric-compatible with TNR)
    assert text_width_cm(QUOC_HIEU, 12, bold=True) == pytest.approx(8.82, rel=0.07)
    assert text_width_cm(TIEU_NGU, 13, bold=True) == pytest.approx(5.61, rel=0.07)
    assert text_width_cm("Địa điểm: Tổng cục Công nghiệp quốc phòng.", 14) == pytest.approx(9.16, rel=0.07)


def test_balanced_lines():
    assert balanced_lines("BAN QUẢN LÝ DỰ ÁN I", 12, 6.6, bold=True) == "BAN QUẢN LÝ DỰ ÁN I"
    title = "Hội nghị tổng kết phong trào thi đua Quyết thắng và công tác thi đua, khen thưởng năm 2020 – Khối 2"
    first, second = balanced_lines(title, 14, TEXT_WIDTH_CM, bold=True).split("\n")
    # an even break before "và", not a full first line with "thưởng năm 2020 – Khối 2" left over
    assert (first, second) == ("Hội nghị tổng kết phong trào thi đua Quyết thắng", title[len(first) + 1 :])
    lines = balanced_lines("ỦY BAN KIỂM TRA ĐẢNG ỦY TỔNG CỤC CÔNG NGHIỆP QUỐC PHÒNG", 12, 6.6, bold=True).split("\n")
    assert len(lines) == 3 and all(text_width_cm(line, 12, bold=True) <= 6.6 for line in lines)
    assert balanced_lines("MỘTTỪRẤTDÀIKHÔNGTHỂNGẮTĐƯỢCNÀOCẢ", 12, 3.0) == "MỘTTỪRẤTDÀIKHÔNGTHỂNGẮTĐƯỢCNÀOCẢ"


def test_balanced_lines_two_words():
    # the smallest split: two words too wide for one line go one per line; too wide even then, they stay as they are
    assert balanced_lines("TỔNG CỤC", 12, 1.5, bold=True) == "TỔNG\nCỤC"
    assert balanced_lines("TỔNG CỤC", 12, 1.0, bold=True) == "TỔNG CỤC"


# --- a unit's configured signer (issue 9 item 10) ------------------------------------------------------------------


def test_unit_signer_takes_the_configured_signer_and_falls_back_to_the_defaults():
    from types import SimpleNamespace

    from thidua.core.nd30 import unit_signer

    blank = SimpleNamespace(signer_authority="", signer_title="", signer_name="")
    default = unit_signer(blank, authority="TM. Tổng cục", title="THỦ TRƯỞNG", name="Đại tá Lê Mai Hậu")
    assert (default.authority, default.title, default.name) == ("TM. Tổng cục", "THỦ TRƯỞNG", "Đại tá Lê Mai Hậu")
    deputy = SimpleNamespace(
        signer_authority="KT. CHỦ NHIỆM", signer_title="PHÓ CHỦ NHIỆM", signer_name="Thiếu tướng A"
    )
    signer = unit_signer(deputy, authority="TM. Tổng cục", title="THỦ TRƯỞNG", name="x")
    assert (signer.authority, signer.title, signer.name) == ("KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Thiếu tướng A")
    head = SimpleNamespace(signer_authority="", signer_title="CHỦ NHIỆM", signer_name="")
    signer = unit_signer(head, authority="TM. Tổng cục", title="THỦ TRƯỞNG", name="Đại tá B")
    assert (signer.authority, signer.title, signer.name) == ("", "CHỦ NHIỆM", "Đại tá B")


@pytest.mark.parametrize(
    "value", ["", "KT. CHỦ NHIỆM", "TM. ĐẢNG ỦY", "tl. chánh văn phòng", "TUQ. GIÁM ĐỐC", "Q. CỤC TRƯỞNG"]
)
def test_signer_authority_accepts_the_nd30_abbreviations(value):
    from thidua.core.nd30 import check_signer_authority

    check_signer_authority(value)


@pytest.mark.parametrize("value", ["CHỦ NHIỆM", "KT.", "K.T. CHỦ NHIỆM", "Thay mặt Đảng ủy"])
def test_signer_authority_refuses_anything_else_in_vietnamese(value):
    from django.core.exceptions import ValidationError

    from thidua.core.nd30 import check_signer_authority

    with pytest.raises(ValidationError, match="Quyền hạn ký bắt đầu bằng TM., Q., KT., TL. hoặc TUQ."):
        check_signer_authority(value)
