"""Browser checks of issue 9's layout defects: the administrator's menu on one line at 1366 px and collapsed on a
phone, the review-period form's indicator check boxes one per line beside their labels, the eligibility page of a
person short on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e]


def test_admin_menu_fits_one_line_at_1366_and_collapses_on_a_phone(login):
    page = login("admin")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto("/")
    nav = page.locator("nav.navbar")
    assert nav.bounding_box()["height"] < 70  # one line (three lines were about 150 px)
    page.get_by_role("button", name="Phong trào").click()
    page.get_by_role("link", name="Đăng ký thi đua", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Đăng ký thi đua")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    expect(page.get_by_role("button", name="Mở menu")).to_be_visible()
    expect(page.get_by_role("button", name="Khen thưởng")).to_be_hidden()
    assert nav.bounding_box()["height"] < 70
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="Khen thưởng").click()
    page.get_by_role("link", name="Quy tắc khen thưởng").click()
    expect(page.locator("h1")).to_contain_text("Quy tắc khen thưởng")


def test_period_form_check_boxes_sit_beside_their_labels(login):
    page = login("thuongtruc")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto("/ky-bao-cao/mo-ky/")
    boxes = page.locator("input[name=templates]")
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        box = boxes.nth(i)
        label = page.locator(f"label[for='{box.get_attribute('id')}']")
        b, lab = box.bounding_box(), label.bounding_box()
        assert lab["height"] < 2 * b["height"] + 12, label.inner_text()  # one line, not one word per line
        assert lab["x"] > b["x"] and abs(lab["y"] + lab["height"] / 2 - (b["y"] + b["height"] / 2)) < b["height"]
    due = page.get_by_label("Hạn nộp").bounding_box()
    last = page.locator(f"label[for='{boxes.last.get_attribute('id')}']").bounding_box()
    assert last["y"] + last["height"] <= due["y"]  # the list ends above the date fields


def test_person_eligibility_on_a_phone_is_short_and_reasons_open_on_demand(login):
    from thidua.org.models import Person

    page = login("thuongtruc")
    page.set_viewport_size({"width": 390, "height": 844})
    person = Person.objects.get(full_name="Nguyễn Việt Hùng")
    page.goto(f"/can-bo/{person.pk}/dieu-kien/?nam=2025")
    assert page.evaluate("document.body.scrollHeight") < 8000
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling to read a reason
    more = page.locator("details.reasons-more").first
    hidden = more.locator("li").first
    expect(hidden).to_be_hidden()
    more.locator("summary").click()
    expect(hidden).to_be_visible()
