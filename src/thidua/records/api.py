"""REST endpoints of yearly records: ratings, awards received, achievements and discipline of a person, and the
yearly results and awards of a unit.

The subject is looked up in the caller's view scope (404 outside it, so its existence is not confirmed); a write on a
visible subject the caller may not change is a 403; each write calls one service, whose ValidationError becomes a 422
with messages by field. PATCH routes need the ``version`` last read: a stale one (someone saved meanwhile) is a 409
with the current values, and so is a rating of a year that someone else saved first.
"""

from __future__ import annotations

from enum import Enum

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.core.schemas import Id
from thidua.core.scoping import in_scope
from thidua.org.models import OrgUnit, Person
from thidua.org.schemas import ConflictOut, ErrorOut

from . import selectors, services
from .models import Achievement, AwardRecord, Discipline, PersonRating, UnitRating
from .schemas import (
    AchievementIn,
    AchievementOut,
    AchievementPatchIn,
    AwardRecordIn,
    AwardRecordOut,
    AwardRecordPatchIn,
    DisciplineIn,
    DisciplineOut,
    DisciplinePatchIn,
    PersonRatingIn,
    PersonRatingOut,
    PersonRatingPatchIn,
    UnitRatingIn,
    UnitRatingOut,
    UnitRatingPatchIn,
)

router = Router(tags=["Thành tích, khen thưởng"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
EDIT_ERRORS = {**WRITE_ERRORS, 409: ConflictOut}


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


def _patch(request, service, record, payload):
    """Call an update service with the fields the PATCH sent (choices as their values) and its ``version``."""
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    data = {k: v.value if isinstance(v, Enum) else v for k, v in data.items()}
    if "award" in data:
        data["award"] = _award(data["award"])
    if "party_rating" in data:
        data["party_rating"] = data["party_rating"] or ""
    return service(actor=request.auth, record=record, expected_version=version, **data)


# --- people ----------------------------------------------------------------------------------------------------

PEOPLE = "/people/{int:person_id}"


@router.get(f"{PEOPLE}/ratings", response={200: list[PersonRatingOut], **READ_ERRORS}, summary="Đánh giá hằng năm")
def person_ratings(request, person_id: Id):
    """The person's yearly task-completion ratings, oldest first."""
    return selectors.person_ratings(_person(request, person_id))


@router.post(f"{PEOPLE}/ratings", response={201: PersonRatingOut, **EDIT_ERRORS}, summary="Ghi đánh giá năm")
def person_rating_set(request, person_id: Id, payload: PersonRatingIn):
    """Record the rating of a year; a year that has one already is a 409 (with it) unless ``version`` names it."""
    person = _person(request, person_id, write=True)
    data = payload.dict()
    data["rating"], data["expected_version"] = payload.rating.value, data.pop("version") or 0
    return Status(201, services.person_rating_set(actor=request.auth, person=person, **data))


@router.patch(
    f"{PEOPLE}/ratings/{{int:record_id}}", response={200: PersonRatingOut, **EDIT_ERRORS}, summary="Sửa đánh giá năm"
)
def person_rating_patch(request, person_id: Id, record_id: Id, payload: PersonRatingPatchIn):
    """Edit a yearly rating (refused for a year closed by a decision); a stale ``version`` is a 409."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(PersonRating, person=person, pk=record_id)
    return _patch(request, services.person_rating_update, item, payload)


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


@router.patch(
    f"{PEOPLE}/awards/{{int:record_id}}", response={200: AwardRecordOut, **EDIT_ERRORS}, summary="Sửa khen thưởng"
)
def person_award_patch(request, person_id: Id, record_id: Id, payload: AwardRecordPatchIn):
    """Edit a registered award (never one recorded from a decision); a stale ``version`` is a 409."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(AwardRecord, person=person, pk=record_id)
    return _patch(request, services.award_record_update, item, payload)


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


@router.patch(
    f"{PEOPLE}/achievements/{{int:record_id}}",
    response={200: AchievementOut, **EDIT_ERRORS},
    summary="Sửa sáng kiến, đề tài",
)
def achievement_patch(request, person_id: Id, record_id: Id, payload: AchievementPatchIn):
    """Edit an initiative or research work; a stale ``version`` is a 409."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(Achievement, person=person, pk=record_id)
    return _patch(request, services.achievement_update, item, payload)


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


@router.patch(
    f"{PEOPLE}/disciplines/{{int:record_id}}", response={200: DisciplineOut, **EDIT_ERRORS}, summary="Sửa kỷ luật"
)
def discipline_patch(request, person_id: Id, record_id: Id, payload: DisciplinePatchIn):
    """Edit a disciplinary measure; a stale ``version`` is a 409."""
    person = _person(request, person_id, write=True)
    item = get_object_or_404(Discipline, person=person, pk=record_id)
    return _patch(request, services.discipline_update, item, payload)


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


@router.post(f"{UNITS}/ratings", response={201: UnitRatingOut, **EDIT_ERRORS}, summary="Ghi kết quả tập thể")
def unit_rating_set(request, unit_id: Id, payload: UnitRatingIn):
    """Record the unit's results of a year; a year that has them already is a 409 unless ``version`` names them."""
    unit = _unit(request, unit_id, write=True)
    data = payload.dict()
    data["rating"], data["party_rating"] = payload.rating.value, _value(payload.party_rating)
    data["expected_version"] = data.pop("version") or 0
    return Status(201, services.unit_rating_set(actor=request.auth, unit=unit, **data))


@router.patch(
    f"{UNITS}/ratings/{{int:record_id}}", response={200: UnitRatingOut, **EDIT_ERRORS}, summary="Sửa kết quả năm"
)
def unit_rating_patch(request, unit_id: Id, record_id: Id, payload: UnitRatingPatchIn):
    """Edit the unit's results of a year (refused for a year closed by a decision); a stale ``version`` is a 409."""
    unit = _unit(request, unit_id, write=True)
    return _patch(request, services.unit_rating_update, get_object_or_404(UnitRating, unit=unit, pk=record_id), payload)


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


@router.patch(
    f"{UNITS}/awards/{{int:record_id}}", response={200: AwardRecordOut, **EDIT_ERRORS}, summary="Sửa khen thưởng"
)
def unit_award_patch(request, unit_id: Id, record_id: Id, payload: AwardRecordPatchIn):
    """Edit a registered award of the unit (never one recorded from a decision); a stale ``version`` is a 409."""
    unit = _unit(request, unit_id, write=True)
    item = get_object_or_404(AwardRecord, unit=unit, pk=record_id)
    return _patch(request, services.award_record_update, item, payload)


@router.delete(f"{UNITS}/awards/{{int:record_id}}", response={204: None, **WRITE_ERRORS}, summary="Xoá khen thưởng")
def unit_award_remove(request, unit_id: Id, record_id: Id):
    """Remove a registered award of the unit (never one recorded from a decision)."""
    unit = _unit(request, unit_id, write=True)
    services.award_record_remove(actor=request.auth, record=get_object_or_404(AwardRecord, unit=unit, pk=record_id))
    return Status(204, None)
