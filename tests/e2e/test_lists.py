"""Browser test of the list pages: the people list at desktop and phone widths (as-you-type search, a sort link
kept inside the results box, nothing overlapping), and its print view (no menu, the filters on top).

Screenshots go to ``$THIDUA_SHOTS_DIR`` when set (else the test's temporary directory) for a human to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("THIDUA_SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def no_horizontal_overflow(page) -> bool:
    """The page itself never scrolls sideways (a wide table scrolls inside its own box)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_people_list_searches_sorts_and_fits(login, shots, width, height):
    page = login("thuongtruc")
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/can-bo/")
    results = page.locator("#person-results")
    expect(results.get_by_role("link", name="Xuất Excel")).to_be_visible()
    page.get_by_placeholder("Họ tên hoặc số CCCD").fill("nguyen")
    expect(results).to_contain_text("cho «nguyen»")
    results.get_by_role("link", name="Họ và tên").click()  # sort descending, inside the results box (htmx)
    expect(page).to_have_url(re.compile(r"q=nguyen.*sap_xep=-full_name|sap_xep=-full_name.*q=nguyen"))
    expect(results.locator("th[aria-sort='descending']")).to_have_count(1)
    assert page.locator("form[role=search]").count() == 1  # the results box was swapped, not the whole page
    assert no_horizontal_overflow(page)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"people-{width}.png"), full_page=False)


def test_people_print_view(login, shots):
    page = login("thuongtruc")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/can-bo/?q=nguyen")
    page.locator("#person-results").get_by_role("link", name="In", exact=True).click()
    expect(page).to_have_url(re.compile(r"/can-bo/\?q=nguyen&print=1$"))
    expect(page.locator("h1")).to_have_text("Cán bộ, quân nhân")
    expect(page.locator(".print-heading")).to_contain_text("Lọc theo: Tìm kiếm: nguyen")
    assert page.locator("nav.navbar").count() == 0
    expect(page.locator("table.print-table thead th").first).to_have_text("STT")
    page.screenshot(path=str(shots / "people-print.png"), full_page=False)
    page.emulate_media(media="print")
    expect(page.locator(".print-controls")).to_be_hidden()
    pdf = shots / "people-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.stat().st_size > 1000
