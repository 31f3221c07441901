"""Writes on the organisation registry. Every function is keyword-only, atomic, validates fully and audits once.

``actor`` is the user acting (None for system commands such as ``thidua demo``, which skip scope checks).
Errors are :class:`django.core.exceptions.ValidationError` keyed by field, with Vietnamese messages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from thidua.core import audit, vn
from thidua.core.locking import versioned_update
from thidua.core.scoping import clear_scope_cache, require_change_scope

from . import labels
from .choices import CATEGORY_RANKS, Category, GroupRole, PositionKind, Rank, UnitEventKind, rank_from_text
from .models import (
    EmulationGroup,
    GroupHandover,
    GroupLeadership,
    GroupMembership,
    OrgUnit,
    OrgUnitEvent,
    Person,
    Position,
    RankChange,
    ServicePeriod,
    UnitMembership,
)

MIN_ENLISTMENT_AGE = 16


# --- shared checks -------------------------------------------------------------------------------------------


def _check_period(start: dt.date | None, end: dt.date | None, end_field: str = "end_on") -> None:
    if start and end and end < start:
        raise ValidationError({end_field: ["Ngày kết thúc không được trước ngày bắt đầu."]})


def _today() -> dt.date:
    return dt.date.today()


MAX_COEFFICIENT = Decimal(2)


def _clean_coefficient(value) -> Decimal | None:
    """A position coefficient (hệ số chức vụ): empty, or a number above 0 and at most 2 with two decimals at most;
    "0,7" and "0.7" are both read."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({"coefficient": ["Hệ số chức vụ phải là một số, ví dụ 0,7."]})
    if not Decimal(0) < number <= MAX_COEFFICIENT:
        raise ValidationError({"coefficient": ["Hệ số chức vụ phải lớn hơn 0 và không quá 2."]})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({"coefficient": ["Hệ số chức vụ có tối đa hai chữ số thập phân."]})
    return number.quantize(Decimal("0.01"))


# --- units ---------------------------------------------------------------------------------------------------


@transaction.atomic
def unit_create(
    *,
    actor,
    parent: OrgUnit | None,
    name: str,
    short_name: str = "",
    kind: str = "khac",
    code: str = "",
    valid_from: dt.date | None = None,
    is_enterprise: bool = False,
) -> OrgUnit:
    """Create a unit under ``parent`` (or a new root, for administrators and commands)."""
    if parent is None and actor is not None and not actor.is_superuser:
        raise ValidationError({"parent": ["Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất."]})
    require_change_scope(actor, parent, "parent")
    unit = OrgUnit(
        name=name, short_name=short_name, kind=kind, code=code, valid_from=valid_from, is_enterprise=is_enterprise
    )
    unit.name = vn.nfc(name)
    if not unit.name:
        raise ValidationError({"name": ["Tên đơn vị không được để trống."]})
    unit.full_clean(exclude=["path", "depth", "numchild", "search_key"])
    unit = OrgUnit.objects.add_child(parent, instance=unit) if parent else OrgUnit.objects.add_root(instance=unit)
    labels.refresh_labels({unit.name})
    unit.refresh_from_db(fields=["label"])
    if actor is not None:
        clear_scope_cache(actor)  # the new unit falls inside scopes computed earlier in this request
    OrgUnitEvent.objects.create(
        unit=unit, kind=UnitEventKind.CREATE, occurred_on=valid_from or _today(), new_name=unit.name, new_parent=parent
    )
    audit.record(actor=actor, event_type="unit.create", target=unit, unit=unit, after=audit.snapshot(unit))
    return unit


UNIT_EDITABLE = (
    "short_name",
    "kind",
    "code",
    "is_enterprise",
    "valid_from",
    "valid_to",
    "signer_authority",
    "signer_title",
    "signer_name",
)


@transaction.atomic
def unit_update(*, actor, unit: OrgUnit, expected_version: int | None, **changes: Any) -> OrgUnit:
    """Edit a unit's descriptive fields (a change of name goes through :func:`unit_rename` to keep history)."""
    require_change_scope(actor, unit, "unit")
    unknown = set(changes) - set(UNIT_EDITABLE)
    if unknown:
        raise ValidationError({"__all__": [f"Không sửa được trường: {', '.join(sorted(unknown))}."]})
    before = audit.snapshot(unit)
    for key, value in changes.items():
        setattr(unit, key, vn.nfc(value) if isinstance(value, str) else value)
    _check_period(unit.valid_from, unit.valid_to, "valid_to")
    unit.full_clean(exclude=["path", "depth", "numchild", "search_key", "successor", "label"])
    unit = versioned_update(unit, expected_version=expected_version, changes={k: getattr(unit, k) for k in changes})
    b, a = audit.diff(before, audit.snapshot(unit))
    audit.record(actor=actor, event_type="unit.update", target=unit, unit=unit, before=b, after=a)
    return unit


@transaction.atomic
def unit_rename(
    *,
    actor,
    unit: OrgUnit,
    new_name: str,
    new_short_name: str | None = None,
    occurred_on: dt.date,
    decision_ref: str = "",
    expected_version: int | None = None,
) -> OrgUnit:
    """Rename a unit from a date; records before that date keep showing the old name."""
    require_change_scope(actor, unit, "unit")
    new_name = vn.nfc(new_name)
    if not new_name:
        raise ValidationError({"new_name": ["Tên mới không được để trống."]})
    if new_name == unit.name and (new_short_name is None or new_short_name == unit.short_name):
        raise ValidationError({"new_name": ["Tên mới trùng với tên hiện tại."]})
    if unit.events.filter(kind=UnitEventKind.RENAME, occurred_on__gt=occurred_on).exists():
        raise ValidationError({"occurred_on": ["Đã có lần đổi tên sau ngày này; hãy nhập theo thứ tự thời gian."]})
    old_name = unit.name
    relabel = labels.subtree_names(unit)
    changes = {"name": new_name, "search_key": vn.search_key(f"{new_name} {new_short_name or unit.short_name}")}
    if new_short_name is not None:
        changes["short_name"] = vn.nfc(new_short_name)
    unit = versioned_update(unit, expected_version=expected_version, changes=changes)
    labels.refresh_labels(relabel | {unit.name})  # descendants' labels name this unit
    unit.refresh_from_db(fields=["label"])
    OrgUnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.RENAME,
        occurred_on=occurred_on,
        old_name=old_name,
        new_name=new_name,
        decision_ref=decision_ref,
    )
    audit.record(
        actor=actor,
        event_type="unit.rename",
        target=unit,
        unit=unit,
        before={"name": old_name},
        after={"name": new_name},
        extra={"occurred_on": occurred_on, "decision_ref": decision_ref},
    )
    return unit


@transaction.atomic
def unit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit, occurred_on: dt.date, decision_ref: str = "") -> OrgUnit:
    """Move a unit (with its subtree) under another parent; refuses cycles."""
    require_change_scope(actor, unit, "unit")
    require_change_scope(actor, new_parent, "new_parent")
    unit.refresh_from_db()
    new_parent.refresh_from_db()
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError({"new_parent": ["Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc của nó."]})
    old_parent = OrgUnit.objects.get_parent(unit)
    if old_parent and old_parent.pk == new_parent.pk:
        raise ValidationError({"new_parent": ["Đơn vị đã trực thuộc đơn vị này."]})
    OrgUnit.objects.move(unit, new_parent, pos="last-child")
    if actor is not None:
        clear_scope_cache(actor)  # paths changed: scopes computed earlier in this request are stale
    unit.refresh_from_db()
    labels.refresh_labels(labels.subtree_names(unit))  # the subtree has new ancestors
    unit.refresh_from_db(fields=["label"])
    OrgUnit.objects.filter(pk=unit.pk).update(version=F("version") + 1)
    OrgUnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.MOVE,
        occurred_on=occurred_on,
        old_parent=old_parent,
        new_parent=new_parent,
        decision_ref=decision_ref,
    )
    audit.record(
        actor=actor,
        event_type="unit.move",
        target=unit,
        unit=unit,
        before={"parent": old_parent.pk if old_parent else None},
        after={"parent": new_parent.pk},
        extra={"occurred_on": occurred_on, "decision_ref": decision_ref},
    )
    unit.refresh_from_db()
    return unit


@transaction.atomic
def unit_merge(*, actor, unit: OrgUnit, into: OrgUnit, occurred_on: dt.date, decision_ref: str = "") -> OrgUnit:
    """Merge ``unit`` into ``into``: its people transfer to the successor and the unit closes on ``occurred_on``."""
    require_change_scope(actor, unit, "unit")
    require_change_scope(actor, into, "into")
    if into.pk == unit.pk or into.path.startswith(unit.path):
        raise ValidationError({"into": ["Đơn vị kế thừa không được là chính đơn vị hoặc đơn vị trực thuộc của nó."]})
    if OrgUnit.objects.get_children_count(unit):
        raise ValidationError({"unit": ["Hãy chuyển hoặc sáp nhập các đơn vị trực thuộc trước."]})
    # One audit event for the whole merge (with the actor), naming the people it moved; their memberships keep
    # the transfer history.
    moved = []
    for person in Person.objects.filter(unit=unit).order_by("pk"):
        _move_person(person, into, occurred_on, decision_ref or f"Sáp nhập vào {into}", None)
        moved.append(person.pk)
    OrgUnit.objects.filter(pk=unit.pk).update(successor=into, valid_to=occurred_on, version=F("version") + 1)
    OrgUnitEvent.objects.create(
        unit=unit, kind=UnitEventKind.MERGE, occurred_on=occurred_on, other_unit=into, decision_ref=decision_ref
    )
    audit.record(
        actor=actor,
        event_type="unit.merge",
        target=unit,
        unit=unit,
        after={"successor": into.pk},
        extra={"occurred_on": occurred_on, "decision_ref": decision_ref, "people": moved},
    )
    unit.refresh_from_db()
    return unit


# --- people --------------------------------------------------------------------------------------------------


def _clean_person_fields(data: dict[str, Any], *, instance: Person | None) -> dict[str, Any]:
    """Normalise and validate person fields; raises a ValidationError naming every bad field."""
    errors: dict[str, list[str]] = {}
    if "full_name" in data:
        data["full_name"] = vn.nfc(data["full_name"])
        if len(data["full_name"].split()) < 2:
            errors.setdefault("full_name", []).append("Họ và tên phải có ít nhất họ và tên (hai từ).")
    if "cccd" in data:
        raw = (data["cccd"] or "").replace(" ", "")
        if raw and not vn.is_valid_cccd(raw):
            errors.setdefault("cccd", []).append("Số CCCD phải gồm đúng 12 chữ số.")
        data["cccd"] = raw or None
        if raw and Person.objects.filter(cccd=raw).exclude(pk=getattr(instance, "pk", None)).exists():
            errors.setdefault("cccd", []).append("Số CCCD này đã có trong hệ thống.")
    if "rank" in data and data["rank"]:
        code = rank_from_text(data["rank"])
        if code is None:
            errors.setdefault("rank", []).append(f"Cấp bậc «{data['rank']}» không có trong danh mục quân hàm.")
        data["rank"] = code or ""
    category = data.get("category", getattr(instance, "category", Category.OFFICER))
    rank = data.get("rank", getattr(instance, "rank", ""))
    if rank and rank not in CATEGORY_RANKS.get(category, frozenset()) and "rank" not in errors:
        errors.setdefault("rank", []).append(
            f"Cấp bậc {Rank(rank).label} không phù hợp với đối tượng {Category(category).label}."
        )
    dob = data.get("date_of_birth", getattr(instance, "date_of_birth", None))
    if dob and dob > _today():
        errors.setdefault("date_of_birth", []).append("Ngày sinh không được ở tương lai.")
    party = data.get("party_joined_on", getattr(instance, "party_joined_on", None))
    if dob and party and party < vn.add_years(dob, 18):
        errors.setdefault("party_joined_on", []).append("Ngày vào Đảng phải sau khi đủ 18 tuổi.")
    if errors:
        raise ValidationError(errors)
    return data


def _name_identity(full_name: str) -> str:
    """A name compared the way people read it: NFC, case-blind, either tone placement."""
    return vn.normalize_tone_placement(vn.nfc(full_name)).casefold()


def _check_duplicate(full_name: str, dob: dt.date | None, unit: OrgUnit, exclude_pk: int | None) -> None:
    if dob is None:
        return
    # The search key narrows the candidates (indexed); the name itself must then match up to case and tone-mark
    # placement only ("Hoà" = "Hòa"), since "Hoa", "Hoà" and "Hóa" are different names.
    name = _name_identity(full_name)
    qs = Person.objects.filter(search_key=vn.search_key(full_name), date_of_birth=dob, unit=unit)
    names = qs.exclude(pk=exclude_pk).values_list("full_name", flat=True)
    if any(_name_identity(other) == name for other in names):
        raise ValidationError(
            {"full_name": ["Đã có người cùng họ tên, ngày sinh trong đơn vị này (có thể là bản ghi trùng)."]}
        )


def _check_service_start(dob: dt.date | None, start: dt.date | None, field: str = "enlisted_on") -> None:
    if dob and start:
        if start < dob:
            raise ValidationError({field: ["Ngày nhập ngũ/tuyển dụng không được trước ngày sinh."]})
        if vn.add_years(dob, MIN_ENLISTMENT_AGE) > start:
            raise ValidationError({field: [f"Chưa đủ {MIN_ENLISTMENT_AGE} tuổi tại ngày nhập ngũ/tuyển dụng."]})


@transaction.atomic
def person_create(
    *,
    actor,
    unit: OrgUnit,
    full_name: str,
    gender: str = "nam",
    date_of_birth: dt.date | None = None,
    cccd: str | None = None,
    category: str = Category.OFFICER,
    rank: str = "",
    party_joined_on: dt.date | None = None,
    hometown: str = "",
    enlisted_on: dt.date | None = None,
    joined_unit_on: dt.date | None = None,
    rank_since: dt.date | None = None,
) -> Person:
    """Register a person in ``unit``, with their first unit membership, rank and service period."""
    require_change_scope(actor, unit, "unit")
    data = _clean_person_fields(
        {
            "full_name": full_name,
            "cccd": cccd,
            "rank": rank,
            "category": category,
            "date_of_birth": date_of_birth,
            "party_joined_on": party_joined_on,
        },
        instance=None,
    )
    _check_service_start(date_of_birth, enlisted_on)
    _check_duplicate(data["full_name"], date_of_birth, unit, None)
    person = Person(unit=unit, gender=gender, hometown=vn.nfc(hometown), **data)
    person.full_clean(exclude=["search_key", "sort_key"])
    person.save()
    start = joined_unit_on or enlisted_on or _today()
    UnitMembership.objects.create(person=person, unit=unit, start_on=start)
    if person.rank:
        RankChange.objects.create(person=person, rank=person.rank, effective_on=rank_since or start)
    if enlisted_on:
        ServicePeriod.objects.create(person=person, start_on=enlisted_on)
    audit.record(actor=actor, event_type="person.create", target=person, unit=unit, after=audit.snapshot(person))
    return person


PERSON_EDITABLE = ("full_name", "gender", "date_of_birth", "cccd", "category", "party_joined_on", "hometown")


@transaction.atomic
def person_update(*, actor, person: Person, expected_version: int | None, **changes: Any) -> Person:
    """Edit a person's identity fields; refuses if someone else saved since ``expected_version``."""
    require_change_scope(actor, person.unit, "unit")
    unknown = set(changes) - set(PERSON_EDITABLE)
    if unknown:
        raise ValidationError({"__all__": [f"Không sửa được trường: {', '.join(sorted(unknown))}."]})
    changes = _clean_person_fields(dict(changes), instance=person)
    before = audit.snapshot(person)
    for key, value in changes.items():
        setattr(person, key, value)
    first = person.service_periods.order_by("start_on").first()
    _check_service_start(person.date_of_birth, first.start_on if first else None, "date_of_birth")
    _check_duplicate(person.full_name, person.date_of_birth, person.unit, person.pk)
    person.full_clean(exclude=["search_key", "sort_key", "cccd"])
    changes.update(search_key=vn.search_key(person.full_name), sort_key=vn.name_sort_key(person.full_name))
    person = versioned_update(person, expected_version=expected_version, changes=changes)
    b, a = audit.diff(before, audit.snapshot(person))
    audit.record(actor=actor, event_type="person.update", target=person, unit=person.unit, before=b, after=a)
    return person


def _bump(person: Person, expected_version: int | None, **changes: Any) -> Person:
    """Save denormalised current values with a version bump (history writes count as edits of the person)."""
    return versioned_update(person, expected_version=expected_version, changes=changes)


def _move_person(
    person: Person, to_unit: OrgUnit, on: dt.date, decision_ref: str, expected_version: int | None
) -> Person:
    """End the current membership the day before ``on`` and start one in ``to_unit`` (no scope check, no audit)."""
    if to_unit.pk == person.unit_id:
        raise ValidationError({"to_unit": ["Người này đang ở đơn vị này."]})
    current = person.memberships.filter(end_on__isnull=True).order_by("-start_on").first()
    if current and on <= current.start_on:
        raise ValidationError({"on": ["Ngày điều động phải sau ngày bắt đầu ở đơn vị hiện tại."]})
    if current:
        current.end_on = on - dt.timedelta(days=1)
        current.save(update_fields=["end_on"])
    UnitMembership.objects.create(person=person, unit=to_unit, start_on=on, decision_ref=decision_ref)
    return _bump(person, expected_version, unit=to_unit)


@transaction.atomic
def person_transfer(
    *, actor, person: Person, to_unit: OrgUnit, on: dt.date, decision_ref: str = "", expected_version: int | None = None
) -> Person:
    """Transfer a person to another unit from ``on``: the current membership ends the day before."""
    require_change_scope(actor, person.unit, "unit")
    require_change_scope(actor, to_unit, "to_unit")
    old_unit = person.unit
    person = _move_person(person, to_unit, on, decision_ref, expected_version)
    audit.record(
        actor=actor,
        event_type="person.transfer",
        target=person,
        unit=to_unit,
        before={"unit": old_unit.pk},
        after={"unit": to_unit.pk},
        extra={"on": on, "ref": decision_ref},
    )
    return person


@transaction.atomic
def person_rank_change(
    *,
    actor,
    person: Person,
    rank: str,
    effective_on: dt.date,
    decision_ref: str = "",
    expected_version: int | None = None,
) -> RankChange:
    """Record a rank conferred from ``effective_on``; the latest one becomes the current rank."""
    require_change_scope(actor, person.unit, "unit")
    code = rank_from_text(rank)
    if code is None:
        raise ValidationError({"rank": [f"Cấp bậc «{rank}» không có trong danh mục quân hàm."]})
    if code not in CATEGORY_RANKS.get(person.category, frozenset()):
        raise ValidationError(
            {"rank": [f"Cấp bậc {Rank(code).label} không phù hợp với đối tượng {person.get_category_display()}."]}
        )
    if person.date_of_birth and effective_on < person.date_of_birth:
        raise ValidationError({"effective_on": ["Ngày nhận quân hàm không được trước ngày sinh."]})
    change = RankChange.objects.create(person=person, rank=code, effective_on=effective_on, decision_ref=decision_ref)
    latest = person.rank_changes.order_by("-effective_on", "-id").first()
    before = person.rank
    person = _bump(person, expected_version, rank=latest.rank)
    audit.record(
        actor=actor,
        event_type="person.rank",
        target=person,
        unit=person.unit,
        before={"rank": before},
        after={"rank": person.rank},
        extra={"effective_on": effective_on, "ref": decision_ref},
    )
    return change


@transaction.atomic
def position_add(
    *,
    actor,
    person: Person,
    title: str,
    unit: OrgUnit,
    start_on: dt.date,
    end_on: dt.date | None = None,
    kind: str = PositionKind.COMMAND,
    decision_ref: str = "",
    coefficient: Decimal | str | None = None,
) -> Position:
    """Add a position (several may run at once) with its coefficient if it is a leadership post; the unit must be in
    the actor's scope."""
    require_change_scope(actor, person.unit, "person")
    require_change_scope(actor, unit, "unit")
    title = vn.nfc(title)
    if not title:
        raise ValidationError({"title": ["Chức vụ không được để trống."]})
    _check_period(start_on, end_on)
    if person.date_of_birth and start_on < person.date_of_birth:
        raise ValidationError({"start_on": ["Ngày bắt đầu không được trước ngày sinh."]})
    position = Position(
        person=person,
        title=title,
        unit=unit,
        start_on=start_on,
        end_on=end_on,
        kind=kind,
        decision_ref=decision_ref,
        coefficient=_clean_coefficient(coefficient),
    )
    position.full_clean()
    position.save()
    _bump(person, None)
    audit.record(
        actor=actor, event_type="person.position_add", target=person, unit=person.unit, after=audit.snapshot(position)
    )
    return position


@transaction.atomic
def position_end(*, actor, position: Position, end_on: dt.date) -> Position:
    """End a position on ``end_on``."""
    require_change_scope(actor, position.person.unit, "person")
    _check_period(position.start_on, end_on)
    position.end_on = end_on
    position.save(update_fields=["end_on"])
    _bump(position.person, None)
    audit.record(
        actor=actor,
        event_type="person.position_end",
        target=position.person,
        unit=position.person.unit,
        after={"position": position.pk, "end_on": end_on},
    )
    return position


@transaction.atomic
def service_period_add(
    *, actor, person: Person, start_on: dt.date, end_on: dt.date | None = None, note: str = "", time_factor: int = 1
) -> ServicePeriod:
    """Add a period of service; periods may not overlap and must start after the 16th birthday. ``time_factor`` 2
    marks time at sea, on islands or in especially difficult areas (counted double for service medals)."""
    require_change_scope(actor, person.unit, "person")
    if time_factor not in (1, 2):
        raise ValidationError({"time_factor": ["Hệ số tính thời gian chỉ nhận 1 hoặc 2."]})
    _check_period(start_on, end_on)
    _check_service_start(person.date_of_birth, start_on, "start_on")
    far = dt.date.max
    for other in person.service_periods.all():
        if start_on <= (other.end_on or far) and other.start_on <= (end_on or far):
            raise ValidationError({"start_on": [f"Trùng với thời gian phục vụ {other}."]})
    period = ServicePeriod.objects.create(
        person=person, start_on=start_on, end_on=end_on, note=vn.nfc(note), time_factor=time_factor
    )
    _bump(person, None)
    audit.record(
        actor=actor, event_type="person.service_add", target=person, unit=person.unit, after=audit.snapshot(period)
    )
    return period


# --- emulation groups ----------------------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    actor,
    authority: OrgUnit,
    name: str,
    year: int,
    kind: str = "khoi",
    short_name: str = "",
    members: list[OrgUnit] | tuple = (),
    note: str = "",
) -> EmulationGroup:
    """Set up an emulation block/cluster for a year with its member units."""
    require_change_scope(actor, authority, "authority")
    name = vn.nfc(name)
    if not name:
        raise ValidationError({"name": ["Tên khối/cụm không được để trống."]})
    if EmulationGroup.objects.filter(authority=authority, name=name, year=year).exists():
        raise ValidationError({"name": [f"Đã có khối/cụm «{name}» năm {year} của {authority}."]})
    group = EmulationGroup(
        authority=authority, name=name, year=year, kind=kind, short_name=vn.nfc(short_name), note=note
    )
    group.full_clean(exclude=["search_key"])
    group.save()
    for unit in members:
        GroupMembership.objects.create(group=group, unit=unit)
    audit.record(
        actor=actor,
        event_type="group.create",
        target=group,
        unit=authority,
        after={**audit.snapshot(group), "members": [u.pk for u in members]},
    )
    return group


GROUP_EDITABLE = ("name", "short_name", "kind", "year", "note")


@transaction.atomic
def group_update(*, actor, group: EmulationGroup, expected_version: int | None, **changes: Any) -> EmulationGroup:
    """Edit a group's name, kind, year or note (optimistically locked)."""
    require_change_scope(actor, group.authority, "authority")
    unknown = set(changes) - set(GROUP_EDITABLE)
    if unknown:
        # The authority decides who may manage the group: it must not move without a scope check.
        raise ValidationError({"__all__": [f"Không sửa được trường: {', '.join(sorted(unknown))}."]})
    before = audit.snapshot(group)
    for key, value in changes.items():
        setattr(group, key, vn.nfc(value) if isinstance(value, str) else value)
    if not group.name:
        raise ValidationError({"name": ["Tên khối/cụm không được để trống."]})
    group.full_clean(exclude=["search_key"])
    # Save the normalised values (versioned_update writes with UPDATE, bypassing the model's save()).
    changes = {key: getattr(group, key) for key in changes}
    changes["search_key"] = vn.search_key(f"{group.name} {group.short_name}")
    group = versioned_update(group, expected_version=expected_version, changes=changes)
    b, a = audit.diff(before, audit.snapshot(group))
    audit.record(actor=actor, event_type="group.update", target=group, unit=group.authority, before=b, after=a)
    return group


@transaction.atomic
def group_member_set(*, actor, group: EmulationGroup, units: list[OrgUnit]) -> EmulationGroup:
    """Replace the group's member units (leaders must remain members)."""
    require_change_scope(actor, group.authority, "authority")
    wanted = {u.pk for u in units}
    leaders = set(group.leaderships.filter(end_on__isnull=True).values_list("unit_id", flat=True))
    if leaders - wanted:
        raise ValidationError({"members": ["Không thể bỏ đơn vị đang giữ vai trò khối trưởng/khối phó ra khỏi khối."]})
    before = sorted(group.memberships.values_list("unit_id", flat=True))
    group.memberships.exclude(unit_id__in=wanted).delete()
    existing = set(group.memberships.values_list("unit_id", flat=True))
    GroupMembership.objects.bulk_create([GroupMembership(group=group, unit=u) for u in units if u.pk not in existing])
    _bump(group, None)
    audit.record(
        actor=actor,
        event_type="group.members",
        target=group,
        unit=group.authority,
        before={"members": before},
        after={"members": sorted(wanted)},
    )
    return group


def _require_member(group: EmulationGroup, unit: OrgUnit, field: str) -> None:
    if not group.memberships.filter(unit=unit).exists():
        raise ValidationError({field: [f"«{unit}» không phải thành viên của {group.name}."]})


@transaction.atomic
def group_leader_set(
    *, actor, group: EmulationGroup, unit: OrgUnit, role: str, start_on: dt.date, representative: Person | None = None
) -> GroupLeadership:
    """Appoint a member unit to a leadership role from ``start_on`` (ends whoever held that role)."""
    require_change_scope(actor, group.authority, "authority")
    _require_member(group, unit, "unit")
    if role not in GroupRole.values:
        raise ValidationError({"role": ["Vai trò không hợp lệ."]})
    exclusive = role == GroupRole.LEADER
    if exclusive:
        group.leaderships.filter(role=role, end_on__isnull=True).update(end_on=start_on - dt.timedelta(days=1))
    leadership = GroupLeadership.objects.create(
        group=group, unit=unit, role=role, start_on=start_on, representative=representative
    )
    audit.record(
        actor=actor,
        event_type="group.leader",
        target=group,
        unit=group.authority,
        after={"unit": unit.pk, "role": role, "start_on": start_on},
    )
    return leadership


@transaction.atomic
def group_handover(
    *,
    actor,
    group: EmulationGroup,
    from_unit: OrgUnit,
    to_unit: OrgUnit,
    occurred_on: dt.date,
    role: str = GroupRole.LEADER,
    place: str = "",
    from_person: Person | None = None,
    to_person: Person | None = None,
    note: str = "",
) -> GroupHandover:
    """Hand a leadership role from one member unit to another on a date (bàn giao nhiệm vụ khối trưởng)."""
    require_change_scope(actor, group.authority, "authority")
    _require_member(group, from_unit, "from_unit")
    _require_member(group, to_unit, "to_unit")
    if from_unit.pk == to_unit.pk:
        raise ValidationError({"to_unit": ["Đơn vị nhận phải khác đơn vị bàn giao."]})
    holding = group.leaderships.filter(unit=from_unit, role=role, end_on__isnull=True).first()
    if holding is None:
        raise ValidationError({"from_unit": [f"«{from_unit}» không đang giữ vai trò {GroupRole(role).label}."]})
    if occurred_on <= holding.start_on:
        raise ValidationError({"occurred_on": ["Ngày bàn giao phải sau ngày bắt đầu nhiệm kỳ hiện tại."]})
    holding.end_on = occurred_on - dt.timedelta(days=1)
    holding.save(update_fields=["end_on"])
    GroupLeadership.objects.create(group=group, unit=to_unit, role=role, start_on=occurred_on, representative=to_person)
    handover = GroupHandover.objects.create(
        group=group,
        role=role,
        from_unit=from_unit,
        to_unit=to_unit,
        occurred_on=occurred_on,
        place=vn.nfc(place),
        from_person=from_person,
        to_person=to_person,
        note=note,
        recorded_by=actor,
    )
    _bump(group, None)
    audit.record(
        actor=actor,
        event_type="group.handover",
        target=group,
        unit=group.authority,
        before={"leader": from_unit.pk},
        after={"leader": to_unit.pk},
        extra={"occurred_on": occurred_on, "place": place},
    )
    return handover
