"""Browser flow of a review period: a unit officer submits the report, the block leader downloads the central
report (.docx), which the test opens with python-docx."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from docx import Document

from thidua.core.models import RoleAssignment
from thidua.emulation.reports import services
from thidua.org.models import OrgUnit

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def _period():
    """A year-end period of the Tổng cục for Z111 and one other agency, due in two days (demo data loaded)."""
    from tests.emulation.reports_world import make_templates

    z111 = RoleAssignment.objects.get(user__username="canbo_z111").unit
    authority = RoleAssignment.objects.get(user__username="thuongtruc").unit
    other = OrgUnit.objects.filter(path__startswith=authority.path, depth=authority.depth + 1).exclude(pk=z111.pk)
    templates = make_templates()
    today = dt.date.today()
    period = services.period_create(
        actor=None,
        name="Tổng kết thi đua năm (trình duyệt)",
        kind="tong_ket_nam",
        year=today.year,
        authority=authority,
        units=[z111, other.first()],
        templates=[templates.tt, templates.bv],
        opens_on=today - dt.timedelta(days=20),
        due_on=today + dt.timedelta(days=2),
    )
    return period, z111, templates


def test_unit_submits_and_block_leader_downloads_the_central_report(login, tmp_path):
    period, z111, _templates = _period()
    page = login("canbo_z111")
    page.on("dialog", lambda dialog: dialog.accept())  # "Nộp báo cáo?" confirmation

    # the home dashboard ("Việc cần làm") reminds the officer, and the reminder leads to the form
    banner = page.locator("#viec-can-lam")
    expect(banner).to_contain_text("còn")
    banner.get_by_role("link", name=re.compile(re.escape(period.name))).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(z111.name)

    page.get_by_label("Số cuộc thanh tra, kiểm tra (cuộc)").fill("5")
    page.get_by_label("Số đơn thư đã giải quyết (đơn)").fill("58")
    page.get_by_label("Số lượt người nghe (lượt người)").fill("23.000")
    page.get_by_label("Tỷ lệ quân số khoẻ (%)").fill("120")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator("main")).to_contain_text("phải từ 0 đến 100")
    page.get_by_label("Tỷ lệ quân số khoẻ (%)").fill("99,1")
    page.get_by_label("Kết quả nổi bật, đánh giá").fill("Hoàn thành xuất sắc nhiệm vụ.")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator("main")).to_contain_text("Đã nộp")
    expect(page.locator("main")).to_contain_text("23.000")

    # the block leader (change scope on the period's authority) opens the period and downloads the central report
    page.context.clear_cookies()
    page = login("thuongtruc")
    page.goto(f"/ky-bao-cao/{period.pk}/")
    board = page.locator("#bang-nop-bao-cao")
    expect(board).to_contain_text("Đã nộp")
    expect(page.locator("main")).to_contain_text("Đã nộp 1/2")
    with page.expect_download() as info:
        page.get_by_role("link", name="Báo cáo trung tâm (.docx)").click()
    path = tmp_path / "bao-cao-trung-tam.docx"
    info.value.save_as(path)

    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"1. {z111.name}" in text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    totals = next(t for t in tables if len(t[0]) == 7 and t[0][3] == "Toàn khối")
    rows = {row[1]: row for row in totals[1:]}
    assert rows["Số lượt người nghe"][3] == "23.000"
    assert rows["Tỷ lệ quân số khoẻ"][3] == "bình quân 99,1%"
    unit_table = next(t for t in tables if len(t[0]) == 7 and t[0][3] == "Kết quả")
    assert next(r for r in unit_table if r[1] == "Số đơn thư đã giải quyết")[3] == "58"
