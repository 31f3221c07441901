"""Web views of the org app, split by subject: the unit tree and unit pages, people, emulation groups."""

from .groups import GroupCreateView, GroupLeaderView, HandoverView, group_detail, group_list
from .people import (
    PersonCreateView,
    PersonEditView,
    PositionAddView,
    PositionEndView,
    RankAddView,
    ServicePeriodAddView,
    TransferView,
    person_detail,
    person_list,
)
from .units import (
    UnitCreateView,
    UnitEditView,
    UnitMergeView,
    UnitMoveView,
    UnitRenameView,
    unit_children,
    unit_detail,
    unit_list,
    unit_tree,
)

__all__ = [
    "GroupCreateView",
    "GroupLeaderView",
    "HandoverView",
    "PersonCreateView",
    "PersonEditView",
    "PositionAddView",
    "PositionEndView",
    "RankAddView",
    "ServicePeriodAddView",
    "TransferView",
    "UnitCreateView",
    "UnitEditView",
    "UnitMergeView",
    "UnitMoveView",
    "UnitRenameView",
    "group_detail",
    "group_list",
    "person_detail",
    "person_list",
    "unit_children",
    "unit_detail",
    "unit_list",
    "unit_tree",
]
