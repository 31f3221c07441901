"""Unambiguous unit labels (org/labels.py): "Phòng Kế hoạch — Nhà máy Z111" tells repeated names apart, the stored
label follows renames and moves of any ancestor, and lists, exports, selects and the API show it without a query
per row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.lists import column, xlsx_table
from thidua.emulation.reports.forms import PeriodForm
from thidua.org import services
from thidua.org.labels import UnitRow, compute_labels
from thidua.org.models import OrgUnit

pytestmark = pytest.mark.django_db

D = dt.date


def _unit(parent, name, short_name=""):
    return services.unit_create(actor=None, parent=parent, name=name, short_name=short_name, kind="phong")


@pytest.fixture
def plants(tree):
    """Two plants under the Tổng cục, each with a "Phòng Kế hoạch"."""
    z113 = _unit(tree.tc, "Nhà máy Z113", "Z113")
    return {
        "z111": _unit(tree.nm, "Phòng Kế hoạch"),
        "z113": _unit(z113, "Phòng Kế hoạch"),
        "plant": z113,
    }


def _label(unit) -> str:
    return str(OrgUnit.objects.get(pk=unit.pk))


# --- the rule ---------------------------------------------------------------------------------------------------


def test_compute_labels_uses_the_fewest_ancestors_that_tell_units_apart():
    names = {
        "0001": "Bộ",
        "00010001": "Cục 1",
        "00010002": "Cục 2",
        "000100010001": "Z1",  # under Cục 1
        "000100010002": "Z2",  # under Cục 1
        "000100020001": "Z1",  # under Cục 2
    }
    rows = [
        UnitRow(1, "0001000100010001", "Phòng Kế hoạch"),  # under Z1 of Cục 1
        UnitRow(2, "0001000200010001", "Phòng Kế hoạch"),  # under Z1 of Cục 2: the parent's name alone repeats
        UnitRow(3, "0001000100020001", "Phòng Kế hoạch"),  # under Z2: its parent tells it apart
        UnitRow(4, "0001", "Bộ"),  # a root: no parent to show
    ]
    labels = compute_labels(rows, names, 4)
    assert labels[1] == "Phòng Kế hoạch — Z1 — Cục 1"
    assert labels[2] == "Phòng Kế hoạch — Z1 — Cục 2"
    assert labels[3] == "Phòng Kế hoạch — Z2"
    assert labels[4] == "Bộ"


def test_two_planning_offices_of_different_plants_are_told_apart(plants):
    assert _label(plants["z111"]) == "Phòng Kế hoạch — Nhà máy Z111"
    assert _label(plants["z113"]) == "Phòng Kế hoạch — Nhà máy Z113"
    template = Template("{% load thidua %}{{ unit|unit_label }}|{{ unit|unit_search }}")
    assert template.render(Context({"unit": plants["z113"]})) == (
        "Phòng Kế hoạch — Nhà máy Z113|phong ke hoach nha may z113"
    )


def test_same_name_and_same_parent_name_adds_the_grandparent(tree, plants):
    other_z111 = _unit(tree.other, "Nhà máy Z111")  # a second "Nhà máy Z111", under Tổng cục Chính trị
    office = _unit(other_z111, "Phòng Kế hoạch")
    assert _label(office) == "Phòng Kế hoạch — Nhà máy Z111 — Tổng cục Chính trị"
    # the first one is relabelled in the same transaction: it is no longer unique with its parent alone
    assert _label(plants["z111"]) == "Phòng Kế hoạch — Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng"
    assert _label(plants["z113"]) == "Phòng Kế hoạch — Nhà máy Z113"


def test_renaming_a_parent_relabels_its_descendants(plants):
    services.unit_rename(actor=None, unit=plants["plant"], new_name="Công ty Z113", occurred_on=D(2024, 1, 1))
    assert _label(plants["z113"]) == "Phòng Kế hoạch — Công ty Z113"
    assert _label(plants["plant"]) == "Công ty Z113 — Tổng cục Công nghiệp quốc phòng"


def test_moving_a_unit_relabels_its_subtree(tree, plants):
    other_z111 = _unit(tree.other, "Nhà máy Z111")
    office = _unit(other_z111, "Phòng Kế hoạch")
    assert _label(office) == "Phòng Kế hoạch — Nhà máy Z111 — Tổng cục Chính trị"
    services.unit_move(actor=None, unit=other_z111, new_parent=tree.cuc, occurred_on=D(2024, 1, 1))
    assert _label(other_z111) == "Nhà máy Z111 — Cục Chính trị"
    assert _label(office) == "Phòng Kế hoạch — Nhà máy Z111 — Cục Chính trị"  # below the moved unit
    services.unit_move(actor=None, unit=plants["z113"], new_parent=tree.cuc, occurred_on=D(2024, 2, 1))
    assert _label(plants["z113"]) == "Phòng Kế hoạch — Cục Chính trị"


# --- where it is used -------------------------------------------------------------------------------------------


@pytest.fixture
def officer(client, users):
    client.force_login(users.officer)
    return client


def test_people_list_and_export_show_labels_within_the_query_budget(
    officer, plants, people, django_assert_max_num_queries
):
    for i in range(30):
        unit = plants["z111"] if i % 2 else plants["z113"]
        services.person_create(actor=None, unit=unit, full_name=f"Phạm Văn Số {i}", category="cnvqp")
    with django_assert_max_num_queries(11):  # 10 + the navbar's unread-notification count
        content = officer.get(reverse("person_list"), {"q": "pham"}).content.decode()
    rows = content[content.index("<tbody") :]
    assert "Phòng Kế hoạch — Nhà máy Z111" in rows and "Phòng Kế hoạch — Nhà máy Z113" in rows
    # the unit filter is a searchable select whose options carry the label and a diacritic-free search key
    assert "data-unit-select" in content
    assert 'data-search="phong ke hoach nha may z113"' in content
    with django_assert_max_num_queries(10):
        headers, data = xlsx_table(officer.get(reverse("person_list"), {"q": "pham", "export": "xlsx"}))
    units = column(headers, data, "Đơn vị")
    assert units.count("Phòng Kế hoạch — Nhà máy Z111") == 15
    assert units.count("Phòng Kế hoạch — Nhà máy Z113") == 15


def test_unit_list_export_names_each_unit_unambiguously(officer, plants, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        headers, data = xlsx_table(officer.get(reverse("unit_list"), {"q": "ke hoach", "export": "xlsx"}))
    assert sorted(column(headers, data, "Tên đơn vị")) == [
        "Phòng Kế hoạch — Nhà máy Z111",
        "Phòng Kế hoạch — Nhà máy Z113",
    ]


def test_review_period_form_lists_units_by_label_in_a_searchable_multi_select(users, plants):
    html = str(PeriodForm(user=users.officer)["units"])
    assert "data-unit-select" in html and "multiple" in html
    assert html.count("Phòng Kế hoạch — Nhà máy Z111") == 1
    assert html.count("Phòng Kế hoạch — Nhà máy Z113") == 1
    assert 'data-depth="4"' in html and 'data-search="phong ke hoach nha may z111"' in html


def test_api_units_give_a_label_beside_the_name(client, users, plants):
    client.force_login(users.officer)
    body = client.get(f"/api/v1/units/{plants['z113'].pk}").json()
    assert body["name"] == "Phòng Kế hoạch"
    assert body["label"] == "Phòng Kế hoạch — Nhà máy Z113"
