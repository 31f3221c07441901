"""Writing audit events. Services call :func:`record` inside their transaction, once per write."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models

from . import vn
from .context import current_request_id
from .models import AuditEvent

COMMENT_KEY = "comment"  # the key of a user's comment in an event's ``data["extra"]``


def _jsonable(value: Any) -> Any:
    """Make a field value JSON-safe (dates as ISO strings, model instances as their pk)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``instance`` (foreign keys as ids), for before/after data."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in ("created_at", "updated_at", "search_key", "sort_key", "path", "depth", "numchild"):
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys that changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    *,
    actor,
    event_type: str,
    target: models.Model,
    unit=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event for a write on ``target``; ``unit`` is the org unit it belongs to (for unit pages)."""
    data: dict[str, Any] = {}
    if before is not None:
        data["before"] = _jsonable(before)
    if after is not None:
        data["after"] = _jsonable(after)
    if extra:
        data["extra"] = _jsonable(extra)
    actor_obj = actor if getattr(actor, "pk", None) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_name=str(actor) if actor_obj else "hệ thống",
        request_id=current_request_id(),
        event_type=event_type,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        unit=unit,
        data=data,
    )


def with_comment(extra: dict[str, Any] | None, comment: str | None) -> dict[str, Any] | None:
    """``extra`` with the user's optional comment (NFC, trimmed) added under ``"comment"``; unchanged when blank."""
    text = "\n".join(vn.nfc(line) for line in (comment or "").splitlines()).strip()
    if not text:
        return extra
    return {**(extra or {}), COMMENT_KEY: text}
