"""The shared list machinery (core.lists, core.xlsx) and core's own lists: the audit trail and the jobs list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.lists import assert_print_view, column, xlsx_rows, xlsx_table
from thidua.core.models import Job
from thidua.core.xlsx import Formats, open_book, write_value
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db


def test_write_value_keeps_user_text_as_text():
    book, buffer = open_book()
    sheet = book.add_worksheet()
    fmt = Formats(book)
    for col, text in enumerate(["=1+1", "+84 912", "-5", "@SUM(A1)", '=HYPERLINK("http://x")']):
        write_value(sheet, 0, col, text, fmt)
    write_value(sheet, 1, 0, dt.date(2024, 2, 29), fmt)
    write_value(sheet, 1, 1, 1600, fmt)
    book.close()
    data = buffer.getvalue()
    assert b"<f>" not in data

    class Response:
        status_code = 200
        content = data

        def __getitem__(self, key):
            return {
                "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Content-Disposition": "attachment; x",
            }[key]

    rows = xlsx_rows(Response())
    assert rows[0][:5] == ["=1+1", "+84 912", "-5", "@SUM(A1)", '=HYPERLINK("http://x")']
    assert rows[1][0] == dt.date(2024, 2, 29) or rows[1][0] == dt.datetime(2024, 2, 29)
    assert rows[1][1] == 1600


def test_audit_trail_filters_sorts_exports_and_prints(client, users, tree, people, django_assert_max_num_queries):
    org_services.unit_update(actor=users.officer, unit=tree.tc, expected_version=tree.tc.version, code="TC-01")
    client.force_login(users.officer)
    url = reverse("audit_unit", args=[tree.tc.pk])
    with django_assert_max_num_queries(10):
        content = client.get(url).content.decode()
    assert "Sửa thông tin đơn vị" in content and "Thêm cán bộ" in content
    content = client.get(url, {"event_type": "unit.update"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Sửa thông tin đơn vị" in rows and "Thêm cán bộ" not in rows
    content = client.get(url, {"sap_xep": "occurred_at"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("Thêm cán bộ") < rows.index("Sửa thông tin đơn vị")  # oldest first
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    content = client.get(url, {"tu_ngay": tomorrow}).content.decode()
    assert "Chưa có thay đổi nào được ghi nhận." in content
    headers, data = xlsx_table(client.get(url, {"event_type": "unit.update", "export": "xlsx"}))
    assert headers == ["STT", "Thời điểm", "Người thực hiện", "Sự kiện", "Đối tượng", "Chi tiết", "Mã yêu cầu"]
    assert column(headers, data, "Sự kiện") == ["Sửa thông tin đơn vị"]
    assert "TC-01" in column(headers, data, "Chi tiết")[0]
    assert isinstance(column(headers, data, "Thời điểm")[0], dt.datetime)  # a real Excel date-time
    content = assert_print_view(
        client.get(url, {"print": "1"}), "Nhật ký thay đổi: Tổng cục Công nghiệp quốc phòng — Bộ Quốc phòng"
    )
    assert "Sửa thông tin đơn vị" in content


def test_jobs_list_scoped_filtered_sorted_exported_printed(client, users, tree, django_assert_max_num_queries):
    Job.objects.create(kind="x", title="Xét khen thưởng Tổng cục", unit=tree.tc, status=Job.Status.DONE)
    Job.objects.create(kind="x", title="Nhập hồ sơ Z111", unit=tree.nm, status=Job.Status.FAILED)
    Job.objects.create(kind="x", title="Việc của đơn vị khác", unit=tree.other)
    client.force_login(users.officer)
    with django_assert_max_num_queries(8):
        content = client.get(reverse("job_list")).content.decode()
    assert "Xét khen thưởng Tổng cục" in content and "Nhập hồ sơ Z111" in content
    assert "Việc của đơn vị khác" not in content
    content = client.get(reverse("job_list"), {"status": "failed"}).content.decode()
    assert "Nhập hồ sơ Z111" in content and "Xét khen thưởng Tổng cục" not in content
    headers, rows = xlsx_table(client.get(reverse("job_list"), {"sap_xep": "title", "export": "xlsx"}))
    assert headers[:4] == ["STT", "Công việc", "Trạng thái", "Tiến độ"]
    assert column(headers, rows, "Công việc") == ["Nhập hồ sơ Z111", "Xét khen thưởng Tổng cục"]
    assert column(headers, rows, "Trạng thái") == ["Lỗi", "Hoàn thành"]
    content = assert_print_view(client.get(reverse("job_list"), {"status": "done", "print": "1"}), "Công việc nền")
    assert "Trạng thái: <strong>Hoàn thành</strong>" in content
