"""Khối 2's 2020 documents from the demo data, opened by a word processor: the central report and the minutes of the
28/10/2020 conference, checked as Word files (python-docx) and after LibreOffice has laid them out as PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from thidua.core.nd30 import QUOC_HIEU, TIEU_NGU
from thidua.demo.emulation.conferences import load_conferences
from thidua.demo.org.load import load
from thidua.emulation.conferences.minutes import minutes_docx
from thidua.emulation.models import Conference
from thidua.emulation.reports.documents import central_report_docx

SOFFICE = Path("/usr/bin/soffice")
needs_soffice = pytest.mark.skipif(
    not SOFFICE.exists(),
    reason="LibreOffice is not installed (/usr/bin/soffice): the .docx cannot be laid out by a word processor here",
)


@pytest.fixture
def khoi2(db) -> Conference:
    """The demo data; Khối 2's year-end review conference of 28/10/2020."""
    load()
    load_conferences()
    return Conference.objects.select_related("period").get(held_on=dt.date(2020, 10, 28))


@pytest.fixture
def documents(khoi2) -> dict[str, bytes]:
    """Both documents as .docx bytes; the report is dated on the period's deadline."""
    return {
        "bao-cao-trung-tam": central_report_docx(khoi2.period, on=khoi2.period.due_on),
        "bien-ban-hoi-nghi": minutes_docx(khoi2),
    }


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory) -> str:
    """A LibreOffice user profile of this test process (each xdist worker has its own base temp directory), so that
    parallel workers never share one; created on first use, then reused."""
    return (tmp_path_factory.getbasetemp() / "lo-profile").as_uri()


def _to_pdf(name: str, content: bytes, tmp_path: Path, profile: str) -> tuple[list[str], str]:
    """Lay ``content`` out with LibreOffice and return the text of each page (NFC) and the fonts in the PDF."""
    source = tmp_path / f"{name}.docx"
    source.write_bytes(content)
    command = [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists(), f"LibreOffice did not convert {source.name}"
    for tool in ("pdftotext", "pdffonts"):
        assert shutil.which(tool), f"{tool} (poppler-utils) is needed to read the PDF"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = [unicodedata.normalize("NFC", page) for page in text.split("\f") if page.strip()]
    return pages, fonts


def _flat(page: str) -> str:
    """A page's text on one line, spaces collapsed (pdftotext -layout keeps the columns apart with spaces)."""
    return " ".join(page.split())


def _assert_word_layout(content: bytes) -> Document:
    """What python-docx sees: ND 30 page, fonts, numbering from page 2."""
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer
    assert [t.text.strip() for t in section.header._element.iter(qn("w:instrText"))] == ["PAGE"]
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    header_cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert QUOC_HIEU in header_cells[1] and TIEU_NGU in header_cells[1]
    return doc


def _assert_pdf_basics(pages: list[str], fonts: str) -> None:
    """Quốc hiệu and Tiêu ngữ on page 1, no number on page 1, "2" atop page 2, one font family for all text."""
    assert QUOC_HIEU in _flat(pages[0]) and TIEU_NGU in _flat(pages[0])
    assert not pages[0].lstrip().startswith("1")
    if len(pages) > 1:
        assert pages[1].lstrip().split("\n")[0].strip() == "2"
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts.splitlines()[2:] if line.strip()}
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman"}, families


def test_central_report_in_word_form(documents):
    doc = _assert_word_layout(documents["bao-cao-trung-tam"])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO\nTổng kết thi đua năm 2020 – Khối 2 – Cụm thi đua cơ quan Tổng cục" in text  # the period's name
    assert "1. Thanh tra Tổng cục" in text and "2. Tạp chí Công nghiệp quốc phòng và Kinh tế" in text
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"1.600", "58"} <= cells
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs]
    assert signature == ["TM. KHỐI 2", "KHỐI TRƯỞNG", "Đại tá Lê Mai Hậu"]


def test_minutes_in_word_form(documents):
    doc = _assert_word_layout(documents["bien-ban-hoi-nghi"])
    (left, _right), (number, date) = (row.cells for row in doc.tables[0].rows)
    assert [p.text for p in left.paragraphs if p.text] == ["TỔNG CỤC CNQP", "BAN QUẢN LÝ DỰ ÁN I"]
    assert number.text.endswith("/BB-BQLDAI") and date.text == ""  # Mẫu 1.9 has no date line
    body = [p.text for p in doc.paragraphs if p.text]
    assert body[0] == "BIÊN BẢN"
    # the record reads as minutes: a dash list closed with a full stop, who presented what
    assert "- Đại tá Lê Mai Hậu, Trưởng phòng Tài chính Tổng cục CNQP (Báo cáo trung tâm)." in body
    assert (
        "1. Báo cáo trung tâm: Báo cáo tổng kết phong trào thi đua Quyết thắng năm 2020 của Khối 2, "
        "do đồng chí Đại tá Lê Mai Hậu (Ban Quản lý Dự án I — Tổng cục Công nghiệp quốc phòng) trình bày." in body
    )
    assert body[-1] == "Cuộc họp (hội nghị, hội thảo) kết thúc vào … giờ …, ngày 28 tháng 10 năm 2020./."
    secretary, chair = doc.tables[-1].rows[0].cells
    assert [p.text for p in chair.paragraphs] == ["CHỦ TỌA", "Thiếu tướng Nguyễn Việt Hùng"]
    assert secretary.paragraphs[0].text == "THƯ KÝ"
    assert doc.tables[-1].rows[1].cells[0].paragraphs[0].text == "Nơi nhận:"


@needs_soffice
def test_central_report_through_libreoffice(documents, tmp_path, lo_profile):
    pages, fonts = _to_pdf("bao-cao-trung-tam", documents["bao-cao-trung-tam"], tmp_path, lo_profile)
    assert 2 <= len(pages) <= 4
    _assert_pdf_basics(pages, fonts)
    first, everything = _flat(pages[0]), _flat("\n".join(pages))
    assert "Hà Nội, ngày 20 tháng 10 năm 2020" in first and "Số: /BC-K2" in first
    assert "BÁO CÁO Tổng kết thi đua năm 2020 – Khối 2 – Cụm thi đua cơ quan Tổng cục" in first
    assert "1.600" in everything and "58" in everything
    last = _flat(pages[-1])
    assert all(text in last for text in ("Nơi nhận:", "TM. KHỐI 2", "KHỐI TRƯỞNG", "Đại tá Lê Mai Hậu"))


@needs_soffice
def test_minutes_through_libreoffice(documents, tmp_path, lo_profile):
    pages, fonts = _to_pdf("bien-ban-hoi-nghi", documents["bien-ban-hoi-nghi"], tmp_path, lo_profile)
    assert 1 <= len(pages) <= 3
    _assert_pdf_basics(pages, fonts)
    first, last = _flat(pages[0]), _flat(pages[-1])
    assert "BIÊN BẢN" in first and "Thời gian bắt đầu: … giờ …, ngày 28 tháng 10 năm 2020." in first
    assert "gần 1.600 tin, bài, ảnh" in _flat("\n".join(pages))
    assert "CHỦ TỌA" in last and "Thiếu tướng Nguyễn Việt Hùng" in last and "Nơi nhận:" in last
