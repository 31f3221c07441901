"""The :class:`Nd30Document`: a python-docx document set up for ND 30/2020 and the methods that add its parts."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.core import vn

from .ooxml import (
    CELL_PADDING_CM,
    CENTER,
    FONT,
    JUSTIFY,
    LEFT,
    add_line,
    add_rule,
    add_run,
    borderless,
    format_paragraph,
    grid_table,
    page_number_field,
    set_fonts,
)
from .text import balanced_lines, longest_line_cm, text_width_cm

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_CM = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10
HEADER_COLUMNS_CM = (7.0, TEXT_WIDTH_CM - 7.0)
CLOSING_COLUMNS_CM = (8.5, TEXT_WIDTH_CM - 8.5)
SIGNATURE_SPACE_PT = 66  # room for the signature and the seal, about four lines


@dataclass(frozen=True)
class Header:
    """The header boxes 1–4: issuing body (and its superior), ký hiệu, and the place and date (omitted if no date)."""

    issuer: str
    symbol: str
    superior: str = ""
    superior_short: str = ""  # the superior's usual abbreviation, used when its full name needs two lines
    place: str = ""
    on: dt.date | None = None


@dataclass(frozen=True)
class Signer:
    """A signature block (box 7): quyền hạn ("TM. …", "KT. …"), chức vụ, and the signer's name (may be blank)."""

    title: str
    authority: str = ""
    name: str = ""


# The quyền hạn abbreviations of box 7a (Phụ lục I): thay mặt a collective, quyền, ký thay, thừa lệnh, thừa uỷ quyền.
SIGNER_PREFIXES = ("TM.", "Q.", "KT.", "TL.", "TUQ.")


def check_signer_authority(value: str) -> None:
    """A unit's configured quyền hạn line is empty or starts with one of :data:`SIGNER_PREFIXES` and says for whom
    ("KT. CHỦ NHIỆM", "TM. ĐẢNG ỦY"); raises a Vietnamese ``ValidationError`` otherwise."""
    from django.core.exceptions import ValidationError

    text = (value or "").strip()
    if not text:
        return
    prefix, _, rest = text.partition(" ")
    if prefix.upper() not in SIGNER_PREFIXES or not rest.strip():
        raise ValidationError(
            "Quyền hạn ký bắt đầu bằng TM., Q., KT., TL. hoặc TUQ. rồi đến tập thể hoặc chức vụ người đứng đầu "
            "(ví dụ: KT. CHỦ NHIỆM, TM. ĐẢNG ỦY).",
            code="signer_authority",
        )


def unit_signer(unit, *, authority: str = "", title: str = "", name: str = "") -> Signer:
    """The signature block of a document a unit issues: the unit's configured signer (``signer_authority``,
    ``signer_title``, ``signer_name``) where it is set, else the generator's defaults (``authority``, ``title``,
    ``name``). A configured title replaces the default quyền hạn too: the unit said exactly how it signs."""
    configured_title = (getattr(unit, "signer_title", "") or "").strip()
    configured_authority = (getattr(unit, "signer_authority", "") or "").strip()
    configured_name = (getattr(unit, "signer_name", "") or "").strip()
    if configured_title:
        authority, title = configured_authority, configured_title
    return Signer(title=title, authority=authority, name=configured_name or name)


class Nd30Document:
    """A python-docx document set up for ND 30/2020, with methods that add its parts in order."""

    def __init__(self, *, body_pt: float = 14, title: str = "") -> None:
        """A4 portrait, ND 30 margins, Times New Roman ``body_pt`` everywhere, page numbers from page 2."""
        self.body_pt = body_pt
        self.doc = Document()
        self._page_setup()
        self._styles()
        self._page_numbers()
        props = self.doc.core_properties
        props.title, props.author, props.language = title, "Thidua", "vi-VN"

    def _page_setup(self) -> None:
        """A4 portrait with the margins of Phụ lục I, the header 10 mm from the top edge."""
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = section.footer_distance = Mm(10)

    def _styles(self) -> None:
        """Times New Roman ``body_pt``, Vietnamese, single spacing, no paragraph gap as the defaults of every style."""
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr)
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:val"), "vi-VN")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(self.body_pt)
        set_fonts(normal.element.get_or_add_rPr())

    def _page_numbers(self) -> None:
        """Page numbers centred in the top margin, upright, body size; none on the first page."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # an empty header of its own on page 1
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = CENTER
        page_number_field(paragraph, self.body_pt)

    # --- header and title ---

    def header(self, header: Header) -> None:
        """Boxes 1–4 as a borderless two-row table, so the số and the date line up on the second row."""
        table = self.doc.add_table(rows=2, cols=2)
        borderless(table, HEADER_COLUMNS_CM)
        (left, right), (number, date) = table.rows[0].cells, table.rows[1].cells
        left_area, right_area = (w - CELL_PADDING_CM for w in HEADER_COLUMNS_CM)
        superior = header.superior
        if header.superior_short and text_width_cm(superior, 12) > left_area * 0.96:
            superior = header.superior_short  # ND 30 lets the superior's name use common abbreviations
        if superior:
            add_line(left, balanced_lines(superior, 12, left_area), 12, first=True)
        issuer = balanced_lines(header.issuer, 12, left_area, bold=True)
        add_line(left, issuer, 12, first=not superior, bold=True)
        add_rule(left, left_area, longest_line_cm(issuer, 12, bold=True) * 0.4)
        add_line(right, QUOC_HIEU, 12, first=True, bold=True)
        add_line(right, TIEU_NGU, 13, bold=True)
        add_rule(right, right_area, text_width_cm(TIEU_NGU, 13, bold=True))
        add_line(number, f"Số:        /{header.symbol}", 13, first=True, before=2)
        if header.on:
            add_line(date, f"{header.place}, {vn.format_date(header.on)}", 13, first=True, italic=True, before=2)

    def title(self, kind: str, summary: str = "") -> None:
        """Box 5a: the document type upper-case and the summary below, centred bold 14, then a short rule."""
        self.paragraph(kind, size=14, bold=True, align=CENTER, indent=False, before=18, after=0, keep_with_next=True)
        summary = balanced_lines(summary, 14, TEXT_WIDTH_CM, bold=True)
        if summary:
            self.paragraph(summary, size=14, bold=True, align=CENTER, indent=False, after=0, keep_with_next=True)
        width = longest_line_cm(summary or kind, 14, bold=True) / 3
        rule = add_rule(self.doc, TEXT_WIDTH_CM, max(width, 2.5))
        rule.paragraph_format.space_after = Pt(14)

    # --- body ---

    def paragraph(self, text="", *, size=None, bold=False, italic=False, align=JUSTIFY, indent=True, after=6, **fmt):
        """A body paragraph (box 6): justified, first-line indent 1,27 cm, 6 pt after (``fmt``: before=…)."""
        paragraph = self.doc.add_paragraph()
        if text:
            add_run(paragraph, text, size or self.body_pt, bold=bold, italic=italic)
        return format_paragraph(paragraph, align=align, indent=indent, after=after, **fmt)

    def heading(self, text: str):
        """A section heading ("I. KẾT QUẢ …", "1. Thanh tra Tổng cục"): bold, kept with what follows."""
        return self.paragraph(text, bold=True, before=6, after=6, keep_with_next=True, align=LEFT)

    def table(self, header, rows, widths_cm, *, centred=frozenset(), notes=frozenset(), size=12):
        """A bordered table (see :func:`.ooxml.grid_table`) followed by a spacing paragraph."""
        tbl = grid_table(header, rows, widths_cm, centred=centred, notes=notes, size=size)
        self.doc.element.body.find(qn("w:sectPr")).addprevious(tbl)
        self.paragraph(after=6)  # Word needs a paragraph between two tables; it also spaces the table from the text
        return tbl

    # --- closing ---

    def closing(self, receivers: list[str], signer: Signer) -> None:
        """Nơi nhận (box 9b) bottom-left and the signature block (box 7) right, on one row that never splits."""
        table = self._closing_table(CLOSING_COLUMNS_CM)
        left, right = table.rows[0].cells
        self.receivers(left, receivers)
        self.signature(right, signer, CLOSING_COLUMNS_CM[1])

    def signatures(self, left: Signer, right: Signer, receivers: list[str]) -> None:
        """Two signature blocks side by side (biên bản: thư ký and chủ tọa), then Nơi nhận below on the left."""
        half = TEXT_WIDTH_CM / 2
        table = self._closing_table((half, half))
        self.signature(table.rows[0].cells[0], left, half)
        self.signature(table.rows[0].cells[1], right, half)
        self.receivers(table.add_row().cells[0], receivers, before=12)

    def _closing_table(self, widths_cm):
        """A borderless table for the closing blocks, kept on the same page as the last paragraph before it."""
        paragraphs = self.doc.paragraphs
        if paragraphs:
            fmt = paragraphs[-1].paragraph_format
            fmt.keep_with_next, fmt.space_after = True, Pt(12)
        table = self.doc.add_table(rows=1, cols=len(widths_cm))
        borderless(table, widths_cm)
        row_pr = table.rows[0]._tr.get_or_add_trPr()
        row_pr.append(OxmlElement("w:cantSplit"))
        return table

    @staticmethod
    def receivers(cell, lines: list[str], *, before: float = 0) -> None:
        """ "Nơi nhận:" 12 bold italic, then one line per receiver in 11, flush left; the last is "- Lưu: VT, …"."""
        add_line(cell, "Nơi nhận:", 12, first=True, bold=True, italic=True, align=LEFT, before=before)
        for line in lines:
            add_line(cell, line, 11, align=LEFT)

    def signature(self, cell, signer: Signer, width_cm: float) -> None:
        """Quyền hạn and chức vụ upper-case bold, room for the signature and seal, the name bold; all centred."""
        size = max(self.body_pt, 13)
        lines = [
            balanced_lines(line.upper(), size, width_cm - CELL_PADDING_CM, bold=True)
            for line in (signer.authority, signer.title)
            if line
        ]
        for i, line in enumerate(lines):
            add_line(cell, line, size, first=i == 0, bold=True)
        name = signer.name or "……………………………"
        add_line(cell, name, size, first=not lines, bold=bool(signer.name), before=SIGNATURE_SPACE_PT)

    def to_bytes(self) -> bytes:
        """The .docx file."""
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
