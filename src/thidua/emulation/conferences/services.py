"""Writes on review conferences (hội nghị sơ kết, tổng kết): the record, its attendees and agenda, the decisions
taken, the minutes (biên bản) and their freezing. The block's leadership handed over or elected at a conference is in
:mod:`.leadership`; who may change a conference is decided in :mod:`.policies`.

Every function is keyword-only, atomic and audited once. ``actor`` is the user acting (None for system commands such
as ``thidua demo``, which skip scope checks). Once the minutes are frozen nothing in the conference changes: every
service refuses with :data:`FROZEN_MESSAGE`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core import audit, vn
from thidua.core.choices import Action
from thidua.core.locking import versioned_update
from thidua.core.scoping import in_scope, require_change_scope
from thidua.core.sequences import save_numbered
from thidua.org.models import EmulationGroup, GroupHandover, OrgUnit, Person
from thidua.org.selectors import positions_text

from .choices import AgendaKind, ConferenceStatus, OutcomeKind
from .models import AgendaItem, Attendee, Conference, ConferenceOutcome
from .policies import can_change_conference
from .selectors import rank_on

FROZEN_MESSAGE = "Biên bản đã chốt, không sửa được."
CONFERENCE_EDITABLE = ("title", "kind", "place", "conclusions", "held_on", "status")


# --- shared checks -------------------------------------------------------------------------------------------------


def _require_change(actor, conference: Conference) -> None:
    if not can_change_conference(actor, conference):
        raise ValidationError({"__all__": ["Hội nghị nằm ngoài phạm vi quản lý của bạn."]})


def _require_open(conference: Conference) -> None:
    """Refuse any write on a conference whose minutes are frozen (re-read from the database, not the form)."""
    status = Conference.objects.filter(pk=conference.pk).values_list("status", flat=True).first()
    if status == ConferenceStatus.FROZEN:
        raise ValidationError({"__all__": [FROZEN_MESSAGE]})


def _writable(actor, conference: Conference) -> None:
    _require_change(actor, conference)
    _require_open(conference)


def _require_person_visible(actor, person: Person | None, field: str) -> None:
    """People come from the registry (a FK); one outside the actor's view scope is refused, naming the field."""
    if person is None:
        raise ValidationError({field: ["Phải chọn người trong danh sách cán bộ."]})
    if actor is not None and not in_scope(actor, person.unit_id, Action.VIEW):
        raise ValidationError({field: [f"«{person.full_name}» nằm ngoài phạm vi quản lý của bạn."]})


def _bump(conference: Conference) -> None:
    versioned_update(conference, expected_version=None, changes={})


def _audit(actor, conference: Conference, event: str, **data: Any) -> None:
    audit.record(actor=actor, event_type=f"conference.{event}", target=conference, unit=conference.host_unit, **data)


# --- the conference ------------------------------------------------------------------------------------------------


@transaction.atomic
def conference_create(
    *,
    actor,
    title: str,
    kind: str,
    host_unit: OrgUnit,
    held_on: dt.date,
    chair: Person | None,
    place: str = "",
    period=None,
    group: EmulationGroup | None = None,
    conclusions: str = "",
) -> Conference:
    """Record a conference; the chair is a person of the registry, with their positions as they were that day."""
    require_change_scope(actor, host_unit, "host_unit")
    _require_person_visible(actor, chair, "chair")
    title = vn.nfc(title).strip()
    if not title:
        raise ValidationError({"title": ["Tên hội nghị không được để trống."]})
    if held_on is None:
        raise ValidationError({"held_on": ["Phải nhập ngày họp."]})
    conference = Conference(
        title=title,
        kind=kind,
        host_unit=host_unit,
        held_on=held_on,
        place=vn.nfc(place),
        period=period,
        group=group,
        chair=chair,
        chair_title=positions_text(chair, held_on)[:500],
        conclusions=vn.nfc(conclusions),
        status=ConferenceStatus.HELD if held_on <= timezone.localdate() else ConferenceStatus.PLANNED,
    )
    conference.full_clean()
    conference.save()
    _snapshot_attendee(conference, chair, "Chủ trì")
    _audit(actor, conference, "create", after=audit.snapshot(conference))
    return conference


@transaction.atomic
def conference_update(*, actor, conference: Conference, expected_version: int | None, **changes: Any) -> Conference:
    """Edit the title, kind, place, date, status or conclusions (optimistically locked; refused once frozen).

    A new date re-records the chair's title and every attendee's rank and positions as they were on that day.
    """
    _writable(actor, conference)
    unknown = set(changes) - set(CONFERENCE_EDITABLE)
    if unknown:
        raise ValidationError({"__all__": [f"Không sửa được trường: {', '.join(sorted(unknown))}."]})
    if changes.get("status") == ConferenceStatus.FROZEN:
        raise ValidationError({"status": ["Dùng chức năng «Chốt biên bản» để chốt."]})
    before = audit.snapshot(conference)
    old_day = conference.held_on
    for key, value in changes.items():
        setattr(conference, key, vn.nfc(value) if isinstance(value, str) else value)
    if not conference.title:
        raise ValidationError({"title": ["Tên hội nghị không được để trống."]})
    moved = conference.held_on != old_day
    if moved and conference.held_on is not None:
        conference.chair_title = positions_text(conference.chair, conference.held_on)[:500]
    conference.full_clean()
    fields = [*changes, "chair_title"] if moved else list(changes)
    conference = versioned_update(
        conference, expected_version=expected_version, changes={k: getattr(conference, k) for k in fields}
    )
    after = audit.snapshot(conference)
    if moved:  # the attendees' records change only with the day: audit them old → new
        before["attendees"] = _attendees_snapshot(conference)
        _resnapshot_attendees(conference)
        after["attendees"] = _attendees_snapshot(conference)
    b, a = audit.diff(before, after)
    _audit(actor, conference, "update", before=b, after=a)
    return conference


def _attendees_snapshot(conference: Conference) -> dict[str, list[str]]:
    """Each attendee's rank and positions as recorded (person id → [rank, positions]), for the audit trail."""
    return {
        str(person_id): [rank, positions]
        for person_id, rank, positions in conference.attendees.order_by("person_id").values_list(
            "person_id", "rank_then", "positions_then"
        )
    }


def _resnapshot_attendees(conference: Conference) -> None:
    """Record again every attendee's rank and positions as of the conference day (after the date changed)."""
    attendees = list(
        conference.attendees.select_related("person").prefetch_related("person__rank_changes", "person__positions")
    )
    day = conference.held_on
    for attendee in attendees:
        attendee.rank_then = rank_on(attendee.person, day)
        attendee.positions_then = positions_text(attendee.person, day)[:500]
    Attendee.objects.bulk_update(attendees, ["rank_then", "positions_then"])


def _snapshot_attendee(conference: Conference, person: Person, role: str) -> Attendee:
    attendee, _ = Attendee.objects.update_or_create(
        conference=conference,
        person=person,
        defaults={
            "rank_then": rank_on(person, conference.held_on),
            "positions_then": positions_text(person, conference.held_on)[:500],
            "role": vn.nfc(role)[:120],
        },
    )
    return attendee


@transaction.atomic
def attendee_add(*, actor, conference: Conference, person: Person | None, role: str = "") -> Attendee:
    """Add (or re-snapshot) an attendee with the rank and positions held on the conference day."""
    _writable(actor, conference)
    _require_person_visible(actor, person, "person")
    attendee = _snapshot_attendee(conference, person, role)
    _bump(conference)
    _audit(actor, conference, "attendee_add", after={"person": person.pk, "rank": attendee.rank_then, "role": role})
    return attendee


@transaction.atomic
def attendee_remove(*, actor, attendee: Attendee) -> None:
    """Remove an attendee (not the chair)."""
    conference = attendee.conference
    _writable(actor, conference)
    if attendee.person_id == conference.chair_id:
        raise ValidationError({"person": ["Không bỏ được người chủ trì khỏi danh sách đại biểu."]})
    person_id = attendee.person_id
    attendee.delete()
    _bump(conference)
    _audit(actor, conference, "attendee_remove", before={"person": person_id})


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    conference: Conference,
    kind: str,
    title: str,
    presenter: Person | None = None,
    presenter_unit: OrgUnit | None = None,
    summary: str = "",
    order: int | None = None,
) -> AgendaItem:
    """Append an item to the agenda (quán triệt, báo cáo trung tâm, tham luận, kết luận …) with its presenter."""
    _writable(actor, conference)
    if presenter is not None:
        _require_person_visible(actor, presenter, "presenter")
    if kind not in AgendaKind.values:
        raise ValidationError({"kind": ["Nội dung không hợp lệ."]})
    title = vn.nfc(title).strip() or AgendaKind(kind).label
    item = AgendaItem(
        conference=conference,
        order=order or 0,
        kind=kind,
        title=title,
        presenter=presenter,
        presenter_unit=presenter_unit or (presenter.unit if presenter else None),
        summary=vn.nfc(summary),
    )
    if order is None:
        save_numbered(
            item, "order", conference.agenda.all(), lock=conference
        )  # the next number, unique under concurrency
    else:
        item.full_clean()
        item.save()
    if presenter is not None and not conference.attendees.filter(person=presenter).exists():
        _snapshot_attendee(conference, presenter, AgendaKind(kind).label)
    _bump(conference)
    _audit(actor, conference, "agenda_add", after=audit.snapshot(item))
    return item


@transaction.atomic
def outcome_add(
    *,
    actor,
    conference: Conference,
    kind: str,
    text: str,
    unit: OrgUnit | None = None,
    award=None,
    handover: GroupHandover | None = None,
) -> ConferenceOutcome:
    """Record a decision taken at the conference (awards presented, the block's proposal, …)."""
    _writable(actor, conference)
    text = vn.nfc(text).strip()
    if not text:
        raise ValidationError({"text": ["Nội dung không được để trống."]})
    if kind not in OutcomeKind.values:
        raise ValidationError({"kind": ["Loại kết quả không hợp lệ."]})
    outcome = ConferenceOutcome(conference=conference, kind=kind, text=text, unit=unit, award=award, handover=handover)
    outcome.full_clean()
    outcome.save()
    _bump(conference)
    _audit(actor, conference, "outcome_add", after=audit.snapshot(outcome))
    return outcome


# --- minutes -------------------------------------------------------------------------------------------------------


@transaction.atomic
def minutes_draft(*, actor, conference: Conference) -> Conference:
    """Draft the minutes text from the record (attendees, agenda, conclusions, outcomes), replacing the draft."""
    from .minutes import minutes_text

    _writable(actor, conference)
    conference = versioned_update(conference, expected_version=None, changes={"minutes": minutes_text(conference)})
    _audit(actor, conference, "minutes_draft", after={"chars": len(conference.minutes)})
    return conference


@transaction.atomic
def minutes_update(*, actor, conference: Conference, minutes: str, expected_version: int | None) -> Conference:
    """Amend the minutes text (optimistically locked; refused once frozen)."""
    _writable(actor, conference)
    before = conference.minutes
    conference = versioned_update(conference, expected_version=expected_version, changes={"minutes": vn.nfc(minutes)})
    _audit(actor, conference, "minutes_update", before={"chars": len(before)}, after={"chars": len(conference.minutes)})
    return conference


@transaction.atomic
def conference_freeze(*, actor, conference: Conference, comment: str = "") -> Conference:
    """Freeze the minutes: from now on nothing in the conference changes. Drafts the minutes if still empty.
    ``comment`` (optional) is kept in the audit event."""
    from .minutes import minutes_text

    _writable(actor, conference)
    changes: dict[str, Any] = {"status": ConferenceStatus.FROZEN, "frozen_at": timezone.now()}
    if not conference.minutes.strip():
        changes["minutes"] = minutes_text(conference)
    conference = versioned_update(conference, expected_version=None, changes=changes)
    _audit(actor, conference, "freeze", after={"status": conference.status}, extra=audit.with_comment(None, comment))
    return conference


@transaction.atomic
def conference_clone(*, actor, conference: Conference, held_on: dt.date, title: str = "", period=None) -> Conference:
    """Start next period's conference from this one: a draft copy of the agenda and attendees for ``held_on``."""
    if actor is not None and not in_scope(actor, conference.host_unit_id, Action.CHANGE):
        raise ValidationError({"__all__": ["Hội nghị nằm ngoài phạm vi quản lý của bạn."]})
    if held_on is None or held_on <= conference.held_on:
        raise ValidationError({"held_on": ["Ngày họp của hội nghị mới phải sau ngày họp của hội nghị cũ."]})
    title = vn.nfc(title).strip() or conference.title.replace(str(conference.held_on.year), str(held_on.year))
    group = conference.group
    if group is not None and group.year != held_on.year:
        group = (
            EmulationGroup.objects.filter(authority=group.authority, name=group.name, year=held_on.year).first()
            or group
        )
    copy = Conference(
        title=title,
        kind=conference.kind,
        host_unit=conference.host_unit,
        held_on=held_on,
        place=conference.place,
        period=period,
        group=group,
        chair=conference.chair,
        chair_title=positions_text(conference.chair, held_on)[:500],
        status=ConferenceStatus.PLANNED,
    )
    copy.full_clean()
    copy.save()
    for attendee in conference.attendees.select_related("person").prefetch_related(
        "person__rank_changes", "person__positions"
    ):
        _snapshot_attendee(copy, attendee.person, attendee.role)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                conference=copy,
                order=item.order,
                kind=item.kind,
                title=item.title.replace(str(conference.held_on.year), str(held_on.year)),
                presenter=item.presenter,
                presenter_unit=item.presenter_unit,
            )
            for item in conference.agenda.all()
        ]
    )
    _audit(actor, copy, "clone", after={**audit.snapshot(copy), "from": conference.pk})
    return copy
