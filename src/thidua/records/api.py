"""REST endpoints of yearly records: ratings, awards received, achievements and discipline of a person, and the
yearly results and awards of a unit.

The subject is looked up in the caller's view scope (404 outside it, so its existence is not confirmed); a write on a
visible subject the caller may not change is a 403; each write calls one service, whose ValidationError becomes a 422
with messages by field.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.core.schemas import Id, InputSchema, Year
from thidua.core.scoping import in_scope
from thidua.org.models import OrgUnit, Person
from thidua.org.schemas import ErrorOut

from . import selectors, services
from .choices import AchievementKind, DisciplineForm, Level, PartyRating, Rating
from .models import Achievement, AwardRecord, Discipline, PersonRating, UnitRating

router = Router(tags=["Thành tích, khen thưởng"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# --- schemas ---------------------------------------------------------------------------------------------------


class PersonRatingIn(InputSchema):
    """A person's rating for a year (replaces an earlier one for that year)."""

    year: Year
    rating: Rating
    decision_ref: str = ""


class PersonRatingOut(Schema):
    """A person's rating for a year."""

    id: int
    year: int
    rating: str
    rating_label: str
    decision_ref: str
    source: str

    @staticmethod
    def resolve_rating_label(obj) -> str:
        return obj.get_rating_display()


class UnitRatingIn(InputSchema):
    """A collective's yearly results."""

    year: Year
    rating: Rating
    party_rating: PartyRating | None = None
    comprehensive_strong: bool = False
    strength: int | None = None
    decision_ref: str = ""


class UnitRatingOut(Schema):
    """A collective's yearly results."""

    id: int
    year: int
    rating: str
    party_rating: str
    comprehensive_strong: bool
    strength: int | None
    decision_ref: str
    source: str


class AwardRecordIn(InputSchema):
    """A title or award received; ``award`` is the catalogue code (e.g. ``CSTDCS``)."""

    award: str
    year: Year
    decided_on: dt.date | None = None
    decision_ref: str = ""
    issuer: str = ""
    achievement_ref: str = ""


class AwardRecordOut(Schema):
    """A title or award received."""

    id: int
    award: str
    award_name: str
    year: int
    decided_on: dt.date | None
    decision_ref: str
    issuer: str
    achievement_ref: str
    source: str

    @staticmethod
    def resolve_award(obj) -> str:
        return obj.award.code

    @staticmethod
    def resolve_award_name(obj) -> str:
        return obj.award.name


class AchievementIn(InputSchema):
    """An initiative or research work; ``level`` is required."""

    year: Year
    kind: AchievementKind = AchievementKind.INITIATIVE
    level: Level | None = None
    title: str
    decision_ref: str = ""


class AchievementOut(Schema):
    """An initiative or research work."""

    id: int
    year: int
    kind: str
    level: str
    title: str
    decision_ref: str
    source: str


class DisciplineIn(InputSchema):
    """A disciplinary measure."""

    form: DisciplineForm
    decided_on: dt.date
    effective_to: dt.date | None = None
    decision_ref: str = ""
    reason: str = ""


class DisciplineOut(Schema):
    """A disciplinary measure."""

    id: int
    form: str
    form_label: str
    decided_on: dt.date
    effective_to: dt.date | None
    decision_ref: str
    reason: str

    @staticmethod
    def resolve_form_label(obj) -> str:
        return obj.get_form_display()


# --- helpers ---------------------------------------------------------------------------------------------------


def _person(request, person_id: Id, *, write: bool = False) -> Person:
    people = Person.objects.visible_to(request.auth, Action.VIEW).select_related("unit")
    person = get_object_or_404(people, pk=person_id)
    if write and not in_scope(request.auth, person.unit_id, Action.CHANGE):
        raise HttpError(403, "Bạn không có quyền sửa dữ liệu của đơn vị này.")
    return person


def _unit(request, unit_id: Id, *, write: bool = False) -> OrgUnit:
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.auth, Action.VIEW), pk=unit_id)
    if write and not in_scope(request.auth, unit.pk, Action.CHANGE):
        raise HttpError(403, "Bạn không có quyền sửa dữ liệu của đơn vị này.")
    return unit


def _award(code: str) -> Award:
    award = Award.objects.filter(code=code.strip().upper(), active=True).first()
    if award is None:
        raise ValidationError({"award": [f"Không có mã danh hiệu, hình thức «{code}» trong danh mục khen thưởng."]})
    return award


def _value(choice) -> str:
    return choice.value if choice is not None else ""


# --- people ----------------------------------------------------------------------------------------------------

PEOPLE = "/people/{int:person_id}"


@router.get(f"{PEOPLE}/ratings", response={200: list[PersonRatingOut], **READ_ERRORS}, summary="Đánh giá hằng năm")
def person_ratings(request, person_id: Id):
    """The person's yearly task-completion ratings, oldest first."""
    return selectors.person_ratings(_person(request, person_id))


@router.post(f"{PEOPLE}/ratings", response={201: PersonRatingOut, **WRITE_ERRORS}, summary="Ghi đánh giá năm")
def person_rating_set(request, person_id: Id, payload: PersonRatingIn):
    """Record (or replace) the rating of a year."""
    person = _person(request, person_id, write=True)
    data = payload.dict()
    data["rating"] = payload.rating.value
    return Status(201, services.person_rating_set(actor=request.auth, person=person, **data))


@router.delete(f"{PEOPLE}/ratings/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá đánh giá")
def person_rating_remove(request, person_id: Id, record_id: Id):
    """Remove one yearly rating (refused for a year closed by a decision)."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(PersonRating, person=person, pk=record_id)
    services.person_rating_remove(actor=request.auth, rating=item)
    return Status(204, None)


@router.get(f"{PEOPLE}/awards", response={200: list[AwardRecordOut], **READ_ERRORS}, summary="Khen thưởng đã nhận")
def person_awards(request, person_id: Id):
    """The titles and awards the person received, oldest first."""
    return selectors.person_awards(_person(request, person_id))


@router.post(f"{PEOPLE}/awards", response={201: AwardRecordOut, **WRITE_ERRORS}, summary="Thêm khen thưởng đã nhận")
def person_award_add(request, person_id: Id, payload: AwardRecordIn):
    """Register a title or award received (one title of a family per year)."""
    person = _person(request, person_id, write=True)
    data = payload.dict(exclude={"award"})
    return Status(
        201, services.award_record_add(actor=request.auth, person=person, award=_award(payload.award), **data)
    )


@router.delete(f"{PEOPLE}/awards/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá khen thưởng")
def person_award_remove(request, person_id: Id, record_id: Id):
    """Remove a registered award (never one recorded from a decision)."""
    person = _person(request, person_id, write=True)
    services.award_record_remove(actor=request.auth, record=get_object_or_404(AwardRecord, person=person, pk=record_id))
    return Status(204, None)


@router.get(f"{PEOPLE}/achievements", response={200: list[AchievementOut], **READ_ERRORS}, summary="Sáng kiến, đề tài")
def person_achievements(request, person_id: Id):
    """The person's initiatives and research works, oldest first."""
    return selectors.person_achievements(_person(request, person_id))


@router.post(f"{PEOPLE}/achievements", response={201: AchievementOut, **WRITE_ERRORS}, summary="Thêm sáng kiến, đề tài")
def achievement_add(request, person_id: Id, payload: AchievementIn):
    """Record an initiative or research work with its level of recognition."""
    person = _person(request, person_id, write=True)
    data = payload.dict()
    data["kind"], data["level"] = payload.kind.value, _value(payload.level)
    return Status(201, services.achievement_add(actor=request.auth, person=person, **data))


@router.delete(
    f"{PEOPLE}/achievements/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá sáng kiến, đề tài"
)
def achievement_remove(request, person_id: Id, record_id: Id):
    """Remove an initiative or research work."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(Achievement, person=person, pk=record_id)
    services.achievement_remove(actor=request.auth, achievement=item)
    return Status(204, None)


@router.get(f"{PEOPLE}/disciplines", response={200: list[DisciplineOut], **READ_ERRORS}, summary="Kỷ luật")
def person_disciplines(request, person_id: Id):
    """The person's disciplinary measures, oldest first."""
    return selectors.person_disciplines(_person(request, person_id))


@router.post(f"{PEOPLE}/disciplines", response={201: DisciplineOut, **WRITE_ERRORS}, summary="Thêm kỷ luật")
def discipline_add(request, person_id: Id, payload: DisciplineIn):
    """Record a disciplinary measure."""
    person = _person(request, person_id, write=True)
    data = payload.dict()
    data["form"] = payload.form.value
    return Status(201, services.discipline_add(actor=request.auth, person=person, **data))


@router.delete(f"{PEOPLE}/disciplines/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá kỷ luật")
def discipline_remove(request, person_id: Id, record_id: Id):
    """Remove a disciplinary measure entered by mistake."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(Discipline, person=person, pk=record_id)
    services.discipline_remove(actor=request.auth, discipline=item)
    return Status(204, None)


# --- units -----------------------------------------------------------------------------------------------------

UNITS = "/units/{int:unit_id}"


@router.get(f"{UNITS}/ratings", response={200: list[UnitRatingOut], **READ_ERRORS}, summary="Kết quả tập thể hằng năm")
def unit_ratings(request, unit_id: Id):
    """The unit's yearly results, oldest first."""
    return selectors.unit_ratings(_unit(request, unit_id))


@router.post(f"{UNITS}/ratings", response={201: UnitRatingOut, **WRITE_ERRORS}, summary="Ghi kết quả tập thể")
def unit_rating_set(request, unit_id: Id, payload: UnitRatingIn):
    """Record (or replace) the unit's results of a year."""
    unit = _unit(request, unit_id, write=True)
    data = payload.dict()
    data["rating"], data["party_rating"] = payload.rating.value, _value(payload.party_rating)
    return Status(201, services.unit_rating_set(actor=request.auth, unit=unit, **data))


@router.delete(f"{UNITS}/ratings/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá kết quả năm")
def unit_rating_remove(request, unit_id: Id, record_id: Id):
    """Remove the unit's results of a year."""
    unit = _unit(request, unit_id, write=True)
    services.unit_rating_remove(actor=request.auth, rating=get_object_or_404(UnitRating, unit=unit, pk=record_id))
    return Status(204, None)


@router.get(f"{UNITS}/awards", response={200: list[AwardRecordOut], **READ_ERRORS}, summary="Khen thưởng tập thể")
def unit_awards(request, unit_id: Id):
    """The titles and awards the unit received, oldest first."""
    return selectors.unit_awards(_unit(request, unit_id))


@router.post(f"{UNITS}/awards", response={201: AwardRecordOut, **WRITE_ERRORS}, summary="Thêm khen thưởng tập thể")
def unit_award_add(request, unit_id: Id, payload: AwardRecordIn):
    """Register a title or award the unit received."""
    unit = _unit(request, unit_id, write=True)
    data = payload.dict(exclude={"award"})
    return Status(201, services.award_record_add(actor=request.auth, unit=unit, award=_award(payload.award), **data))


@router.delete(f"{UNITS}/awards/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá khen thưởng")
def unit_award_remove(request, unit_id: Id, record_id: Id):
    """Remove a registered award of the unit (never one recorded from a decision)."""
    unit = _unit(request, unit_id, write=True)
    services.award_record_remove(actor=request.auth, record=get_object_or_404(AwardRecord, unit=unit, pk=record_id))
    return Status(204, None)
