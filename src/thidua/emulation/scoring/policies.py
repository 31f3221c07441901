"""Who may do what on a block's criteria sheet: pure functions of the user and the sheet (``user=None`` is the
system, e.g. demo data, and may do everything a step allows)."""

from __future__ import annotations

import datetime as dt

from thidua.core.choices import Action, Role
from thidua.core.models import RoleAssignment
from thidua.core.scoping import in_scope
from thidua.org.choices import GroupRole
from thidua.org.models import EmulationGroup, GroupLeadership, OrgUnit

from .choices import SheetStatus
from .models import CriteriaSheet

OFFICE_ROLES = (Role.OFFICE, Role.ADMIN)
LEADER_ROLES = (GroupRole.LEADER, GroupRole.CO_LEADER)


def _holds_role_over(user, unit: OrgUnit, roles) -> bool:
    """The user has one of ``roles`` on ``unit`` itself or on an ancestor with descendants."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for path, with_desc, unit_id in (
        RoleAssignment.objects.active()
        .filter(user=user, role__in=roles)
        .values_list("unit__path", "include_descendants", "unit_id")
    ):
        if unit_id == unit.pk or (with_desc and unit.path.startswith(path)):
            return True
    return False


def can_create_sheet(user, group: EmulationGroup) -> bool:
    """A block's criteria sheet is opened by the standing office of the block's authority (or an administrator)."""
    return _holds_role_over(user, group.authority, OFFICE_ROLES)


def is_office(user, sheet: CriteriaSheet) -> bool:
    """The standing office (cơ quan thường trực) of the block's authority, or an administrator above it."""
    return _holds_role_over(user, sheet.group.authority, OFFICE_ROLES)


def leader_unit_ids(sheet: CriteriaSheet) -> set[int]:
    """Units leading (or co-leading) the block during the sheet's year."""
    start, end = dt.date(sheet.year, 1, 1), dt.date(sheet.year, 12, 31)
    return set(
        GroupLeadership.objects.filter(group=sheet.group, role__in=LEADER_ROLES, start_on__lte=end)
        .exclude(end_on__lt=start)
        .values_list("unit_id", flat=True)
    )


def is_leader(user, sheet: CriteriaSheet) -> bool:
    """Users who may change a unit leading the block that year."""
    if user is None:
        return True
    return any(in_scope(user, unit_id, Action.CHANGE) for unit_id in leader_unit_ids(sheet))


def can_self_score(user, sheet: CriteriaSheet, unit: OrgUnit) -> bool:
    """A member unit's own users during self-scoring."""
    return sheet.status == SheetStatus.SELF_SCORING and (user is None or in_scope(user, unit.pk, Action.CHANGE))


def can_score(user, sheet: CriteriaSheet, unit: OrgUnit) -> bool:
    """Whether the user may give ``unit`` a score at the sheet's current stage."""
    if sheet.status == SheetStatus.SELF_SCORING:
        return can_self_score(user, sheet, unit)
    if sheet.status == SheetStatus.LEADER_REVIEW:
        return is_leader(user, sheet)
    if sheet.status == SheetStatus.OFFICE_REVIEW:
        return is_office(user, sheet)
    return False


def can_advance(user, sheet: CriteriaSheet) -> bool:
    """Closing the leader review is the leader's (or the office's); every other step is the standing office's."""
    if sheet.status == SheetStatus.PUBLISHED:
        return False
    if sheet.status == SheetStatus.LEADER_REVIEW:
        return is_leader(user, sheet) or is_office(user, sheet)
    return is_office(user, sheet)


def can_edit_criteria(user, sheet: CriteriaSheet) -> bool:
    """Criteria are set by the standing office while the sheet is a draft."""
    return sheet.status == SheetStatus.DRAFT and is_office(user, sheet)


def can_propose(user, sheet: CriteriaSheet) -> bool:
    """The block's proposal follows publication; the leader or the office make it."""
    return sheet.status == SheetStatus.PUBLISHED and (is_leader(user, sheet) or is_office(user, sheet))
