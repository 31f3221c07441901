"""Browser test of issue 3's day: an officer runs the eligibility check for 2025 and reads who is eligible and why."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e]


def test_officer_runs_the_check_and_reads_reasons(login):
    """thuongtruc opens «Xét khen thưởng», runs 2025 with a progress bar, filters to BKBQP and sees a cited reason."""
    page = login("thuongtruc")
    page.get_by_role("button", name="Khen thưởng").click()  # the menu group
    page.get_by_role("link", name="Xét khen thưởng", exact=True).click()
    page.get_by_label("Năm xét").fill("2025")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("h1")).to_contain_text("2025")
    page.get_by_role("button", name="Chạy xét").click()
    results = page.get_by_role("link", name="Xem kết quả")
    if results.count():  # the job finished while the page was drawn, or the progress box offers the link
        results.first.click()
    expect(page.get_by_text("Tổng hợp theo danh hiệu, hình thức")).to_be_visible(timeout=20_000)
    page.get_by_label("Danh hiệu/Hình thức").select_option(label="Bằng khen của Bộ trưởng Bộ Quốc phòng")
    page.get_by_label("Kết quả").select_option(label="Đủ điều kiện")
    page.get_by_role("button", name="Xem").click()
    main = page.locator("main")
    expect(main).to_contain_text("Đủ điều kiện")
    expect(main).to_contain_text("Luật 06/2022 Điều 74")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
