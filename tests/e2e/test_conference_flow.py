"""Browser flow of a review conference: the standing office records Khối 2's 2020 year-end review (a chair who left
the registry is refused), adds attendees as they were that day, the agenda, the conclusion, the leader handover and
election, drafts the minutes, downloads them as .docx, amends and freezes them, and starts next year's conference."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from thidua.emulation.models import Conference
from thidua.org import services as org_services
from thidua.org.models import OrgUnit, Person

from .ui import accept_confirmations, choose, download_docx_text, field

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

TITLE = "Hội nghị tổng kết phong trào thi đua Quyết thắng năm 2020 – Khối 2 – Cụm thi đua cơ quan Tổng cục"
GROUP_2020 = "Khối 2 – Cụm thi đua cơ quan Tổng cục (2020)"
PLACE = "Hội trường Tổng cục Công nghiệp quốc phòng"
CHAIR = "Nguyễn Việt Hùng — Tổng cục CNQP"
HAU = "Lê Mai Hậu — Phòng Tài chính Tổng cục"
CONCLUSION = (
    "Các cơ quan trong khối hoàn thành tốt nhiệm vụ năm 2020; Thanh tra Tổng cục tiến hành 5 cuộc thanh, kiểm tra, "
    "giải quyết 58 đơn; Tạp chí phát hành gần 1.600 tin, bài, ảnh."
)
AMENDMENT = "Bổ sung: Tạp chí Công nghiệp quốc phòng và Kinh tế đề nghị khối ký giao ước thi đua năm 2021."
AGENDA = [
    ("Quán triệt", "Quán triệt Chỉ thị thi đua năm 2021 của Tổng cục", "", "", ""),
    ("Báo cáo trung tâm", "Báo cáo tổng kết thi đua năm 2020 của Khối 2", HAU, "Ban Quản lý Dự án I", ""),
    ("Tham luận", "Tham luận của Thanh tra Tổng cục", "", "Thanh tra Tổng cục", "Giải quyết 58 đơn thư."),
    ("Kết luận", "Kết luận hội nghị", CHAIR, "", ""),
]


def _world() -> Person:
    """Two facts that happen outside the flow: Lê Mai Hậu is promoted in 2023 (the conference must still show her
    rank of 28/10/2020), and a guest is registered — to leave the registry while the form is open."""
    tc = OrgUnit.objects.filter(name="Tổng cục Công nghiệp quốc phòng").order_by("depth").first()
    hau = Person.objects.get(full_name="Lê Mai Hậu")
    org_services.person_rank_change(actor=None, person=hau, rank="Thiếu tướng", effective_on=dt.date(2023, 6, 1))
    return org_services.person_create(
        actor=None, unit=tc, full_name="Trần Văn Khách", date_of_birth=dt.date(1970, 1, 1), rank="Đại tá"
    )


def _card(page, header: str):
    """The card of the detail page whose header reads ``header``."""
    return page.locator(".card").filter(has=page.locator(".card-header", has_text=header))


def _open(page, card: str, link: str = "Thêm") -> None:
    """Follow a link of a card of the detail page (e.g. "Thêm" in the attendees card)."""
    _card(page, card).get_by_role("link", name=link, exact=True).click()


def _save(page) -> None:
    """Submit the form with its "Lưu" button."""
    page.locator("main form").get_by_role("button", name="Lưu", exact=True).click()


def _create_with_stale_chair(page, guest: Person) -> None:
    """Fill the new-conference form; the chosen chair is removed from the registry before saving → refused."""
    page.goto("/hoi-nghi/")
    page.get_by_role("link", name="Thêm hội nghị").click()
    field(page, "Tên hội nghị").fill(TITLE)
    choose(field(page, "Loại"), "Hội nghị tổng kết")
    choose(field(page, "Đơn vị tổ chức"), "Ban Quản lý Dự án I")
    choose(field(page, "Khối, cụm thi đua"), GROUP_2020)
    field(page, "Ngày họp").fill("2020-10-28")
    field(page, "Địa điểm").fill(PLACE)
    choose(field(page, "Chủ trì"), "Trần Văn Khách — Tổng cục CNQP")
    guest.delete()  # another officer removes him from the registry meanwhile
    _save(page)
    expect(page.locator("main")).to_contain_text("Người chủ trì phải là cán bộ có trong danh sách")
    expect(field(page, "Tên hội nghị")).to_have_value(TITLE)
    assert not Conference.objects.filter(title=TITLE).exists()
    choose(field(page, "Chủ trì"), CHAIR)
    _save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def _record(page) -> None:
    """Attendees, agenda, conclusion, handover and election, each through its form."""
    header = page.locator(".page-header")
    expect(header).to_contain_text(f"Hội nghị tổng kết · ngày 28 tháng 10 năm 2020, tại {PLACE}")
    attendees = _card(page, "Chủ trì và đại biểu")
    expect(attendees).to_contain_text("Thiếu tướng Nguyễn Việt Hùng")
    expect(attendees).to_contain_text("Phó Chính ủy Tổng cục CNQP")

    _open(page, "Chủ trì và đại biểu")
    choose(field(page, "Đại biểu"), HAU)
    field(page, "Vai trò tại hội nghị").fill("Đại diện đơn vị đồng khối trưởng")
    _save(page)
    # her rank and post on the day of the conference, not her rank of today (Thiếu tướng since 2023)
    expect(attendees).to_contain_text(
        "Đại tá Lê Mai Hậu, Trưởng phòng Tài chính Tổng cục CNQP — Đại diện đơn vị đồng khối trưởng"
    )
    expect(attendees).not_to_contain_text("Thiếu tướng Lê Mai Hậu")

    for kind, title, presenter, unit, summary in AGENDA:
        _open(page, "Chương trình hội nghị")
        choose(field(page, "Nội dung"), kind)
        field(page, "Tiêu đề").fill(title)
        if presenter:
            choose(field(page, "Người trình bày"), presenter)
        if unit:
            choose(field(page, "Thay mặt đơn vị"), unit)
        field(page, "Tóm tắt").fill(summary)
        _save(page)
    items = _card(page, "Chương trình hội nghị").locator("li")
    expect(items).to_have_count(4)
    expect(items.nth(0)).to_contain_text("Quán triệt: Quán triệt Chỉ thị thi đua năm 2021")
    expect(items.nth(1)).to_contain_text("Báo cáo trung tâm: Báo cáo tổng kết thi đua năm 2020 của Khối 2")
    expect(items.nth(1)).to_contain_text("Lê Mai Hậu (Ban Quản lý Dự án I — Tổng cục Công nghiệp quốc phòng)")
    expect(items.nth(2)).to_contain_text("Giải quyết 58 đơn thư.")
    expect(items.nth(3)).to_contain_text("Kết luận: Kết luận hội nghị — Nguyễn Việt Hùng")

    page.get_by_role("link", name="Sửa thông tin, kết luận").click()
    field(page, "Kết luận").fill(CONCLUSION)
    _save(page)
    expect(_card(page, "Kết luận")).to_contain_text(CONCLUSION)

    page.get_by_role("link", name="Bàn giao khối trưởng").click()
    choose(field(page, "Vai trò"), "Đồng khối trưởng")
    choose(field(page, "Đơn vị bàn giao"), "Ban Quản lý Dự án I")
    choose(field(page, "Đơn vị nhận bàn giao"), "Thanh tra Tổng cục")
    choose(field(page, "Người bàn giao"), HAU)
    _save(page)
    page.get_by_role("link", name="Bầu khối trưởng, khối phó năm sau").click()
    choose(field(page, "Khối trưởng năm sau"), "Thanh tra Tổng cục")
    choose(field(page, "Khối phó năm sau"), "Tạp chí Công nghiệp quốc phòng và Kinh tế")
    _save(page)
    outcomes = _card(page, "Kết quả, quyết định tại hội nghị")
    expect(outcomes).to_contain_text(
        "Ban Quản lý Dự án I bàn giao nhiệm vụ đồng khối trưởng cho Thanh tra Tổng cục (28/10/2020)"
    )
    expect(outcomes).to_contain_text(
        "Bầu Thanh tra Tổng cục làm khối trưởng năm 2021; Tạp chí Công nghiệp quốc phòng và Kinh tế làm khối phó."
    )


def _minutes(page, tmp_path) -> str:
    """Draft the minutes, download and check the .docx, amend; returns the minutes page's address."""
    page.get_by_role("link", name="Soạn biên bản từ dữ liệu").click()
    page.get_by_role("button", name="Soạn biên bản").click()
    draft = field(page, "Biên bản")
    expect(draft).to_have_value(re.compile(r"ngày 28 tháng 10 năm 2020"))
    expect(draft).to_have_value(re.compile(re.escape(CONCLUSION)))
    minutes_url = page.url
    page.get_by_role("link", name=TITLE).click()

    text = download_docx_text(page, "Tải biên bản (.docx)", tmp_path / "bien-ban-du-thao.docx")
    assert TITLE in text
    assert "ngày 28 tháng 10 năm 2020" in text
    assert "Thiếu tướng Nguyễn Việt Hùng" in text
    assert CONCLUSION in text

    page.get_by_role("link", name="Sửa biên bản").click()
    draft = field(page, "Biên bản")
    draft.fill(f"{draft.input_value()}\n{AMENDMENT}")
    _save(page)
    expect(_card(page, "Biên bản")).to_contain_text(AMENDMENT)
    return minutes_url


def _freeze(page, stale, tmp_path) -> None:
    """Freeze; the edit controls disappear, the .docx holds the amendment, and a stale tab's POST is refused."""
    page.get_by_role("link", name="Chốt biên bản").click()
    page.get_by_role("button", name="Chốt biên bản").click()
    expect(page.get_by_role("status")).to_contain_text("Biên bản đã chốt")
    expect(page.locator(".page-header .badge")).to_have_text("Đã chốt biên bản")
    main = page.locator("main")
    for name in ("Sửa thông tin, kết luận", "Soạn biên bản từ dữ liệu", "Sửa biên bản", "Chốt biên bản"):
        expect(main.get_by_role("link", name=name)).to_have_count(0)
    for name in ("Thêm", "Bàn giao khối trưởng", "Bầu khối trưởng, khối phó năm sau"):
        expect(main.get_by_role("link", name=name, exact=True)).to_have_count(0)
    assert AMENDMENT in download_docx_text(page, "Tải biên bản (.docx)", tmp_path / "bien-ban-da-chot.docx")

    field(stale, "Biên bản").fill("Biên bản sửa sau khi chốt.")
    stale.locator("main form").get_by_role("button", name="Lưu", exact=True).click()
    expect(stale.locator("main")).to_contain_text("Biên bản đã chốt, không sửa được.")
    page.reload()
    expect(_card(page, "Biên bản")).to_contain_text(AMENDMENT)
    expect(main).not_to_contain_text("Biên bản sửa sau khi chốt.")


def test_standing_office_runs_the_block_review_to_frozen_minutes(login, tmp_path):
    guest = _world()
    page = login("thuongtruc")
    accept_confirmations(page)

    _create_with_stale_chair(page, guest)
    _record(page)
    minutes_url = _minutes(page, tmp_path)
    stale = page.context.new_page()  # a second tab left open on the minutes form
    stale.goto(minutes_url)
    _freeze(page, stale, tmp_path)

    # the handover shows on the block's page, next to the conference
    page.get_by_role("link", name=GROUP_2020).click()
    expect(page.locator("main")).to_contain_text(
        "Ban Quản lý Dự án I bàn giao nhiệm vụ đồng khối trưởng cho Thanh tra Tổng cục"
    )

    # next year's conference starts as a copy of this one
    page.go_back()
    page.get_by_role("link", name="Tạo hội nghị kỳ sau").click()
    field(page, "Ngày họp").fill("2021-10-28")
    _save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE.replace("2020", "2021"))
    expect(page.locator(".page-header .badge")).to_have_text("Dự kiến")
    expect(_card(page, "Chương trình hội nghị").locator("li")).to_have_count(4)
    expect(_card(page, "Chủ trì và đại biểu")).to_contain_text("Đại tá Lê Mai Hậu")
