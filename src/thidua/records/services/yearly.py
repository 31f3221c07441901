"""Yearly records: ratings of people and units, titles and awards received, achievements."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.catalogue.choices import AwardKind, Subject
from thidua.catalogue.models import Award
from thidua.core import vn
from thidua.core.scoping import require_change_scope
from thidua.org.models import OrgUnit, Person

from ..choices import AchievementKind, RecordSource
from ..models import Achievement, AwardRecord, PersonRating, UnitRating
from .checks import (
    AlreadyRecorded,
    _check_date,
    _check_open,
    _check_person_year,
    _check_unit_year,
    _created,
    _merged,
    _removed,
    _save_new,
    _text,
    _update,
)

# --- ratings ---------------------------------------------------------------------------------------------------

PERSON_RATING_EDITABLE = ("year", "rating", "decision_ref")
UNIT_RATING_EDITABLE = ("year", "rating", "party_rating", "comprehensive_strong", "strength", "decision_ref")


def _year_has(label: str, current) -> str:
    """The conflict message when the user records a year that already has a rating."""
    return (
        f"Năm {current.year} đã có {label} «{current.get_rating_display()}» (hiển thị bên dưới). Lưu lại để thay bằng "
        f"{label} bạn vừa nhập, hoặc huỷ để giữ nguyên."
    )


def _rating_taken(label: str, year: int):
    """The conflict message when another save took the year first."""
    return lambda current: f"{label} năm {year} vừa được người khác ghi «{current.get_rating_display()}» trước bạn."


@transaction.atomic
def person_rating_set(
    *,
    actor,
    person: Person,
    year: int,
    rating: str,
    decision_ref: str = "",
    source: str = RecordSource.MANUAL,
    expected_version: int | None = None,
) -> PersonRating:
    """Record (or change) a person's task-completion rating for a year.

    ``expected_version`` guards against a silent overwrite: ``None`` replaces whatever the year holds (the importer
    and commands), ``0`` means the user saw no rating for the year (one saved meanwhile is a conflict), a number is
    the version of the rating the user saw. Two first ratings of one year saved at once: the second is a conflict.
    """
    require_change_scope(actor, person.unit, "person")
    _check_person_year(person, year)
    current = PersonRating.objects.filter(person=person, year=year).first()
    if current is not None and expected_version == 0:
        raise AlreadyRecorded(current, _year_has("đánh giá", current))
    if current is not None:
        return person_rating_update(
            actor=actor,
            record=current,
            expected_version=current.version if expected_version is None else expected_version,
            rating=rating,
            decision_ref=decision_ref,
        )
    item = PersonRating(person=person, year=year, rating=rating, decision_ref=_text(decision_ref), source=source)
    item.full_clean(validate_constraints=False)
    duplicate = PersonRating.objects.filter(person=person, year=year)
    _save_new(item, duplicate, _rating_taken("Đánh giá", year))
    _created(actor, "person_rating", item, person.unit)
    return item


@transaction.atomic
def person_rating_update(*, actor, record: PersonRating, expected_version: int | None, **changes) -> PersonRating:
    """Edit a person's rating of a year (year, rating, basis); refused for a year closed by a decision, and a
    conflict when someone saved the rating since ``expected_version``."""
    person = record.person
    require_change_scope(actor, person.unit, "person")
    values = _merged(record, changes, PERSON_RATING_EDITABLE)
    _check_open(person=person, year=record.year)
    if values["year"] != record.year:
        _check_person_year(person, values["year"])
        _check_open(person=person, year=values["year"])
        if PersonRating.objects.filter(person=person, year=values["year"]).exists():
            raise ValidationError({"year": [f"Năm {values['year']} đã có đánh giá; hãy sửa đánh giá của năm đó."]})
    values["decision_ref"] = _text(values["decision_ref"])
    return _update(actor, "person_rating", record, person.unit, expected_version, values)


@transaction.atomic
def person_rating_remove(*, actor, rating: PersonRating) -> None:
    """Remove a person's rating for a year (refused when the year is closed by a decision)."""
    person = rating.person
    require_change_scope(actor, person.unit, "person")
    _check_open(person=person, year=rating.year)
    _removed(actor, "person_rating", rating, person.unit)
    rating.delete()


def _unit_rating_values(unit: OrgUnit, values: dict) -> dict:
    """Checked and normalised fields of a collective's yearly results."""
    _check_unit_year(unit, values["year"])
    if values["strength"] is not None and values["strength"] < 0:
        raise ValidationError({"strength": ["Quân số không được âm."]})
    return {
        **values,
        "party_rating": values["party_rating"] or "",
        "comprehensive_strong": bool(values["comprehensive_strong"]),
        "decision_ref": _text(values["decision_ref"]),
    }


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
    expected_version: int | None = None,
) -> UnitRating:
    """Record (or change) a collective's yearly results: task rating, party rating, "vững mạnh toàn diện", strength.

    ``expected_version`` as for :func:`person_rating_set`."""
    require_change_scope(actor, unit, "unit")
    fields = {
        "year": year,
        "rating": rating,
        "party_rating": party_rating,
        "comprehensive_strong": comprehensive_strong,
        "strength": strength,
        "decision_ref": decision_ref,
    }
    fields = _unit_rating_values(unit, fields)
    current = UnitRating.objects.filter(unit=unit, year=year).first()
    if current is not None and expected_version == 0:
        raise AlreadyRecorded(current, _year_has("kết quả", current))
    if current is not None:
        fields.pop("year")
        version = current.version if expected_version is None else expected_version
        return unit_rating_update(actor=actor, record=current, expected_version=version, **fields)
    item = UnitRating(unit=unit, source=source, **fields)
    item.full_clean(validate_constraints=False)
    duplicate = UnitRating.objects.filter(unit=unit, year=year)
    _save_new(item, duplicate, _rating_taken("Kết quả", year))
    _created(actor, "unit_rating", item, unit)
    return item


@transaction.atomic
def unit_rating_update(*, actor, record: UnitRating, expected_version: int | None, **changes) -> UnitRating:
    """Edit a collective's results of a year; refused for a year closed by a decision, a conflict when someone saved
    them since ``expected_version``."""
    unit = record.unit
    require_change_scope(actor, unit, "unit")
    values = _unit_rating_values(unit, _merged(record, changes, UNIT_RATING_EDITABLE))
    _check_open(unit=unit, year=record.year)
    if values["year"] != record.year:
        _check_open(unit=unit, year=values["year"])
        if UnitRating.objects.filter(unit=unit, year=values["year"]).exists():
            raise ValidationError({"year": [f"Năm {values['year']} đã có kết quả; hãy sửa kết quả của năm đó."]})
    return _update(actor, "unit_rating", record, unit, expected_version, values)


@transaction.atomic
def unit_rating_remove(*, actor, rating: UnitRating) -> None:
    """Remove a collective's rating for a year (refused when the year is closed by a decision)."""
    require_change_scope(actor, rating.unit, "unit")
    _check_open(unit=rating.unit, year=rating.year)
    _removed(actor, "unit_rating", rating, rating.unit)
    rating.delete()


# --- awards received -------------------------------------------------------------------------------------------

AWARD_RECORD_EDITABLE = ("award", "year", "decided_on", "decision_ref", "issuer", "achievement_ref")
FROM_DECISION = "Khen thưởng này được ghi từ quyết định: chỉ thu hồi, sửa đổi được bằng quyết định mới."


def _check_award(award: Award, year: int, decided_on, person: Person | None, unit: OrgUnit | None, exclude=None):
    """The award fits the subject, the year its service, the decision date the year; one title of a family a year."""
    if award is None:
        raise ValidationError({"award": ["Chưa chọn danh hiệu, hình thức khen thưởng."]})
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
        existing = same.exclude(pk=exclude).first() if exclude else same.first()
        if existing is not None:
            kind = "danh hiệu " if existing.award.kind == AwardKind.TITLE else ""
            raise ValidationError({"award": [f"Năm {year} đã có {kind}{existing.award}."]})


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
    owner_unit = person.unit if person is not None else unit
    require_change_scope(actor, owner_unit, "person" if person is not None else "unit")
    _check_award(award, year, decided_on, person, unit)
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
def award_record_update(*, actor, record: AwardRecord, expected_version: int | None, **changes) -> AwardRecord:
    """Edit a registered title or award (award, year, decision); never one that came from a decision, nor in a
    year closed by one; a conflict when someone saved it since ``expected_version``."""
    person = record.person if record.person_id else None
    owner_unit = person.unit if person is not None else record.unit
    require_change_scope(actor, owner_unit, "person" if person is not None else "unit")
    if record.source == RecordSource.DECISION:
        raise ValidationError({"__all__": [FROM_DECISION]})
    values = _merged(record, changes, AWARD_RECORD_EDITABLE)
    subject = {"person": person} if person is not None else {"unit": record.unit}
    _check_open(**subject, year=record.year)
    _check_award(values["award"], values["year"], values["decided_on"], person, record.unit, exclude=record.pk)
    if values["year"] != record.year:
        _check_open(**subject, year=values["year"])
    for key in ("decision_ref", "issuer", "achievement_ref"):
        values[key] = _text(values[key])
    values["family"] = values["award"].family
    return _update(actor, "award_record", record, owner_unit, expected_version, values)


@transaction.atomic
def award_record_remove(*, actor, record: AwardRecord) -> None:
    """Remove a registered award entered by hand or imported; one that came from a decision is never removed here."""
    owner_unit = record.person.unit if record.person_id else record.unit
    require_change_scope(actor, owner_unit, "person" if record.person_id else "unit")
    if record.source == RecordSource.DECISION:
        raise ValidationError({"__all__": [FROM_DECISION]})
    if record.person_id:
        _check_open(person=record.person, year=record.year)
    else:
        _check_open(unit=record.unit, year=record.year)
    _removed(actor, "award_record", record, owner_unit)
    record.delete()


# --- achievements ----------------------------------------------------------------------------------------------

ACHIEVEMENT_EDITABLE = ("year", "kind", "level", "title", "decision_ref")


def _achievement_values(person: Person, values: dict) -> dict:
    """Checked fields of an achievement: a year of the person's service, a title, a level of recognition."""
    _check_person_year(person, values["year"])
    title = _text(values["title"])
    if not title:
        raise ValidationError({"title": ["Chưa nhập tên sáng kiến, đề tài."]})
    if not values["level"]:
        label = dict(AchievementKind.choices).get(values["kind"], "Sáng kiến, đề tài")
        raise ValidationError({"level": [f"{label} «{title}» chưa có cấp công nhận (cơ sở, toàn quân, toàn quốc)."]})
    return {**values, "title": title, "decision_ref": _text(values["decision_ref"])}


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
    values = {"year": year, "kind": kind, "level": level, "title": title, "decision_ref": decision_ref}
    item = Achievement(person=person, source=source, **_achievement_values(person, values))
    item.full_clean()
    item.save()
    _created(actor, "achievement", item, person.unit)
    return item


@transaction.atomic
def achievement_update(*, actor, record: Achievement, expected_version: int | None, **changes) -> Achievement:
    """Edit an initiative or research work; refused in a year closed by a decision, a conflict when someone saved
    it since ``expected_version``."""
    person = record.person
    require_change_scope(actor, person.unit, "person")
    _check_open(person=person, year=record.year)
    values = _achievement_values(person, _merged(record, changes, ACHIEVEMENT_EDITABLE))
    if values["year"] != record.year:
        _check_open(person=person, year=values["year"])
    return _update(actor, "achievement", record, person.unit, expected_version, values)


@transaction.atomic
def achievement_remove(*, actor, achievement: Achievement) -> None:
    """Remove an achievement (refused when its year is closed by a decision)."""
    person = achievement.person
    require_change_scope(actor, person.unit, "person")
    _check_open(person=person, year=achievement.year)
    _removed(actor, "achievement", achievement, person.unit)
    achievement.delete()
