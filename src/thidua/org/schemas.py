"""Request and response schemas of the organisation API (django-ninja / pydantic 2).

Output schemas are built from model instances with ``from_attributes``; computed fields (labels, nested units) use
``resolve_<field>`` static methods so handlers stay thin.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from thidua.core.schemas import NOT_NULL, InputSchema, Line, Year
from thidua.core.schemas import ConflictOut as ConflictOut
from thidua.core.schemas import ErrorOut as ErrorOut

from .choices import Category, Gender, GroupKind, GroupRole, PositionKind, Rank, UnitEventKind, UnitKind
from .labels import unit_label


def _rank_label(code: str) -> str:
    return Rank(code).label if code in Rank.values else ""


# --- shared --------------------------------------------------------------------------------------------------


class UnitRef(Schema):
    """A unit as referenced from another object."""

    id: int
    name: str
    short_name: str
    label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")

    @staticmethod
    def resolve_label(obj) -> str:
        return unit_label(obj)


class PersonRef(Schema):
    """A person as referenced from another object."""

    id: int
    full_name: str


# --- units ---------------------------------------------------------------------------------------------------


class UnitOut(Schema):
    """A unit in a list."""

    id: int
    name: str
    short_name: str
    label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
    kind: UnitKind
    code: str
    is_enterprise: bool = Field(description="Doanh nghiệp sản xuất, kinh doanh (xét danh hiệu tập thể lao động).")
    depth: int
    parent: int | None = Field(None, description="Id của đơn vị cấp trên (null với đơn vị gốc).")
    valid_from: dt.date | None
    valid_to: dt.date | None
    version: int

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return getattr(obj, "parent_id", None)

    @staticmethod
    def resolve_label(obj) -> str:
        return unit_label(obj)


class UnitTreeNode(Schema):
    """A unit with its visible children, recursively."""

    id: int
    name: str
    short_name: str
    label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
    kind: UnitKind
    children: list[UnitTreeNode] = []


UnitTreeNode.model_rebuild()


class UnitEventOut(Schema):
    """One event in a unit's history."""

    kind: UnitEventKind
    kind_label: str
    occurred_on: dt.date
    old_name: str
    new_name: str
    old_parent_id: int | None
    new_parent_id: int | None
    other_unit_id: int | None
    decision_ref: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class UnitDetailOut(UnitOut):
    """A unit with its history and the number of people in its subtree (visible to the user)."""

    kind_label: str
    successor_id: int | None
    people_count: int
    events: list[UnitEventOut]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_events(obj):
        return obj.events.all()


class UnitCreateIn(InputSchema):
    """A new unit under ``parent``."""

    parent: int | None = Field(None, description="Id của đơn vị cấp trên; null chỉ dành cho quản trị hệ thống.")
    name: Line
    short_name: Line = ""
    kind: UnitKind = UnitKind.OTHER
    code: Line = ""
    is_enterprise: bool = False
    valid_from: dt.date | None = None


class UnitPatchIn(InputSchema):
    """Changes to a unit; ``version`` is the version the client last read. A new ``name`` needs ``renamed_on``."""

    version: int
    name: str = NOT_NULL
    renamed_on: dt.date | None = Field(None, description="Ngày đổi tên (bắt buộc khi đổi tên).")
    decision_ref: str = ""
    short_name: str = NOT_NULL
    kind: UnitKind = NOT_NULL
    code: str = NOT_NULL
    is_enterprise: bool = NOT_NULL
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


# --- people --------------------------------------------------------------------------------------------------


class PersonOut(Schema):
    """A person in a list."""

    id: int
    full_name: str
    rank: str = Field(description="Mã cấp bậc (rỗng nếu không có quân hàm).")
    rank_label: str
    unit: UnitRef
    date_of_birth: dt.date | None
    category: Category

    @staticmethod
    def resolve_rank_label(obj) -> str:
        return _rank_label(obj.rank)


class PeoplePage(Schema):
    """One page of people and the total number of matches."""

    items: list[PersonOut]
    count: int
    page: int
    page_size: int


class PositionOut(Schema):
    """A position held for a period."""

    id: int
    title: str
    kind: PositionKind
    unit: UnitRef
    start_on: dt.date
    end_on: dt.date | None
    is_current: bool
    decision_ref: str
    coefficient: float | None = Field(
        None, description="Hệ số chức vụ (hệ số phụ cấp chức vụ lãnh đạo: 0,7; 0,8; 0,9; 1,0 …); null nếu không có."
    )

    @staticmethod
    def resolve_is_current(obj) -> bool:
        return obj.is_current()


class ServicePeriodOut(Schema):
    """A period of service; ``time_factor`` 2 marks time at sea, on islands or in especially difficult areas."""

    start_on: dt.date
    end_on: dt.date | None
    time_factor: int = Field(description="Hệ số tính thời gian: 1, hoặc 2 cho vùng biển, đảo, vùng đặc biệt khó khăn.")
    note: str


class RankChangeOut(Schema):
    """A rank conferred from a date."""

    rank: str
    rank_label: str
    effective_on: dt.date
    decision_ref: str

    @staticmethod
    def resolve_rank_label(obj) -> str:
        return _rank_label(obj.rank)


class MembershipOut(Schema):
    """A period in a unit."""

    unit: UnitRef
    start_on: dt.date
    end_on: dt.date | None
    decision_ref: str


class ServiceOut(Schema):
    """Years of service today: total over all periods and the current unbroken period."""

    total_years: int
    continuous_years: int
    total_days: int
    continuous_days: int
    periods: int
    breaks: int


class PersonDetailOut(PersonOut):
    """A person with positions, rank history, unit history and a service summary."""

    gender: Gender
    cccd: str | None
    category_label: str
    party_joined_on: dt.date | None
    hometown: str
    version: int
    positions: list[PositionOut]
    rank_history: list[RankChangeOut]
    memberships: list[MembershipOut]
    service_periods: list[ServicePeriodOut]
    service: ServiceOut

    @staticmethod
    def resolve_category_label(obj) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_rank_history(obj):
        return obj.rank_changes.all()

    @staticmethod
    def resolve_positions(obj):
        return obj.positions.all()

    @staticmethod
    def resolve_memberships(obj):
        return obj.memberships.all()

    @staticmethod
    def resolve_service_periods(obj):
        return obj.service_periods.all()


class PersonCreateIn(InputSchema):
    """A new person. ``rank`` accepts a code (``thieu_tuong``) or a Vietnamese label (``Thiếu tướng``)."""

    unit: int
    full_name: Line
    gender: Gender = Gender.MALE
    date_of_birth: dt.date | None = None
    cccd: str | None = None
    category: Category = Category.OFFICER
    rank: str = ""
    enlisted_on: dt.date | None = None
    party_joined_on: dt.date | None = None
    hometown: str = ""


class PersonPatchIn(InputSchema):
    """Changes to a person's identity fields; ``version`` is the version the client last read."""

    version: int
    full_name: str = NOT_NULL
    gender: Gender = NOT_NULL
    date_of_birth: dt.date | None = None
    cccd: str | None = None
    category: Category = NOT_NULL
    party_joined_on: dt.date | None = None
    hometown: str = NOT_NULL


# --- emulation groups ----------------------------------------------------------------------------------------


class GroupOut(Schema):
    """An emulation block or cluster in a list."""

    id: int
    name: str
    short_name: str
    kind: GroupKind
    kind_label: str
    year: int
    authority: UnitRef
    member_count: int = 0
    version: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class LeadershipOut(Schema):
    """A leadership term in a group."""

    unit: UnitRef
    role: GroupRole
    role_label: str
    start_on: dt.date
    end_on: dt.date | None
    representative: PersonRef | None

    @staticmethod
    def resolve_role_label(obj) -> str:
        return obj.get_role_display()


class HandoverOut(Schema):
    """A handover of a leadership role."""

    role: GroupRole
    role_label: str
    from_unit: UnitRef
    to_unit: UnitRef
    occurred_on: dt.date
    place: str
    from_person: PersonRef | None
    to_person: PersonRef | None
    note: str

    @staticmethod
    def resolve_role_label(obj) -> str:
        return obj.get_role_display()


class GroupDetailOut(GroupOut):
    """A group with its members, leaders and handovers."""

    note: str
    members: list[UnitRef]
    leaderships: list[LeadershipOut]
    handovers: list[HandoverOut]

    @staticmethod
    def resolve_member_count(obj) -> int:
        return len(obj.memberships.all())

    @staticmethod
    def resolve_members(obj):
        return [m.unit for m in obj.memberships.all()]

    @staticmethod
    def resolve_leaderships(obj):
        return obj.leaderships.all()

    @staticmethod
    def resolve_handovers(obj):
        return obj.handovers.all()


class GroupCreateIn(InputSchema):
    """A new group for a year, set up by ``authority``, with member unit ids."""

    authority: int
    name: Line
    short_name: Line = ""
    kind: GroupKind = GroupKind.BLOCK
    year: Year
    members: list[int] = []
    note: str = ""


# --- catalogue -----------------------------------------------------------------------------------------------


class RankOut(Schema):
    """A rank in the ordered catalogue."""

    code: str
    label: str
    category: Category | None
    order: int
