"""Word documents in the form of Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính), with python-docx.

One place knows the layout every generated document shares: A4 portrait, margins 20/20/30/15 mm, Times New Roman
declared for every script (so Vietnamese letters render in one font; LibreOffice substitutes the metric-compatible
Liberation Serif), the two-column header (cơ quan chủ quản and cơ quan ban hành with its short rule and the số, ký
hiệu on the left; Quốc hiệu, Tiêu ngữ with its rule, and the italic place and date on the right), the centred bold
document type and summary, justified body paragraphs with a first-line indent, bordered tables, the "Nơi nhận"
block, the signature blocks and page numbers centred in the top margin from page 2 on.

Generators (the central report, the minutes of a conference) only say what to write::

    doc = Nd30Document(body_pt=14, title="Biên bản hội nghị")
    doc.header(Header(issuer="BAN QUẢN LÝ DỰ ÁN I", symbol="BB-BQLDAI", superior="TỔNG CỤC CNQP"))
    doc.title("BIÊN BẢN", "Hội nghị tổng kết …")
    doc.paragraph("Thời gian bắt đầu: …")
    doc.signatures(Signer(title="THƯ KÝ"), Signer(title="CHỦ TỌA", name="…"), ["- Lưu: VT, Hồ sơ."])
    return doc.to_bytes()
"""

from .document import (
    DOCX_MIME,
    MARGINS_MM,
    PAGE_MM,
    QUOC_HIEU,
    TEXT_WIDTH_CM,
    TIEU_NGU,
    Header,
    Nd30Document,
    Signer,
    check_signer_authority,
    unit_signer,
)
from .ooxml import FONT
from .text import abbreviation, balanced_lines, text_width_cm

__all__ = [
    "DOCX_MIME",
    "FONT",
    "MARGINS_MM",
    "PAGE_MM",
    "QUOC_HIEU",
    "TEXT_WIDTH_CM",
    "TIEU_NGU",
    "Header",
    "Nd30Document",
    "Signer",
    "abbreviation",
    "check_signer_authority",
    "unit_signer",
    "balanced_lines",
    "text_width_cm",
]
