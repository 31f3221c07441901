"""Account import: all or nothing, every error of every row in Vietnamese, duplicates with both rows, the passwords
workbook once, the template workbook."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.accounts.users import importer
from thidua.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Tên đăng nhập", "Họ và tên", "Đơn vị (mã hoặc tên)", "Vai trò", "Thư điện tử"]


def _book(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH TÀI KHOẢN"])
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_clean_list_creates_every_account_with_a_temporary_password(tree, accts):
    tree.nm.code = "Z111"
    tree.nm.save()
    data = _book(
        [
            [1, "tdkt_z111", "Đỗ Minh Châu", "z111", "Cán bộ TĐKT đơn vị", "chau@z111.vn"],
            [2, "xem_cct", "Vũ Thị Lan", "Cục Chính trị", "Người xem", None],
        ]
    )
    result = importer.import_accounts(actor=accts.tc_admin, name="ds.xlsx", data=data)
    assert result.ok, result.errors
    chau = User.objects.get(username="tdkt_z111")
    assert chau.must_change_password and chau.email == "chau@z111.vn"
    assert chau.role_assignments.get().unit == tree.nm
    assert User.objects.get(username="xem_cct").role_assignments.get().role == "viewer"
    sheet = load_workbook(io.BytesIO(importer.passwords_workbook(result.created))).active
    rows = {r[1]: r[5] for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert chau.check_password(rows["tdkt_z111"])
    assert AuditEvent.objects.filter(event_type="accounts.user.create").count() == 2


def test_any_error_saves_nothing_and_reports_every_error_of_each_row(tree, accts):
    data = _book(
        [
            [1, "tot_dong_1", "Đỗ Minh Châu", "Nhà máy Z111", "Người xem", None],
            [2, "trung_ten", "A", "Nhà máy Z111", "Người xem", None],
            [3, "", "", "Tổng cục Chính trị", "Thủ kho", "khong-phai-thu"],
            [4, "TRUNG_TEN", "B", "Nhà máy Z111", "Người xem", None],
            [5, "canbo_z111", "C", "Không có", "Người xem", None],
        ]
    )
    result = importer.import_accounts(actor=accts.tc_admin, name="ds.xlsx", data=data)
    assert not result.ok and not result.created
    assert not User.objects.filter(username="tot_dong_1").exists()
    errors = result.errors
    row3 = [e for e in errors if e.startswith("Dòng 6")]
    assert any("«Tên đăng nhập»: Không được để trống" in e for e in row3)
    assert any("«Họ và tên»: Không được để trống" in e for e in row3)
    assert any("Tổng cục Chính trị" in e and "phạm vi quản trị" in e for e in row3)
    assert any("Vai trò không hợp lệ" in e for e in row3)
    assert any("thư điện tử" in e for e in row3)
    assert "Dòng 7, cột «Tên đăng nhập»: Tên đăng nhập «TRUNG_TEN» trùng với dòng 5." in errors
    assert any(e.startswith("Dòng 8") and "đã có người dùng" in e for e in errors)
    assert any(e.startswith("Dòng 8") and "Không có đơn vị «Không có»" in e for e in errors)
    assert not any(e.startswith("Dòng 4") for e in errors)


def test_refuses_a_file_that_is_not_an_xlsx_list(accts):
    client = Client()
    client.force_login(accts.tc_admin)
    assert "Hãy chọn tệp Excel" in client.post(reverse("user_import"), {}).content.decode()
    response = client.post(reverse("user_import"), {"file": io.BytesIO(b"hello")})
    assert response.status_code == 200
    assert "Chỉ nhận tệp Excel .xlsx" in response.content.decode()
    upload = io.BytesIO(b"not a zip")
    upload.name = "ds.xlsx"
    response = client.post(reverse("user_import"), {"file": upload})
    assert "không phải là tệp Excel .xlsx hợp lệ" in response.content.decode()


def test_import_page_gives_the_passwords_workbook_once(tree, accts):
    client = Client()
    client.force_login(accts.tc_admin)
    upload = io.BytesIO(_book([[1, "Nguyễn An", "Nguyễn An", "Nhà máy Z111", "Người xem", None]]))
    upload.name = "ds.xlsx"
    response = client.post(reverse("user_import"), {"file": upload})
    assert "Tên đăng nhập không hợp lệ" in response.content.decode()
    wb = load_workbook(io.BytesIO(_book([[1, "nv_z111", "x", "Nhà máy Z111", "Người xem", None]])))
    wb.active["C4"].value = "=1+1"
    wb.active["C4"].data_type = "s"  # a text cell that looks like a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "ds.xlsx"
    response = client.post(reverse("user_import"), {"file": upload})
    assert "Đã tạo 1 tài khoản" in response.content.decode()
    download = client.get(reverse("user_import_passwords"))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(download.content)).active
    row = next(sheet.iter_rows(min_row=4, max_row=4))
    assert row[2].value == "=1+1" and row[2].data_type == "s", "a user's string is never a formula"
    assert User.objects.get(username="nv_z111").check_password(row[5].value)
    assert client.get(reverse("user_import_passwords")).status_code == 404, "only once"


def test_template_lists_the_roles_and_only_the_units_in_scope(tree, accts):
    client = Client()
    client.force_login(accts.tc_admin)
    response = client.get(reverse("user_import_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    header = [c.value for c in book["DANHSACH"][3]]
    assert header == ["Tên đăng nhập", "Họ và tên", "Đơn vị", "Vai trò", "Thư điện tử"]
    units = [r[2] for r in book["DANHMUC"].iter_rows(min_row=2, values_only=True) if r[2]]
    assert "Nhà máy Z111" in units and "Tổng cục Chính trị" not in units
    # the template, filled in, is read back by the importer
    sheet = book["DANHSACH"]
    sheet.append(["tu_mau", "Trần Văn Tư", "Nhà máy Z111", "Người xem"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert importer.import_accounts(actor=accts.tc_admin, name="mau.xlsx", data=buffer.getvalue()).ok
