"""Web views of the org app: unit tree and pages, people list and pages, forms, emulation groups.

Covers, for each page: renders in scope with the expected Vietnamese text, 404 out of scope, login required; plus
the search, form error mapping, optimistic locking, handovers and query budgets.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.org import services
from thidua.org.models import EmulationGroup, GroupHandover, OrgUnit, Person, Position

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def officer(client, users):
    client.force_login(users.officer)
    return client


@pytest.fixture
def group(tree, users):
    """A block set up by Tổng cục CNQP with Cục Chính trị as leader from 2018-01-01."""
    group = services.group_create(
        actor=None, authority=tree.tc, name="Khối các cơ quan", year=2018, members=[tree.tc, tree.cuc, tree.nm]
    )
    services.group_leader_set(actor=None, group=group, unit=tree.cuc, role="khoi_truong", start_on=dt.date(2018, 1, 1))
    return group


# --- login required and scope -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kind",
    [
        ("unit_tree", None),
        ("person_list", None),
        ("person_create", None),
        ("group_list", None),
        ("group_create", None),
        ("unit_detail", "unit"),
        ("unit_children", "unit"),
        ("unit_edit", "unit"),
        ("person_detail", "person"),
        ("person_edit", "person"),
    ],
)
def test_anonymous_is_redirected(client, tree, people, name, kind):
    args = {"unit": [tree.tc.pk], "person": [people.hung.pk], None: []}[kind]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "name,kind",
    [
        ("unit_detail", "unit"),
        ("unit_children", "unit"),
        ("unit_edit", "unit"),
        ("unit_rename", "unit"),
        ("unit_move", "unit"),
        ("unit_merge", "unit"),
        ("unit_create", "unit"),
        ("person_detail", "person"),
        ("person_edit", "person"),
        ("person_rank", "person"),
        ("position_add", "person"),
        ("person_transfer", "person"),
        ("service_period_add", "person"),
        ("group_detail", "group"),
        ("group_leader", "group"),
        ("group_handover", "group"),
    ],
)
def test_out_of_scope_is_404(client, users, tree, people, name, kind):
    """The outsider (Tổng cục Chính trị) sees nothing of Tổng cục CNQP, not even that it exists."""
    other_group = services.group_create(actor=None, authority=tree.tc, name="Khối A", year=2024, members=[tree.nm])
    args = {"unit": [tree.tc.pk], "person": [people.hung.pk], "group": [other_group.pk]}[kind]
    client.force_login(users.outsider)
    assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse(name, args=args), {}).status_code == 404


@pytest.mark.parametrize("name", ["unit_edit", "unit_rename", "unit_create", "person_edit", "group_handover"])
def test_viewer_cannot_open_write_forms(client, users, tree, people, group, name):
    """A viewer sees the objects but the write forms are 404 (outside the change scope)."""
    args = {"unit": [tree.tc.pk], "person": [people.hung.pk], "group": [group.pk]}[name.split("_")[0]]
    client.force_login(users.viewer)
    assert client.get(reverse(name, args=args)).status_code == 404


# --- unit tree --------------------------------------------------------------------------------------------------------


def test_unit_tree_shows_visible_roots_with_lazy_children(officer, tree, people, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = officer.get(reverse("unit_tree"))
    assert response.status_code == 200
    content = body(response)
    assert "Tổng cục Công nghiệp quốc phòng" in content
    assert "Tổng cục Chính trị" not in content
    assert "Bộ Quốc phòng" not in content
    assert f'hx-get="{reverse("unit_children", args=[tree.tc.pk])}"' in content
    assert 'hx-trigger="click once"' in content
    assert "data-tree-toggle" in content
    assert "1 người" in content  # Nguyễn Việt Hùng is directly in Tổng cục CNQP


def test_unit_children_partial(officer, tree, people):
    response = officer.get(reverse("unit_children", args=[tree.tc.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = body(response)
    assert "<html" not in content
    assert "Cục Chính trị" in content and "Nhà máy Z111" in content
    assert "Tổng cục Chính trị" not in content


def test_admin_tree_starts_at_the_ministry(client, users, tree):
    client.force_login(users.admin)
    content = body(client.get(reverse("unit_tree")))
    assert "Bộ Quốc phòng" in content
    children = body(client.get(reverse("unit_children", args=[tree.bqp.pk])))
    assert "Tổng cục Chính trị" in children


# --- unit page and unit forms -----------------------------------------------------------------------------------------


def test_unit_page(officer, tree, people, group):
    response = officer.get(reverse("unit_detail", args=[tree.tc.pk]))
    assert response.status_code == 200
    content = body(response)
    assert "Tổng cục Công nghiệp quốc phòng" in content
    assert "Tổng cục" in content  # kind
    assert "Nguyễn Việt Hùng" in content
    assert "Nhà máy Z111" in content  # sub-unit
    assert "Khối các cơ quan" in content  # group
    assert "Thành lập" in content  # history
    assert reverse("audit_unit", args=[tree.tc.pk]) in content
    assert reverse("unit_rename", args=[tree.tc.pk]) in content  # officer may change
    # The out-of-scope ancestor is not in the breadcrumb (history may name it as text, never link to it).
    assert reverse("unit_detail", args=[tree.bqp.pk]) not in content


def test_unit_page_hides_forms_from_viewer(client, users, tree):
    client.force_login(users.viewer)
    content = body(client.get(reverse("unit_detail", args=[tree.tc.pk])))
    assert reverse("unit_rename", args=[tree.tc.pk]) not in content
    assert "Thêm đơn vị trực thuộc" not in content


def test_unit_create_sub_unit(officer, tree):
    response = officer.post(
        reverse("unit_create", args=[tree.nm.pk]),
        {"name": "Phân xưởng Cơ khí", "short_name": "PX CK", "kind": "phan_xuong"},
    )
    unit = OrgUnit.objects.get(name="Phân xưởng Cơ khí")
    assert response.status_code == 302 and response["Location"] == reverse("unit_detail", args=[unit.pk])
    assert OrgUnit.objects.get_parent(unit).pk == tree.nm.pk
    assert "Đã lưu." in body(officer.get(response["Location"]))


def test_unit_create_empty_name_shows_error(officer, tree):
    response = officer.post(reverse("unit_create", args=[tree.nm.pk]), {"name": "", "kind": "khac"})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in body(response)


def test_unit_rename_shows_in_history(officer, tree):
    response = officer.post(
        reverse("unit_rename", args=[tree.nm.pk]),
        {
            "new_name": "Nhà máy Z111 (Công ty TNHH MTV)",
            "occurred_on": "2020-07-01",
            "decision_ref": "QĐ 123",
            "version": tree.nm.version,
        },
    )
    assert response.status_code == 302
    content = body(officer.get(reverse("unit_detail", args=[tree.nm.pk])))
    assert "Đổi tên" in content
    assert "«Nhà máy Z111» thành «Nhà máy Z111 (Công ty TNHH MTV)»" in content
    assert "ngày 01 tháng 7 năm 2020" in content
    assert "QĐ 123" in content


def test_unit_rename_to_same_name_is_field_error(officer, tree):
    response = officer.post(
        reverse("unit_rename", args=[tree.nm.pk]),
        {"new_name": "Nhà máy Z111", "occurred_on": "2020-07-01", "version": tree.nm.version},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_name"] == ["Tên mới trùng với tên hiện tại."]


def test_unit_edit_conflict(officer, tree, users):
    stale = tree.nm.version
    services.unit_update(actor=users.admin, unit=tree.nm, expected_version=stale, code="Z111-NEW")
    response = officer.post(
        reverse("unit_edit", args=[tree.nm.pk]),
        {"short_name": "Z111", "kind": "nha_may", "code": "MINE", "version": stale},
    )
    assert response.status_code == 409
    assert "Z111-NEW" in body(response)
    assert OrgUnit.objects.get(pk=tree.nm.pk).code == "Z111-NEW"


def test_unit_move_and_merge(officer, tree, people):
    response = officer.post(
        reverse("unit_move", args=[tree.nm.pk]), {"new_parent": tree.cuc.pk, "occurred_on": "2021-01-01"}
    )
    assert response.status_code == 302
    tree.nm.refresh_from_db()
    assert OrgUnit.objects.get_parent(tree.nm, update=True).pk == tree.cuc.pk
    # Cannot move into an out-of-scope unit: it is not even a choice.
    response = officer.post(
        reverse("unit_move", args=[tree.nm.pk]), {"new_parent": tree.other.pk, "occurred_on": "2021-01-01"}
    )
    assert response.status_code == 200 and "new_parent" in response.context["form"].errors
    response = officer.post(
        reverse("unit_merge", args=[tree.nm.pk]), {"into": tree.cuc.pk, "occurred_on": "2022-01-01"}
    )
    assert response.status_code == 302
    people.worker.refresh_from_db()
    assert people.worker.unit_id == tree.cuc.pk
    content = body(officer.get(reverse("unit_detail", args=[tree.nm.pk])))
    assert "Đã sáp nhập vào" in content and "Sáp nhập vào Cục Chính trị" in content


# --- people list ------------------------------------------------------------------------------------------------------


def test_people_list_search_without_diacritics(officer, people):
    response = officer.get(reverse("person_list"), {"q": "nguyen viet hung"})
    assert response.status_code == 200
    content = body(response)
    assert "Nguyễn Việt Hùng" in content
    assert "Trần Thị Hoà" not in content
    assert "Thiếu tướng" in content
    assert 'hx-trigger="input changed delay:250ms, search"' in content
    assert 'hx-push-url="true"' in content


def test_people_list_is_scoped_and_sorted(officer, people):
    content = body(officer.get(reverse("person_list")))
    assert "Ngô Quang Phúc" not in content  # Tổng cục Chính trị
    # Vietnamese order is by given name: Hoà before Hùng.
    assert content.index("Trần Thị Hoà") < content.index("Nguyễn Việt Hùng")


def test_people_list_htmx_partial(officer, people):
    response = officer.get(
        reverse("person_list"), {"q": "hoa"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="person-results"
    )
    assert response.status_code == 200
    content = body(response)
    assert "<html" not in content and "<form" not in content
    assert "Trần Thị Hoà" in content


def test_people_list_filters(officer, tree, people):
    content = body(officer.get(reverse("person_list"), {"unit": tree.nm.pk}))
    assert "Trần Thị Hoà" in content and "Nguyễn Việt Hùng" not in content
    content = body(officer.get(reverse("person_list"), {"rank": "thieu_tuong"}))
    assert "Nguyễn Việt Hùng" in content and "Trần Thị Hoà" not in content
    content = body(officer.get(reverse("person_list"), {"category": "cnvqp"}))
    assert "Trần Thị Hoà" in content and "Nguyễn Việt Hùng" not in content
    # An out-of-scope unit id is ignored rather than leaking anything.
    content = body(officer.get(reverse("person_list"), {"unit": tree.other.pk}))
    assert "Ngô Quang Phúc" not in content


def test_people_list_query_budget(officer, tree, people, django_assert_max_num_queries):
    for i in range(60):
        person = services.person_create(actor=None, unit=tree.nm, full_name=f"Phạm Văn Số {i}", category="cnvqp")
        services.position_add(actor=None, person=person, title="Kỹ sư", unit=tree.nm, start_on=dt.date(2020, 1, 1))
    with django_assert_max_num_queries(10):
        response = officer.get(reverse("person_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
    assert "Kỹ sư" in body(response)
    with django_assert_max_num_queries(11):  # +1: the navbar's unread notifications
        response = officer.get(reverse("person_list"), {"unit": tree.nm.pk, "q": "pham", "trang": 2})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 10


# --- person page ------------------------------------------------------------------------------------------------------


@pytest.fixture
def hung_positions(tree, people):
    hung = people.hung
    services.position_add(
        actor=None,
        person=hung,
        title="Phó Chính ủy Tổng cục CNQP",
        unit=tree.tc,
        start_on=dt.date(2019, 3, 1),
        kind="chi_huy",
    )
    services.position_add(
        actor=None,
        person=hung,
        title="Ủy viên Thường vụ Đảng ủy",
        unit=tree.tc,
        start_on=dt.date(2019, 4, 1),
        kind="dang",
    )
    return hung


def test_person_page(officer, hung_positions, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = officer.get(reverse("person_detail", args=[hung_positions.pk]))
    assert response.status_code == 200
    content = body(response)
    assert "Nguyễn Việt Hùng" in content
    assert "Thiếu tướng" in content and "rank-badge--high" in content
    assert "Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Tổng cục CNQP" in content
    assert "0123" in content and "001065000123" not in content  # CCCD masked
    assert "10/05/1965" in content
    assert "năm" in content  # years of service text
    assert reverse("audit_object", args=["org.person", hung_positions.pk]) in content
    assert reverse("person_edit", args=[hung_positions.pk]) in content


def test_person_page_shows_unit_name_at_that_time(officer, tree, people):
    services.position_add(
        actor=None, person=people.worker, title="Quản đốc", unit=tree.nm, start_on=dt.date(2015, 1, 1)
    )
    services.unit_rename(actor=None, unit=tree.nm, new_name="Công ty TNHH MTV Z111", occurred_on=dt.date(2020, 1, 1))
    content = body(officer.get(reverse("person_detail", args=[people.worker.pk])))
    assert "Quản đốc" in content
    assert "Nhà máy Z111" in content  # the position was held before the rename


def test_person_page_for_viewer_has_no_edit_links(client, users, people):
    client.force_login(users.viewer)
    content = body(client.get(reverse("person_detail", args=[people.hung.pk])))
    assert reverse("person_edit", args=[people.hung.pk]) not in content


# --- person forms -----------------------------------------------------------------------------------------------------


def test_person_create(officer, tree):
    response = officer.post(
        reverse("person_create"),
        {
            "unit": tree.nm.pk,
            "full_name": "Đỗ Minh Quân",
            "gender": "nam",
            "date_of_birth": "1990-02-03",
            "cccd": "001090000777",
            "category": "si_quan",
            "rank": "dai_uy",
            "enlisted_on": "2008-09-01",
        },
    )
    person = Person.objects.get(full_name="Đỗ Minh Quân")
    assert response.status_code == 302 and response["Location"] == reverse("person_detail", args=[person.pk])
    assert person.rank == "dai_uy" and person.unit_id == tree.nm.pk


def test_person_create_form_uses_date_inputs(officer, tree):
    response = officer.get(reverse("person_create"), {"don_vi": tree.nm.pk})
    content = body(response)
    # dd/mm/yyyy text fields with the Vietnamese picker, never type="date" (mm/dd/yyyy in an English browser).
    assert 'type="date"' not in content
    assert 'name="date_of_birth"' in content and 'placeholder="dd/mm/yyyy"' in content and "data-date-picker" in content
    assert response.context["form"].initial["unit"] == tree.nm.pk


def test_person_create_bad_cccd_shows_field_error_and_saves_nothing(officer, tree):
    before = Person.objects.count()
    response = officer.post(
        reverse("person_create"),
        {
            "unit": tree.nm.pk,
            "full_name": "Đỗ Minh Quân",
            "gender": "nam",
            "cccd": "12345abc",
            "category": "cnvqp",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert any("12 chữ số" in e for e in form.errors["cccd"])
    assert "12 chữ số" in body(response)
    assert Person.objects.count() == before


def test_person_create_rank_mismatch_is_rank_error(officer, tree):
    response = officer.post(
        reverse("person_create"),
        {
            "unit": tree.nm.pk,
            "full_name": "Đỗ Minh Quân",
            "gender": "nam",
            "category": "cnvqp",
            "rank": "dai_ta",
        },
    )
    assert response.status_code == 200
    assert "không phù hợp" in response.context["form"].errors["rank"][0]


def test_person_create_out_of_scope_unit_is_refused(officer, tree):
    response = officer.post(
        reverse("person_create"),
        {
            "unit": tree.other.pk,
            "full_name": "Đỗ Minh Quân",
            "gender": "nam",
            "category": "cnvqp",
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Person.objects.filter(full_name="Đỗ Minh Quân").exists()


def _edit_data(person, **changes):
    data = {
        "full_name": person.full_name,
        "gender": person.gender,
        "date_of_birth": person.date_of_birth or "",
        "cccd": person.cccd or "",
        "category": person.category,
        "party_joined_on": "",
        "hometown": person.hometown,
        "version": person.version,
    }
    data.update(changes)
    return data


def test_person_edit(officer, people):
    hung = people.hung
    response = officer.get(reverse("person_edit", args=[hung.pk]))
    assert response.status_code == 200
    assert f'name="version" value="{hung.version}"' in body(response)
    response = officer.post(reverse("person_edit", args=[hung.pk]), _edit_data(hung, hometown="Hà Tĩnh"))
    assert response.status_code == 302
    hung.refresh_from_db()
    assert hung.hometown == "Hà Tĩnh"


def test_person_edit_stale_version_is_a_conflict(officer, users, people):
    hung = people.hung
    stale = _edit_data(hung, hometown="Nghệ An")
    services.person_update(
        actor=users.admin, person=Person.objects.get(pk=hung.pk), expected_version=hung.version, hometown="Hà Nội"
    )
    response = officer.post(reverse("person_edit", args=[hung.pk]), stale)
    assert response.status_code == 409
    content = body(response)
    assert "đã được người khác sửa" in content
    assert "Hà Nội" in content  # the current value is shown
    current = Person.objects.get(pk=hung.pk)
    assert current.hometown == "Hà Nội"
    # The re-rendered form carries the new version, so saving again on purpose works.
    assert response.context["form"]["version"].value() == str(current.version)


def test_person_edit_party_date_error_lands_on_field(officer, people):
    response = officer.post(
        reverse("person_edit", args=[people.hung.pk]), _edit_data(people.hung, party_joined_on="1970-01-01")
    )
    assert response.status_code == 200
    assert "18 tuổi" in response.context["form"].errors["party_joined_on"][0]


def test_person_history_forms(officer, tree, people):
    hung = people.hung
    response = officer.post(
        reverse("person_rank", args=[hung.pk]),
        {"rank": "trung_tuong", "effective_on": "2022-01-01", "decision_ref": "QĐ 9"},
    )
    assert response.status_code == 302
    hung.refresh_from_db()
    assert hung.rank == "trung_tuong"

    response = officer.post(
        reverse("position_add", args=[hung.pk]),
        {
            "title": "Chính ủy",
            "kind": "chi_huy",
            "unit": tree.tc.pk,
            "start_on": "2022-02-01",
        },
    )
    assert response.status_code == 302
    position = Position.objects.get(person=hung, title="Chính ủy")
    response = officer.post(reverse("position_end", args=[hung.pk, position.pk]), {"end_on": "2023-02-01"})
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.end_on == dt.date(2023, 2, 1)

    response = officer.post(reverse("person_transfer", args=[hung.pk]), {"to_unit": tree.cuc.pk, "on": "2024-01-01"})
    assert response.status_code == 302
    hung.refresh_from_db()
    assert hung.unit_id == tree.cuc.pk

    response = officer.post(
        reverse("service_period_add", args=[hung.pk]), {"start_on": "1980-01-01", "end_on": "1981-01-01"}
    )
    assert response.status_code == 200  # before the 16th birthday
    assert response.context["form"].errors["start_on"]

    content = body(officer.get(reverse("person_detail", args=[hung.pk])))
    assert "Trung tướng" in content and "Chính ủy" in content and "Cục Chính trị" in content


def test_position_end_of_another_persons_position_is_404(officer, tree, people):
    other = services.position_add(
        actor=None, person=people.worker, title="Tổ trưởng", unit=tree.nm, start_on=dt.date(2015, 1, 1)
    )
    response = officer.get(reverse("position_end", args=[people.hung.pk, other.pk]))
    assert response.status_code == 404


# --- emulation groups -------------------------------------------------------------------------------------------------


def test_group_list(officer, tree, group, django_assert_max_num_queries):
    services.group_create(
        actor=None, authority=tree.tc, name="Cụm các nhà máy", year=2019, kind="cum", members=[tree.nm]
    )
    services.group_create(actor=None, authority=tree.other, name="Khối ngoài phạm vi", year=2019, members=[tree.other])
    with django_assert_max_num_queries(10):
        response = officer.get(reverse("group_list"))
    assert response.status_code == 200
    content = body(response)
    assert "Khối các cơ quan" in content and "Cụm các nhà máy" in content
    assert "Khối ngoài phạm vi" not in content
    content = body(officer.get(reverse("group_list"), {"year": 2019}))
    assert "Cụm các nhà máy" in content and "Khối các cơ quan" not in content
    content = body(officer.get(reverse("group_list"), {"q": "nha may"}))
    assert "Cụm các nhà máy" in content and "Khối các cơ quan" not in content


def test_group_page(officer, group):
    response = officer.get(reverse("group_detail", args=[group.pk]))
    assert response.status_code == 200
    content = body(response)
    assert "Khối các cơ quan" in content and "2018" in content
    assert "Khối trưởng" in content and "Cục Chính trị" in content
    assert "Nhà máy Z111" in content
    assert reverse("group_handover", args=[group.pk]) in content


def test_group_create(officer, tree):
    response = officer.post(
        reverse("group_create"),
        {
            "authority": tree.tc.pk,
            "name": "Khối Nhà máy",
            "kind": "khoi",
            "year": 2025,
            "members": [tree.nm.pk, tree.cuc.pk],
        },
    )
    group = EmulationGroup.objects.get(name="Khối Nhà máy")
    assert response.status_code == 302 and response["Location"] == reverse("group_detail", args=[group.pk])
    assert set(group.memberships.values_list("unit_id", flat=True)) == {tree.nm.pk, tree.cuc.pk}
    response = officer.post(
        reverse("group_create"),
        {
            "authority": tree.tc.pk,
            "name": "Khối Nhà máy",
            "kind": "khoi",
            "year": 2025,
        },
    )
    assert response.status_code == 200
    assert "Đã có khối/cụm" in response.context["form"].errors["name"][0]


def test_group_create_needs_a_change_scope(client, users):
    client.force_login(users.viewer)
    assert client.get(reverse("group_create")).status_code == 404


def test_group_leader_form(officer, tree, group):
    response = officer.post(
        reverse("group_leader", args=[group.pk]), {"unit": tree.nm.pk, "role": "khoi_pho", "start_on": "2018-02-01"}
    )
    assert response.status_code == 302
    assert "Khối phó" in body(officer.get(reverse("group_detail", args=[group.pk])))


def test_handover_form(officer, tree, people, group):
    response = officer.get(reverse("group_handover", args=[group.pk]))
    assert response.status_code == 200
    response = officer.post(
        reverse("group_handover", args=[group.pk]),
        {
            "role": "khoi_truong",
            "from_unit": tree.cuc.pk,
            "to_unit": tree.nm.pk,
            "occurred_on": "2018-06-07",
            "place": "Hà Nội",
            "to_person": people.worker.pk,
            "note": "",
        },
    )
    assert response.status_code == 302
    handover = GroupHandover.objects.get(group=group)
    assert handover.to_unit_id == tree.nm.pk and handover.to_person_id == people.worker.pk
    content = body(officer.get(reverse("group_detail", args=[group.pk])))
    assert "ngày 07 tháng 6 năm 2018" in content
    assert "Cục Chính trị — Tổng cục Công nghiệp quốc phòng → Nhà máy Z111 — Tổng cục Công nghiệp quốc phòng" in content
    assert "Hà Nội" in content and "Trần Thị Hoà tiếp nhận" in content


def test_handover_from_a_unit_not_leading_is_field_error(officer, tree, group):
    response = officer.post(
        reverse("group_handover", args=[group.pk]),
        {
            "role": "khoi_truong",
            "from_unit": tree.nm.pk,
            "to_unit": tree.tc.pk,
            "occurred_on": "2018-06-07",
        },
    )
    assert response.status_code == 200
    assert "không đang giữ vai trò" in response.context["form"].errors["from_unit"][0]
    assert not GroupHandover.objects.exists()


def test_handover_to_a_non_member_is_not_a_choice(officer, tree, group):
    response = officer.post(
        reverse("group_handover", args=[group.pk]),
        {
            "role": "khoi_truong",
            "from_unit": tree.cuc.pk,
            "to_unit": tree.bqp.pk,
            "occurred_on": "2018-06-07",
        },
    )
    assert response.status_code == 200
    assert "to_unit" in response.context["form"].errors


def test_measured_query_counts(client, users, tree, people, hung_positions, group):
    """Not an assertion beyond the budgets: prints the counts for the report (-s to see them)."""
    client.force_login(users.officer)
    pages = {
        "unit_tree": reverse("unit_tree"),
        "person_list": reverse("person_list"),
        "person_detail": reverse("person_detail", args=[people.hung.pk]),
        "group_list": reverse("group_list"),
        "group_detail": reverse("group_detail", args=[group.pk]),
        "unit_detail": reverse("unit_detail", args=[tree.tc.pk]),
        "home": reverse("home"),
    }
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        print(f"QUERIES {name}: {len(ctx.captured_queries)}")
        assert len(ctx.captured_queries) <= 20


def test_viewer_gets_no_create_pages(client, users, people):
    client.force_login(users.viewer)
    assert client.get(reverse("person_create")).status_code == 404
    content = body(client.get(reverse("person_list")))
    assert reverse("person_create") not in content
    assert "Nguyễn Việt Hùng" in content


def test_unit_edit_sets_the_signer_and_refuses_a_wrong_authority_line(officer, tree):
    url = reverse("unit_edit", args=[tree.nm.pk])
    page = body(officer.get(url))
    assert "Quyền hạn ký (nếu có)" in page and "Chức vụ người ký" in page and "Cấp bậc, họ tên người ký" in page
    data = {"short_name": "Z111", "kind": "nha_may", "version": tree.nm.version}
    bad = officer.post(url, {**data, "signer_authority": "Ký thay giám đốc", "signer_title": "PHÓ GIÁM ĐỐC"})
    assert bad.status_code == 200
    assert "Quyền hạn ký bắt đầu bằng TM., Q., KT., TL. hoặc TUQ." in bad.context["form"].errors["signer_authority"][0]
    assert OrgUnit.objects.get(pk=tree.nm.pk).signer_title == ""  # nothing half-written
    good = {
        **data,
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Đại tá Lê Văn Ký",
    }
    assert officer.post(url, good).status_code == 302
    unit = OrgUnit.objects.get(pk=tree.nm.pk)
    assert (unit.signer_authority, unit.signer_title, unit.signer_name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đại tá Lê Văn Ký",
    )
