"""Sequence numbers (thứ tự, phiên bản): the next free number, made safe under concurrency.

``max + 1`` read by two requests at once gives both the same number. Every numbered model has a unique constraint on
(its parent, its number); :func:`save_numbered` takes the next number, inserts inside a savepoint and, when another
request took that number first (an ``IntegrityError`` from the constraint), reads the maximum again and retries.
Given the parent row (``lock``), it first locks it (``SELECT … FOR UPDATE`` on PostgreSQL), so the writers of one
parent take their numbers one after the other and the retry is only the safety net.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Max, Model, QuerySet

ATTEMPTS = 20


def next_number(queryset: QuerySet, field: str) -> int:
    """One more than the largest ``field`` in ``queryset`` (1 for the first)."""
    return (queryset.order_by().aggregate(last=Max(field))["last"] or 0) + 1


def save_numbered(
    instance: Model,
    field: str,
    queryset: QuerySet,
    *,
    lock: Model | None = None,
    clean: bool = True,
    numbered: Callable[[Model], None] | None = None,
) -> Model:
    """Give ``instance`` the next number of ``field`` among ``queryset`` and insert it, retrying on a collision.

    ``clean`` runs ``full_clean`` on the fields (the uniqueness of the number is the database's to enforce, since
    only the database sees a concurrent insert). After ``ATTEMPTS`` collisions the ``IntegrityError`` propagates
    (the API answers 409, a page shows a message). ``numbered(instance)``, if given, runs once the number is set
    (for a copy of the number kept elsewhere in the row).
    """
    if lock is not None and transaction.get_connection().in_atomic_block:
        list(type(lock)._default_manager.select_for_update().filter(pk=lock.pk).values_list("pk", flat=True))
    for attempt in range(1, ATTEMPTS + 1):
        setattr(instance, field, next_number(queryset, field))
        if numbered is not None:
            numbered(instance)
        if clean:
            instance.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():  # a savepoint: a collision does not break the caller's transaction
                instance.save(force_insert=True)
        except IntegrityError:
            instance.pk = None
            if attempt == ATTEMPTS:
                raise
            continue
        return instance
    raise AssertionError("unreachable")  # pragma: no cover
