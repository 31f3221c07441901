"""Org services: bad input is refused by field with a Vietnamese message and nothing saved; history is kept right."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.org import services
from thidua.org.models import (
    EmulationGroup,
    GroupHandover,
    GroupLeadership,
    GroupMembership,
    OrgUnit,
    OrgUnitEvent,
    Person,
    Position,
    RankChange,
    ServicePeriod,
    UnitMembership,
)

D = dt.date
COUNTED = (
    Person,
    UnitMembership,
    RankChange,
    ServicePeriod,
    Position,
    OrgUnit,
    OrgUnitEvent,
    EmulationGroup,
    GroupMembership,
    GroupLeadership,
    GroupHandover,
    AuditEvent,
)


def counts() -> dict[str, int]:
    """Row counts of every table a service may write (a refused call must leave them all unchanged)."""
    return {model.__name__: model.objects.count() for model in COUNTED}


def snapshot_rows():
    """Counts plus the versions of people and units (a refused call must not bump them either)."""
    return (
        counts(),
        sorted(Person.objects.values_list("pk", "version", "unit_id", "rank")),
        sorted(OrgUnit.objects.values_list("pk", "version", "path", "name", "valid_to")),
    )


def is_vietnamese(message: str) -> bool:
    """Messages shown to users are Vietnamese (they carry Vietnamese letters)."""
    return any(ch in message for ch in "ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵĐ")


def refused(field: str, call, *args, **kwargs) -> str:
    """Call a service, expect a ValidationError on ``field`` in Vietnamese, and check nothing was written."""
    before = snapshot_rows()
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    errors = caught.value.message_dict
    assert field in errors, errors
    assert all(is_vietnamese(m) for m in errors[field]), errors[field]
    assert snapshot_rows() == before
    return " ".join(errors[field])


# --- person_create: the decision table -----------------------------------------------------------------------

GOOD = {
    "full_name": "Lê Văn Nam",
    "gender": "nam",
    "date_of_birth": D(1990, 4, 30),
    "category": "si_quan",
    "rank": "dai_uy",
    "enlisted_on": D(2008, 9, 1),
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cccd": "00109000012"}, "cccd"),  # 11 digits
        ({"cccd": "0010900001234"}, "cccd"),  # 13 digits
        ({"cccd": "00109000012A"}, "cccd"),  # a letter
        ({"cccd": "００１０９０００１２３"}, "cccd"),  # full-width digits are not ASCII digits
        ({"cccd": "001065000123"}, "cccd"),  # Nguyễn Việt Hùng's
        ({"cccd": "001 065 000 123"}, "cccd"),  # the same, typed in groups
        ({"rank": "Đại soái"}, "rank"),
        ({"rank": "dai_ta", "category": "cnvqp"}, "rank"),
        ({"rank": "Đại tá", "category": "cnvqp"}, "rank"),
        ({"rank": "Thượng tá QNCN", "category": "si_quan"}, "rank"),
        ({"rank": "Đại úy", "category": "qncn"}, "rank"),
        ({"rank": "Thiếu úy", "category": "hsq_bs"}, "rank"),
        ({"full_name": "Nam"}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"date_of_birth": dt.date.today() + dt.timedelta(days=1), "enlisted_on": None}, "date_of_birth"),
        ({"party_joined_on": D(2007, 1, 1)}, "party_joined_on"),  # before the 18th birthday
        ({"enlisted_on": D(1989, 1, 1)}, "enlisted_on"),  # before birth
        ({"enlisted_on": D(2006, 4, 29)}, "enlisted_on"),  # the day before the 16th birthday
    ],
)
def test_person_create_refuses(tree, people, changes, field):
    refused(field, services.person_create, actor=None, unit=tree.nm, **{**GOOD, **changes})


@pytest.mark.parametrize(
    ("changes", "stored"),
    [
        ({}, {"rank": "dai_uy"}),
        ({"rank": "Thiếu uý"}, {"rank": "thieu_uy"}),
        ({"rank": "ĐẠI TÁ"}, {"rank": "dai_ta"}),
        ({"rank": "Ðại tướng"}, {"rank": "dai_tuong"}),  # U+00D0
        ({"rank": "Thượng tá QNCN", "category": "qncn"}, {"rank": "thuong_ta_qncn"}),
        ({"rank": "", "category": "cnvqp"}, {"rank": ""}),
        ({"cccd": " 001 090 000 456 "}, {"cccd": "001090000456"}),
        ({"cccd": ""}, {"cccd": None}),
        ({"enlisted_on": D(2006, 4, 30)}, {}),  # exactly on the 16th birthday
        ({"party_joined_on": D(2008, 4, 30)}, {"party_joined_on": D(2008, 4, 30)}),  # exactly 18
        ({"full_name": "  lê  văn\tnam "}, {"full_name": "lê văn nam"}),
        ({"full_name": unicodedata.normalize("NFD", "Lê Văn Nam")}, {"full_name": "Lê Văn Nam"}),
    ],
)
def test_person_create_accepts(tree, changes, stored):
    person = services.person_create(actor=None, unit=tree.nm, **{**GOOD, **changes})
    person = Person.objects.get(pk=person.pk)
    for key, value in stored.items():
        assert getattr(person, key) == value
    if person.rank:
        assert list(person.rank_changes.values_list("rank", flat=True)) == [person.rank]
    assert person.memberships.get().unit == tree.nm
    assert person.service_periods.get().start_on == person.memberships.get().start_on


@pytest.mark.parametrize(
    "name",
    [
        "Trần Thị Hoà",
        "Trần Thị Hòa",  # the other tone placement
        "TRẦN THỊ HOÀ",
        "  Trần  Thị Hòa ",
        unicodedata.normalize("NFD", "Trần Thị Hòa"),
    ],
)
def test_duplicate_name_birth_unit_refused(tree, people, name):
    message = refused(
        "full_name",
        services.person_create,
        actor=None,
        unit=tree.nm,
        full_name=name,
        gender="nu",
        date_of_birth=D(1988, 3, 2),
        category="cnvqp",
    )
    assert "trùng" in message


@pytest.mark.parametrize(
    ("name", "dob", "unit"),
    [
        ("Trần Thị Hoa", D(1988, 3, 2), "nm"),  # a different name (no tone), not a spelling of the same one
        ("Trần Thị Hóa", D(1988, 3, 2), "nm"),
        ("Trần Thị Hoà", D(1988, 3, 3), "nm"),  # another day
        ("Trần Thị Hoà", D(1988, 3, 2), "cuc"),  # another unit
    ],
)
def test_not_a_duplicate(tree, people, name, dob, unit):
    services.person_create(
        actor=None, unit=getattr(tree, unit), full_name=name, gender="nu", date_of_birth=dob, category="cnvqp"
    )


def test_person_create_out_of_scope_unit(tree, users):
    refused("unit", services.person_create, actor=users.officer, unit=tree.other, **GOOD)
    refused("unit", services.person_create, actor=users.viewer, unit=tree.nm, **GOOD)  # viewers only look
    assert services.person_create(actor=users.officer, unit=tree.nm, **GOOD).unit == tree.nm


# --- person_update -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cccd": "123"}, "cccd"),
        ({"cccd": "001065000123"}, "cccd"),  # Hùng's
        ({"category": "cnvqp"}, "rank"),  # she is fine, but Hùng's rank would not fit: tested below
        ({"date_of_birth": D(1995, 1, 1)}, "date_of_birth"),  # enlisted 2008 at 13
        ({"date_of_birth": D(2009, 1, 1)}, "date_of_birth"),  # born after enlistment
        ({"rank": "dai_ta"}, "__all__"),  # rank goes through person_rank_change
        ({"unit": 1}, "__all__"),  # unit goes through person_transfer
    ],
)
def test_person_update_refuses(people, changes, field):
    person = people.hung if field == "rank" else people.worker
    refused(field, services.person_update, actor=None, person=person, expected_version=person.version, **changes)


def test_person_update_duplicate_identity(tree, people):
    twin = services.person_create(
        actor=None, unit=tree.nm, full_name="Trần Thị Mai", gender="nu", date_of_birth=D(1988, 3, 2), category="cnvqp"
    )
    refused(
        "full_name", services.person_update, actor=None, person=twin, expected_version=None, full_name="Trần Thị Hòa"
    )


def test_person_update_out_of_scope(users, people):
    refused("unit", services.person_update, actor=users.officer, person=people.far, expected_version=None, hometown="X")


def test_person_update_renames_and_rekeys(people):
    person = services.person_update(
        actor=None, person=people.worker, expected_version=1, full_name="Trần  Thị Thuỷ", cccd="001188000777"
    )
    stored = Person.objects.get(pk=person.pk)
    assert stored.full_name == "Trần Thị Thuỷ" and stored.search_key == "tran thi thuy"
    assert stored.cccd == "001188000777" and stored.version == 2
    assert Person.objects.search("thủy").get() == stored


# --- service periods -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (D(2005, 1, 1), D(2004, 12, 31), "end_on"),  # ends before it starts
        (D(2008, 7, 1), None, "start_on"),  # the same as the open period
        (D(2007, 1, 1), D(2008, 7, 1), "start_on"),  # ends on the day the next one starts
        (D(2010, 1, 1), D(2011, 1, 1), "start_on"),  # inside the open period
        (D(2004, 3, 1), D(2005, 1, 1), "start_on"),  # before her 16th birthday
    ],
)
def test_service_period_refused(people, start, end, field):
    refused(field, services.service_period_add, actor=None, person=people.worker, start_on=start, end_on=end)


def test_service_period_adjoining_accepted(people):
    period = services.service_period_add(
        actor=None, person=people.worker, start_on=D(2006, 1, 1), end_on=D(2008, 6, 30), note="Nghĩa vụ"
    )
    assert list(people.worker.service_periods.values_list("pk", flat=True))[0] == period.pk


# --- positions -----------------------------------------------------------------------------------------------


def test_position_in_unit_outside_scope(tree, users, people):
    refused(
        "unit",
        services.position_add,
        actor=users.officer,
        person=people.hung,
        title="Ủy viên",
        unit=tree.other,
        start_on=D(2020, 1, 1),
    )
    refused(
        "person",
        services.position_add,
        actor=users.officer,
        person=people.far,
        title="Ủy viên",
        unit=tree.tc,
        start_on=D(2020, 1, 1),
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "  "}, "title"),
        ({"end_on": D(2019, 12, 31)}, "end_on"),
        ({"start_on": D(1960, 1, 1)}, "start_on"),  # before birth
        ({"kind": "bogus"}, "kind"),
    ],
)
def test_position_bad_input(tree, people, kwargs, field):
    base = {"title": "Phó Chủ nhiệm", "unit": tree.tc, "start_on": D(2020, 1, 1)}
    refused(field, services.position_add, actor=None, person=people.hung, **{**base, **kwargs})


def test_position_end(tree, people):
    pos = services.position_add(
        actor=None, person=people.hung, title="Phó Chủ nhiệm", unit=tree.tc, start_on=D(2020, 1, 1)
    )
    refused("end_on", services.position_end, actor=None, position=pos, end_on=D(2019, 1, 1))
    services.position_end(actor=None, position=pos, end_on=D(2024, 1, 1))
    assert Position.objects.get(pk=pos.pk).end_on == D(2024, 1, 1)


# --- ranks ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rank", "field"),
    [("Đại soái", "rank"), ("Thượng tá QNCN", "rank"), ("Binh nhì", "rank"), ("", "rank")],
)
def test_rank_change_refused(people, rank, field):
    refused(field, services.person_rank_change, actor=None, person=people.hung, rank=rank, effective_on=D(2020, 1, 1))


def test_rank_change_before_birth_refused(people):
    refused(
        "effective_on",
        services.person_rank_change,
        actor=None,
        person=people.hung,
        rank="dai_tuong",
        effective_on=D(1960, 1, 1),
    )


def test_rank_change_current_is_latest_by_date(people):
    hung = people.hung
    change = services.person_rank_change(actor=None, person=hung, rank="Trung tướng", effective_on=D(2019, 12, 1))
    assert change.rank == "trung_tuong"
    assert Person.objects.get(pk=hung.pk).rank == "trung_tuong"
    # an older rank entered later (history catch-up) does not change the current rank
    services.person_rank_change(actor=None, person=hung, rank="ĐẠI TÁ", effective_on=D(2010, 6, 1), decision_ref="QĐ 1")
    stored = Person.objects.get(pk=hung.pk)
    assert stored.rank == "trung_tuong"
    history = list(stored.rank_changes.values_list("rank", "effective_on"))  # ordered by date
    assert history == [("thieu_tuong", D(1983, 9, 1)), ("dai_ta", D(2010, 6, 1)), ("trung_tuong", D(2019, 12, 1))]
    assert stored.version == 3


def test_rank_change_accepts_any_spelling(people):
    services.person_rank_change(actor=None, person=people.far, rank="Ðại tướng", effective_on=D(2024, 1, 1))
    assert Person.objects.get(pk=people.far.pk).rank == "dai_tuong"


# --- transfers -----------------------------------------------------------------------------------------------


def test_transfer_ends_old_membership_the_day_before(tree, people):
    services.person_transfer(actor=None, person=people.worker, to_unit=tree.cuc, on=D(2024, 3, 1), decision_ref="QĐ 5")
    rows = list(
        UnitMembership.objects.filter(person=people.worker)
        .order_by("start_on")
        .values_list("unit_id", "start_on", "end_on", "decision_ref")
    )
    assert rows == [(tree.nm.pk, D(2008, 7, 1), D(2024, 2, 29), ""), (tree.cuc.pk, D(2024, 3, 1), None, "QĐ 5")]
    assert Person.objects.get(pk=people.worker.pk).unit == tree.cuc


def test_transfer_refused(tree, users, people):
    refused("to_unit", services.person_transfer, actor=None, person=people.worker, to_unit=tree.nm, on=D(2024, 1, 1))
    refused("on", services.person_transfer, actor=None, person=people.worker, to_unit=tree.cuc, on=D(2008, 7, 1))
    refused(
        "to_unit",
        services.person_transfer,
        actor=users.officer,
        person=people.worker,
        to_unit=tree.other,
        on=D(2024, 1, 1),
    )
    refused("unit", services.person_transfer, actor=users.officer, person=people.far, to_unit=tree.nm, on=D(2024, 1, 1))


# --- units ---------------------------------------------------------------------------------------------------


def test_unit_create_refused(tree, users):
    refused("parent", services.unit_create, actor=users.officer, parent=None, name="Bộ mới")
    refused("parent", services.unit_create, actor=users.officer, parent=tree.other, name="Phòng A")
    refused("name", services.unit_create, actor=None, parent=tree.nm, name="  ")
    refused("kind", services.unit_create, actor=None, parent=tree.nm, name="Phòng A", kind="bogus")


def test_unit_create_under_parent(tree, users):
    unit = services.unit_create(actor=users.officer, parent=tree.nm, name="Phân xưởng  A1", kind="phan_xuong")
    unit.refresh_from_db()
    assert OrgUnit.objects.get_parent(unit) == tree.nm and unit.name == "Phân xưởng A1"
    assert unit.events.get().kind == "create"


@pytest.mark.parametrize(("unit", "new_parent"), [("tc", "cuc"), ("tc", "nm"), ("tc", "tc"), ("bqp", "other")])
def test_unit_move_into_itself_or_descendant_refused(tree, unit, new_parent):
    refused(
        "new_parent",
        services.unit_move,
        actor=None,
        unit=getattr(tree, unit),
        new_parent=getattr(tree, new_parent),
        occurred_on=D(2024, 1, 1),
    )


def test_unit_move_to_current_parent_refused(tree):
    refused("new_parent", services.unit_move, actor=None, unit=tree.nm, new_parent=tree.tc, occurred_on=D(2024, 1, 1))


def test_unit_move_out_of_scope(tree, users):
    refused(
        "new_parent",
        services.unit_move,
        actor=users.officer,
        unit=tree.nm,
        new_parent=tree.other,
        occurred_on=D(2024, 1, 1),
    )


def test_unit_move_takes_the_subtree(tree, people):
    services.unit_move(actor=None, unit=tree.tc, new_parent=tree.other, occurred_on=D(2024, 1, 1))
    tc = OrgUnit.objects.get(pk=tree.tc.pk)
    assert OrgUnit.objects.get_parent(tc) == tree.other and tc.version == 2
    assert set(OrgUnit.objects.get_descendants(tc)) == {tree.cuc, tree.nm}
    event = tc.events.get(kind="move")
    assert (event.old_parent, event.new_parent) == (tree.bqp, tree.other)


def test_unit_merge_moves_people_and_closes(tree, people):
    services.unit_merge(actor=None, unit=tree.nm, into=tree.cuc, occurred_on=D(2025, 7, 1), decision_ref="QĐ 99")
    nm = OrgUnit.objects.get(pk=tree.nm.pk)
    assert nm.successor == tree.cuc and nm.valid_to == D(2025, 7, 1) and not nm.is_active
    assert nm.version == 2
    worker = Person.objects.get(pk=people.worker.pk)
    assert worker.unit == tree.cuc
    old, new = worker.memberships.order_by("start_on")
    assert (old.unit, old.end_on, new.unit, new.start_on, new.decision_ref) == (
        tree.nm,
        D(2025, 6, 30),
        tree.cuc,
        D(2025, 7, 1),
        "QĐ 99",
    )
    assert nm.events.get(kind="merge").other_unit == tree.cuc


def test_unit_merge_refused(tree, users):
    refused("into", services.unit_merge, actor=None, unit=tree.tc, into=tree.nm, occurred_on=D(2025, 1, 1))
    refused("into", services.unit_merge, actor=None, unit=tree.nm, into=tree.nm, occurred_on=D(2025, 1, 1))
    refused("unit", services.unit_merge, actor=None, unit=tree.tc, into=tree.other, occurred_on=D(2025, 1, 1))
    refused("into", services.unit_merge, actor=users.officer, unit=tree.nm, into=tree.other, occurred_on=D(2025, 1, 1))


def test_unit_rename_keeps_old_name_for_earlier_dates(tree):
    services.unit_rename(actor=None, unit=tree.tc, new_name="Tổng cục Kỹ thuật", occurred_on=D(2020, 1, 1))
    services.unit_rename(actor=None, unit=tree.tc, new_name="Tổng cục Hậu cần - Kỹ thuật", occurred_on=D(2022, 1, 1))
    tc = OrgUnit.objects.get(pk=tree.tc.pk)
    assert tc.name == "Tổng cục Hậu cần - Kỹ thuật" and tc.version == 3
    assert tc.name_on(D(2019, 12, 31)) == "Tổng cục Công nghiệp quốc phòng"
    assert tc.name_on(D(2020, 1, 1)) == "Tổng cục Kỹ thuật"
    assert tc.name_on(D(2021, 12, 31)) == "Tổng cục Kỹ thuật"
    assert tc.name_on(D(2022, 1, 1)) == "Tổng cục Hậu cần - Kỹ thuật"
    assert tc.name_on(None) == tc.name
    assert tc.search_key.startswith("tong cuc hau can ky thuat")
    assert OrgUnit.objects.filter(search_key__contains="hau can").get() == tc


def test_unit_rename_refused(tree):
    services.unit_rename(actor=None, unit=tree.tc, new_name="Tổng cục Kỹ thuật", occurred_on=D(2020, 1, 1))
    tc = OrgUnit.objects.get(pk=tree.tc.pk)
    refused("new_name", services.unit_rename, actor=None, unit=tc, new_name=" ", occurred_on=D(2024, 1, 1))
    refused(
        "new_name", services.unit_rename, actor=None, unit=tc, new_name="Tổng cục  Kỹ thuật", occurred_on=D(2024, 1, 1)
    )
    refused("occurred_on", services.unit_rename, actor=None, unit=tc, new_name="Tổng cục A", occurred_on=D(2019, 1, 1))


def test_unit_update(tree, users):
    refused("__all__", services.unit_update, actor=None, unit=tree.nm, expected_version=None, name="Đổi tên lén")
    refused(
        "valid_to",
        services.unit_update,
        actor=None,
        unit=tree.nm,
        expected_version=None,
        valid_from=D(2020, 1, 1),
        valid_to=D(2019, 1, 1),
    )
    refused("unit", services.unit_update, actor=users.officer, unit=tree.other, expected_version=None, code="X")
    unit = services.unit_update(
        actor=users.officer,
        unit=OrgUnit.objects.get(pk=tree.nm.pk),
        expected_version=1,
        code="Z111",
        short_name="Z 111",
    )
    assert (unit.code, unit.short_name, unit.version) == ("Z111", "Z 111", 2)


# --- emulation groups ----------------------------------------------------------------------------------------


@pytest.fixture
def group(tree):
    """A block of the Tổng cục CNQP: Cục Chính trị and Z111, Z111 leading from 2025-01-01."""
    group = services.group_create(
        actor=None, authority=tree.tc, name="Khối các cơ quan", year=2025, members=[tree.cuc, tree.nm]
    )
    services.group_leader_set(actor=None, group=group, unit=tree.nm, role="khoi_truong", start_on=D(2025, 1, 1))
    return group


def test_group_handover(tree, people, users, group):
    handover = services.group_handover(
        actor=users.officer,
        group=group,
        from_unit=tree.nm,
        to_unit=tree.cuc,
        occurred_on=D(2025, 12, 20),
        place="Hà Nội",
        to_person=people.hung,
    )
    rows = list(group.leaderships.order_by("start_on").values_list("unit_id", "role", "start_on", "end_on"))
    assert rows == [
        (tree.nm.pk, "khoi_truong", D(2025, 1, 1), D(2025, 12, 19)),
        (tree.cuc.pk, "khoi_truong", D(2025, 12, 20), None),
    ]
    assert group.leaderships.get(end_on=None).representative == people.hung
    assert (handover.from_unit, handover.to_unit, handover.recorded_by) == (tree.nm, tree.cuc, users.officer)
    assert EmulationGroup.objects.get(pk=group.pk).version == 2


def test_group_handover_refused(tree, users, group):
    call = services.group_handover
    on = D(2025, 12, 20)
    refused("to_unit", call, actor=None, group=group, from_unit=tree.nm, to_unit=tree.other, occurred_on=on)
    refused("from_unit", call, actor=None, group=group, from_unit=tree.other, to_unit=tree.cuc, occurred_on=on)
    refused("from_unit", call, actor=None, group=group, from_unit=tree.cuc, to_unit=tree.nm, occurred_on=on)
    refused("to_unit", call, actor=None, group=group, from_unit=tree.nm, to_unit=tree.nm, occurred_on=on)
    refused(
        "occurred_on", call, actor=None, group=group, from_unit=tree.nm, to_unit=tree.cuc, occurred_on=D(2025, 1, 1)
    )
    refused("authority", call, actor=users.outsider, group=group, from_unit=tree.nm, to_unit=tree.cuc, occurred_on=on)


def test_group_member_set(tree, group):
    refused("members", services.group_member_set, actor=None, group=group, units=[tree.cuc])  # drops the leader
    services.group_member_set(actor=None, group=group, units=[tree.nm, tree.tc])
    assert set(group.memberships.values_list("unit_id", flat=True)) == {tree.nm.pk, tree.tc.pk}


def test_group_member_set_after_handover_frees_the_old_leader(tree, group):
    services.group_handover(actor=None, group=group, from_unit=tree.nm, to_unit=tree.cuc, occurred_on=D(2025, 6, 1))
    services.group_member_set(actor=None, group=group, units=[tree.cuc])
    refused("members", services.group_member_set, actor=None, group=group, units=[tree.nm])


def test_group_leader_set(tree, group):
    refused(
        "unit",
        services.group_leader_set,
        actor=None,
        group=group,
        unit=tree.other,
        role="khoi_pho",
        start_on=D(2025, 2, 1),
    )
    refused(
        "role", services.group_leader_set, actor=None, group=group, unit=tree.cuc, role="bogus", start_on=D(2025, 2, 1)
    )
    services.group_leader_set(actor=None, group=group, unit=tree.cuc, role="khoi_truong", start_on=D(2025, 3, 1))
    assert group.leaderships.get(unit=tree.nm).end_on == D(2025, 2, 28)


def test_group_create_refused(tree, users, group):
    refused("name", services.group_create, actor=None, authority=tree.tc, name="Khối các  cơ quan", year=2025)
    refused("name", services.group_create, actor=None, authority=tree.tc, name=" ", year=2025)
    refused("authority", services.group_create, actor=users.officer, authority=tree.other, name="Khối A", year=2025)
    assert services.group_create(actor=None, authority=tree.tc, name="Khối các cơ quan", year=2026).year == 2026


def test_group_update(tree, users, group):
    refused(
        "__all__", services.group_update, actor=users.officer, group=group, expected_version=None, authority=tree.other
    )
    refused("authority", services.group_update, actor=users.outsider, group=group, expected_version=None, note="x")
    refused("name", services.group_update, actor=None, group=group, expected_version=None, name="  ")
    group = EmulationGroup.objects.get(pk=group.pk)
    updated = services.group_update(actor=users.officer, group=group, expected_version=1, name="Khối  cơ quan")
    assert (updated.name, updated.search_key, updated.version) == ("Khối cơ quan", "khoi co quan", 2)
