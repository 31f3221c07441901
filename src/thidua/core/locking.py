"""Optimistic locking: save only if nobody changed the row since the user loaded it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F

from .audit import snapshot
from .errors import ConflictError


def versioned_update(instance: models.Model, *, expected_version: int | None, changes: dict[str, Any]) -> models.Model:
    """Apply ``changes`` to ``instance`` and save with ``version = version + 1`` only where the version still matches.

    ``instance`` must already carry the changes validated by ``full_clean``; ``expected_version`` is the version the
    user's form was built from (None skips the check, for commands that own the row). Raises ConflictError with the
    current database values when the row moved on meanwhile.
    """
    model = type(instance)
    qs = model._default_manager.filter(pk=instance.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    values = {**changes, "version": F("version") + 1}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        from django.utils import timezone

        values["updated_at"] = timezone.now()
    if qs.update(**values) == 0:
        current = model._default_manager.get(pk=instance.pk)
        raise ConflictError(current, snapshot(current))
    instance.refresh_from_db()
    return instance
