"""Issue 9: a browser set to English meets no English. For each demo role, with ``locale="en-US"`` (so the browser
asks for English and would draw native date fields as mm/dd/yyyy): the home page, the lists, a page with date
fields, the date picker and a missing page — none shows an English word that Django, Bootstrap or the browser
would produce, and every date field is a dd/mm/yyyy text field with the Vietnamese picker."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e]

# Words Django, Bootstrap, django-tables2/filter or the browser would show in English (case-sensitive, whole words).
ENGLISH = re.compile(
    r"\b(This field|required|Please|Enter a valid|Next|Previous|Page not found|Server Error|Forbidden|"
    r"mm/dd/yyyy|Sunday|Monday|January|February|December|Today|Clear|Search|Submit|Loading|"
    r"No results|Showing|of \d+|Filter|Export)\b"
)
LISTS = ["/", "/don-vi/", "/can-bo/", "/khoi-thi-dua/", "/hoi-nghi/", "/phong-trao/", "/ky-bao-cao/", "/cong-viec/"]
# A page with date fields each role can open: the conference list's filters (every role), a form for the roles that
# write.
DATE_PAGES = {
    "admin": ["/hoi-nghi/", "/can-bo/them/"],
    "thuongtruc": ["/hoi-nghi/", "/can-bo/them/"],
    "canbo_z111": ["/hoi-nghi/", "/can-bo/them/"],
    "hoidong": ["/hoi-nghi/"],
    "thutruong": ["/hoi-nghi/"],
    "xem": ["/hoi-nghi/", "/cong-viec/"],
}


@pytest.fixture
def browser_locale():
    """The conftest's watched page, but in a browser that speaks English (``login`` signs in on it)."""
    return "en-US"


def assert_vietnamese(page, where: str) -> None:
    """No English word in what the page shows, in its placeholders or in its buttons' labels."""
    text = page.locator("body").inner_text()
    attributes = page.evaluate(
        "Array.from(document.querySelectorAll('[placeholder],[aria-label],[title]'))"
        ".map(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')].join(' '))"
        ".join(' ')"
    )
    found = sorted(set(ENGLISH.findall(text + " " + attributes)))
    assert not found, f"English on {where}: {found}"


def assert_date_fields_are_vietnamese(page, where: str) -> None:
    """No native date input; every date field is a dd/mm/yyyy text field whose picker speaks Vietnamese."""
    assert page.locator("input[type=date], input[type=datetime-local]").count() == 0, where
    fields = page.locator("input[data-date-picker]")
    assert fields.count() > 0, f"no date field on {where}"
    for i in range(fields.count()):
        assert fields.nth(i).get_attribute("type") == "text"
        assert fields.nth(i).get_attribute("placeholder") == "dd/mm/yyyy"
    field = fields.first
    field.click()
    picker = page.locator(".datepicker.active")
    expect(picker).to_be_visible()
    expect(picker).to_contain_text("Tháng")
    expect(picker.locator(".dow").first).to_have_text("T2")  # weeks start on Monday, in Vietnamese
    assert_vietnamese(page, f"{where} (picker open)")
    page.keyboard.press("Escape")
    field.fill("7/6/2018")
    field.press("Tab")
    expect(field).to_have_value("07/06/2018")


def assert_form_errors_are_vietnamese(page, where: str) -> None:
    """A form sent with a date that does not exist and required fields empty: the typed date is kept (not dropped
    by the picker) and the page answers in Vietnamese."""
    field = page.locator("main form[method=post] input[data-date-picker]").first
    field.fill("31/02/2020")
    field.press("Tab")
    expect(field).to_have_value("31/02/2020")
    page.locator("main form[method=post] button[type=submit]").last.click()
    main = page.locator("main")
    expect(main).to_contain_text("Ngày không hợp lệ: 31/02/2020")
    expect(main).to_contain_text("Trường này là bắt buộc.")
    assert_vietnamese(page, f"{where} (errors)")


@pytest.mark.parametrize("username", list(DATE_PAGES))
def test_an_english_browser_meets_no_english(login, username):
    page = login(username)
    for url in LISTS:
        page.goto(url)
        assert_vietnamese(page, url)
    for url in DATE_PAGES[username]:
        response = page.goto(url)
        assert response.status == 200, url
        assert_vietnamese(page, url)
        assert_date_fields_are_vietnamese(page, url)
        if url.endswith("/them/"):
            page.goto(url)
            assert_form_errors_are_vietnamese(page, url)
    response = page.goto("/trang-khong-co/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    assert_vietnamese(page, "404")


def assert_file_fields_are_vietnamese(page, where: str) -> None:
    """Every file field shows "Chọn tệp…" and "Chưa chọn tệp" (not the browser's "Choose File" / "No file chosen"),
    keeps a real file input, and names the chosen file once one is picked."""
    fields = page.locator("main [data-vi-file]")
    assert fields.count() > 0, f"no file field on {where}"
    field = fields.first
    expect(field).to_have_class(re.compile(r"\bis-ready\b"))
    expect(field.locator(".vi-file-face")).to_be_visible()
    expect(field.locator(".vi-file-button")).to_have_text("Chọn tệp…")
    expect(field.locator(".vi-file-name")).to_have_text("Chưa chọn tệp")
    real = field.locator("input[type=file]")
    real.set_input_files({"name": "danh-sach.xlsx", "mimeType": "application/octet-stream", "buffer": b"x"})
    expect(field.locator(".vi-file-name")).to_have_text("danh-sach.xlsx")


def test_an_english_browser_meets_no_english_on_the_accounts_and_record_pages(login):
    """Issue 9's own pages (accounts, password, security, notifications, a record's edit form, the imports) and
    their file fields, for the administrator."""
    from django.contrib.auth import get_user_model

    from thidua.records.models import PersonRating

    page = login("admin")
    rating = PersonRating.objects.order_by("pk").first()
    account = get_user_model().objects.get(username="canbo_z111")
    pages = [
        "/tai-khoan/nguoi-dung/",
        "/tai-khoan/nguoi-dung/them/",
        f"/tai-khoan/nguoi-dung/{account.pk}/",
        "/tai-khoan/doi-mat-khau/",
        "/tai-khoan/bao-mat/",
        "/thong-bao/",
        f"/can-bo/{rating.person_id}/thanh-tich/danh-gia/{rating.pk}/sua/",
    ]
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert_vietnamese(page, url)
    for url in ["/tai-khoan/nguoi-dung/nhap/", "/nhap-thanh-tich/"]:
        response = page.goto(url)
        assert response.status == 200, url
        assert_vietnamese(page, url)
        assert_file_fields_are_vietnamese(page, url)
