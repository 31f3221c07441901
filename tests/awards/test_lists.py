"""The candidates page as a list table: sort, filter, Excel export from the page's own URL (the same workbook as
the export URL), print view, and the query budget of each."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.awards.eligibility_world import REASON_OK, make_elig
from tests.lists import assert_print_view, column, xlsx_table

CANDIDATES = reverse("eligibility_candidates")
pytestmark = pytest.mark.django_db


@pytest.fixture
def elig(tree, users, people):
    return make_elig(tree, users, people)


def rows_of(response) -> str:
    content = response.content.decode()
    return content[content.index("<tbody", content.index("list-table")) :]


def test_candidates_sort_by_name_and_by_outcome(client, users, tree, elig):
    client.force_login(users.officer)
    base = {"nam": 2024, "don_vi": tree.tc.pk}
    rows = rows_of(client.get(CANDIDATES, {**base, "sap_xep": "subject"}))
    assert rows.index("Trần Thị Hoà") < rows.index("Nguyễn Việt Hùng")  # Vietnamese order: Hoà before Hùng
    rows = rows_of(client.get(CANDIDATES, {**base, "sap_xep": "-subject"}))
    assert rows.index("Nguyễn Việt Hùng") < rows.index("Trần Thị Hoà")
    rows = rows_of(client.get(CANDIDATES, {**base, "sap_xep": "-outcome"}))
    assert rows.index("Chưa vững mạnh toàn diện") < rows.index("Trần Thị Hoà") < rows.index("Nguyễn Việt Hùng")


def test_candidates_export_from_the_page_follows_filter_and_order(
    client, users, tree, elig, django_assert_max_num_queries
):
    client.force_login(users.officer)
    params = {"nam": 2024, "don_vi": tree.tc.pk, "danh_hieu": "CSTDCS", "sap_xep": "-subject", "export": "xlsx"}
    with django_assert_max_num_queries(15):
        response = client.get(CANDIDATES, params)
    headers, rows = xlsx_table(response)
    assert headers == [
        "STT", "Họ và tên", "Cấp bậc", "Chức vụ", "Đơn vị", "Danh hiệu/Hình thức", "Kết quả", "Đủ điều kiện từ",
        "Lý do", "Căn cứ",
    ]  # fmt: skip
    assert column(headers, rows, "Họ và tên") == ["Nguyễn Việt Hùng", "Trần Thị Hoà"]
    assert column(headers, rows, "Căn cứ")[0] == REASON_OK["citation"]
    same = client.get(reverse("eligibility_export"), params)
    assert xlsx_table(same) == (headers, rows)


def test_candidates_print_view(client, users, tree, elig, django_assert_max_num_queries):
    client.force_login(users.officer)
    with django_assert_max_num_queries(15):
        response = client.get(CANDIDATES, {"nam": 2024, "don_vi": tree.tc.pk, "ket_qua": "sap_du", "print": "1"})
    content = assert_print_view(response, "Xét điều kiện khen thưởng năm 2024 — Tổng cục Công nghiệp quốc phòng")
    assert "Lượt xét #" in content and "Kết quả: <strong>Sắp đủ điều kiện</strong>" in content
    assert "Trần Thị Hoà" in content and "Nguyễn Việt Hùng" not in content
    assert ">Căn cứ</th>" in content and "31/12/2025" in content
