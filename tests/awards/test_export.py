"""Excel export of the candidates list, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.awards.eligibility_world import REASON_OK, REASON_SOON, make_elig
from thidua.awards.eligibility.exports import HEADERS

EXPORT = reverse("eligibility_export")


@pytest.fixture
def elig(tree, users, people):
    """Stored runs for tc and TCCT (see tests/awards/eligibility_world.py)."""
    return make_elig(tree, users, people)


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


@pytest.mark.django_db
def test_export_has_vietnamese_headers_rows_dates_and_frozen_header(client, users, tree, people, elig):
    client.force_login(users.officer)
    book = _workbook(client.get(EXPORT, {"nam": 2024, "don_vi": tree.tc.pk}))
    sheet = book.active
    header = [cell.value for cell in sheet[3]]
    assert header == [text for text, _ in HEADERS]
    assert header[:7] == ["STT", "Họ và tên", "Cấp bậc", "Chức vụ", "Đơn vị", "Danh hiệu/Hình thức", "Kết quả"]
    assert "Lý do" in header and "Căn cứ" in header
    assert all(cell.font.bold for cell in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["B"].width > 20
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == [1, 2, 3]
    by_name = {r[1]: r for r in rows}
    hung = by_name["Nguyễn Việt Hùng"]
    assert hung[2] == "Thiếu tướng" and hung[4] == "Tổng cục Công nghiệp quốc phòng — Bộ Quốc phòng"
    assert hung[5] == "Chiến sĩ thi đua cơ sở" and hung[6] == "Đủ điều kiện"
    assert REASON_OK["text"] in hung[8] and hung[9] == REASON_OK["citation"]
    hoa = by_name["Trần Thị Hoà"]
    assert hoa[6] == "Sắp đủ điều kiện" and REASON_SOON["citation"] in hoa[9]
    soon_cell = sheet.cell(row=4 + rows.index(hoa), column=8)
    assert soon_cell.value.date() == dt.date(2025, 12, 31) and soon_cell.number_format == "dd/mm/yyyy"
    assert by_name["Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng"][5] == elig.dvqt.name
    assert "2024" in sheet["A1"].value


@pytest.mark.django_db
def test_export_follows_the_filters(client, users, tree, elig):
    client.force_login(users.officer)
    sheet = _workbook(client.get(EXPORT, {"nam": 2024, "don_vi": tree.tc.pk, "ket_qua": "sap_du"})).active
    assert [row[1].value for row in sheet.iter_rows(min_row=4)] == ["Trần Thị Hoà"]


@pytest.mark.django_db
def test_export_without_run_has_only_the_header(client, users, tree, elig):
    client.force_login(users.officer)
    sheet = _workbook(client.get(EXPORT, {"nam": 2020, "don_vi": tree.tc.pk})).active
    assert sheet.max_row == 3


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("outsider", 404), ("norole", 404), ("viewer", 200)])
def test_export_scope(client, users, tree, elig, who, status):
    client.force_login(getattr(users, who))
    assert client.get(EXPORT, {"nam": 2024, "don_vi": tree.tc.pk}).status_code == status


@pytest.mark.django_db
def test_export_needs_a_unit_and_a_login(client, users):
    assert client.get(EXPORT).status_code == 302
    client.force_login(users.officer)
    assert client.get(EXPORT, {"nam": 2024}).status_code == 404
