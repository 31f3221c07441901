"""The conferences list as a filter + table list: filter, sort, Excel export, print and its query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.lists import assert_print_view, column, xlsx_table
from thidua.emulation.conferences import services as svc

pytestmark = pytest.mark.django_db
D = dt.date


def test_conference_list_filters_sorts_exports_and_prints(client, users, tree, people, django_assert_max_num_queries):
    for title, host, day in (
        ("Hội nghị tổng kết năm 2020", tree.tc, D(2020, 10, 28)),
        ("Hội nghị sơ kết 6 tháng 2021", tree.nm, D(2021, 6, 20)),
    ):
        svc.conference_create(actor=None, title=title, kind="tong_ket", host_unit=host, held_on=day, chair=people.hung)
    client.force_login(users.officer)
    url = reverse("conference_list")
    with django_assert_max_num_queries(10):
        content = client.get(url).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("sơ kết 6 tháng 2021") < rows.index("tổng kết năm 2020")  # newest first
    rows = client.get(url, {"sap_xep": "held_on"}).content.decode()
    rows = rows[rows.index("<tbody") :]
    assert rows.index("tổng kết năm 2020") < rows.index("sơ kết 6 tháng 2021")
    rows = client.get(url, {"nam": 2020}).content.decode()
    rows = rows[rows.index("<tbody") :]
    assert "tổng kết năm 2020" in rows and "2021" not in rows
    headers, data = xlsx_table(client.get(url, {"tu_ngay": "01/01/2021", "export": "xlsx"}))
    assert headers == ["STT", "Ngày họp", "Tên hội nghị", "Đơn vị tổ chức", "Chủ trì", "Tình trạng"]
    assert column(headers, data, "Tên hội nghị") == ["Hội nghị sơ kết 6 tháng 2021"]
    assert column(headers, data, "Chủ trì") == ["Nguyễn Việt Hùng"]
    assert isinstance(column(headers, data, "Ngày họp")[0], dt.date)
    content = assert_print_view(client.get(url, {"unit": tree.nm.pk, "print": "1"}), "Hội nghị sơ kết, tổng kết")
    assert (
        "Đơn vị tổ chức: <strong>Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng</strong>" in content
        and "năm 2020" not in content
    )
