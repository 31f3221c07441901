"""Yearly records: ratings of people and units, titles and awards received, achievements."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.catalogue.choices import AwardKind, Subject
from thidua.catalogue.models import Award
from thidua.core import audit, vn
from thidua.core.locking import versioned_update
from thidua.core.scoping import require_change_scope
from thidua.org.models import OrgUnit, Person

from ..choices import AchievementKind, RecordSource
from ..models import Achievement, AwardRecord, PersonRating, UnitRating
from .checks import (
    _check_date,
    _check_open,
    _check_person_year,
    _check_unit_year,
    _created,
    _removed,
    _text,
)

# --- ratings ---------------------------------------------------------------------------------------------------


@transaction.atomic
def person_rating_set(
    *, actor, person: Person, year: int, rating: str, decision_ref: str = "", source: str = RecordSource.MANUAL
) -> PersonRating:
    """Record (or change) a person's task-completion rating for a year."""
    require_change_scope(actor, person.unit, "person")
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
    require_change_scope(actor, person.unit, "person")
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
    require_change_scope(actor, unit, "unit")
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
    require_change_scope(actor, rating.unit, "unit")
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
    require_change_scope(actor, owner_unit, "person" if person is not None else "unit")
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
    require_change_scope(actor, owner_unit, "person" if record.person_id else "unit")
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
    require_change_scope(actor, person.unit, "person")
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
    require_change_scope(actor, person.unit, "person")
    _check_open(person=person, year=achievement.year)
    _removed(actor, "achievement", achievement, person.unit)
    achievement.delete()
