"""Discipline, proceedings that block commendation, and leave that counts as working time."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core import audit, vn
from thidua.core.locking import versioned_update
from thidua.core.scoping import require_change_scope
from thidua.org.models import Person

from ..choices import RecordSource
from ..models import Discipline, LeavePeriod, PendingReview
from .checks import (
    _check_date,
    _check_period,
    _created,
    _removed,
    _text,
    service_start,
)

# --- discipline, reviews, leave --------------------------------------------------------------------------------


@transaction.atomic
def discipline_add(
    *,
    actor,
    person: Person,
    form: str,
    decided_on: dt.date,
    effective_to: dt.date | None = None,
    decision_ref: str = "",
    reason: str = "",
    source: str = RecordSource.MANUAL,
) -> Discipline:
    """Record a disciplinary measure and the day it stops having effect (no commendation meanwhile; P4, P12)."""
    require_change_scope(actor, person.unit, "person")
    if decided_on is None:
        raise ValidationError({"decided_on": ["Chưa nhập ngày quyết định kỷ luật."]})
    _check_date(decided_on, "decided_on", "Ngày quyết định")
    _check_period(decided_on, effective_to, "effective_to", "Ngày hết hiệu lực")
    item = Discipline(
        person=person,
        form=form,
        decided_on=decided_on,
        effective_to=effective_to,
        decision_ref=_text(decision_ref),
        reason=_text(reason),
        source=source,
    )
    item.full_clean()
    item.save()
    _created(actor, "discipline", item, person.unit)
    return item


@transaction.atomic
def discipline_remove(*, actor, discipline: Discipline) -> None:
    """Remove a discipline entered by mistake."""
    person = discipline.person
    require_change_scope(actor, person.unit, "person")
    _removed(actor, "discipline", discipline, person.unit)
    discipline.delete()


@transaction.atomic
def pending_review_add(
    *,
    actor,
    person: Person,
    kind: str,
    start_on: dt.date,
    end_on: dt.date | None = None,
    note: str = "",
    source: str = RecordSource.MANUAL,
) -> PendingReview:
    """Record a proceeding (discipline being considered, investigation …) that blocks commendation while open (P4)."""
    require_change_scope(actor, person.unit, "person")
    if start_on is None:
        raise ValidationError({"start_on": ["Chưa nhập ngày bắt đầu."]})
    _check_date(start_on, "start_on", "Ngày bắt đầu")
    _check_period(start_on, end_on, "end_on")
    item = PendingReview(person=person, kind=kind, start_on=start_on, end_on=end_on, note=_text(note), source=source)
    item.full_clean()
    item.save()
    _created(actor, "pending_review", item, person.unit)
    return item


@transaction.atomic
def pending_review_close(*, actor, review: PendingReview, end_on: dt.date, note: str = "") -> PendingReview:
    """Close an open proceeding on ``end_on``."""
    person = review.person
    require_change_scope(actor, person.unit, "person")
    if review.end_on is not None:
        raise ValidationError({"end_on": ["Việc xem xét này đã kết thúc."]})
    if end_on is None:
        raise ValidationError({"end_on": ["Chưa nhập ngày kết thúc."]})
    _check_date(end_on, "end_on", "Ngày kết thúc")
    _check_period(review.start_on, end_on, "end_on")
    before = audit.snapshot(review)
    changes = {"end_on": end_on}
    if note:
        changes["note"] = _text(f"{review.note} {note}" if review.note else note)
    for key, value in changes.items():
        setattr(review, key, value)
    review.full_clean()
    review = versioned_update(review, expected_version=None, changes=changes)
    b, a = audit.diff(before, audit.snapshot(review))
    audit.record(
        actor=actor, event_type="records.pending_review.close", target=review, unit=person.unit, before=b, after=a
    )
    return review


@transaction.atomic
def leave_add(
    *,
    actor,
    person: Person,
    kind: str,
    start_on: dt.date,
    end_on: dt.date,
    note: str = "",
    source: str = RecordSource.MANUAL,
) -> LeavePeriod:
    """Record leave that still counts as working time (maternity, treatment after duty injury) or a short course."""
    require_change_scope(actor, person.unit, "person")
    if start_on is None:
        raise ValidationError({"start_on": ["Chưa nhập ngày bắt đầu."]})
    if end_on is None:
        raise ValidationError({"end_on": ["Chưa nhập ngày kết thúc."]})
    _check_period(start_on, end_on, "end_on")
    start = service_start(person)
    if start is not None and start_on < start:
        raise ValidationError(
            {"start_on": [f"Ngày {vn.format_date(start_on, 'short')} trước khi bắt đầu phục vụ ({start.year})."]}
        )
    item = LeavePeriod(person=person, kind=kind, start_on=start_on, end_on=end_on, note=_text(note), source=source)
    item.full_clean()
    item.save()
    _created(actor, "leave", item, person.unit)
    return item


@transaction.atomic
def leave_remove(*, actor, leave: LeavePeriod) -> None:
    """Remove a leave period entered by mistake."""
    person = leave.person
    require_change_scope(actor, person.unit, "person")
    _removed(actor, "leave", leave, person.unit)
    leave.delete()
