"""Writes on movements (phong trào thi đua), registrations (đăng ký thi đua) and pacts (giao ước thi đua).

Every function is keyword-only, atomic, validates fully and writes one audit event. ``actor`` is the user acting (None
for system commands such as the demo loader, which skip scope checks). Errors are ``ValidationError`` keyed by field
with Vietnamese messages; nothing is saved when one is raised.

Registration due date: a movement has no registration deadline of its own; units are expected to register within
:data:`REGISTRATION_DAYS` days of its start (``registration_due_on``), which the calendar shows.
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

from thidua.awards.choices import AwardKind, Subject
from thidua.core import vn
from thidua.core.audit import record, snapshot
from thidua.core.locking import versioned_update
from thidua.org.models import OrgUnit

from . import policies
from .choices import MovementKind, MovementStatus, RegistrationStatus
from .models import Movement, MovementDocument, MovementUnit, Pact, PactSignature, Registration, RegistrationItem

REGISTRATION_DAYS = 30
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


def registration_due_on(movement: Movement) -> dt.date:
    """The date by which units should have registered under ``movement`` (its start + 30 days)."""
    return movement.start_on + dt.timedelta(days=REGISTRATION_DAYS)


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


def movement_target_units(movement: Movement):
    """The units a launch pushes the movement to: the authority's subtree, or the authority alone."""
    authority = movement.authority
    if movement.include_descendants:
        return OrgUnit.objects.filter(path__startswith=authority.path, valid_to__isnull=True) | OrgUnit.objects.filter(
            pk=authority.pk
        )
    return OrgUnit.objects.filter(pk=authority.pk)


@transaction.atomic
def movement_launch(*, actor, movement: Movement) -> Movement:
    """Launch a draft movement: it is pushed (MovementUnit rows) to every unit in its scope."""
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
    )
    return movement


@transaction.atomic
def movement_close(*, actor, movement: Movement) -> Movement:
    """Close a launched movement (it stays visible; no more registrations name it)."""
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
    )
    return movement


# --- registrations ---------------------------------------------------------------------------------------------


def _check_items(items, *, for_person: bool) -> list[tuple]:
    """(award, targets) pairs: titles only, each once, whose subject fits a person or a collective."""
    pairs = []
    seen = set()
    for item in items:
        award, targets = (item["award"], item.get("targets", "")) if isinstance(item, dict) else (item, "")
        if award.kind != AwardKind.TITLE:
            raise ValidationError(
                {"awards": [f"«{award.name}» là hình thức khen thưởng, không phải danh hiệu thi đua để đăng ký."]}
            )
        if for_person and award.subject == Subject.UNIT:
            raise ValidationError({"awards": [f"«{award.name}» là danh hiệu tập thể, cá nhân không đăng ký được."]})
        if not for_person and award.subject == Subject.PERSON:
            raise ValidationError({"awards": [f"«{award.name}» là danh hiệu cá nhân, tập thể không đăng ký được."]})
        if award.pk in seen:
            raise ValidationError({"awards": [f"Danh hiệu «{award.name}» bị lặp."]})
        seen.add(award.pk)
        pairs.append((award, _text(targets)))
    if not pairs:
        raise ValidationError({"awards": ["Chọn ít nhất một danh hiệu thi đua để đăng ký."]})
    return pairs


def _check_movement(movement: Movement | None, unit: OrgUnit, year: int) -> None:
    if movement is None:
        return
    if not policies.can_register_under(movement):
        raise ValidationError({"movement": [f"Phong trào «{movement}» không còn nhận đăng ký."]})
    if movement.start_on.year > year or (movement.end_on is not None and movement.end_on.year < year):
        raise ValidationError({"movement": [f"Phong trào «{movement}» không diễn ra trong năm {year}."]})
    if not MovementUnit.objects.filter(movement=movement, unit=unit).exists():
        raise ValidationError({"movement": [f"Phong trào «{movement}» không phát động tới «{unit}»."]})


def _set_items(registration: Registration, pairs) -> None:
    registration.items.all().delete()
    RegistrationItem.objects.bulk_create(
        [RegistrationItem(registration=registration, award=award, targets=targets) for award, targets in pairs]
    )


def _items_snapshot(registration: Registration) -> list[dict]:
    return [{"award": i.award_id, "targets": i.targets} for i in registration.items.order_by("award_id")]


@transaction.atomic
def registration_create(
    *,
    actor,
    year: int,
    items,
    unit: OrgUnit | None = None,
    person=None,
    movement: Movement | None = None,
    commitments: str = "",
) -> Registration:
    """Register a collective (``unit``) or a person for ``year``: titles (awards of kind danh hiệu) and targets.

    ``items`` are awards or ``{"award", "targets"}`` dicts. A person registers through their current unit; the
    registration stays a draft until :func:`registration_submit`.
    """
    if person is not None:
        if unit is not None and unit.pk != person.unit_id:
            raise ValidationError({"unit": [f"«{person.full_name}» không thuộc «{unit}»."]})
        unit = person.unit
    if unit is None:
        raise ValidationError({"unit": ["Chọn đơn vị hoặc cá nhân đăng ký."]})
    _require_change(actor, unit, "person" if person is not None else "unit")
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": ["Năm không hợp lệ."]})
    pairs = _check_items(items, for_person=person is not None)
    _check_movement(movement, unit, year)
    clash = (
        Registration.objects.filter(year=year, person=person)
        if person
        else Registration.objects.filter(year=year, unit=unit, person__isnull=True)
    )
    if clash.exists():
        who = person.full_name if person else str(unit)
        raise ValidationError({"year": [f"«{who}» đã có đăng ký thi đua năm {year}."]})
    registration = Registration(year=year, unit=unit, person=person, movement=movement, commitments=_text(commitments))
    registration.full_clean()
    registration.save()
    _set_items(registration, pairs)
    record(
        actor=actor,
        event_type="registration.create",
        target=registration,
        unit=unit,
        after={**snapshot(registration), "items": _items_snapshot(registration)},
    )
    return registration


@transaction.atomic
def registration_update(
    *,
    actor,
    registration: Registration,
    items,
    commitments: str = "",
    movement: Movement | None = None,
    expected_version: int | None = None,
) -> Registration:
    """Edit a draft or returned registration (titles, targets, movement)."""
    _require_change(actor, registration.unit, "unit")
    if registration.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise ValidationError({"__all__": ["Đăng ký đã gửi hoặc đã duyệt, không sửa được."]})
    pairs = _check_items(items, for_person=registration.person_id is not None)
    if movement is not None and movement.pk != registration.movement_id:
        _check_movement(movement, registration.unit, registration.year)
    before = {**snapshot(registration), "items": _items_snapshot(registration)}
    registration.commitments = _text(commitments)
    registration.movement = movement
    registration.full_clean()
    versioned_update(
        registration,
        expected_version=expected_version,
        changes={"commitments": registration.commitments, "movement": movement},
    )
    _set_items(registration, pairs)
    record(
        actor=actor,
        event_type="registration.update",
        target=registration,
        unit=registration.unit,
        before=before,
        after={**snapshot(registration), "items": _items_snapshot(registration)},
    )
    return registration


@transaction.atomic
def registration_submit(*, actor, registration: Registration) -> Registration:
    """Send a draft or returned registration to the superior level."""
    _require_change(actor, registration.unit, "unit")
    if registration.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise ValidationError({"status": ["Đăng ký đã được gửi."]})
    if not registration.items.exists():
        raise ValidationError({"awards": ["Chọn ít nhất một danh hiệu thi đua trước khi gửi."]})
    before = snapshot(registration, ["status", "submitted_at"])
    versioned_update(
        registration,
        expected_version=None,
        changes={"status": RegistrationStatus.SUBMITTED, "submitted_at": timezone.now()},
    )
    record(
        actor=actor,
        event_type="registration.submit",
        target=registration,
        unit=registration.unit,
        before=before,
        after=snapshot(registration, ["status", "submitted_at"]),
    )
    return registration


def _require_superior(actor, registration: Registration) -> None:
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError({"status": ["Chỉ duyệt hoặc trả lại được đăng ký đã gửi cấp trên."]})
    if actor is not None and not policies.can_decide_registration(actor, registration):
        raise ValidationError({"__all__": ["Chỉ cấp trên trực tiếp của đơn vị đăng ký mới duyệt được."]})


@transaction.atomic
def registration_approve(*, actor, registration: Registration) -> Registration:
    """The superior level approves a submitted registration."""
    _require_superior(actor, registration)
    versioned_update(
        registration,
        expected_version=None,
        changes={
            "status": RegistrationStatus.APPROVED,
            "decided_at": timezone.now(),
            "decided_by": actor if getattr(actor, "pk", None) else None,
            "return_reason": "",
        },
    )
    record(
        actor=actor,
        event_type="registration.approve",
        target=registration,
        unit=registration.unit,
        before={"status": RegistrationStatus.SUBMITTED},
        after={"status": RegistrationStatus.APPROVED},
    )
    return registration


@transaction.atomic
def registration_return(*, actor, registration: Registration, reason: str) -> Registration:
    """The superior level returns a submitted registration with a reason (mandatory); the unit edits and resubmits."""
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": ["Phải ghi lý do trả lại."]})
    _require_superior(actor, registration)
    versioned_update(
        registration,
        expected_version=None,
        changes={
            "status": RegistrationStatus.RETURNED,
            "decided_at": timezone.now(),
            "decided_by": actor if getattr(actor, "pk", None) else None,
            "return_reason": reason,
        },
    )
    record(
        actor=actor,
        event_type="registration.return",
        target=registration,
        unit=registration.unit,
        before={"status": RegistrationStatus.SUBMITTED},
        after={"status": RegistrationStatus.RETURNED, "return_reason": reason},
    )
    return registration


# --- pacts -----------------------------------------------------------------------------------------------------


def pact_is_locked(pact: Pact) -> bool:
    """A pact is locked once every member unit of its block has signed."""
    members = set(pact.group.memberships.values_list("unit_id", flat=True))
    signed = set(pact.signatures.values_list("unit_id", flat=True))
    return bool(members) and members <= signed


@transaction.atomic
def pact_create(*, actor, group, year: int, content: str) -> Pact:
    """Write a block's pact (giao ước thi đua) for a year; the block's authority drafts it."""
    if actor is not None and not policies.can_register(actor, group.authority):
        raise ValidationError({"group": [f"Khối «{group.name}» {OUT_OF_SCOPE}"]})
    content = _text(content)
    if not content:
        raise ValidationError({"content": ["Nhập nội dung giao ước."]})
    if Pact.objects.filter(group=group, year=year).exists():
        raise ValidationError({"year": [f"«{group.name}» đã có giao ước năm {year}."]})
    pact = Pact(group=group, year=year, content=content)
    pact.full_clean()
    pact.save()
    record(actor=actor, event_type="pact.create", target=pact, unit=group.authority, after=snapshot(pact))
    return pact


@transaction.atomic
def pact_update(*, actor, pact: Pact, content: str, expected_version: int | None = None) -> Pact:
    """Change the content of a pact nobody has signed yet."""
    if actor is not None and not policies.can_change_pact(actor, pact):
        raise ValidationError({"group": [f"Khối «{pact.group.name}» {OUT_OF_SCOPE}"]})
    if pact.signatures.exists():
        raise ValidationError({"content": ["Giao ước đã có đơn vị ký, không sửa nội dung được."]})
    content = _text(content)
    if not content:
        raise ValidationError({"content": ["Nhập nội dung giao ước."]})
    before = snapshot(pact)
    pact.content = content
    versioned_update(pact, expected_version=expected_version, changes={"content": content})
    record(
        actor=actor,
        event_type="pact.update",
        target=pact,
        unit=pact.group.authority,
        before=before,
        after=snapshot(pact),
    )
    return pact


@transaction.atomic
def pact_sign(*, actor, pact: Pact, unit: OrgUnit, signed_on: dt.date, signer=None) -> PactSignature:
    """A member unit signs the pact; when the last member signs, the pact is locked (signed_on set)."""
    pact = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    if pact_is_locked(pact):
        raise ValidationError({"__all__": ["Giao ước đã được tất cả thành viên ký, đã khoá."]})
    if not pact.group.memberships.filter(unit=unit).exists():
        raise ValidationError({"unit": [f"«{unit}» không phải thành viên của {pact.group.name}, không ký được."]})
    if actor is not None and not policies.can_sign_pact_for(actor, unit):
        raise ValidationError({"unit": [f"Đơn vị «{unit}» {OUT_OF_SCOPE}"]})
    if pact.signatures.filter(unit=unit).exists():
        raise ValidationError({"unit": [f"«{unit}» đã ký giao ước này."]})
    if signer is not None and signer.unit_id != unit.pk:
        raise ValidationError({"signer": [f"«{signer.full_name}» không thuộc «{unit}»."]})
    signature = PactSignature(pact=pact, unit=unit, signer=signer, signed_on=signed_on)
    signature.full_clean()
    signature.save()
    locked = pact_is_locked(pact)
    if locked:
        versioned_update(pact, expected_version=None, changes={"signed_on": signed_on})
    record(
        actor=actor,
        event_type="pact.sign",
        target=pact,
        unit=unit,
        after={"unit": unit.pk, "signer": getattr(signer, "pk", None), "signed_on": signed_on, "locked": locked},
    )
    return signature
