"""REST endpoints of registrations (đăng ký thi đua) and emulation pacts (giao ước thi đua).

Same rules as :mod:`thidua.emulation.movements.api.movements`: lookups in the caller's view scope (404 outside it;
the direct superior also sees the submitted registrations of its child units), 403 for a write the caller may not
make on a visible object, 422 for refused input, 409 for a stale ``version``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Query, Router, Status
from ninja.errors import HttpError

from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.core.schemas import Id
from thidua.org.api import unit_for_write
from thidua.org.models import EmulationGroup, OrgUnit, Person
from thidua.org.schemas import ErrorOut

from .. import policies, selectors, services
from ..models import Movement, Registration
from ..schemas import (
    NO_RIGHT,
    PATCH_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    ItemIn,
    PactDetailOut,
    PactFilter,
    PactIn,
    PactOut,
    PactPatchIn,
    PactSignIn,
    RegistrationFilter,
    RegistrationIn,
    RegistrationOut,
    RegistrationPatchIn,
    ReturnIn,
)
from .movements import UNIT_OUT_OF_SCOPE

router = Router(tags=["Phong trào, đăng ký thi đua"])


# --- helpers ---------------------------------------------------------------------------------------------------


def _items(items: list[ItemIn]) -> list[dict]:
    """Registration items with their awards looked up by code; unknown codes are a 422 on ``awards``."""
    awards = {a.code: a for a in Award.objects.filter(code__in=[i.award for i in items])}
    unknown = [i.award for i in items if i.award not in awards]
    if unknown:
        raise ValidationError({"awards": [f"Không có danh hiệu mã {', '.join(unknown)}."]})
    return [{"award": awards[i.award], "targets": i.targets} for i in items]


def _visible_movement(user, pk: int | None) -> Movement | None:
    """The movement a registration names (None for no id); one the user does not see is a 422 on ``movement``."""
    if pk is None:
        return None
    movement = Movement.objects.visible_to(user, Action.VIEW).filter(pk=pk).first()
    if movement is None:
        raise ValidationError({"movement": [f"Không tìm thấy phong trào #{pk}."]})
    return movement


def _registration(request, registration_id: Id) -> Registration:
    """A registration the caller sees (404 otherwise)."""
    return selectors.registration_detail(request.auth, registration_id)


def _own(request, registration_id: Id) -> Registration:
    """A visible registration of a unit the caller registers for (403 for those who only see it)."""
    registration = _registration(request, registration_id)
    if not policies.can_register(request.auth, registration.unit):
        raise HttpError(403, NO_RIGHT)
    return registration


def _decidable(request, registration_id: Id) -> Registration:
    """A registration the caller may decide on; anyone else gets a 404 (the superior level's view only)."""
    registration = _registration(request, registration_id)
    if not policies.can_decide_registration(request.auth, registration):
        raise HttpError(404, "Không tìm thấy.")
    return registration


# --- registrations ---------------------------------------------------------------------------------------------


@router.get("/registrations", response={200: list[RegistrationOut], 401: ErrorOut}, summary="Danh sách đăng ký thi đua")
def registration_list(request, filters: Query[RegistrationFilter]):
    """Registrations the caller sees, optionally of one year and status."""
    return list(selectors.registrations_list(request.auth, year=filters.year, status=filters.status))


@router.post("/registrations", response={201: RegistrationOut, **WRITE_ERRORS}, summary="Đăng ký thi đua")
def registration_create(request, payload: RegistrationIn):
    """Register a unit (``unit``) or a person (``person``) for a year; items name titles by award code."""
    unit = unit_for_write(request.auth, payload.unit, "unit", UNIT_OUT_OF_SCOPE)
    person = None
    if payload.person is not None:
        person = Person.objects.visible_to(request.auth, Action.CHANGE).filter(pk=payload.person).first()
        if person is None:
            raise ValidationError({"person": [f"Cán bộ #{payload.person} nằm ngoài phạm vi quản lý của bạn."]})
    registration = services.registration_create(
        actor=request.auth,
        year=payload.year,
        unit=unit,
        person=person,
        movement=_visible_movement(request.auth, payload.movement),
        commitments=payload.commitments,
        items=_items(payload.items),
    )
    return Status(201, _registration(request, registration.pk))


@router.get(
    "/registrations/{int:registration_id}",
    response={200: RegistrationOut, **READ_ERRORS},
    summary="Chi tiết đăng ký thi đua",
)
def registration_get(request, registration_id: Id):
    """One registration."""
    return _registration(request, registration_id)


@router.patch(
    "/registrations/{int:registration_id}",
    response={200: RegistrationOut, **PATCH_ERRORS},
    summary="Sửa đăng ký thi đua",
)
def registration_patch(request, registration_id: Id, payload: RegistrationPatchIn):
    """Edit a draft or returned registration: the fields not sent keep their values; ``items`` replaces the titles.

    A submitted or approved registration, or a title the subject cannot hold, is a 422; a stale ``version`` a 409.
    """
    registration = _own(request, registration_id)
    sent = payload.model_fields_set
    current_items = [{"award": i.award, "targets": i.targets} for i in registration.items.all()]
    services.registration_update(
        actor=request.auth,
        registration=registration,
        items=_items(payload.items) if payload.items is not None else current_items,
        commitments=payload.commitments if payload.commitments is not None else registration.commitments,
        movement=_visible_movement(request.auth, payload.movement) if "movement" in sent else registration.movement,
        expected_version=payload.version,
    )
    return selectors.registration_written(registration)


@router.post(
    "/registrations/{int:registration_id}/submit",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Gửi đăng ký lên cấp trên",
)
def registration_submit(request, registration_id: Id):
    """Send a draft or returned registration to the superior level."""
    registration = services.registration_submit(actor=request.auth, registration=_own(request, registration_id))
    return selectors.registration_written(registration)


@router.post(
    "/registrations/{int:registration_id}/approve",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Duyệt đăng ký thi đua",
)
def registration_approve(request, registration_id: Id):
    """The superior level approves a submitted registration."""
    registration = services.registration_approve(actor=request.auth, registration=_decidable(request, registration_id))
    return selectors.registration_written(registration)


@router.post(
    "/registrations/{int:registration_id}/return",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Trả lại đăng ký thi đua",
)
def registration_return(request, registration_id: Id, payload: ReturnIn):
    """The superior level returns a submitted registration with a reason."""
    registration = _decidable(request, registration_id)
    services.registration_return(actor=request.auth, registration=registration, reason=payload.reason)
    return selectors.registration_written(registration)


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
    return Status(201, selectors.pact_detail(request.auth, pact.pk))


@router.get("/pacts/{int:pact_id}", response={200: PactDetailOut, **READ_ERRORS}, summary="Chi tiết giao ước thi đua")
def pact_get(request, pact_id: Id):
    """One pact with its signatures."""
    return selectors.pact_detail(request.auth, pact_id)


@router.patch("/pacts/{int:pact_id}", response={200: PactDetailOut, **PATCH_ERRORS}, summary="Sửa giao ước thi đua")
def pact_patch(request, pact_id: Id, payload: PactPatchIn):
    """Change the content of a pact nobody has signed yet (422 once a member has signed; 409 on a stale version)."""
    pact = selectors.pact_detail(request.auth, pact_id)
    if not policies.can_change_pact(request.auth, pact):
        raise HttpError(403, NO_RIGHT)
    content = payload.content if payload.content is not None else pact.content
    services.pact_update(actor=request.auth, pact=pact, content=content, expected_version=payload.version)
    return selectors.pact_detail(request.auth, pact_id)


@router.post("/pacts/{int:pact_id}/sign", response={200: PactDetailOut, **WRITE_ERRORS}, summary="Ký giao ước thi đua")
def pact_sign(request, pact_id: Id, payload: PactSignIn):
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
