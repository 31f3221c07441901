"""REST endpoints of movements (phong trào thi đua), their directive documents and the emulation calendar.

Objects are looked up in the caller's view scope (404 outside it); a write on a visible object the caller may not
change is a 403; each write calls one service, whose ValidationError becomes a 422 with messages by field and whose
ConflictError (a stale ``version``) becomes a 409 with the current values. Registrations and pacts are in
:mod:`thidua.emulation.movements.api.registrations`.
"""

from __future__ import annotations

import datetime as dt

from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.errors import HttpError

from thidua.core.choices import Action
from thidua.core.schemas import Id, Line
from thidua.org.api import unit_for_write
from thidua.org.models import OrgUnit
from thidua.org.schemas import ErrorOut

from .. import policies, selectors, services
from ..models import Movement
from ..schemas import (
    NO_RIGHT,
    PATCH_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    CalendarEntryOut,
    CalendarFilter,
    MovementDocumentOut,
    MovementIn,
    MovementOut,
    MovementPatchIn,
)

router = Router(tags=["Phong trào, đăng ký thi đua"])

#: The 422 for a unit outside the caller's change scope (``{pk}``: the id sent), for :func:`unit_for_write`.
UNIT_OUT_OF_SCOPE = "Đơn vị #{pk} nằm ngoài phạm vi quản lý của bạn."


# --- helpers ---------------------------------------------------------------------------------------------------


def _movement(request, movement_id: Id) -> Movement:
    """A movement the caller sees (404 otherwise)."""
    return selectors.movement_detail(request.auth, movement_id)


def _changeable(request, movement_id: Id) -> Movement:
    """A visible movement the caller may change: 404 outside the view scope, 403 for those who only look."""
    movement = _movement(request, movement_id)
    if not policies.can_change_movement(request.auth, movement):
        raise HttpError(403, NO_RIGHT)
    return movement


# --- movements -------------------------------------------------------------------------------------------------


@router.get("/movements", response={200: list[MovementOut], 401: ErrorOut}, summary="Danh sách phong trào thi đua")
def movement_list(request):
    """Movements launched by or pushed to the caller's units."""
    return list(selectors.movements_list(request.auth))


@router.post("/movements", response={201: MovementOut, **WRITE_ERRORS}, summary="Thêm phong trào thi đua")
def movement_create(request, payload: MovementIn):
    """Draft a movement of ``authority`` (a unit in the caller's change scope)."""
    authority = unit_for_write(request.auth, payload.authority, "authority", UNIT_OUT_OF_SCOPE)
    movement = services.movement_create(actor=request.auth, authority=authority, **payload.dict(exclude={"authority"}))
    return Status(201, movement)


@router.get("/movements/{int:movement_id}", response={200: MovementOut, **READ_ERRORS}, summary="Chi tiết phong trào")
def movement_get(request, movement_id: Id):
    """One movement."""
    return _movement(request, movement_id)


@router.patch(
    "/movements/{int:movement_id}", response={200: MovementOut, **PATCH_ERRORS}, summary="Sửa phong trào thi đua"
)
def movement_patch(request, movement_id: Id, payload: MovementPatchIn):
    """Edit the fields sent of a movement that is not closed; ``version`` must be the one last read, else 409."""
    movement = _changeable(request, movement_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    return services.movement_update(actor=request.auth, movement=movement, expected_version=version, **changes)


@router.post(
    "/movements/{int:movement_id}/launch", response={200: MovementOut, **WRITE_ERRORS}, summary="Phát động phong trào"
)
def movement_launch(request, movement_id: Id):
    """Launch a draft movement: it is pushed to every unit in its scope."""
    movement = _changeable(request, movement_id)
    return services.movement_launch(actor=request.auth, movement=movement)


@router.post(
    "/movements/{int:movement_id}/close", response={200: MovementOut, **WRITE_ERRORS}, summary="Kết thúc phong trào"
)
def movement_close(request, movement_id: Id):
    """Close a launched movement: it stays visible, but registrations may no longer name it."""
    movement = _changeable(request, movement_id)
    return services.movement_close(actor=request.auth, movement=movement)


@router.get(
    "/movements/{int:movement_id}/documents",
    response={200: list[MovementDocumentOut], **READ_ERRORS},
    summary="Văn bản chỉ đạo của phong trào",
)
def movement_document_list(request, movement_id: Id):
    """The directive documents of a visible movement; files download from ``download_url`` (the web page)."""
    return list(_movement(request, movement_id).documents.all())


@router.post(
    "/movements/{int:movement_id}/documents",
    response={201: MovementDocumentOut, **WRITE_ERRORS},
    summary="Đính kèm văn bản chỉ đạo",
)
def movement_document_add(
    request,
    movement_id: Id,
    title: Line = Form(""),
    reference: Line = Form(""),
    issued_on: Form[dt.date | None] = None,
    file: File[UploadedFile | None] = None,
):
    """Attach a directive document (multipart form: ``title``, ``reference``, ``issued_on`` and an optional
    ``file``); a file of a refused type, too large or whose content does not match its extension is a 422."""
    movement = _changeable(request, movement_id)
    document = services.movement_document_add(
        actor=request.auth, movement=movement, title=title, reference=reference, issued_on=issued_on, upload=file
    )
    return Status(201, document)


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
