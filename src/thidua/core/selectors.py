"""Reads of the core app that more than one slice shows: the comments users left when acting on an object."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from .audit import COMMENT_KEY
from .models import AuditEvent

# The action an event records, by its whole type, else by the last part of it ("registration.approve" → "approve").
ACTION_LABELS = {
    "report.submit": "Nộp báo cáo",
    "movement.close": "Kết thúc phong trào",
    "period.close": "Khoá kỳ báo cáo",
    "submit": "Gửi lên cấp trên",
    "approve": "Duyệt",
    "return": "Trả lại",
    "freeze": "Chốt biên bản",
    "advance": "Chuyển bước",
    "close": "Khoá, kết thúc",
    "launch": "Phát động",
}


@dataclass
class ActionComment:
    """A comment left with an action: when, by whom, what was done, and the text."""

    occurred_at: object
    actor_name: str
    action: str
    text: str


def action_comments(target: models.Model) -> list[ActionComment]:
    """The comments left on ``target`` with its send / approve / freeze … actions, oldest first (from its audit
    events: the object is already visible to the reader, and so are the events about it)."""
    events = (
        AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .filter(data__extra__has_key=COMMENT_KEY)
        .order_by("occurred_at", "pk")
    )
    return [
        ActionComment(
            event.occurred_at,
            event.actor_name,
            ACTION_LABELS.get(event.event_type) or ACTION_LABELS.get(event.event_type.rsplit(".", 1)[-1], ""),
            event.data["extra"][COMMENT_KEY],
        )
        for event in events
    ]
