"""Word documents of the emulation cycle, in the form of Nghị định 30/2020/NĐ-CP (Phụ lục I), made with python-docx.

:func:`central_report_docx` drafts the báo cáo trung tâm of a review period from :func:`central_report_data`: the
header (issuing body, số/ký hiệu, quốc hiệu and tiêu ngữ, place and date), the document type, one section per
member unit with its figures, the block's totals compared with the previous period, the list of source reports and
the nơi nhận / signature block. Every figure carries the number of the unit report it comes from ("BC số 12"), and
§III lists each report with the time it was submitted. The document stays editable: officers finish it in Word.
The layout (page, fonts, header, title, tables, signature) is :mod:`thidua.core.nd30`'s; this module says what to write.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from thidua.core import vn
from thidua.core.nd30 import Header, Nd30Document, Signer, abbreviation, unit_signer
from thidua.org.choices import GroupRole
from thidua.org.labels import unit_label
from thidua.org.selectors import leaders_on

from ..conferences.choices import AgendaKind
from ..conferences.models import AgendaItem, Attendee
from .choices import IndicatorKind, PeriodKind
from .selectors import CentralReport, central_report_data

__all__ = ["central_report_docx", "format_change", "format_total", "format_value", "render_central_report"]

BODY_PT = 13

#: Column headers of a unit's table and of the totals table (tests read the tables by these positions).
UNIT_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Kỳ trước", "So sánh", "Nguồn số liệu")
TOTAL_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Toàn khối", "Kỳ trước", "So sánh", "Số đơn vị báo cáo")
SOURCE_COLUMNS = ("TT", "Đơn vị", "Báo cáo", "Thời điểm nộp")


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


# --- the document ---------------------------------------------------------------------------------------------

UNIT_WIDTHS = (0.9, 4.9, 1.7, 1.9, 1.9, 3.0, 2.2)
TOTAL_WIDTHS = (0.9, 4.4, 1.7, 2.3, 2.1, 2.8, 2.3)
SOURCE_WIDTHS = (0.9, 7.8, 2.8, 5.0)
_CENTRED = frozenset({0, 3, 4})
_NOTES = frozenset({6})


def _lower_first(text: str) -> str:
    """ "Tổng kết công tác …" → "tổng kết công tác …", to run a title on inside a sentence."""
    return text[:1].lower() + text[1:]


def _subject(period) -> str:
    """The trích yếu: the period's own name ("Tổng kết thi đua năm 2020 – Khối 2 – …"); a generic one by its kind
    only if the name is blank."""
    if period.name.strip():
        return period.name.strip()
    return {
        PeriodKind.MID_YEAR: f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {period.year}",
        PeriodKind.YEAR_END: f"Tổng kết công tác thi đua, khen thưởng năm {period.year}",
    }.get(period.kind, f"Công tác thi đua, khen thưởng năm {period.year}")


def _reporter(period) -> str:
    """Who reports: the block's name, or the authority's."""
    return period.group.name if period.group_id else period.authority.name


def _header(doc: Nd30Document, data: CentralReport, on: dt.date, place: str) -> None:
    """Boxes 1–4: for a block, the authority above the block; otherwise the authority's parent above it."""
    period = data.period
    if period.group_id:
        superior, issuer, short = period.authority, period.group.name, period.group.short_name
    else:
        authority = period.authority
        superior, issuer, short = type(authority).objects.get_parent(authority), authority.name, authority.short_name
    doc.header(
        Header(
            issuer=issuer.upper(),
            symbol="BC-" + abbreviation(short or issuer),
            superior=superior.name.upper() if superior else "",
            superior_short=superior.short_name.upper() if superior else "",
            place=place,
            on=on,
        )
    )


def _intro(doc: Nd30Document, data: CentralReport) -> None:
    """The opening paragraph: what is reported, from how many of the units' reports, and the missing units."""
    period = data.period
    members = "trong khối" if period.group_id else "trực thuộc"
    total = len(data.sections) + len(data.missing)
    doc.paragraph(
        f"Thực hiện kế hoạch {_lower_first(_subject(period))}, {_reporter(period)} báo cáo kết quả công tác của các "
        f"cơ quan, đơn vị {members} trên cơ sở báo cáo của {len(data.sections)} trên tổng số {total} cơ quan, đơn vị "
        f"(hạn nộp báo cáo: {vn.format_date(period.due_on, 'short')}), cụ thể như sau:"
    )
    doc.paragraph(
        "Số liệu được tổng hợp nguyên văn từ báo cáo của từng cơ quan, đơn vị; nguồn của mỗi số liệu được ghi tại "
        "cột “Nguồn số liệu” và Mục III của báo cáo này."
    )
    if data.missing:
        doc.paragraph(
            "Đơn vị chưa nộp báo cáo (không tính vào số liệu tổng hợp): "
            + "; ".join(unit_label(u) for u in data.missing)
            + ".",
            italic=True,
        )


def _unit_rows(data: CentralReport, section) -> list[tuple[str, ...]]:
    """The table rows of one unit: the indicators it reported this period or the last (others would be blank)."""
    source = f"BC số {section.report.pk}"
    rows = []
    for ind in data.indicators:
        figure = section.figures.get(ind.pk)
        current = figure.value if figure else None
        previous = section.previous.get(ind.pk)
        if current in (None, "") and previous in (None, ""):
            continue
        rows.append(
            (
                str(len(rows) + 1),
                ind.label,
                ind.unit_label,
                format_value(ind.kind, current),
                format_value(ind.kind, previous),
                format_change(ind.kind, current, previous),
                source if figure else "",
            )
        )
    return rows


def _unit_sections(doc: Nd30Document, data: CentralReport) -> None:
    """Part I: per member unit, its narrative and the table of its figures."""
    doc.heading("I. KẾT QUẢ CÔNG TÁC CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    for n, section in enumerate(data.sections, start=1):
        doc.heading(f"{n}. {unit_label(section.unit)}")
        for line in section.report.narrative.splitlines():
            if line.strip():
                doc.paragraph(line.strip(), keep_with_next=True)
        rows = _unit_rows(data, section)
        if rows:
            doc.table(UNIT_COLUMNS, rows, UNIT_WIDTHS, centred=_CENTRED, notes=_NOTES)
        else:
            doc.paragraph("Đơn vị không báo cáo số liệu theo các chỉ tiêu của kỳ này.", italic=True)


def _sources_note(total) -> str:
    """ "2 đơn vị (BC số 12, 15)", the reference kept on one line (no-break spaces) when the cell wraps."""
    reports = ", ".join(str(s) for s in total.sources)
    return f"{total.units} đơn vị (BC\u00a0số\u00a0{reports})"


def _totals(doc: Nd30Document, data: CentralReport) -> None:
    """Part II: the block's totals compared with the previous period, each naming the reports it sums."""
    prev = data.period.previous
    doc.heading("II. TỔNG HỢP SỐ LIỆU TOÀN KHỐI" if data.period.group_id else "II. TỔNG HỢP SỐ LIỆU")
    note = (
        "Chỉ tiêu số lượng là tổng số liệu của các đơn vị; chỉ tiêu tỷ lệ là bình quân của các đơn vị; chỉ tiêu "
        "có/không là số đơn vị có. "
    )
    note += f"So sánh với {prev.name}." if prev else "Chưa có số liệu kỳ trước để so sánh."
    doc.paragraph(note, italic=True, keep_with_next=True)
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
                _sources_note(total) if total.sources else "",
            )
        )
    doc.table(TOTAL_COLUMNS, rows, TOTAL_WIDTHS, centred=_CENTRED, notes=_NOTES)


def _sources(doc: Nd30Document, data: CentralReport) -> None:
    """Part III: each unit report used, with the time it was submitted."""
    doc.heading("III. NGUỒN SỐ LIỆU")
    rows = []
    for i, section in enumerate(data.sections, start=1):
        submitted = timezone.localtime(section.report.submitted_at) if section.report.submitted_at else None
        when = vn.format_datetime(submitted)
        rows.append((str(i), unit_label(section.unit), f"BC số {section.report.pk}", when))
    doc.table(SOURCE_COLUMNS, rows, SOURCE_WIDTHS, centred=frozenset({0, 2, 3}))


def _outlook(doc: Nd30Document, data: CentralReport) -> None:
    """Part IV, left for the drafter, and the closing sentence of the report."""
    period = data.period
    next_period = {
        PeriodKind.MID_YEAR: f"6 THÁNG CUỐI NĂM {period.year}",
        PeriodKind.YEAR_END: f"NĂM {period.year + 1}",
    }.get(period.kind, "KỲ TỚI")
    doc.heading(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {next_period}")
    doc.paragraph("(Đơn vị soạn thảo bổ sung phương hướng, nhiệm vụ trọng tâm.)", italic=True)
    subject, reporter = _subject(period), _reporter(period)
    owner = period.group if period.group_id else period.authority
    names = {n.casefold() for n in (owner.name, owner.short_name) if n}
    of = "" if any(n in subject.casefold() for n in names) else f" của {reporter}"  # a period named after its owner
    doc.paragraph(f"Trên đây là báo cáo {_lower_first(subject)}{of}./.")


def _presenter(period) -> str:
    """The rank and name of whoever presents this report at the period's conference ("" if none is recorded)."""
    item = (
        AgendaItem.objects.filter(conference__period=period, kind=AgendaKind.CENTRAL_REPORT, presenter__isnull=False)
        .select_related("presenter")
        .order_by("conference__held_on", "order")
        .first()
    )
    if item is None:
        return ""
    rank = Attendee.objects.filter(conference_id=item.conference_id, person_id=item.presenter_id)
    return f"{rank.values_list('rank_then', flat=True).first() or ''} {item.presenter.full_name}".strip()


def _block_leader(period):
    """The unit leading the period's block (khối trưởng) on the period's deadline, or None."""
    for leadership in leaders_on(period.group, period.due_on):
        if leadership.role == GroupRole.LEADER:
            return leadership.unit
    return None


def _signer(period) -> Signer:
    """For a block, "TM. <block> / KHỐI TRƯỞNG" over the name configured on the leading unit (else whoever presents
    the report at the period's conference); otherwise the authority's configured signer (quyền hạn, chức vụ, cấp bậc
    và họ tên, set on its unit page), by default "TM. <authority> / THỦ TRƯỞNG" over the presenter. A name nobody
    recorded is left as a line to fill in."""
    presenter = _presenter(period)
    if period.group_id:
        leader = _block_leader(period)
        name = (leader.signer_name if leader is not None else "") or presenter
        return Signer(authority=f"TM. {period.group.short_name or period.group.name}", title="KHỐI TRƯỞNG", name=name)
    return unit_signer(period.authority, authority=f"TM. {period.authority.name}", title="THỦ TRƯỞNG", name=presenter)


def _closing(doc: Nd30Document, data: CentralReport) -> None:
    """Nơi nhận, and the signature block (see :func:`_signer`)."""
    period = data.period
    members = "- Các cơ quan, đơn vị trong khối;" if period.group_id else "- Các cơ quan, đơn vị;"
    signer = _signer(period)
    council = f"- Thường trực Hội đồng TĐKT {period.authority.short_name or period.authority.name};"
    receivers = [council, members, "- Lưu: VT."]
    doc.closing(receivers, signer)


def central_report_docx(period, *, on: dt.date | None = None, place: str = "Hà Nội") -> bytes:
    """The báo cáo trung tâm of ``period`` as .docx bytes, dated ``on`` (default today) at ``place``."""
    data = central_report_data(period)
    return render_central_report(data, on=on, place=place)


def render_central_report(data: CentralReport, *, on: dt.date | None = None, place: str = "Hà Nội") -> bytes:
    """Write the document for already computed :class:`CentralReport` data."""
    doc = Nd30Document(body_pt=BODY_PT, title=f"Báo cáo trung tâm — {data.period.name}")
    _header(doc, data, on or timezone.localdate(), place)
    doc.title("BÁO CÁO", _subject(data.period))
    _intro(doc, data)
    _unit_sections(doc, data)
    _totals(doc, data)
    _sources(doc, data)
    _outlook(doc, data)
    _closing(doc, data)
    return doc.to_bytes()
