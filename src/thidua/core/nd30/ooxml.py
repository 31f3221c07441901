"""Low-level WordprocessingML for ND 30 documents: fonts declared for every script, runs, paragraphs, rules drawn as
paragraph borders, borderless layout tables, the PAGE field, and bordered data tables written as one XML fragment."""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from .text import clean

FONT = "Times New Roman"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
INDENT_CM = 1.27
CELL_PADDING_CM = 0.38  # Word's default cell margins, 0.19 cm on each side
_TWIPS_PER_CM = 1440 / 2.54
_TABLE_PADDING = 57  # data tables: 0,1 cm inside each cell border (Word's 0,19 cm wastes narrow number columns)


def set_fonts(rpr) -> None:
    """Declare Times New Roman for every script slot of a run or style (and drop theme fonts that override it)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def add_run(paragraph, text: str, size: float, *, bold=False, italic=False):
    """Append a run of ``text`` in Times New Roman ``size`` pt to ``paragraph`` ("\n" becomes a line break)."""
    run = paragraph.add_run(clean(text))
    run.font.name = FONT
    set_fonts(run._element.get_or_add_rPr())
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def format_paragraph(paragraph, *, align=None, indent=False, before=0, after=0, keep_with_next=False):
    """Set alignment, first-line indent and spacing of a paragraph."""
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Cm(INDENT_CM)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if keep_with_next:
        fmt.keep_with_next = True
    return paragraph


def add_line(container, text: str, size: float, *, first=False, bold=False, italic=False, align=CENTER, **fmt):
    """One paragraph of text in a table cell (``first`` reuses the empty paragraph a new cell starts with)."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if text:
        add_run(paragraph, text, size, bold=bold, italic=italic)
    return format_paragraph(paragraph, align=align, **fmt)


def add_rule(container, area_cm: float, rule_cm: float):
    """A horizontal rule ``rule_cm`` long centred in a text area ``area_cm`` wide: an empty 2 pt high paragraph
    with a bottom border (Word and LibreOffice draw a paragraph border between its indents)."""
    paragraph = container.add_paragraph()
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders = OxmlElement("w:pBdr")
    borders.append(bottom)
    # The border goes in first: python-docx then places spacing and indents after it, in schema order.
    paragraph._p.get_or_add_pPr().append(borders)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(max((area_cm - rule_cm) / 2, 0))
    fmt.space_before, fmt.space_after = Pt(1), Pt(4)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(2)
    return paragraph


def borderless(table, widths_cm: tuple[float, ...]) -> None:
    """Remove a layout table's borders and fix its column widths (Word and LibreOffice then agree on them)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    look = tbl_pr.find(qn("w:tblLook"))  # the schema wants the borders before tblLook
    if look is not None:
        look.addprevious(borders)
    else:
        tbl_pr.append(borders)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # a fixed layout
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def page_number_field(paragraph, size: float) -> None:
    """Append a PAGE field (the current page number; "2" until the word processor updates it) to ``paragraph``."""

    def field_char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    for element in (field_char("begin"), instr, field_char("separate")):
        add_run(paragraph, "", size)._element.append(element)
    add_run(paragraph, "2", size)
    add_run(paragraph, "", size)._element.append(field_char("end"))


def _run_xml(text: str, size: float, *, bold: bool, italic: bool) -> str:
    """One run of WordprocessingML (fonts come from the document defaults)."""
    if not text:
        return ""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + f'<w:sz w:val="{round(size * 2)}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>'


def grid_table(header, rows, widths_cm, *, centred=frozenset(), notes=frozenset(), size=12):
    """A bordered table element: bold header row repeated on each page, rows never split across pages.

    ``centred`` columns are centred (numbers), ``notes`` columns are italic and one point smaller (sources).
    Written as one XML fragment: building thousands of cells through python-docx's object API costs seconds for a
    30-unit block, the same WordprocessingML parsed once takes milliseconds, and the result is an ordinary table.
    """
    twips = [round(w * _TWIPS_PER_CM) for w in widths_cm]
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{_TABLE_PADDING}" w:type="dxa"/><w:right w:w="{_TABLE_PADDING}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{t}"/>' for t in twips),
        "</w:tblGrid>",
    ]
    for r, values in enumerate((header, *rows)):
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r == 0 else "") + "</w:trPr>")
        for c, text in enumerate(values):
            note = r > 0 and c in notes
            ppr = '<w:pPr><w:spacing w:before="20" w:after="20"/>'
            ppr += '<w:jc w:val="center"/>' if r == 0 or c in centred else ""
            run = _run_xml(text, size - 1 if note else size, bold=r == 0, italic=note)
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{twips[c]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f"<w:p>{ppr}</w:pPr>{run}</w:p></w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))
