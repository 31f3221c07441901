"""The register of titles and awards received as a list: scope, filters, sorting, Excel export, print, budget."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.lists import assert_print_view, column, xlsx_table
from thidua.records import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(tree, people, awards):
    hung, hoa, far = people.hung, people.worker, people.far
    services.award_record_add(actor=None, person=hung, award=awards["CSTT"], year=2022, decision_ref="=CMD|1")
    services.award_record_add(actor=None, person=hoa, award=awards["CSTDCS"], year=2023, decision_ref="QĐ 12")
    services.award_record_add(actor=None, unit=tree.nm, award=awards["DVTT"], year=2021)
    services.award_record_add(actor=None, person=far, award=awards["CSTT"], year=2023)
    return awards


def test_award_records_list(client, users, tree, records, django_assert_max_num_queries):
    client.force_login(users.officer)
    url = reverse("award_record_list")
    with django_assert_max_num_queries(11):  # +1: the navbar's unread notifications
        content = client.get(url).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Nguyễn Việt Hùng" in rows and "Trần Thị Hoà" in rows and "Nhà máy Z111" in rows
    assert "Ngô Quang Phúc" not in rows  # out of scope
    collective = 'thanh-tich/">Nhà máy Z111'
    assert rows.index("Trần Thị Hoà") < rows.index("Nguyễn Việt Hùng") < rows.index(collective)  # newest first
    content = client.get(url, {"doi_tuong": "tap_the"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert 'thanh-tich/">Nhà máy Z111' in rows and "Nguyễn Việt Hùng" not in rows
    content = client.get(url, {"q": "hung"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Nguyễn Việt Hùng" in rows and "Trần Thị Hoà" not in rows
    with django_assert_max_num_queries(10):
        response = client.get(url, {"sap_xep": "year", "tu_nam": 2022, "export": "xlsx"})
    headers, data = xlsx_table(response)
    assert headers[:5] == ["STT", "Năm", "Cá nhân/Tập thể", "Đơn vị", "Danh hiệu/Hình thức"]
    assert column(headers, data, "Năm") == [2022, 2023]
    assert column(headers, data, "Cá nhân/Tập thể") == ["Nguyễn Việt Hùng", "Trần Thị Hoà"]
    assert column(headers, data, "Số quyết định")[0] == "=CMD|1"  # text, never a formula
    assert b"<f>" not in response.content
    content = assert_print_view(client.get(url, {"unit": tree.nm.pk, "print": "1"}), "Danh hiệu, khen thưởng đã nhận")
    assert (
        "Đơn vị: <strong>Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng</strong>" in content
        and "Nguyễn Việt Hùng" not in content
    )
