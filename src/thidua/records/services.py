"""Writes on yearly records: ratings, titles and awards received, achievements, discipline, reviews and leave.

Every function is keyword-only, atomic, validates fully and writes one audit event. ``actor`` is the user acting (None
for system commands such as ``thidua demo`` and the importer's own checks, which skip scope checks). Errors are
:class:`django.core.exceptions.ValidationError` keyed by field, with Vietnamese messages that name the value at fault;
nothing is saved when one is raised.

A year whose award record came from a decision (``source = quyet_dinh``) is closed: its records are the basis of an
issued decision and are corrected by a new decision, never edited in place (DESIGN.md §4.5).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min

from thidua.awards.choices import AwardKind, Subject
from thidua.awards.models import Award
from thidua.core import audit, vn
from thidua.core.locking import versioned_update
from thidua.org.models import OrgUnit, Person, ServicePeriod
from thidua.org.services import _require_scope

from .choices import AchievementKind, RecordSource
from .models import (
    Achievement,
    AwardRecord,
    Discipline,
    LeavePeriod,
    PendingReview,
    PersonRating,
    UnitRating,
)

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


# --- ratings ---------------------------------------------------------------------------------------------------


@transaction.atomic
def person_rating_set(
    *, actor, person: Person, year: int, rating: str, decision_ref: str = "", source: str = RecordSource.MANUAL
) -> PersonRating:
    """Record (or change) a person's task-completion rating for a year."""
    _require_scope(actor, person.unit, "person")
    _check_person_year(person, year)
    current = PersonRating.objects.filter(person=person, year=year).first()
    if current is not None:
        _check_open(person=person, year=year)
        before = audit.snapshot(current)
        current.rating, current.decision_ref = rating, _text(decision_ref)
        current.full_clean()
        current = versioned_update(
            current, expected_version=None, changes={"rating": current.rating, "decision_ref": current.decision_ref}
        )
        b, a = audit.diff(before, audit.snapshot(current))
        audit.record(
            actor=actor, event_type="records.person_rating.update", target=current, unit=person.unit, before=b, after=a
        )
        return current
    item = PersonRating(person=person, year=year, rating=rating, decision_ref=_text(decision_ref), source=source)
    item.full_clean()
    item.save()
    _created(actor, "person_rating", item, person.unit)
    return item


@transaction.atomic
def person_rating_remove(*, actor, rating: PersonRating) -> None:
    """Remove a person's rating for a year (refused when the year is closed by a decision)."""
    person = rating.person
    _require_scope(actor, person.unit, "person")
    _check_open(person=person, year=rating.year)
    _removed(actor, "person_rating", rating, person.unit)
    rating.delete()


@transaction.atomic
def unit_rating_set(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    rating: str,
    party_rating: str = "",
    comprehensive_strong: bool = False,
    strength: int | None = None,
    decision_ref: str = "",
    source: str = RecordSource.MANUAL,
) -> UnitRating:
    """Record (or change) a collective's yearly results: task rating, party rating, "vững mạnh toàn diện", strength."""
    _require_scope(actor, unit, "unit")
    _check_unit_year(unit, year)
    if strength is not None and strength < 0:
        raise ValidationError({"strength": ["Quân số không được âm."]})
    fields = {
        "rating": rating,
        "party_rating": party_rating or "",
        "comprehensive_strong": bool(comprehensive_strong),
        "strength": strength,
        "decision_ref": _text(decision_ref),
    }
    current = UnitRating.objects.filter(unit=unit, year=year).first()
    if current is not None:
        _check_open(unit=unit, year=year)
        before = audit.snapshot(current)
        for key, value in fields.items():
            setattr(current, key, value)
        current.full_clean()
        current = versioned_update(current, expected_version=None, changes=fields)
        b, a = audit.diff(before, audit.snapshot(current))
        audit.record(actor=actor, event_type="records.unit_rating.update", target=current, unit=unit, before=b, after=a)
        return current
    item = UnitRating(unit=unit, year=year, source=source, **fields)
    item.full_clean()
    item.save()
    _created(actor, "unit_rating", item, unit)
    return item


@transaction.atomic
def unit_rating_remove(*, actor, rating: UnitRating) -> None:
    """Remove a collective's rating for a year (refused when the year is closed by a decision)."""
    _require_scope(actor, rating.unit, "unit")
    _check_open(unit=rating.unit, year=rating.year)
    _removed(actor, "unit_rating", rating, rating.unit)
    rating.delete()


# --- awards received -------------------------------------------------------------------------------------------


@transaction.atomic
def award_record_add(
    *,
    actor,
    award: Award,
    year: int,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    decided_on: dt.date | None = None,
    decision_ref: str = "",
    issuer: str = "",
    achievement_ref: str = "",
    source: str = RecordSource.MANUAL,
) -> AwardRecord:
    """Register a title or award received by a person or a collective (past years, or fed by a decision).

    Refused: both or neither subject; a collective title for a person or an individual one for a unit; a year
    outside the subject's service or existence; a second title of the same family in one year.
    """
    if (person is None) == (unit is None):
        raise ValidationError({"__all__": ["Khen thưởng phải thuộc đúng một đối tượng: một cá nhân hoặc một tập thể."]})
    if award is None:
        raise ValidationError({"award": ["Chưa chọn danh hiệu, hình thức khen thưởng."]})
    owner_unit = person.unit if person is not None else unit
    _require_scope(actor, owner_unit, "person" if person is not None else "unit")
    if person is not None and award.subject == Subject.UNIT:
        raise ValidationError({"award": [f"«{award}» là danh hiệu, hình thức dành cho tập thể, không tặng cá nhân."]})
    if unit is not None and award.subject == Subject.PERSON:
        raise ValidationError({"award": [f"«{award}» là danh hiệu, hình thức dành cho cá nhân, không tặng tập thể."]})
    if person is not None:
        _check_person_year(person, year)
    else:
        _check_unit_year(unit, year)
    _check_date(decided_on, "decided_on", "Ngày quyết định")
    if decided_on is not None and decided_on.year < year:
        raise ValidationError(
            {"decided_on": [f"Ngày quyết định {vn.format_date(decided_on, 'short')} trước năm thành tích {year}."]}
        )
    if award.family:
        same = AwardRecord.objects.filter(year=year, family=award.family).select_related("award")
        same = same.filter(person=person) if person is not None else same.filter(unit=unit)
        existing = same.first()
        if existing is not None:
            kind = "danh hiệu " if existing.award.kind == AwardKind.TITLE else ""
            raise ValidationError({"award": [f"Năm {year} đã có {kind}{existing.award}."]})
    item = AwardRecord(
        award=award,
        person=person,
        unit=unit,
        year=year,
        family=award.family,
        decided_on=decided_on,
        decision_ref=_text(decision_ref),
        issuer=_text(issuer),
        achievement_ref=_text(achievement_ref),
        source=source,
    )
    item.full_clean(validate_constraints=False)  # the family check above gives the readable message
    item.save()
    _created(actor, "award_record", item, owner_unit)
    return item


@transaction.atomic
def award_record_remove(*, actor, record: AwardRecord) -> None:
    """Remove a registered award entered by hand or imported; one that came from a decision is never removed here."""
    owner_unit = record.person.unit if record.person_id else record.unit
    _require_scope(actor, owner_unit, "person" if record.person_id else "unit")
    if record.source == RecordSource.DECISION:
        raise ValidationError(
            {"__all__": ["Khen thưởng này được ghi từ quyết định: chỉ thu hồi, sửa đổi được bằng quyết định mới."]}
        )
    if record.person_id:
        _check_open(person=record.person, year=record.year)
    else:
        _check_open(unit=record.unit, year=record.year)
    _removed(actor, "award_record", record, owner_unit)
    record.delete()


# --- achievements ----------------------------------------------------------------------------------------------


@transaction.atomic
def achievement_add(
    *,
    actor,
    person: Person,
    year: int,
    kind: str,
    level: str,
    title: str,
    decision_ref: str = "",
    source: str = RecordSource.MANUAL,
) -> Achievement:
    """Record an initiative, research work or combat creativity with the level that recognised it."""
    _require_scope(actor, person.unit, "person")
    _check_person_year(person, year)
    title = _text(title)
    if not title:
        raise ValidationError({"title": ["Chưa nhập tên sáng kiến, đề tài."]})
    if not level:
        label = dict(AchievementKind.choices).get(kind, "Sáng kiến, đề tài")
        raise ValidationError({"level": [f"{label} «{title}» chưa có cấp công nhận (cơ sở, toàn quân, toàn quốc)."]})
    item = Achievement(
        person=person, year=year, kind=kind, level=level, title=title, decision_ref=_text(decision_ref), source=source
    )
    item.full_clean()
    item.save()
    _created(actor, "achievement", item, person.unit)
    return item


@transaction.atomic
def achievement_remove(*, actor, achievement: Achievement) -> None:
    """Remove an achievement (refused when its year is closed by a decision)."""
    person = achievement.person
    _require_scope(actor, person.unit, "person")
    _check_open(person=person, year=achievement.year)
    _removed(actor, "achievement", achievement, person.unit)
    achievement.delete()


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
    _require_scope(actor, person.unit, "person")
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
    _require_scope(actor, person.unit, "person")
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
    _require_scope(actor, person.unit, "person")
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
    _require_scope(actor, person.unit, "person")
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
    _require_scope(actor, person.unit, "person")
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
    _require_scope(actor, person.unit, "person")
    _removed(actor, "leave", leave, person.unit)
    leave.delete()
