"""Writes on registrations (đăng ký thi đua): a unit's or a person's targets for a year (or under a movement), sent
up, approved or returned by the superior level. Same rules as :mod:`.movements`: keyword-only, atomic, validated,
audited once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.catalogue.choices import AwardKind, Subject
from thidua.core.audit import record, snapshot, with_comment
from thidua.core.locking import versioned_update
from thidua.org.models import OrgUnit

from .. import notices, policies
from ..choices import RegistrationStatus
from ..models import Movement, MovementUnit, Registration, RegistrationItem
from .movements import _require_change, _text

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
def registration_submit(*, actor, registration: Registration, comment: str = "") -> Registration:
    """Send a draft or returned registration to the superior level (``comment``: the sender's optional note, kept in
    the audit event)."""
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
        extra=with_comment(None, comment),
    )
    notices.registration_sent(actor=actor, registration=registration)
    return registration


def _require_superior(actor, registration: Registration) -> None:
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError({"status": ["Chỉ duyệt hoặc trả lại được đăng ký đã gửi cấp trên."]})
    if actor is not None and not policies.can_decide_registration(actor, registration):
        raise ValidationError({"__all__": ["Chỉ cấp trên trực tiếp của đơn vị đăng ký mới duyệt được."]})


@transaction.atomic
def registration_approve(*, actor, registration: Registration, comment: str = "") -> Registration:
    """The superior level approves a submitted registration (``comment``: the approver's optional note, kept in the
    audit event)."""
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
        extra=with_comment(None, comment),
    )
    notices.registration_decided(actor=actor, registration=registration, approved=True)
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
    notices.registration_decided(actor=actor, registration=registration, approved=False)
    return registration
