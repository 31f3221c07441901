"""Writing audit events — services call :func:`record` inside their transaction, once per write — and the registry
that makes the log readable (event names, field labels, object pages), filled by each app's ``audit_labels.py``."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import autodiscover_modules

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


# --- reading the log: Vietnamese names, labels, values and links ---------------------------------------------------
#
# Each app registers, in a module ``audit_labels.py`` that core imports at start-up (``autodiscover_labels``), the
# Vietnamese name of every event type it emits — ``register_events({"records.achievement.create": "Thêm sáng kiến,
# đề tài"})``, with ``models={event: "app.model"}`` when the data holds another model's fields than the target's
# (``person.position_add`` → ``org.position``) — the page of its objects (``register_links``) and, rarely, a field
# label its models do not carry (``register_fields``). A test reads the source and fails when an emitted event type
# has no label.

EVENT_LABELS: dict[str, str] = {}
EVENT_MODELS: dict[str, str] = {}
FIELD_LABELS: dict[str, str] = {}
LINKS: dict[str, Any] = {}
REFS: dict[str, str] = {}


def register_events(labels: dict[str, str], *, models: dict[str, str] | None = None) -> None:
    """Name event types in Vietnamese (``"unit.create" → "Thành lập đơn vị"``); ``models`` tells which model's
    fields an event's data holds when it is not the target's."""
    EVENT_LABELS.update(labels)
    EVENT_MODELS.update(models or {})


def register_fields(labels: dict[str, str]) -> None:
    """Labels of data keys that are no model field (``"members" → "Thành viên"``)."""
    FIELD_LABELS.update(labels)


def register_refs(refs: dict[str, str]) -> None:
    """Data keys that hold an object's id without being a field of the model (``"leader" → "org.orgunit"``): the
    log shows the object's name."""
    REFS.update(refs)


def register_links(links: dict[str, Any]) -> None:
    """The page of an object by its ``target_type``: a URL name taking the pk, or a callable ``(target_id) → url``."""
    LINKS.update(links)


def autodiscover_labels() -> None:
    """Import every installed app's ``audit_labels`` module (CoreConfig.ready)."""
    autodiscover_modules("audit_labels")


def event_label(event_type: str) -> str:
    """Vietnamese name of an audit event type (the code itself when unknown)."""
    return EVENT_LABELS.get(event_type, event_type)


def target_url(event: AuditEvent) -> str:
    """The page of the event's object, when its app registered one ("" otherwise or when it no longer resolves)."""
    link = LINKS.get(event.target_type)
    if link is None or not event.target_id:
        return ""
    try:
        return link(event.target_id) if callable(link) else reverse(link, args=[event.target_id])
    except (NoReverseMatch, ValueError, LookupError):
        return ""


def with_comment(extra: dict[str, Any] | None, comment: str | None) -> dict[str, Any] | None:
    """``extra`` with the user's optional comment (NFC, trimmed) added under ``"comment"``; unchanged when blank."""
    text = "\n".join(vn.nfc(line) for line in (comment or "").splitlines()).strip()
    if not text:
        return extra
    return {**(extra or {}), COMMENT_KEY: text}
