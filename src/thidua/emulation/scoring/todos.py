""" "Việc cần làm" of scoring: the step of each block's criteria sheet that waits on the user — self-scoring for a
member unit's officers, the leader's review for the leading unit, the office's steps for the standing office."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from thidua.core.choices import Action
from thidua.core.dashboard import Todo
from thidua.core.scoping import in_scope
from thidua.org.models import GroupMembership

from .choices import SheetStatus
from .models import CriteriaSheet
from .policies import is_leader, is_office

OFFICE_STEPS = {
    SheetStatus.DRAFT: "Hoàn thiện tiêu chí và mở tự chấm",
    SheetStatus.OFFICE_REVIEW: "Thẩm định điểm",
    SheetStatus.PREVIEW: "Công bố chính thức kết quả",
}


def _waits_on(user, sheet: CriteriaSheet, member_ids: set[int]) -> str:
    """What the sheet's current step asks of the user ("" when nothing)."""
    if sheet.status == SheetStatus.SELF_SCORING:
        mine = [unit_id for unit_id in member_ids if in_scope(user, unit_id, Action.CHANGE)]
        return "Đơn vị tự chấm điểm" if mine and not is_office(user, sheet) else ""
    if sheet.status == SheetStatus.LEADER_REVIEW:
        return "Khối trưởng thẩm định điểm" if is_leader(user, sheet) else ""
    if sheet.status in OFFICE_STEPS and is_office(user, sheet):
        return OFFICE_STEPS[sheet.status]
    return ""


def scoring_todos(user, today: dt.date) -> list[Todo]:
    """The unpublished sheets visible to the user whose current step is the user's."""
    sheets = list(
        CriteriaSheet.objects.visible_to(user, Action.VIEW)
        .exclude(status=SheetStatus.PUBLISHED)
        .select_related("group", "group__authority")
        .order_by("-year", "pk")[:10]
    )
    members: dict[int, set[int]] = {}
    for group_id, unit_id in GroupMembership.objects.filter(group_id__in={s.group_id for s in sheets}).values_list(
        "group_id", "unit_id"
    ):
        members.setdefault(group_id, set()).add(unit_id)
    items = []
    for sheet in sheets:
        step = _waits_on(user, sheet, members.get(sheet.group_id, set()))
        if step:
            link = reverse("sheet_detail", args=[sheet.pk])
            items.append(Todo(f"{step}: {sheet.title}", link, sheet.group.name, "info", "bi-123"))
    return items
