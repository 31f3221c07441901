"""Issue 9's "done when" for accounts, in the browser: an administrator creates an officer's account and assigns a
role; the officer signs in with the temporary password, is made to change it, then works on their unit's pages."""

from __future__ import annotations

import re

import pytest

from tests.e2e.ui import choose, field

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]
NEW_PASSWORD = "Rung-tram-nam-Z113"


def test_admin_creates_an_officer_who_must_change_the_temporary_password(page, login):
    page = login("admin")
    page.get_by_role("button", name=re.compile("Quản trị hệ thống")).click()
    page.get_by_role("link", name="Tài khoản người dùng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản người dùng")
    page.get_by_role("link", name="Tạo tài khoản").click()

    field(page, "Tên đăng nhập").fill("tdkt_z113")
    field(page, "Họ và tên").fill("Phan Văn Đức")
    choose(field(page, "Vai trò"), "Cán bộ TĐKT đơn vị")
    choose(field(page, "Đơn vị"), "Nhà máy Z113")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã tạo tài khoản tdkt_z113")
    temporary = page.locator("#mat-khau-tam-thoi").input_value()
    assert len(temporary) >= 10

    page.get_by_role("link", name="Mở trang tài khoản").click()
    roles = page.locator("#vai-tro")
    expect(roles).to_contain_text("Nhà máy Z113")
    choose(field(page, "Vai trò"), "Người xem")
    choose(field(page, "Đơn vị"), "Nhà máy Z111")
    page.get_by_label("Kể cả các đơn vị trực thuộc").uncheck()
    page.get_by_role("button", name="Phân quyền").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã phân quyền.")
    expect(roles.locator("tr", has_text="Người xem")).to_contain_text("Chỉ đơn vị này")

    page.get_by_role("button", name=re.compile("Quản trị hệ thống")).click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").fill("tdkt_z113")
    page.get_by_label("Mật khẩu").fill(temporary)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    expect(page.locator("main")).to_contain_text("Bạn đang dùng mật khẩu tạm thời")
    page.goto("/don-vi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")  # nothing else until it is changed

    field(page, "Mật khẩu hiện tại").fill(temporary)
    field(page, "Mật khẩu mới").fill("12345")
    field(page, "Nhập lại mật khẩu mới").fill("12345")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.locator("main")).to_contain_text("Mật khẩu quá ngắn: cần ít nhất 10 ký tự.")
    field(page, "Mật khẩu hiện tại").fill(temporary)
    field(page, "Mật khẩu mới").fill(NEW_PASSWORD)
    field(page, "Nhập lại mật khẩu mới").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đổi mật khẩu.")

    page.get_by_role("button", name="Tổ chức").click()  # the navbar's dropdown
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("link", name="Nhà máy Z113", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nhà máy Z113")
    assert page.get_by_role("link", name="Tài khoản người dùng").count() == 0
