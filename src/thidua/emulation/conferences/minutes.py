"""Minutes (biên bản) of a conference, drafted from the record: as plain text (kept editable in
``Conference.minutes``) and as a Word document in the form of Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9.

The Word layout is :mod:`thidua.core.nd30`'s (Phụ lục I): the header without a date line, as Mẫu 1.9 has it; "BIÊN
BẢN" with the conference's title below; body 14 justified; signature blocks THƯ KÝ (left) and CHỦ TỌA (right) with
"Nơi nhận" below. The body is the minutes text, so an amendment made in Thidua shows in the document.
"""

from __future__ import annotations

from thidua.core import vn
from thidua.core.nd30 import Header, Nd30Document, Signer, abbreviation
from thidua.org.labels import unit_label

from .choices import ConferenceKind
from .models import Conference

BODY_PT = 14
CLOSING = "Cuộc họp (hội nghị, hội thảo) kết thúc vào … giờ …, {date}./."


def _attendee_line(attendee) -> str:
    """ "Thiếu tướng Nguyễn Việt Hùng, Phó Chính ủy Tổng cục CNQP (Chủ trì)": rank and positions held that day."""
    parts = [str(attendee)]  # rank held that day and name
    if attendee.positions_then:
        parts.append(attendee.positions_then)
    text = ", ".join(parts)
    return f"{text} ({attendee.role})" if attendee.role else text


def _listed(items: list[str]) -> list[str]:
    """Dash-list lines the way documents punctuate them: "- …;" and "- … ." on the last one."""
    items = [item.rstrip(" ;.") for item in items]
    return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def _agenda_line(number: int, item, ranks: dict[int, str]) -> str:
    """ "1. Báo cáo trung tâm: <title>, do đồng chí Đại tá Lê Mai Hậu (Ban Quản lý Dự án I) trình bày." """
    line = f"{number}. {item.get_kind_display()}: {item.title.rstrip('.')}"
    if item.presenter:
        who = f"{ranks.get(item.presenter_id, '')} {item.presenter.full_name}".strip()
        unit = f" ({unit_label(item.presenter_unit)})" if item.presenter_unit else ""
        line += f", do đồng chí {who}{unit} trình bày"
    return line + "."


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
        *_listed([_attendee_line(a) for a in attendees]),
        f"Chủ trì (chủ toạ): {chair_line.replace(' (Chủ trì)', '')}.",
        "Thư ký (người ghi biên bản): …",
        "Nội dung (theo diễn biến hội nghị):",
    ]
    ranks = {a.person_id: a.rank_then for a in attendees}
    for i, item in enumerate(conference.agenda.select_related("presenter", "presenter_unit").order_by("order"), 1):
        lines.append(_agenda_line(i, item, ranks))
        if item.summary:
            lines.append(item.summary)
    if conference.conclusions:
        lines += ["Kết luận của chủ trì:", conference.conclusions]
    outcomes = list(conference.outcomes.order_by("id"))
    if outcomes:
        lines.append("Các quyết định tại hội nghị:")
        lines += _listed([f"{o.get_kind_display()}: {o.text}" for o in outcomes])
    lines += ["", CLOSING.format(date=vn.format_date(conference.held_on))]
    return "\n".join(lines)


def _superior(conference: Conference) -> tuple[str, str]:
    """The host unit's superior (cơ quan chủ quản) as named on the day, upper-case, and its current abbreviation."""
    parent = type(conference.host_unit).objects.get_parent(conference.host_unit)
    if parent is None:
        return "", ""
    name = parent.name_on(conference.held_on)
    return name.upper(), (parent.short_name.upper() if name == parent.name else "")


def _chair_name(conference: Conference) -> str:
    """The chair's rank on the day and name, as signed under "CHỦ TỌA"."""
    rank = conference.attendees.filter(person_id=conference.chair_id).values_list("rank_then", flat=True).first()
    return f"{rank or ''} {conference.chair.full_name}".strip()


def minutes_docx(conference: Conference) -> bytes:
    """The minutes as a .docx in the form of Mẫu 1.9 (bytes), body taken from the minutes text or drafted."""
    text = conference.minutes.strip() or minutes_text(conference)
    host = conference.host_unit
    superior, superior_short = _superior(conference)
    doc = Nd30Document(body_pt=BODY_PT, title=f"Biên bản — {conference.title}")
    doc.header(
        Header(
            issuer=host.name_on(conference.held_on).upper(),
            symbol="BB-" + abbreviation(host.short_name or host.name),
            superior=superior,
            superior_short=superior_short,
        )
    )
    doc.title("BIÊN BẢN", conference.title)
    body = text.splitlines()
    if body[:2] == ["BIÊN BẢN", conference.title]:
        body = body[2:]
    for line in body:
        if line.strip():
            doc.paragraph(line.strip())
    doc.signatures(
        Signer(title="THƯ KÝ"),
        Signer(title="CHỦ TỌA", name=_chair_name(conference)),
        ["- Các đơn vị dự hội nghị;", "- Lưu: VT, Hồ sơ."],
    )
    return doc.to_bytes()


def minutes_filename(conference: Conference) -> str:
    """An ASCII file name for the download: bien-ban-<kind>-<date>.docx."""
    kind = vn.search_key(ConferenceKind(conference.kind).label).replace(" ", "-") if conference.kind else "hoi-nghi"
    return f"bien-ban-{kind}-{conference.held_on:%Y%m%d}.docx"
