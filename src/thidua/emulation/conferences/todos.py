""" "Việc cần làm" of conferences: conferences already held whose minutes the user may freeze."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.dashboard import Todo
from thidua.core.scoping import scope_unit_ids

from .choices import ConferenceStatus
from .models import Conference

LIMIT = 20


def minutes_todos(user, today: dt.date) -> list[Todo]:
    """Held (or past) conferences not frozen, hosted by a unit — or for a block whose authority — the user may change
    (the change policy of conferences, in one query)."""
    ids = scope_unit_ids(user, Action.CHANGE)
    if ids is not None and not ids:
        return []
    rows = Conference.objects.filter(held_on__lte=today).exclude(status=ConferenceStatus.FROZEN)
    if ids is not None:
        rows = rows.filter(Q(host_unit_id__in=ids) | Q(group__authority_id__in=ids))
    items = []
    for conference in rows.order_by("held_on", "pk")[:LIMIT]:
        text = f"Chốt biên bản: {conference.title} ({vn.format_date(conference.held_on, 'short')})"
        items.append(Todo(text, reverse("conference_detail", args=[conference.pk]), "", "info", "bi-journal-check"))
    return items
