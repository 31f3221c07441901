"""The review periods list as a filter + table list: filter, sort, Excel export, print and its query budget."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.emulation.reports_world import make_block, make_templates
from tests.lists import assert_print_view, column, xlsx_table

pytestmark = pytest.mark.django_db
D = dt.date


def test_period_list_filters_sorts_exports_and_prints(client, tree, users, django_assert_max_num_queries):
    templates = make_templates()
    make_block(tree, due=D(2020, 12, 15), templates=templates)
    make_block(tree, due=D(2021, 12, 15), opens=D(2021, 11, 1), templates=templates)
    client.force_login(users.officer)
    url = reverse("period_list")
    with django_assert_max_num_queries(10):
        content = client.get(url).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("Tổng kết thi đua năm 2021") < rows.index("Tổng kết thi đua năm 2020")  # newest first
    content = client.get(url, {"sap_xep": "due_on"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("Tổng kết thi đua năm 2020") < rows.index("Tổng kết thi đua năm 2021")
    content = client.get(url, {"nam": 2020}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "năm 2020" in rows and "Tổng kết thi đua năm 2021" not in rows
    headers, data = xlsx_table(client.get(url, {"sap_xep": "due_on", "export": "xlsx"}))
    assert headers == ["STT", "Kỳ báo cáo", "Loại", "Cấp tổ chức / khối", "Nhận báo cáo", "Hạn nộp", "Trạng thái"]
    assert column(headers, data, "Kỳ báo cáo") == ["Tổng kết thi đua năm 2020", "Tổng kết thi đua năm 2021"]
    assert "Khối kiểm thử 2020" in column(headers, data, "Cấp tổ chức / khối")[0]
    assert isinstance(column(headers, data, "Hạn nộp")[0], dt.date)
    content = assert_print_view(client.get(url, {"nam": 2021, "print": "1"}), "Kỳ sơ kết, tổng kết")
    assert "Năm: <strong>2021</strong>" in content and "Tổng kết thi đua năm 2020" not in content


def test_submission_list_filters_sorts_exports_and_prints(client, tree, users, django_assert_max_num_queries):
    from thidua.emulation.models import UnitReport
    from thidua.emulation.reports import services

    block = make_block(tree, due=D(2020, 12, 15))
    services.report_save(
        actor=None, period=block.period, unit=tree.nm, values={block.ind.cuoc.pk: 1}, submit=True, today=D(2020, 12, 1)
    )
    # Z111 submitted on its last day: on time (the service stamps the real clock, so set the day it happened)
    UnitReport.objects.filter(unit=tree.nm).update(submitted_at=dt.datetime(2020, 12, 15, 9, 0, tzinfo=dt.UTC))
    client.force_login(users.officer)
    url = reverse("period_detail", args=[block.period.pk])
    with django_assert_max_num_queries(20):
        content = client.get(url).content.decode()
    assert "Đã nộp 1/2" in content
    rows = content[content.index("<tbody") :]
    assert rows.index(tree.cuc.name) < rows.index(tree.nm.name)  # tree order
    assert "Quá hạn, chưa nộp" in rows and "Đúng hạn" in rows
    rows = client.get(url, {"sap_xep": "-state"}).content.decode()
    rows = rows[rows.index("<tbody") :]
    assert rows.index(tree.nm.name) > rows.index(tree.cuc.name)  # "tre" after "nop" descending
    rows = client.get(url, {"sap_xep": "state"}).content.decode()
    rows = rows[rows.index("<tbody") :]
    assert rows.index(tree.nm.name) < rows.index(tree.cuc.name)
    content = client.get(url, {"tinh_trang": "tre"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert tree.cuc.name in rows and tree.nm.name not in rows
    assert "Đã nộp 1/2" in content  # the counts are of the whole period, not of the filter
    rows = client.get(url, {"thoi_han": "muon"}).content.decode()
    assert tree.nm.name not in rows[rows.index("<tbody") :]
    headers, data = xlsx_table(client.get(url, {"tinh_trang": "nop", "export": "xlsx"}))
    assert headers == ["STT", "Đơn vị", "Hạn nộp", "Tình trạng", "Nộp lúc", "Thời hạn nộp"]
    assert column(headers, data, "Đơn vị") == [str(tree.nm)]
    assert column(headers, data, "Tình trạng") == ["Đã nộp"]
    assert column(headers, data, "Thời hạn nộp") == ["Đúng hạn"]
    assert column(headers, data, "Hạn nộp") == [D(2020, 12, 15)]
    content = assert_print_view(
        client.get(url, {"tinh_trang": "tre", "print": "1"}), f"Tình hình nộp báo cáo — {block.period.name}"
    )
    assert "Tình trạng: <strong>Quá hạn, chưa nộp</strong>" in content and tree.nm.name not in content


def test_unit_report_list_filters_sorts_exports_and_prints(client, tree, users, django_assert_max_num_queries):
    from thidua.emulation.models import UnitReport
    from thidua.emulation.reports import services

    templates = make_templates()
    old = make_block(tree, due=D(2020, 12, 15), templates=templates)
    new = make_block(tree, due=D(2021, 12, 15), opens=D(2021, 11, 1), templates=templates)
    for block in (old, new):
        services.report_save(
            actor=None,
            period=block.period,
            unit=tree.nm,
            values={block.ind.cuoc.pk: 1},
            submit=True,
            today=D(block.period.year, 12, 1),
        )
    services.report_save(
        actor=None, period=new.period, unit=tree.cuc, values={new.ind.cuoc.pk: 2}, today=D(2021, 12, 1)
    )
    # 2020's report came in on time, 2021's a day late (the service stamps the real clock: set the days it happened)
    UnitReport.objects.filter(period=old.period).update(submitted_at=dt.datetime(2020, 12, 15, 9, tzinfo=dt.UTC))
    UnitReport.objects.filter(period=new.period, unit=tree.nm).update(
        submitted_at=dt.datetime(2021, 12, 16, 9, tzinfo=dt.UTC)
    )
    client.force_login(users.officer)
    url = reverse("unit_report_list")
    assert url in client.get(reverse("period_list")).content.decode()
    with django_assert_max_num_queries(10):
        content = client.get(url).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("năm 2021") < rows.index("năm 2020")  # newest period first
    content = client.get(url, {"sap_xep": "due_on"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert rows.index("năm 2020") < rows.index("năm 2021")
    content = client.get(url, {"thoi_han": "muon"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "năm 2021" in rows and "năm 2020" not in rows and "Nộp muộn" in rows
    headers, data = xlsx_table(client.get(url, {"status": "da_nop", "sap_xep": "due_on", "export": "xlsx"}))
    assert headers == ["STT", "Kỳ báo cáo", "Đơn vị", "Trạng thái", "Hạn nộp", "Nộp lúc", "Thời hạn nộp"]
    assert column(headers, data, "Kỳ báo cáo") == ["Tổng kết thi đua năm 2020", "Tổng kết thi đua năm 2021"]
    assert column(headers, data, "Đơn vị") == [str(tree.nm), str(tree.nm)]
    assert column(headers, data, "Thời hạn nộp") == ["Đúng hạn", "Nộp muộn"]
    assert column(headers, data, "Hạn nộp") == [D(2020, 12, 15), D(2021, 12, 15)]
    content = assert_print_view(client.get(url, {"status": "nhap", "print": "1"}), "Báo cáo của các đơn vị")
    assert "Trạng thái: <strong>Bản nháp</strong>" in content and tree.cuc.name in content
    assert tree.nm.name not in content


def test_unit_report_list_lights_only_its_own_menu_item(client, users):
    """The unit reports page belongs to "Sơ kết, tổng kết", not to "Đơn vị" (both URL names start with "unit")."""
    client.force_login(users.officer)
    html = client.get(reverse("unit_report_list")).content.decode()
    assert html.count("dropdown-toggle active") == 1  # one menu group lit: the navbar groups pages in dropdowns
    assert re.search(r'dropdown-toggle active"[^>]*>Sơ kết, tổng kết<', html)
