"""Request and response schemas of the movements, registrations and pacts API (django-ninja / pydantic 2).

``*PatchIn`` schemas are partial updates: only the fields sent change, and ``version`` is the version the client
last read (a stale one is a 409 with the current values).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Field, Schema

from thidua.core.schemas import NOT_NULL, InputSchema, Year
from thidua.org.labels import unit_label
from thidua.org.schemas import ConflictOut, ErrorOut

from . import selectors
from .choices import MovementKind

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
PATCH_ERRORS = {409: ConflictOut, **WRITE_ERRORS}
NO_RIGHT = "Bạn không có quyền thực hiện thao tác này."

VERSION_HELP = "Phiên bản bản ghi lần đọc gần nhất; nếu người khác đã sửa trước, trả về 409 kèm dữ liệu hiện tại."


# --- movements -------------------------------------------------------------------------------------------------


class MovementIn(InputSchema):
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


class MovementPatchIn(InputSchema):
    """Changes to a movement that is not closed; ``include_descendants`` is fixed once launched."""

    version: int = Field(..., description=VERSION_HELP)
    name: str = NOT_NULL
    kind: MovementKind = NOT_NULL
    theme: str = NOT_NULL
    slogan: str = NOT_NULL
    start_on: dt.date = NOT_NULL
    end_on: dt.date | None = Field(None, description="null xoá ngày kết thúc.")
    include_descendants: bool = NOT_NULL
    description: str = NOT_NULL


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
    version: int

    @staticmethod
    def resolve_authority(obj) -> int:
        return obj.authority_id

    @staticmethod
    def resolve_authority_name(obj) -> str:
        return obj.authority.name

    @staticmethod
    def resolve_registration_due_on(obj) -> dt.date:
        return selectors.registration_due_on(obj)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class MovementDocumentOut(Schema):
    """A directive document of a movement; the file is downloaded from the (scoped) web page URL."""

    id: int
    title: str
    reference: str
    issued_on: dt.date | None
    has_file: bool
    download_url: str = Field(..., description="Đường dẫn tải tệp (trang web, cần đăng nhập); rỗng khi không có tệp.")

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)

    @staticmethod
    def resolve_download_url(obj) -> str:
        if not obj.file:
            return ""
        return reverse("movement_document_download", args=[obj.movement_id, obj.pk])


# --- registrations ---------------------------------------------------------------------------------------------


class ItemIn(InputSchema):
    """A title to register (award code) with its targets."""

    award: str
    targets: str = ""


class RegistrationIn(InputSchema):
    """A registration of a unit (collective) or a person for a year."""

    year: Year
    unit: int | None = None
    person: int | None = None
    movement: int | None = None
    commitments: str = ""
    items: list[ItemIn]


class RegistrationPatchIn(InputSchema):
    """Changes to a draft or returned registration; ``items`` replaces the whole list of titles."""

    version: int = Field(..., description=VERSION_HELP)
    commitments: str | None = None
    items: list[ItemIn] | None = None
    movement: int | None = Field(None, description="null bỏ gắn với phong trào.")


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
    unit_label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
    person: int | None
    person_name: str
    movement: int | None
    status: str
    status_label: str
    commitments: str
    return_reason: str
    items: list[ItemOut]
    version: int

    @staticmethod
    def resolve_unit(obj) -> int:
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_unit_label(obj) -> str:
        return unit_label(obj.unit)

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


class ReturnIn(InputSchema):
    """The reason a registration is returned (mandatory)."""

    reason: str = ""


class RegistrationFilter(InputSchema):
    """Filters of the registration list."""

    year: Year | None = None
    status: str = ""


# --- pacts -----------------------------------------------------------------------------------------------------


class PactFilter(InputSchema):
    """Filters of the pact list."""

    year: Year | None = None
    group: int | None = None


class PactIn(InputSchema):
    """A block's pact for a year."""

    group: int
    year: Year
    content: str = ""


class PactPatchIn(InputSchema):
    """New content of a pact nobody has signed yet."""

    version: int = Field(..., description=VERSION_HELP)
    content: str | None = None


class PactSignIn(InputSchema):
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
    version: int

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
    unit_label: str = Field("", description="Tên đơn vị kèm đơn vị cấp trên, không trùng lặp.")
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
                "unit_label": unit_label(s.unit),
                "signer_name": s.signer.full_name if s.signer_id else "",
                "signed_on": s.signed_on,
            }
            for s in sorted(obj.signatures.all(), key=lambda s: (s.signed_on, s.pk))
        ]


# --- calendar --------------------------------------------------------------------------------------------------


class CalendarFilter(InputSchema):
    """Which unit and year."""

    unit: int
    year: Year


class CalendarEntryOut(Schema):
    """One dated item of a unit's emulation year."""

    on: dt.date
    kind: str
    title: str
    detail: str
    status: str
    status_label: str
