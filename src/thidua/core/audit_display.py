"""The audit log as people read it: each change as (field label, before, after) in the interface's words.

Labels come from the model whose fields the event's data holds (the target's, or the one registered for the event
type): the field's ``verbose_name``, else a label registered with :func:`thidua.core.audit.register_fields`. Values
are shown as the forms show them: choice labels, "Có"/"Không", dates dd/mm/yyyy, times in Asia/Ho_Chi_Minh, foreign
keys by the object's name.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from . import vn
from .audit import COMMENT_KEY, EVENT_MODELS, FIELD_LABELS, REFS, event_label, target_url
from .models import AuditEvent

__all__ = ["comment", "event_label", "rows", "target_url"]
EMPTY = "—"
HIDDEN_KEYS = {"id", "version"}  # technical: the row's number and its optimistic-locking counter


def _model(event: AuditEvent):
    label = EVENT_MODELS.get(event.event_type, event.target_type)
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    """The model field stored under ``key`` (its name or attname: ``person`` or ``person_id``)."""
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == key or field.name == key:
            return field
    try:
        return model._meta.get_field(key.removesuffix("_id"))
    except FieldDoesNotExist:
        return None


def _label(field, key: str, event_type: str = "") -> str:
    """The field's Vietnamese label, capitalised: a label registered for this event's key, else the field's
    ``verbose_name``, else a label registered for the key, else (a relation) the related model's name."""
    base = key.removesuffix("_id")
    name = getattr(field, "verbose_name", None)
    related = getattr(field, "related_model", None)
    if f"{event_type}:{base}" in FIELD_LABELS:
        text = FIELD_LABELS[f"{event_type}:{base}"]
    elif name and str(name) != field.name.replace("_", " "):
        text = str(name)
    elif key in FIELD_LABELS or base in FIELD_LABELS:
        text = FIELD_LABELS.get(key) or FIELD_LABELS[base]
    elif related is not None and field.concrete:
        text = str(related._meta.verbose_name)
    else:
        text = key
    return text[:1].upper() + text[1:]


def _object_name(model, pk) -> str:
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return f"#{pk}"
    return str(getattr(obj, "full_name", "") or getattr(obj, "name", "") or obj)


def _date_text(value: str) -> str | None:
    """dd/mm/yyyy for an ISO date, dd/mm/yyyy HH:MM (local time) for an ISO date-time; None if neither."""
    if len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return vn.format_date(dt.date.fromisoformat(value), "short")
        except ValueError:
            return None
    if len(value) > 10 and value[4:5] == "-" and value[10:11] == "T":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return None


def _plain(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return _date_text(value) or value
    return str(value)


def _ref(key: str, value: Any, event_type: str = "") -> str | None:
    """The name(s) of the object(s) a registered reference key holds (None when the key is not one); a reference
    registered for the event's key (``"scoring.group_add:group"``) comes first."""
    base = key.removesuffix("_id")
    label = REFS.get(f"{event_type}:{base}") or REFS.get(base)
    values = value if isinstance(value, list) else [value]
    if label is None or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return None
    model = apps.get_model(label)
    return ", ".join(_object_name(model, v) for v in values)


def display(field, value: Any, key: str = "", event_type: str = "") -> str:
    """A stored value as the interface shows it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if key and (field is None or f"{event_type}:{key.removesuffix('_id')}" in REFS):
        ref = _ref(key, value, event_type)
        if ref is not None:
            return ref
    if field is not None and getattr(field, "choices", None) and not isinstance(value, list):
        labels = {str(k): str(v) for k, v in field.flatchoices}
        return labels.get(str(value), str(value))
    related = getattr(field, "related_model", None) if field is not None else None
    if related is not None and (field.many_to_one or field.one_to_one or field.many_to_many):
        values = value if isinstance(value, list) else [value]
        if all(isinstance(v, int | str) and str(v).isdigit() for v in values):
            return ", ".join(_object_name(related, v) for v in values)
    if isinstance(field, models.BooleanField):
        return "Có" if value else "Không"
    return _plain(value)


def rows(event: AuditEvent) -> list[tuple[str, str, str]]:
    """(field, before, after) rows of the event's changes, then its extra facts (before empty)."""
    data = event.data or {}
    before = data.get("before") or {}
    after = data.get("after") or {}
    extra = {k: v for k, v in (data.get("extra") or {}).items() if k != COMMENT_KEY}
    model = _model(event)
    result = []
    for key in dict.fromkeys([*before, *after]):
        if key == COMMENT_KEY or key in HIDDEN_KEYS:
            continue
        field = _field(model, key)
        result.append(
            (
                _label(field, key, event.event_type),
                display(field, before.get(key), key, event.event_type),
                display(field, after.get(key), key, event.event_type),
            )
        )
    for key, value in extra.items():
        field = _field(model, key)
        result.append((_label(field, key, event.event_type), "", display(field, value, key, event.event_type)))
    return result


def comment(event: AuditEvent) -> str:
    """The optional comment typed with the action (``data["comment"]`` or ``data["extra"]["comment"]``)."""
    data = event.data or {}
    for source in (data, data.get("extra") or {}, data.get("after") or {}):
        if isinstance(source, dict) and source.get(COMMENT_KEY):
            return str(source[COMMENT_KEY])
    return ""
