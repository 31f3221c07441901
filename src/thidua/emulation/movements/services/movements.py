"""Writes on movements (phong trào thi đua) and their directive documents; the checks the other services share.

Every function is keyword-only, atomic, validates fully and writes one audit event. ``actor`` is the user acting (None
for system commands such as the demo loader, which skip scope checks). Errors are ``ValidationError`` keyed by field
with Vietnamese messages; nothing is saved when one is raised.

Reads (the registration due date, a movement's target units, whether a pact is locked) are in
:mod:`thidua.emulation.movements.selectors`; registrations and pacts in :mod:`.registrations` and :mod:`.pacts`.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from thidua.core import vn
from thidua.core.audit import record, snapshot, with_comment
from thidua.core.locking import versioned_update
from thidua.org.models import OrgUnit

from .. import policies
from ..choices import MovementKind, MovementStatus
from ..models import Movement, MovementDocument, MovementUnit
from ..selectors import movement_target_units

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
OUT_OF_SCOPE = "nằm ngoài phạm vi quản lý của bạn."

# Allowed extensions and the first bytes their content must start with (a renamed executable is refused).
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
# Office Open XML files are zip archives; the part that makes them a document or a workbook.
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ALLOWED_EXTENSIONS = tuple(sorted(_SIGNATURES))


def _require_change(actor, unit: OrgUnit, field: str) -> None:
    if actor is not None and not policies.can_register(actor, unit):
        raise ValidationError({field: [f"Đơn vị «{unit}» {OUT_OF_SCOPE}"]})


def _text(value: str | None) -> str:
    return vn.nfc((value or "").strip())


def _check_dates(start_on: dt.date | None, end_on: dt.date | None) -> None:
    if start_on and end_on and end_on < start_on:
        raise ValidationError({"end_on": ["Ngày kết thúc không được trước ngày bắt đầu."]})


# --- movements -------------------------------------------------------------------------------------------------


@transaction.atomic
def movement_create(
    *,
    actor,
    authority: OrgUnit,
    name: str,
    start_on: dt.date,
    kind: str = MovementKind.REGULAR,
    theme: str = "",
    slogan: str = "",
    end_on: dt.date | None = None,
    include_descendants: bool = True,
    description: str = "",
) -> Movement:
    """Draft a movement of ``authority`` (in the actor's change scope); it reaches units only when launched."""
    _require_change(actor, authority, "authority")
    _check_dates(start_on, end_on)
    movement = Movement(
        authority=authority,
        name=_text(name),
        kind=kind,
        theme=_text(theme),
        slogan=_text(slogan),
        start_on=start_on,
        end_on=end_on,
        include_descendants=include_descendants,
        description=_text(description),
    )
    movement.full_clean()
    movement.save()
    record(actor=actor, event_type="movement.create", target=movement, unit=authority, after=snapshot(movement))
    return movement


_MOVEMENT_FIELDS = ("name", "kind", "theme", "slogan", "start_on", "end_on", "include_descendants", "description")


@transaction.atomic
def movement_update(*, actor, movement: Movement, expected_version: int | None = None, **changes) -> Movement:
    """Edit a movement that is not closed; the launching scope (include_descendants) is fixed once launched."""
    if actor is not None and not policies.can_change_movement(actor, movement):
        raise ValidationError({"authority": [f"Đơn vị «{movement.authority}» {OUT_OF_SCOPE}"]})
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError({"__all__": ["Phong trào đã kết thúc, không sửa được."]})
    unknown = set(changes) - set(_MOVEMENT_FIELDS)
    if unknown:
        raise ValidationError({"__all__": [f"Không sửa được trường: {', '.join(sorted(unknown))}."]})
    if (
        movement.status == MovementStatus.LAUNCHED
        and "include_descendants" in changes
        and changes["include_descendants"] != movement.include_descendants
    ):
        raise ValidationError({"include_descendants": ["Phong trào đã phát động, không đổi được phạm vi."]})
    changes = {f: _text(v) if isinstance(v, str) and f != "kind" else v for f, v in changes.items()}
    _check_dates(changes.get("start_on", movement.start_on), changes.get("end_on", movement.end_on))
    before = snapshot(movement)
    for field, value in changes.items():
        setattr(movement, field, value)
    try:
        movement.full_clean()
    except ValidationError:
        movement.refresh_from_db()
        raise
    values = {field: getattr(movement, field) for field in changes}
    versioned_update(movement, expected_version=expected_version, changes=values)
    record(
        actor=actor,
        event_type="movement.update",
        target=movement,
        unit=movement.authority,
        before=before,
        after=snapshot(movement),
    )
    return movement


def _sniff(data: bytes, ext: str) -> bool:
    if not any(data.startswith(sig) for sig in _SIGNATURES[ext]):
        return False
    if ext in _OOXML_PART:
        import io

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _OOXML_PART[ext] in archive.namelist()
        except zipfile.BadZipFile:
            return False
    return True


def check_upload(upload) -> str:
    """Validate an uploaded directive file (size, extension, content) and return its extension; raise on bad input."""
    name = PurePath(upload.name or "").name
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in _SIGNATURES:
        raise ValidationError(
            {"file": [f"Chỉ nhận tệp {', '.join(e for e in ALLOWED_EXTENSIONS if e != 'jpeg')} (tệp «{name}»)."]}
        )
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": [f"Tệp quá lớn (tối đa {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB)."]})
    if upload.size == 0:
        raise ValidationError({"file": ["Tệp rỗng."]})
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not _sniff(data, ext):
        raise ValidationError({"file": [f"Nội dung tệp «{name}» không đúng định dạng .{ext}."]})
    return ext


@transaction.atomic
def movement_document_add(
    *,
    actor,
    movement: Movement,
    title: str,
    reference: str = "",
    issued_on: dt.date | None = None,
    upload=None,
) -> MovementDocument:
    """Attach a directive document (kế hoạch, hướng dẫn…) to a movement, with an optional checked file.

    The file is stored under MEDIA_ROOT with a random name (the user's file name never reaches the disk) and is
    served only through the scoped download view.
    """
    if actor is not None and not policies.can_change_movement(actor, movement):
        raise ValidationError({"authority": [f"Đơn vị «{movement.authority}» {OUT_OF_SCOPE}"]})
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError({"__all__": ["Phong trào đã kết thúc, không thêm văn bản được."]})
    document = MovementDocument(movement=movement, title=_text(title), reference=_text(reference), issued_on=issued_on)
    document.full_clean()
    ext = check_upload(upload) if upload is not None else None
    if ext is not None:
        document.file.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(upload.read()), save=False)
        stored = document.file.name
        try:
            document.save()
        except Exception:
            document.file.storage.delete(stored)
            raise
    else:
        document.save()
    record(
        actor=actor,
        event_type="movement.document_add",
        target=movement,
        unit=movement.authority,
        after={"document": document.pk, "title": document.title, "file": bool(ext)},
    )
    return document


@transaction.atomic
def movement_launch(*, actor, movement: Movement, comment: str = "") -> Movement:
    """Launch a draft movement: it is pushed (MovementUnit rows) to every unit in its scope (``comment``: an optional
    note kept in the audit event)."""
    if actor is not None and not policies.can_change_movement(actor, movement):
        raise ValidationError({"authority": [f"Đơn vị «{movement.authority}» {OUT_OF_SCOPE}"]})
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError({"status": ["Chỉ phát động được phong trào đang ở dạng dự thảo."]})
    unit_ids = list(movement_target_units(movement).values_list("pk", flat=True).distinct())
    MovementUnit.objects.bulk_create([MovementUnit(movement=movement, unit_id=pk) for pk in unit_ids])
    before = snapshot(movement, ["status", "launched_at"])
    versioned_update(
        movement,
        expected_version=None,
        changes={"status": MovementStatus.LAUNCHED, "launched_at": timezone.now()},
    )
    record(
        actor=actor,
        event_type="movement.launch",
        target=movement,
        unit=movement.authority,
        before=before,
        after={**snapshot(movement, ["status", "launched_at"]), "units": len(unit_ids)},
        extra=with_comment(None, comment),
    )
    return movement


@transaction.atomic
def movement_close(*, actor, movement: Movement, comment: str = "") -> Movement:
    """Close a launched movement (it stays visible; no more registrations name it); ``comment`` is kept in the audit
    event."""
    if actor is not None and not policies.can_change_movement(actor, movement):
        raise ValidationError({"authority": [f"Đơn vị «{movement.authority}» {OUT_OF_SCOPE}"]})
    if movement.status != MovementStatus.LAUNCHED:
        raise ValidationError({"status": ["Chỉ kết thúc được phong trào đã phát động."]})
    versioned_update(movement, expected_version=None, changes={"status": MovementStatus.CLOSED})
    record(
        actor=actor,
        event_type="movement.close",
        target=movement,
        unit=movement.authority,
        before={"status": MovementStatus.LAUNCHED},
        after={"status": MovementStatus.CLOSED},
        extra=with_comment(None, comment),
    )
    return movement
