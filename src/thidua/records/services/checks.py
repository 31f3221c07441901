"""Checks and helpers shared by the record services (years, periods, closed years, audit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Min

from thidua.core import audit, vn
from thidua.core.errors import ConflictError
from thidua.core.locking import versioned_update
from thidua.org.models import OrgUnit, Person, ServicePeriod

from ..choices import RecordSource
from ..models import AwardRecord

FIRST_YEAR = 1945  # the People's Army's emulation records start with the republic


def _today() -> dt.date:
    return dt.date.today()


# --- shared checks ---------------------------------------------------------------------------------------------


def service_start(person: Person) -> dt.date | None:
    """The day the person's first period of service started (None when no period is recorded)."""
    return ServicePeriod.objects.filter(person=person).aggregate(first=Min("start_on"))["first"]


def _check_year(year: int, field: str = "year") -> None:
    if year is None:
        raise ValidationError({field: ["Chưa nhập năm."]})
    if year < FIRST_YEAR:
        raise ValidationError({field: [f"Năm {year} không hợp lệ."]})
    if year > _today().year:
        raise ValidationError({field: [f"Năm {year} chưa đến: không ghi nhận thành tích cho năm tương lai."]})


def _check_person_year(person: Person, year: int, field: str = "year") -> None:
    """The year must be neither in the future nor before the person's service started."""
    _check_year(year, field)
    start = service_start(person)
    if start is not None and year < start.year:
        raise ValidationError({field: [f"Năm {year} trước khi bắt đầu phục vụ ({start.year})."]})


def _check_unit_year(unit: OrgUnit, year: int, field: str = "year") -> None:
    """The year must be neither in the future nor before the unit was founded."""
    _check_year(year, field)
    if unit.valid_from is not None and year < unit.valid_from.year:
        raise ValidationError({field: [f"Năm {year} trước khi đơn vị được thành lập ({unit.valid_from.year})."]})


def _check_date(day: dt.date | None, field: str, label: str) -> None:
    if day is not None and day > _today():
        raise ValidationError({field: [f"{label} {vn.format_date(day, 'short')} chưa đến."]})


def _check_period(start: dt.date | None, end: dt.date | None, end_field: str, label: str = "Ngày kết thúc") -> None:
    if start and end and end < start:
        raise ValidationError(
            {
                end_field: [
                    f"{label} ({vn.format_date(end, 'short')}) trước ngày bắt đầu ({vn.format_date(start, 'short')})."
                ]
            }
        )


def decided_record(*, person: Person | None = None, unit: OrgUnit | None = None, year: int) -> AwardRecord | None:
    """The award record from an issued decision that closes the subject's ``year``, if any."""
    qs = AwardRecord.objects.filter(year=year, source=RecordSource.DECISION)
    qs = qs.filter(person=person) if person is not None else qs.filter(unit=unit)
    return qs.select_related("award").first()


def _check_open(*, person: Person | None = None, unit: OrgUnit | None = None, year: int, field: str = "year") -> None:
    """Refuse a change to a year closed by a decision."""
    decided = decided_record(person=person, unit=unit, year=year)
    if decided is not None:
        ref = f" ({decided.decision_ref})" if decided.decision_ref else ""
        raise ValidationError(
            {
                field: [
                    f"Năm {year} đã có quyết định khen thưởng «{decided.award}»{ref}: hồ sơ năm này không sửa, xoá "
                    "được; việc điều chỉnh phải bằng quyết định sửa đổi."
                ]
            }
        )


def _text(value: str | None) -> str:
    return vn.nfc(value or "").strip()


def _created(actor, name: str, item, unit: OrgUnit) -> None:
    audit.record(actor=actor, event_type=f"records.{name}.create", target=item, unit=unit, after=audit.snapshot(item))


def _removed(actor, name: str, item, unit: OrgUnit) -> None:
    audit.record(actor=actor, event_type=f"records.{name}.remove", target=item, unit=unit, before=audit.snapshot(item))


# --- edits and concurrent saves --------------------------------------------------------------------------------


class AlreadyRecorded(ConflictError):
    """The same record (a subject's rating of a year) was saved by someone else first: a conflict, with its values."""

    def __init__(self, instance, message: str):
        super().__init__(instance, audit.snapshot(instance))
        self.args = (message,)


def _merged(record: models.Model, changes: dict[str, Any], editable: tuple[str, ...]) -> dict[str, Any]:
    """The record's editable fields with ``changes`` applied (a PATCH may send only some); unknown keys refused."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise ValidationError({"__all__": [f"Không sửa được trường: {', '.join(sorted(unknown))}."]})
    values = {name: getattr(record, name) for name in editable}
    values.update(changes)
    return values


def _save_new(item: models.Model, duplicate: models.QuerySet, message: Callable[[Any], str]) -> models.Model:
    """Insert ``item``; when the database's unique constraint refuses it because ``duplicate`` was saved meanwhile
    (two people saving the same year at once), raise :class:`AlreadyRecorded` with the row saved first."""
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        current = duplicate.first()
        if current is None:
            raise
        raise AlreadyRecorded(current, message(current)) from None
    return item


def _update(
    actor, name: str, record: models.Model, unit: OrgUnit, expected_version: int | None, values: dict, verb="update"
):
    """Save checked ``values`` on ``record`` if nobody saved it since ``expected_version`` (else ConflictError with
    the current values), and audit the change as ``records.<name>.<verb>``."""
    before = audit.snapshot(record)
    for key, value in values.items():
        setattr(record, key, value)
    record.full_clean(validate_constraints=False)  # the services' own checks give the readable messages
    try:
        with transaction.atomic():
            record = versioned_update(record, expected_version=expected_version, changes=values)
    except IntegrityError:
        current = type(record)._default_manager.get(pk=record.pk)
        raise ConflictError(current, audit.snapshot(current)) from None
    b, a = audit.diff(before, audit.snapshot(record))
    audit.record(actor=actor, event_type=f"records.{name}.{verb}", target=record, unit=unit, before=b, after=a)
    return record
