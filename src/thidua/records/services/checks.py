"""Checks and helpers shared by the record services (years, periods, closed years, audit)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Min

from thidua.core import audit, vn
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
