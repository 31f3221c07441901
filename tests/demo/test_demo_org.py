"""``thidua demo``: loads, is idempotent, holds the facts of the reports, and its users can log in."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from thidua.core.models import AuditEvent, RoleAssignment, User
from thidua.demo.org import data
from thidua.org import selectors
from thidua.org.choices import GroupRole, Rank
from thidua.org.models import (
    EmulationGroup,
    GroupHandover,
    GroupLeadership,
    OrgUnit,
    OrgUnitEvent,
    Person,
    Position,
    RankChange,
    ServicePeriod,
    UnitMembership,
)

MODELS = [
    OrgUnit,
    OrgUnitEvent,
    Person,
    RankChange,
    Position,
    UnitMembership,
    ServicePeriod,
    EmulationGroup,
    GroupLeadership,
    GroupHandover,
    User,
    RoleAssignment,
    AuditEvent,
]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_loads_the_tree_and_people(demo):
    assert "Tên đăng nhập" in demo and data.DEMO_PASSWORD in demo
    assert 40 <= OrgUnit.objects.count() <= 60
    assert 500 <= Person.objects.count() <= 650
    # services were used for the units and named officers, so they are audited
    assert AuditEvent.objects.filter(event_type="unit.create").count() == OrgUnit.objects.count()
    assert AuditEvent.objects.filter(event_type="person.create").count() >= len(data.OFFICERS)
    # generated people: ranks fit their category, everyone has a membership and a position
    assert not Person.objects.filter(category="hsq_bs", rank__endswith="_qncn").exists()
    assert not Person.objects.filter(category="cnvqp").exclude(rank="").exists()
    assert not Person.objects.filter(memberships__isnull=True).exists()
    assert not Person.objects.filter(positions__isnull=True).exists()
    assert Person.objects.search("hung").count() > 3


def test_demo_is_idempotent(demo):
    before = _counts()
    call_command("demo", stdout=StringIO())
    assert _counts() == before


def test_named_officer_found_by_search(demo):
    found = [p for p in Person.objects.search("nguyen viet hung") if p.rank == Rank.THIEU_TUONG]
    assert len(found) == 1
    hung = found[0]
    assert selectors.positions_text(hung) == "Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Tổng cục CNQP"
    assert [r.rank for r in hung.rank_changes.all()][-2:] == [Rank.DAI_TA, Rank.THIEU_TUONG]
    dong = Person.objects.get(full_name="Lâm Trọng Đông")
    assert selectors.positions_text(dong) == "Chủ nhiệm Chính trị Tổng cục CNQP"


def test_khoi_2_members_and_co_leader(demo):
    group = EmulationGroup.objects.get(name__startswith="Khối 2", year=2020)
    assert group.memberships.count() == 6
    lead = group.leaderships.get()
    assert lead.unit.name == "Ban Quản lý Dự án I"
    assert lead.role == GroupRole.CO_LEADER
    assert lead.representative.full_name == "Lê Mai Hậu"
    assert EmulationGroup.objects.filter(name__startswith="Khối 2", year=2021).exists()


def test_khoi_1_handover_2018(demo):
    group = EmulationGroup.objects.get(name="Khối thi đua số 1", year=2018)
    handover = group.handovers.get()
    assert handover.occurred_on == dt.date(2018, 6, 7)
    assert handover.from_unit.name == "Cục Chính sách" and handover.to_unit.name == "Văn phòng TCCT"
    assert handover.from_person.full_name == "Ngô Quang Phúc"
    assert handover.to_person.full_name == "Nguyễn Đức Hưng"
    assert [lead.unit.name for lead in selectors.leaders_on(group, dt.date(2018, 6, 8))] == ["Văn phòng TCCT"]
    assert [lead.unit.name for lead in selectors.leaders_on(group, dt.date(2018, 6, 6))] == ["Cục Chính sách"]


def test_rename_and_merge_history(demo):
    z176 = OrgUnit.objects.get(name="Nhà máy Z176")
    assert z176.name_on(dt.date(2018, 1, 1)) == "Xí nghiệp Z176"
    assert z176.name_on(dt.date(2020, 1, 1)) == "Nhà máy Z176"
    merged = OrgUnit.objects.get(successor__isnull=False)
    assert merged.valid_to == dt.date(2020, 7, 1)
    assert merged.events.filter(kind="merge").exists()


def test_demo_users_can_log_in(demo):
    for username, *_ in data.USERS:
        user = User.objects.get(username=username)
        assert user.check_password(data.DEMO_PASSWORD)
        assert user.role_assignments.exists()
    assert User.objects.get(username="admin").is_superuser


@override_settings(PRODUCTION=True)
def test_demo_refuses_in_production(db):
    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())
    assert not OrgUnit.objects.exists()
