"""Two-factor sign-in in the browser, with the second factor required (the demo's default): the demo administrator
signs in with the password, is sent to enrollment, reads the secret from the page (as one would type it into an
authenticator app), confirms with the app's code and saves the recovery codes; then signs in again with a code,
and once more with a recovery code."""

from __future__ import annotations

import re
from base64 import b32decode
from binascii import hexlify

import pytest

from tests.accounts.twofactor.helpers import app_code

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

pytestmark = [pytest.mark.e2e, pytest.mark.two_factor, pytest.mark.xdist_group("e2e")]


def _password_step(page, password: str) -> None:
    page.goto("/don-vi/")
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _sign_out(page) -> None:
    page.locator(".navbar .dropdown-toggle").last.click()  # the account menu
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_enrol_then_sign_in_with_a_code_and_with_a_recovery_code(page, demo, tmp_path):
    _password_step(page, demo)
    expect(page.get_by_role("heading", name="Đăng ký xác thực hai lớp")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("bắt buộc xác thực hai lớp")
    expect(page.locator(".twofactor-qr svg")).to_be_visible()
    # Nothing else is reachable before enrolling.
    page.goto("/can-bo/")
    expect(page.get_by_role("heading", name="Đăng ký xác thực hai lớp")).to_be_visible()

    secret = page.locator("#khoa-bi-mat").inner_text().replace(" ", "")
    key = hexlify(b32decode(secret)).decode()
    page.get_by_label("Mã 6 chữ số trong ứng dụng").fill("000")
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.locator(".invalid-feedback")).to_have_text(
        "Hãy nhập mã gồm 6 chữ số đang hiện trong ứng dụng xác thực."
    )
    page.get_by_label("Mã 6 chữ số trong ứng dụng").fill(app_code(key))
    page.get_by_role("button", name="Xác nhận và bật").click()

    expect(page.get_by_role("heading", name="Mã khôi phục")).to_be_visible()
    codes = [c.strip() for c in page.locator("#ma-khoi-phuc li").all_inner_texts()]
    assert len(codes) == 10
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về (.txt)").click()
    saved = tmp_path / "codes.txt"
    info.value.save_as(saved)
    assert all(code in saved.read_text(encoding="utf-8") for code in codes)
    page.get_by_role("button", name="Tôi đã lưu các mã, tiếp tục").click()
    expect(page).to_have_url(re.compile(r"/can-bo/$"))  # where the admin was last going
    _sign_out(page)

    # Again: password, then the app's code (the next one: a code is accepted once).
    _password_step(page, demo)
    expect(page.get_by_role("heading", name="Xác thực hai lớp")).to_be_visible()
    page.get_by_label("Mã xác thực").fill("111111" if app_code(key, 1) != "111111" else "222222")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Mã không đúng hoặc đã được dùng")
    _wait_out_backoff(page)
    page.get_by_label("Mã xác thực").fill(app_code(key, 1))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(re.compile(r"/don-vi/$"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Xác thực hai lớp")
    _sign_out(page)

    # And with a recovery code, as after losing the phone.
    _password_step(page, demo)
    page.get_by_label("Mã xác thực").fill(codes[0].upper())
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(re.compile(r"/don-vi/$"))
    expect(page.get_by_role("alert").first).to_contain_text("còn 9 mã")
    page.goto("/tai-khoan/bao-mat/")
    expect(page.locator("main")).to_contain_text("Mã khôi phục còn lại")
    expect(page.locator("main dd").nth(2)).to_have_text("9")


def _wait_out_backoff(page) -> None:
    """django-otp's throttle: after one wrong code the next check waits a second."""
    page.wait_for_timeout(1100)
