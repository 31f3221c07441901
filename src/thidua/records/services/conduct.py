"""Discipline, proceedings that block commendation, and leave that counts as working time."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core import vn
from thidua.core.scoping import require_change_scope
from thidua.org.models import Person

from ..choices import RecordSource
from ..models import Discipline, LeavePeriod, PendingReview
from .checks import (
    _check_date,
    _check_period,
    _created,
    _merged,
    _removed,
    _text,
    _update,
    service_start,
)

DISCIPLINE_EDITABLE = ("form", "decided_on", "effective_to", "decision_ref", "reason")
REVIEW_EDITABLE = ("kind", "start_on", "end_on", "note")
LEAVE_EDITABLE = ("kind", "start_on", "end_on", "note")
FROM_DECISION = "Bản ghi này được ghi từ quyết định: chỉ sửa đổi được bằng quyết định mới."


def _editable(record) -> None:
    """Records written from a decision are corrected by a new decision, never edited in place."""
    if record.source == RecordSource.DECISION:
        raise ValidationError({"__all__": [FROM_DECISION]})


# --- discipline, reviews, leave --------------------------------------------------------------------------------


def _discipline_values(values: dict) -> dict:
    """Checked fields of a discipline: a decision day not in the future, an end not before it."""
    if values["decided_on"] is None:
        raise ValidationError({"decided_on": ["Chưa nhập ngày quyết định kỷ luật."]})
    _check_date(values["decided_on"], "decided_on", "Ngày quyết định")
    _check_period(values["decided_on"], values["effective_to"], "effective_to", "Ngày hết hiệu lực")
    return {**values, "decision_ref": _text(values["decision_ref"]), "reason": _text(values["reason"])}


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
    values = {"form": form, "decided_on": decided_on, "effective_to": effective_to}
    values = _discipline_values({**values, "decision_ref": decision_ref, "reason": reason})
    item = Discipline(person=person, source=source, **values)
    item.full_clean()
    item.save()
    _created(actor, "discipline", item, person.unit)
    return item


@transaction.atomic
def discipline_update(*, actor, record: Discipline, expected_version: int | None, **changes) -> Discipline:
    """Edit a disciplinary measure (form, dates, decision, reason); a conflict when someone saved it since
    ``expected_version``."""
    person = record.person
    require_change_scope(actor, person.unit, "person")
    _editable(record)
    values = _discipline_values(_merged(record, changes, DISCIPLINE_EDITABLE))
    return _update(actor, "discipline", record, person.unit, expected_version, values)


@transaction.atomic
def discipline_remove(*, actor, discipline: Discipline) -> None:
    """Remove a discipline entered by mistake."""
    person = discipline.person
    require_change_scope(actor, person.unit, "person")
    _removed(actor, "discipline", discipline, person.unit)
    discipline.delete()


def _review_values(values: dict) -> dict:
    """Checked fields of a proceeding: a start not in the future, an end not before it."""
    if values["start_on"] is None:
        raise ValidationError({"start_on": ["Chưa nhập ngày bắt đầu."]})
    _check_date(values["start_on"], "start_on", "Ngày bắt đầu")
    _check_period(values["start_on"], values["end_on"], "end_on")
    return {**values, "note": _text(values["note"])}


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
    values = _review_values({"kind": kind, "start_on": start_on, "end_on": end_on, "note": note})
    item = PendingReview(person=person, source=source, **values)
    item.full_clean()
    item.save()
    _created(actor, "pending_review", item, person.unit)
    return item


@transaction.atomic
def pending_review_close(
    *, actor, review: PendingReview, end_on: dt.date, note: str = "", expected_version: int | None = None
) -> PendingReview:
    """Close an open proceeding on ``end_on`` (a conflict when someone saved it since ``expected_version``)."""
    person = review.person
    require_change_scope(actor, person.unit, "person")
    if review.end_on is not None:
        raise ValidationError({"end_on": ["Việc xem xét này đã kết thúc."]})
    if end_on is None:
        raise ValidationError({"end_on": ["Chưa nhập ngày kết thúc."]})
    _check_date(end_on, "end_on", "Ngày kết thúc")
    _check_period(review.start_on, end_on, "end_on")
    changes = {"end_on": end_on}
    if note:
        changes["note"] = _text(f"{review.note} {note}" if review.note else note)
    return _update(actor, "pending_review", review, person.unit, expected_version, changes, verb="close")


@transaction.atomic
def pending_review_update(*, actor, record: PendingReview, expected_version: int | None, **changes) -> PendingReview:
    """Edit a proceeding (kind, dates, note); a conflict when someone saved it since ``expected_version``."""
    person = record.person
    require_change_scope(actor, person.unit, "person")
    _editable(record)
    values = _review_values(_merged(record, changes, REVIEW_EDITABLE))
    return _update(actor, "pending_review", record, person.unit, expected_version, values)


def _leave_values(person: Person, values: dict) -> dict:
    """Checked fields of a leave period: both days, in order, within the person's service."""
    start_on, end_on = values["start_on"], values["end_on"]
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
    return {**values, "note": _text(values["note"])}


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
    values = _leave_values(person, {"kind": kind, "start_on": start_on, "end_on": end_on, "note": note})
    item = LeavePeriod(person=person, source=source, **values)
    item.full_clean()
    item.save()
    _created(actor, "leave", item, person.unit)
    return item


@transaction.atomic
def leave_update(*, actor, record: LeavePeriod, expected_version: int | None, **changes) -> LeavePeriod:
    """Edit a leave period (kind, days, note); a conflict when someone saved it since ``expected_version``."""
    person = record.person
    require_change_scope(actor, person.unit, "person")
    _editable(record)
    values = _leave_values(person, _merged(record, changes, LEAVE_EDITABLE))
    return _update(actor, "leave", record, person.unit, expected_version, values)


@transaction.atomic
def leave_remove(*, actor, leave: LeavePeriod) -> None:
    """Remove a leave period entered by mistake."""
    person = leave.person
    require_change_scope(actor, person.unit, "person")
    _removed(actor, "leave", leave, person.unit)
    leave.delete()
