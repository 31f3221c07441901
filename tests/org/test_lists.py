"""The org list pages as filter + table lists: sorting, filters, Excel export of exactly the filtered rows, the
print view, and query budgets that do not grow with the number of rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.lists import assert_print_view, column, xlsx_table
from thidua.org import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, users):
    client.force_login(users.officer)
    return client


@pytest.fixture
def crowd(tree, people):
    """People whose names sort differently in Vietnamese order than in byte order (Ánh, Anh, Đức, Dũng)."""
    for name, year in (("Lê Văn Đức", 1970), ("Phạm Thị Ánh", 1990), ("Vũ Văn Dũng", 1980), ("Hồ Minh Anh", 1975)):
        person = services.person_create(
            actor=None, unit=tree.nm, full_name=name, category="cnvqp", date_of_birth=dt.date(year, 1, 1)
        )
        services.position_add(actor=None, person=person, title="Kỹ sư", unit=tree.nm, start_on=dt.date(2020, 1, 1))
    return people


def names_in(content: str, names: list[str]) -> list[str]:
    """The names in the order the table's rows show them (the filter's select lists units too)."""
    rows = content[content.index("<tbody") :]
    return sorted(names, key=rows.index)


ALL = ["Hồ Minh Anh", "Phạm Thị Ánh", "Vũ Văn Dũng", "Lê Văn Đức", "Trần Thị Hoà", "Nguyễn Việt Hùng"]


def test_people_sorted_by_vietnamese_name_and_reversible(officer, crowd):
    content = officer.get(reverse("person_list")).content.decode()
    assert names_in(content, ALL) == ALL  # given name first, a < á, d < đ
    content = officer.get(reverse("person_list"), {"sap_xep": "-full_name"}).content.decode()
    assert names_in(content, ALL) == ALL[::-1]
    content = officer.get(reverse("person_list"), {"sap_xep": "date_of_birth"}).content.decode()
    assert names_in(content, ALL)[:2] == ["Nguyễn Việt Hùng", "Lê Văn Đức"]  # born 1965, 1970
    assert 'aria-sort="ascending"' in content


def test_people_search_sorts_with_the_covering_index_order(officer, crowd):
    content = officer.get(reverse("person_list"), {"q": "van", "sap_xep": "-full_name"}).content.decode()
    assert names_in(content, ["Vũ Văn Dũng", "Lê Văn Đức"]) == ["Lê Văn Đức", "Vũ Văn Dũng"]
    assert "Phạm Thị Ánh" not in content


def test_people_export_has_exactly_the_filtered_rows_in_order(officer, tree, crowd):
    response = officer.get(reverse("person_list"), {"unit": tree.nm.pk, "sap_xep": "-full_name", "export": "xlsx"})
    headers, rows = xlsx_table(response)
    assert headers == ["STT", "Họ và tên", "Cấp bậc", "Chức vụ hiện tại", "Đơn vị", "Năm sinh"]
    nm_people = ["Hồ Minh Anh", "Phạm Thị Ánh", "Vũ Văn Dũng", "Lê Văn Đức", "Trần Thị Hoà"]
    assert column(headers, rows, "Họ và tên") == nm_people[::-1]
    assert column(headers, rows, "Đơn vị") == ["Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng"] * 5
    assert column(headers, rows, "Năm sinh")[0] == 1988  # a number, not text
    assert "Kỹ sư" in column(headers, rows, "Chức vụ hiện tại")
    assert column(headers, rows, "STT") == [1, 2, 3, 4, 5]


def test_people_export_covers_every_page(officer, tree, people, settings):
    settings.PEOPLE_PAGE_SIZE = 2
    for i in range(5):
        services.person_create(actor=None, unit=tree.nm, full_name=f"Đỗ Văn Số {i}", category="cnvqp")
    _, rows = xlsx_table(officer.get(reverse("person_list"), {"q": "so", "export": "xlsx", "trang": 2}))
    assert len(rows) == 5


def test_people_export_never_writes_a_formula(officer, tree, people):
    services.person_create(actor=None, unit=tree.nm, full_name="=HYPERLINK(1) Văn A", category="cnvqp")
    response = officer.get(reverse("person_list"), {"export": "xlsx"})
    headers, rows = xlsx_table(response)
    assert "=HYPERLINK(1) Văn A" in column(headers, rows, "Họ và tên")
    assert b"<f>" not in response.content  # no formula element anywhere in the workbook


def test_people_print_view(officer, tree, crowd):
    response = officer.get(reverse("person_list"), {"unit": tree.nm.pk, "rank": "", "print": "1"})
    content = assert_print_view(response, "Cán bộ, quân nhân")
    assert "Đơn vị: <strong>Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng</strong>" in content
    assert "Nguyễn Việt Hùng" not in content and "Trần Thị Hoà" in content
    assert "Tổng số: 5 dòng" in content


def test_people_list_budget_with_sort_search_and_export(officer, tree, people, django_assert_max_num_queries):
    for i in range(60):
        person = services.person_create(actor=None, unit=tree.nm, full_name=f"Phạm Văn Số {i}", category="cnvqp")
        services.position_add(actor=None, person=person, title="Kỹ sư", unit=tree.nm, start_on=dt.date(2020, 1, 1))
    for params in ({"sap_xep": "rank"}, {"q": "pham", "sap_xep": "unit", "trang": 2}, {"sap_xep": "-date_of_birth"}):
        with django_assert_max_num_queries(11):  # +1: the navbar's unread notifications
            assert officer.get(reverse("person_list"), params).status_code == 200
    with django_assert_max_num_queries(10):
        _, rows = xlsx_table(officer.get(reverse("person_list"), {"q": "pham", "export": "xlsx"}))
    assert len(rows) == 60
    with django_assert_max_num_queries(10):
        officer.get(reverse("person_list"), {"print": "1"})


def test_people_htmx_sort_link_stays_in_the_results_box(officer, people):
    response = officer.get(
        reverse("person_list"), {"q": "hoa"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="person-results"
    )
    content = response.content.decode()
    assert "<html" not in content
    assert "sap_xep=-full_name" in content and "export=xlsx" in content and "print=1" in content


# --- units ---------------------------------------------------------------------------------------------------------


def test_unit_list_filters_sorts_exports_and_prints(officer, tree, people, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = officer.get(reverse("unit_list"))
    content = response.content.decode()
    assert "Nhà máy Z111" in content and "Tổng cục Chính trị" not in content  # out of scope
    # Tree order by default; by name, Vietnamese order: "Cục" < "Nhà" < "Tổng".
    content = officer.get(reverse("unit_list"), {"sap_xep": "name"}).content.decode()
    # sorted, a row no longer sits under its parent: it shows the unit's label (name — parent)
    names = [
        "Cục Chính trị — Tổng cục Công nghiệp quốc phòng",
        "Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng",
        "Tổng cục Công nghiệp quốc phòng — Bộ Quốc phòng",
    ]
    assert names_in(content, names) == names
    content = officer.get(reverse("unit_list"), {"kind": "nha_may"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Nhà máy Z111" in rows and "Cục Chính trị" not in rows
    headers, rows = xlsx_table(officer.get(reverse("unit_list"), {"sap_xep": "-name", "export": "xlsx"}))
    assert headers[:4] == ["STT", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị"]
    assert column(headers, rows, "Tên đơn vị") == names[::-1]
    assert column(headers, rows, "Số người") == [1, 1, 0]
    content = assert_print_view(officer.get(reverse("unit_list"), {"q": "nha may", "print": "1"}), "Danh sách đơn vị")
    assert "Tên đơn vị: <strong>nha may</strong>" in content and "Nhà máy Z111" in content


# --- groups --------------------------------------------------------------------------------------------------------


def test_group_list_sorts_exports_and_prints(officer, tree, django_assert_max_num_queries):
    services.group_create(actor=None, authority=tree.tc, name="Khối các cơ quan", year=2018, members=[tree.cuc])
    services.group_create(
        actor=None, authority=tree.tc, name="Cụm các nhà máy", year=2019, kind="cum", members=[tree.nm]
    )
    services.group_create(actor=None, authority=tree.tc, name="Ấp thi đua", year=2019, members=[tree.nm, tree.cuc])
    with django_assert_max_num_queries(8):
        content = officer.get(reverse("group_list"), {"sap_xep": "name"}).content.decode()
    names = ["Ấp thi đua", "Cụm các nhà máy", "Khối các cơ quan"]  # Vietnamese order: Ấ is an A
    assert names_in(content, names) == names
    content = officer.get(reverse("group_list"), {"kind": "cum"}).content.decode()
    assert "Cụm các nhà máy" in content and "Khối các cơ quan" not in content
    headers, rows = xlsx_table(officer.get(reverse("group_list"), {"year": 2019, "export": "xlsx"}))
    assert headers == ["STT", "Năm", "Tên khối/cụm", "Loại", "Cấp tổ chức", "Số thành viên"]
    assert sorted(column(headers, rows, "Tên khối/cụm")) == ["Cụm các nhà máy", "Ấp thi đua"]
    assert sorted(column(headers, rows, "Số thành viên")) == [1, 2]
    content = assert_print_view(officer.get(reverse("group_list"), {"year": 2019, "print": "1"}), "Khối, cụm thi đua")
    assert "Năm: <strong>Năm 2019</strong>" in content and "Khối các cơ quan" not in content
