""" "Việc cần làm" of movements: registrations sent up to a level the user decides for (to approve or return)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from thidua.core.choices import Action
from thidua.core.dashboard import Todo
from thidua.core.scoping import scope_unit_ids
from thidua.org.models import OrgUnit

from .choices import RegistrationStatus
from .models import Registration

LIMIT = 20


def registration_todos(user, today: dt.date) -> list[Todo]:
    """Submitted registrations whose registering unit's parent is in the user's change scope (two queries)."""
    ids = scope_unit_ids(user, Action.CHANGE)
    if ids is not None and not ids:
        return []
    rows = Registration.objects.filter(status=RegistrationStatus.SUBMITTED, unit__depth__gt=1).select_related(
        "unit", "person"
    )
    if ids is not None:
        rows = rows.filter(unit_id__in=ids)
    rows = list(rows.order_by("submitted_at", "pk")[: LIMIT * 5])
    step = OrgUnit.steplen
    parents = dict(OrgUnit.objects.filter(path__in={r.unit.path[:-step] for r in rows}).values_list("path", "pk"))
    items = []
    for reg in rows:
        parent_id = parents.get(reg.unit.path[:-step])
        if parent_id is None or (ids is not None and parent_id not in ids):
            continue
        who = reg.person.full_name if reg.person_id else reg.unit.label
        text = f"Duyệt đăng ký thi đua năm {reg.year} của {who}"
        items.append(Todo(text, reverse("registration_detail", args=[reg.pk]), reg.unit.label, "info", "bi-flag"))
    return items[:LIMIT]
