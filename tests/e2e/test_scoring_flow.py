"""Browser flow of block scoring: the standing office sets up Khối 2's 2021 criteria sheet, two member agencies score
themselves with evidence (a score above the maximum is refused), the block leader changes a score (a reason is
required), the standing office reviews, previews and publishes; the ranking and the trail show what happened and no
edit control remains."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from thidua.core.choices import Role
from thidua.core.models import RoleAssignment
from thidua.org.models import OrgUnit

from .ui import accept_confirmations, choose, field

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

GROUP_2021 = "Khối 2 – Cụm thi đua cơ quan Tổng cục (2021)"
SHEET = "Bảng điểm thi đua Khối 2 – Cụm thi đua cơ quan Tổng cục năm 2021"
TAPCHI = "Tạp chí Công nghiệp quốc phòng và Kinh tế"
THANHTRA = "Thanh tra Tổng cục"  # co-leader of Khối 2 in 2021 (demo data)
C1 = "1. Hoàn thành nhiệm vụ chuyên môn được giao"
C2 = "2. Tổ chức phong trào thi đua, khen thưởng"
C3 = "3. Vi phạm kỷ luật, an toàn"
CRITERIA = [
    ("Thực hiện nhiệm vụ chính trị", "1", "Hoàn thành nhiệm vụ chuyên môn được giao", "40", "Tiêu chí", True),
    ("Xây dựng Đảng, đơn vị", "2", "Tổ chức phong trào thi đua, khen thưởng", "20", "Tiêu chí", False),
    ("Điểm thưởng, điểm trừ", "3", "Vi phạm kỷ luật, an toàn", "5", "Điểm trừ", False),
]
EVIDENCE = "Báo cáo tổng kết năm 2021 của Tạp chí (phát hành 100% số thường kỳ)"
LEADER_REASON = "Chưa có minh chứng về số đặc biệt đã phát hành."
OFFICE_REASON = "Vi phạm đã được khắc phục, cấp trên xoá kỷ luật trong năm."


def _officer(username: str, unit_name: str, password: str) -> None:
    """A TĐKT officer of one member agency of Khối 2 (the demo has none)."""
    unit = OrgUnit.objects.get(name=unit_name)
    user = get_user_model().objects.create_user(username=username, password=password)
    RoleAssignment.objects.create(user=user, role=Role.UNIT_OFFICER, unit=unit, include_descendants=True)


def _as(page, login, username: str):
    """Sign out and sign in again as ``username``; returns the page."""
    page.context.clear_cookies()
    page = login(username)
    accept_confirmations(page)
    return page


def _open_sheet(page) -> None:
    """From the scoring list to the sheet."""
    page.goto("/cham-diem/")
    page.get_by_role("link", name=SHEET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SHEET)


def _advance(page, to: str) -> None:
    """Move the sheet to its next step and check the page says so."""
    page.get_by_role("link", name=f"Chuyển sang: {to}").click()
    page.get_by_role("button", name="Chuyển bước").click()
    expect(page.locator(".page-header")).to_contain_text(f"Bước hiện tại: {to}")


def _score(page, criterion: str, unit: str, points: str, *, evidence: str = "", reason: str = "") -> None:
    """Fill and submit the score form (the caller checks the outcome)."""
    page.get_by_role("link", name="Chấm điểm", exact=True).click()
    choose(field(page, "Tiêu chí"), criterion)
    choose(field(page, "Đơn vị"), unit)
    field(page, "Điểm").fill(points)
    if evidence:
        field(page, "Minh chứng").fill(evidence)
    if reason:
        field(page, "Lý do (bắt buộc khi sửa điểm)").fill(reason)
    page.locator("main form").get_by_role("button", name="Lưu", exact=True).click()


def _scored(page, criterion: str, unit: str, points: str, **kwargs) -> None:
    """Score and expect to be back on the sheet."""
    _score(page, criterion, unit, points, **kwargs)
    expect(page.get_by_role("heading", level=1)).to_have_text(SHEET)


def _ranking_row(page, unit: str):
    """The line of ``unit`` in the ranking table."""
    return page.locator("table").first.locator("tbody tr").filter(has_text=unit)


def _expect_rank(row, rank: str, unit: str, total: str) -> None:
    """A ranking line reads: rank, unit, …, total."""
    cells = row.locator("td")
    expect(cells.first).to_have_text(rank)
    expect(cells.nth(1)).to_have_text(re.compile(rf"^{re.escape(unit)}( — .+)?$"))  # the unit's label: name — parent
    expect(cells.last).to_have_text(total)


def _card(page, header: str):
    """The card of the sheet page whose header is exactly ``header``."""
    return page.locator(".card").filter(has=page.locator(".card-header", has_text=re.compile(f"^{header}$")))


def _set_up_sheet(page) -> None:
    """The standing office opens the sheet, adds the criteria and starts self-scoring."""
    page.goto("/cham-diem/")
    page.get_by_role("link", name="Lập bảng tiêu chí").click()
    choose(field(page, "Khối, cụm thi đua"), GROUP_2021)
    page.locator("main form").get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SHEET)
    for group, code, label, max_points, kind, evidence in CRITERIA:
        page.get_by_role("link", name="Thêm tiêu chí").click()
        field(page, "Nhóm tiêu chí").fill(group)
        field(page, "Mã").fill(code)
        field(page, "Tiêu chí").fill(label)
        field(page, "Điểm tối đa").fill(max_points)
        choose(field(page, "Loại"), kind)
        if evidence:
            field(page, "Phải có minh chứng").check()
        page.locator("main form").get_by_role("button", name="Lưu", exact=True).click()
    criteria = _card(page, "Tiêu chí").locator("li")
    expect(criteria).to_have_count(3)
    expect(criteria.nth(0)).to_contain_text("tối đa 40,00 điểm; Tiêu chí; phải có minh chứng")
    expect(criteria.nth(2)).to_contain_text("Điểm trừ")
    _advance(page, "Đơn vị tự chấm")


def test_block_scoring_from_self_scores_to_published_ranking(login, demo):
    _officer("canbo_tapchi", TAPCHI, demo)
    _officer("canbo_thanhtra", THANHTRA, demo)
    page = login("thuongtruc")
    accept_confirmations(page)
    _set_up_sheet(page)

    # a member agency scores itself, with evidence; above the criterion's maximum is refused
    page = _as(page, login, "canbo_tapchi")
    _open_sheet(page)
    _score(page, C1, TAPCHI, "45", evidence=EVIDENCE)
    expect(page.locator("main")).to_contain_text(f"Điểm 45,00 của tiêu chí «{C1}» vượt quá điểm tối đa 40,00.")
    field(page, "Điểm").fill("38")
    page.locator("main form").get_by_role("button", name="Lưu", exact=True).click()
    _scored(page, C2, TAPCHI, "18")
    expect(_ranking_row(page, TAPCHI)).to_contain_text("56,00")

    # the block leader's agency scores itself too
    page = _as(page, login, "canbo_thanhtra")
    _open_sheet(page)
    _scored(page, C1, THANHTRA, "39", evidence="Báo cáo kết quả thanh tra năm 2021")
    _scored(page, C2, THANHTRA, "17")
    _scored(page, C3, THANHTRA, "1")
    expect(_ranking_row(page, THANHTRA)).to_contain_text("55,00")

    page = _as(page, login, "thuongtruc")
    _open_sheet(page)
    _advance(page, "Khối trưởng thẩm định")

    # the block leader reviews: the evidence is on the sheet; a change without a reason is refused
    page = _as(page, login, "canbo_thanhtra")
    _open_sheet(page)
    expect(page.locator("main")).to_contain_text(EVIDENCE)
    _score(page, C1, TAPCHI, "36")
    expect(page.locator("main")).to_contain_text(f"Sửa điểm tiêu chí «{C1}» từ 38,00 thành 36,00 phải ghi lý do.")
    field(page, "Lý do (bắt buộc khi sửa điểm)").fill(LEADER_REASON)
    page.locator("main form").get_by_role("button", name="Lưu", exact=True).click()
    expect(_ranking_row(page, TAPCHI)).to_contain_text("54,00")
    _advance(page, "Cơ quan thường trực thẩm định")

    # the standing office reviews, previews and publishes
    page = _as(page, login, "thuongtruc")
    _open_sheet(page)
    _scored(page, C3, THANHTRA, "0", reason=OFFICE_REASON)
    _advance(page, "Công bố dự kiến")
    expect(page.get_by_role("status")).to_contain_text("Kết quả công bố dự kiến")
    page.get_by_role("link", name="Công bố chính thức").click()
    expect(page.locator("main")).to_contain_text("không thay đổi được nữa")
    page.get_by_role("button", name="Công bố chính thức").click()
    expect(page.locator(".page-header")).to_contain_text("Bước hiện tại: Đã công bố")
    expect(page.get_by_role("status")).to_contain_text("Kết quả đã công bố chính thức")

    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(6)
    _expect_rank(rows.nth(0), "1", THANHTRA, "56,00")
    _expect_rank(rows.nth(1), "2", TAPCHI, "54,00")
    expect(rows.nth(2).locator("td").first).to_have_text("3")  # the four agencies that did not score share rank 3
    expect(rows.nth(5).locator("td").first).to_have_text("3")
    main = page.locator("main")
    for name in ("Chấm điểm", "Thêm tiêu chí"):
        expect(main.get_by_role("link", name=name, exact=True)).to_have_count(0)
    for name in ("Chuyển sang", "Công bố chính thức"):
        expect(main.get_by_role("link", name=name)).to_have_count(0)

    # the trail: old → new with the reason, who changed it
    page.get_by_role("link", name="Lịch sử sửa điểm").click()
    trail = page.locator("table tbody tr")
    expect(trail).to_have_count(2)
    leader = trail.filter(has_text=TAPCHI)
    expect(leader).to_contain_text("38,00 → 36,00")
    expect(leader).to_contain_text(LEADER_REASON)
    expect(leader).to_contain_text("canbo_thanhtra")
    office = trail.filter(has_text=THANHTRA)
    expect(office).to_contain_text("1,00 → 0,00")
    expect(office).to_contain_text(OFFICE_REASON)

    # nothing changes after publication, not even by a direct visit to the score form
    page.go_back()
    page.goto(page.url + "cham/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
