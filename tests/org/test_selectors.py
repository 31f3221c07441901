"""Org selectors: service summaries, positions text, people search and Vietnamese order, tree and groups."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.core.models import RoleAssignment
from thidua.org import selectors, services
from thidua.org.models import Person

D = dt.date


# --- service summary -----------------------------------------------------------------------------------------


def _days(start, end):
    return (end - start).days + 1


@pytest.mark.parametrize(
    ("periods", "on", "total_days", "continuous_days", "total_years", "continuous_years", "breaks"),
    [
        # one ongoing period, first day: one day of service
        ([(D(2020, 1, 1), None)], D(2020, 1, 1), 1, 1, 0, 0, 0),
        # the day before the anniversary: not yet a year; on the anniversary eve + 1: one year (non-leap year)
        ([(D(2023, 1, 1), None)], D(2023, 12, 30), 364, 364, 0, 0, 0),
        ([(D(2023, 1, 1), None)], D(2023, 12, 31), 365, 365, 1, 1, 0),
        ([(D(2021, 1, 1), None)], D(2023, 12, 31), 1095, 1095, 3, 3, 0),
        ([(D(2000, 1, 1), None)], D(2024, 12, 30), 9131, 9131, 24, 24, 0),
        ([(D(2000, 1, 1), None)], D(2024, 12, 31), 9132, 9132, 25, 25, 0),
        # a period ending after ``on`` counts up to ``on``; a period starting after ``on`` not at all
        ([(D(2000, 1, 1), D(2030, 1, 1))], D(2004, 12, 31), 1827, 1827, 5, 5, 0),
        ([(D(2000, 1, 1), D(2004, 12, 31)), (D(2010, 1, 1), None)], D(2009, 12, 31), 1827, 0, 5, 0, 0),
        # a break: total counts both periods, continuous only the current one
        (
            [(D(2000, 1, 1), D(2004, 12, 31)), (D(2010, 1, 1), None)],
            D(2019, 12, 31),
            1827 + 3652,
            3652,
            15,
            10,
            1,
        ),
        # adjoining periods (next day): no break, continuous = total
        ([(D(2000, 1, 1), D(2004, 12, 31)), (D(2005, 1, 1), None)], D(2019, 12, 31), 7305, 7305, 20, 20, 0),
        # a gap of one day is a break
        ([(D(2000, 1, 1), D(2004, 12, 30)), (D(2005, 1, 1), None)], D(2019, 12, 31), 7304, 5478, 19, 15, 1),
        # left service: no continuous period, except on the very last day
        ([(D(2000, 1, 1), D(2010, 12, 31))], D(2025, 1, 1), 4018, 0, 11, 0, 0),
        ([(D(2000, 1, 1), D(2010, 12, 31))], D(2010, 12, 31), 4018, 4018, 11, 11, 0),
        ([], D(2025, 1, 1), 0, 0, 0, 0, 0),
    ],
)
def test_service_summary(tree, periods, on, total_days, continuous_days, total_years, continuous_years, breaks):
    person = services.person_create(
        actor=None, unit=tree.nm, full_name="Đỗ Văn Phục", date_of_birth=D(1980, 1, 1), category="cnvqp"
    )
    for start, end in periods:
        services.service_period_add(actor=None, person=person, start_on=start, end_on=end)
    summary = selectors.service_summary(person, on)
    assert (summary.total_days, summary.continuous_days) == (total_days, continuous_days)
    assert (summary.total_years, summary.continuous_years) == (total_years, continuous_years)
    assert summary.breaks == breaks
    assert summary.periods == len([p for p in periods if p[0] <= on])


def test_service_summary_text(people):
    summary = selectors.service_summary(people.hung, D(2025, 12, 31))  # enlisted 01/09/1983
    assert summary.total_text == "42 năm 4 tháng" == summary.continuous_text
    assert selectors.service_summary(people.hung, D(1984, 8, 31)).total_text == "1 năm"
    assert selectors.service_summary(people.hung, D(1983, 10, 15)).total_text == "1 tháng"


def test_service_summary_adds_leftover_days_of_separate_periods(tree):
    person = services.person_create(actor=None, unit=tree.nm, full_name="Hà Văn Tư", category="cnvqp")
    services.service_period_add(actor=None, person=person, start_on=D(2000, 1, 1), end_on=D(2000, 1, 16))
    services.service_period_add(actor=None, person=person, start_on=D(2001, 1, 1), end_on=D(2001, 1, 14))
    assert selectors.service_summary(person, D(2002, 1, 1)).total_text == "0 tháng"  # 30 days
    services.service_period_add(actor=None, person=person, start_on=D(2002, 1, 1), end_on=D(2002, 1, 1))
    summary = selectors.service_summary(person, D(2003, 1, 1))
    assert (summary.total_days, summary.total_text, summary.breaks, summary.continuous_text) == (
        31,
        "1 tháng",
        2,
        "0 tháng",
    )


# --- positions -----------------------------------------------------------------------------------------------


@pytest.fixture
def posts(tree, people):
    """Hùng: a command post from 2018, a party post from 2020, an old post ended in 2019."""
    add = services.position_add
    add(
        actor=None,
        person=people.hung,
        title="Trưởng phòng",
        unit=tree.cuc,
        start_on=D(2010, 1, 1),
        end_on=D(2017, 12, 31),
    )
    add(actor=None, person=people.hung, title="Phó Chính ủy Tổng cục CNQP", unit=tree.tc, start_on=D(2018, 1, 1))
    add(
        actor=None,
        person=people.hung,
        title="Ủy viên Thường vụ Đảng ủy",
        unit=tree.tc,
        start_on=D(2020, 5, 1),
        kind="dang",
    )
    return Person.objects.prefetch_related("positions").get(pk=people.hung.pk)


def test_current_positions_party_first(posts):
    assert [p.title for p in selectors.current_positions(posts, D(2024, 1, 1))] == [
        "Ủy viên Thường vụ Đảng ủy",
        "Phó Chính ủy Tổng cục CNQP",
    ]
    assert selectors.positions_text(posts, D(2024, 1, 1)) == "Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Tổng cục CNQP"
    assert selectors.positions_text(posts) == "Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Tổng cục CNQP"
    assert selectors.positions_text(posts, D(2019, 1, 1)) == "Phó Chính ủy Tổng cục CNQP"
    assert selectors.positions_text(posts, D(2017, 12, 31)) == "Trưởng phòng"  # end day is still held
    assert selectors.positions_text(posts, D(2009, 12, 31)) == ""


# --- people list ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("nguyen viet hung", {"hung"}),
        ("viet hung", {"hung"}),
        ("hung viet", {"hung"}),  # word by word, any order
        ("NGUYỄN", {"hung"}),
        ("  Nguyễn   Hùng ", {"hung"}),
        ("hoa", {"worker"}),  # finds "Hoà"
        ("Hòa", {"worker"}),
        ("hoà", {"worker"}),
        ("tran hoa", {"worker"}),
        ("ngo quang phuc", {"far"}),
        ("001065000123", {"hung"}),  # exact CCCD
        ("001 065 000 123", {"hung"}),
        ("001065", set()),  # no partial CCCD match
        ("nguyen tran", set()),
        ("", {"hung", "worker", "far"}),
    ],
)
def test_people_search(users, people, q, expected):
    found = {p.pk for p in selectors.people_list(users.superuser, q=q)}
    assert found == {getattr(people, name).pk for name in expected}


def test_people_list_is_scoped_and_filtered(tree, users, people):
    assert set(selectors.people_list(users.officer)) == {people.hung, people.worker}
    assert list(selectors.people_list(users.officer, q="phuc")) == []
    assert list(selectors.people_list(users.norole)) == []
    assert set(selectors.people_list(users.admin, unit=tree.tc)) == {people.hung, people.worker}  # subtree
    assert list(selectors.people_list(users.admin, unit=tree.nm)) == [people.worker]
    assert list(selectors.people_list(users.admin, unit=tree.cuc)) == []
    assert list(selectors.people_list(users.admin, rank="dai_ta")) == [people.far]
    assert list(selectors.people_list(users.admin, category="cnvqp")) == [people.worker]


def test_people_list_vietnamese_order(tree, users):
    names = ["Trần Văn Đức", "Vũ Bình", "Nguyễn Thị Ánh", "Phạm Anh", "Lê An", "Đặng Văn An", "Bùi Thị Ân"]
    for name in names:
        services.person_create(actor=None, unit=tree.nm, full_name=name, category="cnvqp")
    ordered = [p.full_name for p in selectors.people_list(users.superuser)]
    # by given name (An < Anh < Ánh < Ân < Bình < Đức), then family name (Đặng after Bùi, before Lê)
    assert ordered == ["Đặng Văn An", "Lê An", "Phạm Anh", "Nguyễn Thị Ánh", "Bùi Thị Ân", "Vũ Bình", "Trần Văn Đức"]


def test_people_list_query_count(users, people, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # the user's scope (3, once per request) and the page
        rows = [(p.full_name, p.unit.name) for p in selectors.people_list(users.officer)]
    assert len(rows) == 2


def test_person_detail_is_scoped(users, people):
    assert selectors.person_detail(users.officer, people.hung.pk) == people.hung
    with pytest.raises(Person.DoesNotExist):
        selectors.person_detail(users.officer, people.far.pk)


# --- tree ----------------------------------------------------------------------------------------------------


def test_tree_roots(tree, users):
    assert selectors.tree_roots(users.superuser) == [tree.bqp]
    assert selectors.tree_roots(users.admin) == [tree.bqp]
    assert selectors.tree_roots(users.officer) == [tree.tc]
    assert selectors.tree_roots(users.outsider) == [tree.other]
    assert selectors.tree_roots(users.norole) == []
    two = make_user("two", Role.VIEWER, tree.cuc, include_descendants=False)
    RoleAssignment.objects.create(user=two, role=Role.VIEWER, unit=tree.nm)
    assert selectors.tree_roots(two) == [tree.cuc, tree.nm]


def test_tree_children_counts(tree, users, people):
    services.person_create(actor=None, unit=tree.nm, full_name="Lý Văn Sáu", category="cnvqp")
    rows = [(u.pk, u.people_count) for u in selectors.tree_children(users.superuser, tree.bqp)]
    assert rows == [(tree.tc.pk, 1), (tree.other.pk, 1)]
    rows = [(u.pk, u.people_count) for u in selectors.tree_children(users.superuser, tree.tc)]
    assert rows == [(tree.cuc.pk, 0), (tree.nm.pk, 2)]
    assert [u.pk for u in selectors.tree_children(users.officer, tree.bqp)] == [tree.tc.pk]  # TCCT is out of scope
    assert selectors.tree_children(users.superuser, tree.nm) == []


# --- groups --------------------------------------------------------------------------------------------------


@pytest.fixture
def group(tree, people):
    """Khối các cơ quan 2025: Z111 leads from 1 January, hands over to the Cục Chính trị on 20 December."""
    group = services.group_create(
        actor=None, authority=tree.tc, name="Khối các cơ quan", year=2025, members=[tree.cuc, tree.nm]
    )
    services.group_leader_set(actor=None, group=group, unit=tree.nm, role="khoi_truong", start_on=D(2025, 1, 1))
    services.group_leader_set(actor=None, group=group, unit=tree.cuc, role="khoi_pho", start_on=D(2025, 1, 1))
    services.group_handover(actor=None, group=group, from_unit=tree.nm, to_unit=tree.cuc, occurred_on=D(2025, 12, 20))
    return group


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 12, 31), []),
        (D(2025, 1, 1), [("nm", "khoi_truong"), ("cuc", "khoi_pho")]),
        (D(2025, 12, 19), [("nm", "khoi_truong"), ("cuc", "khoi_pho")]),
        (D(2025, 12, 20), [("cuc", "khoi_pho"), ("cuc", "khoi_truong")]),
    ],
)
def test_leaders_on(tree, users, group, day, expected):
    detail = selectors.group_detail(users.officer, group.pk)
    names = {tree.nm.pk: "nm", tree.cuc.pk: "cuc"}
    assert sorted((names[lead.unit_id], lead.role) for lead in selectors.leaders_on(detail, day)) == sorted(expected)


def test_groups_list_and_detail_scope(tree, users, group):
    assert [g.pk for g in selectors.groups_list(users.officer)] == [group.pk]
    assert selectors.groups_list(users.officer)[0].member_count == 2
    assert list(selectors.groups_list(users.officer, year=2024)) == []
    assert [g.pk for g in selectors.groups_list(users.officer, q="co quan")] == [group.pk]
    assert list(selectors.groups_list(users.outsider)) == []
    with pytest.raises(group.DoesNotExist):
        selectors.group_detail(users.outsider, group.pk)
    assert list(selectors.unit_groups(tree.nm)) == [group]
    assert list(selectors.unit_groups(tree.tc)) == [group]
    assert list(selectors.unit_groups(tree.other)) == []
