"""The criteria sheets list as a filter + table list: filter, sort, Excel export, print and its query budget."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.lists import assert_print_view, column, xlsx_table
from thidua.emulation.scoring import services as svc
from thidua.org import services as org

pytestmark = pytest.mark.django_db


def test_sheet_list_filters_sorts_exports_and_prints(client, users, tree, django_assert_max_num_queries):
    for name, year in (("Khối các cơ quan", 2020), ("Cụm các nhà máy", 2021)):
        group = org.group_create(actor=None, authority=tree.tc, name=name, year=year, members=[tree.cuc, tree.nm])
        svc.sheet_create(actor=None, group=group)
    client.force_login(users.officer)
    url = reverse("sheet_list")
    with django_assert_max_num_queries(10):
        content = client.get(url).content.decode()
    assert "Khối các cơ quan" in content and "Cụm các nhà máy" in content
    content = client.get(url, {"q": "nha may"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Cụm các nhà máy" in rows and "Khối các cơ quan" not in rows
    headers, data = xlsx_table(client.get(url, {"sap_xep": "year", "export": "xlsx"}))
    assert headers == ["STT", "Năm", "Bảng điểm", "Khối", "Bước"]
    assert column(headers, data, "Năm") == [2020, 2021]
    assert column(headers, data, "Khối") == ["Khối các cơ quan", "Cụm các nhà máy"]
    content = assert_print_view(client.get(url, {"nam": 2021, "print": "1"}), "Chấm điểm thi đua khối")
    assert "Cụm các nhà máy" in content and "Khối các cơ quan" not in content
