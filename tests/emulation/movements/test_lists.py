"""The registrations list as a filter + table list: filter, sort, Excel export, print and its query budget."""

from __future__ import annotations

from django.urls import reverse

from tests.emulation import movements_world as mw
from tests.lists import assert_print_view, column, xlsx_table

YEAR = mw.YEAR


def test_registration_list_filters_sorts_exports_and_prints(users, tree, world, django_assert_max_num_queries):
    client = mw.client_for(users.officer)
    url = reverse("registration_list")
    with django_assert_max_num_queries(14):
        content = client.get(url, {"nam": YEAR}).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("Cục Chính trị") < rows.index("Nhà máy Z111")  # tree order
    content = client.get(url, {"nam": YEAR, "trang_thai": "da_gui"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Cục Chính trị" in rows and "Nhà máy Z111" not in rows
    content = client.get(url, {"nam": YEAR, "sap_xep": "-unit"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("Nhà máy Z111") < rows.index("Cục Chính trị")
    with django_assert_max_num_queries(14):
        response = client.get(url, {"nam": YEAR, "sap_xep": "unit", "export": "xlsx"})
    headers, data = xlsx_table(response)
    assert headers == ["STT", "Đơn vị", "Cá nhân", "Danh hiệu đăng ký", "Phong trào", "Trạng thái"]
    assert column(headers, data, "Đơn vị") == [str(tree.cuc), str(tree.nm)]  # "Cục Chính trị — Tổng cục …"
    assert column(headers, data, "Phong trào") == [mw.LAUNCHED_NAME, ""]
    assert column(headers, data, "Danh hiệu đăng ký")[0] == world.awards["DVQT"].name
    content = assert_print_view(
        client.get(url, {"nam": YEAR, "unit": tree.nm.pk, "print": "1"}), f"Đăng ký thi đua năm {YEAR}"
    )
    assert "Đơn vị: <strong>Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng</strong>" in content
    assert "Cục Chính trị" not in content


def test_pact_list_filters_exports_and_prints(users, world, django_assert_max_num_queries):
    client = mw.client_for(users.officer)
    url = reverse("pact_list")
    with django_assert_max_num_queries(12):
        content = client.get(url).content.decode()
    assert "Khối các cơ quan" in content
    content = client.get(url, {"nam": YEAR - 1}).content.decode()
    assert "Chưa có giao ước thi đua." in content
    headers, data = xlsx_table(client.get(url, {"nam": YEAR, "export": "xlsx"}))
    assert headers == ["STT", "Khối, cụm", "Năm", "Đã ký", "Ngày hoàn tất"]
    assert column(headers, data, "Khối, cụm") == ["Khối các cơ quan"] and column(headers, data, "Năm") == [YEAR]
    content = assert_print_view(client.get(url, {"q": "co quan", "print": "1"}), "Giao ước thi đua")
    assert "Tên khối, cụm: <strong>co quan</strong>" in content and "Khối các cơ quan" in content
