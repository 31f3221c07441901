"""REST endpoints of movements, registrations, pacts (giao ước) and the emulation calendar.

Objects are looked up in the caller's view scope (404 outside it); a write on a visible object the caller may not
change is a 403; each write calls one service, whose ValidationError becomes a 422 with messages by field.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from thidua.awards.models import Award
from thidua.core.choices import Action
from thidua.org.models import EmulationGroup, OrgUnit, Person
from thidua.org.schemas import ErrorOut

from . import policies_movements as policies
from . import selectors_movements as selectors
from .choices import MovementKind
from .models import Movement
from .services import movements as services

router = Router(tags=["Phong trào, đăng ký thi đua"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
NO_RIGHT = "Bạn không có quyền thực hiện thao tác này."


# --- schemas ---------------------------------------------------------------------------------------------------


class MovementIn(Schema):
    """A new movement (a draft until launched)."""

    authority: int
    name: str
    kind: MovementKind = MovementKind.REGULAR
    theme: str = ""
    slogan: str = ""
    start_on: dt.date
    end_on: dt.date | None = None
    include_descendants: bool = True
    description: str = ""


class MovementOut(Schema):
    """A movement."""

    id: int
    name: str
    kind: str
    theme: str
    slogan: str
    authority: int
    authority_name: str
    start_on: dt.date
    end_on: dt.date | None
    registration_due_on: dt.date
    status: str
    status_label: str
    description: str

    @staticmethod
    def resolve_authority(obj) -> int:
        return obj.authority_id

    @staticmethod
    def resolve_authority_name(obj) -> str:
        return obj.authority.name

    @staticmethod
    def resolve_registration_due_on(obj) -> dt.date:
        return services.registration_due_on(obj)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class ItemIn(Schema):
    """A title to register (award code) with its targets."""

    award: str
    targets: str = ""


class RegistrationIn(Schema):
    """A registration of a unit (collective) or a person for a year."""

    year: int
    unit: int | None = None
    person: int | None = None
    movement: int | None = None
    commitments: str = ""
    items: list[ItemIn]


class ItemOut(Schema):
    """A registered title."""

    award: str
    award_name: str
    targets: str


class RegistrationOut(Schema):
    """A registration with its titles and status."""

    id: int
    year: int
    unit: int
    unit_name: str
    person: int | None
    person_name: str
    movement: int | None
    status: str
    status_label: str
    commitments: str
    return_reason: str
    items: list[ItemOut]

    @staticmethod
    def resolve_unit(obj) -> int:
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_person(obj) -> int | None:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.full_name if obj.person_id else ""

    @staticmethod
    def resolve_movement(obj) -> int | None:
        return obj.movement_id

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_items(obj) -> list[dict]:
        return [{"award": i.award.code, "award_name": i.award.name, "targets": i.targets} for i in obj.items.all()]


class ReturnIn(Schema):
    """The reason a registration is returned (mandatory)."""

    reason: str = ""


class CalendarEntryOut(Schema):
    """One dated item of a unit's emulation year."""

    on: dt.date
    kind: str
    title: str
    detail: str
    status: str
    status_label: str


class RegistrationFilter(Schema):
    """Filters of the registration list."""

    year: int | None = None
    status: str = ""


class PactFilter(Schema):
    """Filters of the pact list."""

    year: int | None = None
    group: int | None = None


class PactIn(Schema):
    """A block's pact for a year."""

    group: int
    year: int
    content: str = ""


class PactSignIn(Schema):
    """A member unit signs (on ``signed_on``, today by default; ``signer`` is one of its people)."""

    unit: int
    signed_on: dt.date | None = None
    signer: int | None = None


class PactOut(Schema):
    """A pact in a list."""

    id: int
    group: int
    group_name: str
    year: int
    content: str
    signed_on: dt.date | None
    locked: bool

    @staticmethod
    def resolve_group(obj) -> int:
        return obj.group_id

    @staticmethod
    def resolve_group_name(obj) -> str:
        return obj.group.name

    @staticmethod
    def resolve_locked(obj) -> bool:
        return obj.signed_on is not None


class SignatureOut(Schema):
    """A member unit's signature."""

    unit: int
    unit_name: str
    signer_name: str
    signed_on: dt.date


class PactDetailOut(PactOut):
    """A pact with its signatures."""

    signatures: list[SignatureOut]

    @staticmethod
    def resolve_signatures(obj) -> list[dict]:
        return [
            {
                "unit": s.unit_id,
                "unit_name": s.unit.name,
                "signer_name": s.signer.full_name if s.signer_id else "",
                "signed_on": s.signed_on,
            }
            for s in sorted(obj.signatures.all(), key=lambda s: (s.signed_on, s.pk))
        ]


class CalendarFilter(Schema):
    """Which unit and year."""

    unit: int
    year: int


# --- helpers ---------------------------------------------------------------------------------------------------


def _movement(request, movement_id: int) -> Movement:
    return selectors.movement_detail(request.auth, movement_id)


def _unit_for_write(user, pk: int | None, field: str) -> OrgUnit | None:
    if pk is None:
        return None
    unit = OrgUnit.objects.visible_to(user, Action.CHANGE).filter(pk=pk).first()
    if unit is None:
        raise ValidationError({field: [f"Đơn vị #{pk} nằm ngoài phạm vi quản lý của bạn."]})
    return unit


# --- movements -------------------------------------------------------------------------------------------------


@router.get("/movements", response={200: list[MovementOut], 401: ErrorOut}, summary="Danh sách phong trào thi đua")
def movement_list(request):
    """Movements launched by or pushed to the caller's units."""
    return list(selectors.movements_list(request.auth))


@router.post("/movements", response={201: MovementOut, **WRITE_ERRORS}, summary="Thêm phong trào thi đua")
def movement_create(request, payload: MovementIn):
    """Draft a movement of ``authority`` (a unit in the caller's change scope)."""
    authority = _unit_for_write(request.auth, payload.authority, "authority")
    movement = services.movement_create(actor=request.auth, authority=authority, **payload.dict(exclude={"authority"}))
    return 201, movement


@router.get("/movements/{int:movement_id}", response={200: MovementOut, **READ_ERRORS}, summary="Chi tiết phong trào")
def movement_get(request, movement_id: int):
    """One movement."""
    return _movement(request, movement_id)


@router.post(
    "/movements/{int:movement_id}/launch", response={200: MovementOut, **WRITE_ERRORS}, summary="Phát động phong trào"
)
def movement_launch(request, movement_id: int):
    """Launch a draft movement: it is pushed to every unit in its scope."""
    movement = _movement(request, movement_id)
    if not policies.can_change_movement(request.auth, movement):
        raise HttpError(403, NO_RIGHT)
    return services.movement_launch(actor=request.auth, movement=movement)


# --- registrations ---------------------------------------------------------------------------------------------


@router.get("/registrations", response={200: list[RegistrationOut], 401: ErrorOut}, summary="Danh sách đăng ký thi đua")
def registration_list(request, filters: Query[RegistrationFilter]):
    """Registrations the caller sees, optionally of one year and status."""
    return list(selectors.registrations_list(request.auth, year=filters.year, status=filters.status))


@router.post("/registrations", response={201: RegistrationOut, **WRITE_ERRORS}, summary="Đăng ký thi đua")
def registration_create(request, payload: RegistrationIn):
    """Register a unit (``unit``) or a person (``person``) for a year; items name titles by award code."""
    unit = _unit_for_write(request.auth, payload.unit, "unit")
    person = None
    if payload.person is not None:
        person = Person.objects.visible_to(request.auth, Action.CHANGE).filter(pk=payload.person).first()
        if person is None:
            raise ValidationError({"person": [f"Cán bộ #{payload.person} nằm ngoài phạm vi quản lý của bạn."]})
    movement = None
    if payload.movement is not None:
        movement = Movement.objects.visible_to(request.auth, Action.VIEW).filter(pk=payload.movement).first()
        if movement is None:
            raise ValidationError({"movement": [f"Không tìm thấy phong trào #{payload.movement}."]})
    awards = {a.code: a for a in Award.objects.filter(code__in=[i.award for i in payload.items])}
    unknown = [i.award for i in payload.items if i.award not in awards]
    if unknown:
        raise ValidationError({"awards": [f"Không có danh hiệu mã {', '.join(unknown)}."]})
    registration = services.registration_create(
        actor=request.auth,
        year=payload.year,
        unit=unit,
        person=person,
        movement=movement,
        commitments=payload.commitments,
        items=[{"award": awards[i.award], "targets": i.targets} for i in payload.items],
    )
    return 201, selectors.registration_detail(request.auth, registration.pk)


@router.get(
    "/registrations/{int:registration_id}",
    response={200: RegistrationOut, **READ_ERRORS},
    summary="Chi tiết đăng ký thi đua",
)
def registration_get(request, registration_id: int):
    """One registration."""
    return selectors.registration_detail(request.auth, registration_id)


@router.post(
    "/registrations/{int:registration_id}/submit",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Gửi đăng ký lên cấp trên",
)
def registration_submit(request, registration_id: int):
    """Send a draft or returned registration to the superior level."""
    registration = selectors.registration_detail(request.auth, registration_id)
    if not policies.can_register(request.auth, registration.unit):
        raise HttpError(403, NO_RIGHT)
    services.registration_submit(actor=request.auth, registration=registration)
    return selectors.registration_detail(request.auth, registration_id)


def _decidable(request, registration_id: int):
    """A registration the caller may decide on; anyone else gets a 404 (the superior level's view only)."""
    registration = selectors.registration_detail(request.auth, registration_id)
    if not policies.can_decide_registration(request.auth, registration):
        raise HttpError(404, "Không tìm thấy.")
    return registration


@router.post(
    "/registrations/{int:registration_id}/approve",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Duyệt đăng ký thi đua",
)
def registration_approve(request, registration_id: int):
    """The superior level approves a submitted registration."""
    registration = _decidable(request, registration_id)
    services.registration_approve(actor=request.auth, registration=registration)
    return selectors.registration_detail(request.auth, registration_id)


@router.post(
    "/registrations/{int:registration_id}/return",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Trả lại đăng ký thi đua",
)
def registration_return(request, registration_id: int, payload: ReturnIn):
    """The superior level returns a submitted registration with a reason."""
    registration = _decidable(request, registration_id)
    services.registration_return(actor=request.auth, registration=registration, reason=payload.reason)
    return selectors.registration_detail(request.auth, registration_id)


# --- pacts -----------------------------------------------------------------------------------------------------


@router.get("/pacts", response={200: list[PactOut], 401: ErrorOut}, summary="Danh sách giao ước thi đua")
def pact_list(request, filters: Query[PactFilter]):
    """Pacts of the blocks the caller sees, optionally of one year and one block."""
    return list(selectors.pacts_list(request.auth, year=filters.year, group=filters.group))


@router.post("/pacts", response={201: PactDetailOut, **WRITE_ERRORS}, summary="Thêm giao ước thi đua")
def pact_create(request, payload: PactIn):
    """Write a block's pact for a year (the block's authority must be in the caller's change scope)."""
    group = EmulationGroup.objects.visible_to(request.auth, Action.VIEW).filter(pk=payload.group).first()
    if group is None:
        raise ValidationError({"group": [f"Không tìm thấy khối thi đua #{payload.group}."]})
    pact = services.pact_create(actor=request.auth, group=group, year=payload.year, content=payload.content)
    return 201, selectors.pact_detail(request.auth, pact.pk)


@router.get("/pacts/{int:pact_id}", response={200: PactDetailOut, **READ_ERRORS}, summary="Chi tiết giao ước thi đua")
def pact_get(request, pact_id: int):
    """One pact with its signatures."""
    return selectors.pact_detail(request.auth, pact_id)


@router.post("/pacts/{int:pact_id}/sign", response={200: PactDetailOut, **WRITE_ERRORS}, summary="Ký giao ước thi đua")
def pact_sign(request, pact_id: int, payload: PactSignIn):
    """A member unit (in the caller's change scope) signs; the pact locks when every member has signed."""
    pact = selectors.pact_detail(request.auth, pact_id)
    unit = OrgUnit.objects.visible_to(request.auth, Action.VIEW).filter(pk=payload.unit).first()
    if unit is None:
        raise ValidationError({"unit": [f"Không tìm thấy đơn vị #{payload.unit}."]})
    if not policies.can_sign_pact_for(request.auth, unit):
        raise HttpError(403, NO_RIGHT)
    signer = None
    if payload.signer is not None:
        signer = Person.objects.visible_to(request.auth, Action.VIEW).filter(pk=payload.signer).first()
        if signer is None:
            raise ValidationError({"signer": [f"Không tìm thấy cán bộ #{payload.signer}."]})
    services.pact_sign(
        actor=request.auth, pact=pact, unit=unit, signed_on=payload.signed_on or dt.date.today(), signer=signer
    )
    return selectors.pact_detail(request.auth, pact_id)


# --- calendar --------------------------------------------------------------------------------------------------


@router.get(
    "/emulation-calendar", response={200: list[CalendarEntryOut], **READ_ERRORS}, summary="Lịch thi đua của đơn vị"
)
def emulation_calendar(request, filters: Query[CalendarFilter]):
    """What is due for one visible unit in a year, sorted by date."""
    unit = OrgUnit.objects.visible_to(request.auth, Action.VIEW).get(pk=filters.unit)
    return [
        {
            "on": e.on,
            "kind": e.kind,
            "title": e.title,
            "detail": e.detail,
            "status": e.status,
            "status_label": e.status_label,
        }
        for e in selectors.unit_calendar(request.auth, unit, filters.year)
    ]
