"""Writes on the block's leadership decided at a review conference: handing the khối trưởng's duties over, and
electing next year's khối trưởng and khối phó (on next year's block, set up when missing).

Same rules as :mod:`.services`: keyword-only, atomic, refused once the minutes are frozen; each decision is also
recorded as an outcome of the conference.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.org import services as org_services
from thidua.org.choices import GroupRole
from thidua.org.models import EmulationGroup, GroupHandover, OrgUnit, Person

from .choices import OutcomeKind
from .models import Conference, ConferenceOutcome
from .services import _writable, outcome_add


def _writable_with_block(actor, conference: Conference) -> None:
    """Refuse a leadership write on a conference the actor may not change, frozen, or not held by a block."""
    _writable(actor, conference)
    if conference.group is None:
        raise ValidationError({"__all__": ["Hội nghị không gắn với khối, cụm thi đua nào."]})


@transaction.atomic
def conference_handover(
    *,
    actor,
    conference: Conference,
    from_unit: OrgUnit,
    to_unit: OrgUnit,
    role: str = GroupRole.LEADER,
    from_person: Person | None = None,
    to_person: Person | None = None,
    note: str = "",
) -> ConferenceOutcome:
    """Hand the block leadership over at the conference (org ``group_handover``) and record it as an outcome."""
    _writable_with_block(actor, conference)
    handover = org_services.group_handover(
        actor=actor,
        group=conference.group,
        from_unit=from_unit,
        to_unit=to_unit,
        occurred_on=conference.held_on,
        role=role,
        place=conference.place,
        from_person=from_person,
        to_person=to_person,
        note=note or f"Bàn giao tại {conference.title}",
    )
    return _link_handover(actor, conference, handover)


def _link_handover(actor, conference: Conference, handover: GroupHandover) -> ConferenceOutcome:
    """Record a handover of the block's leadership as a decision of the conference."""
    text = (
        f"{handover.from_unit.name} bàn giao nhiệm vụ {handover.get_role_display().lower()} cho {handover.to_unit.name}"
    )
    return outcome_add(
        actor=actor,
        conference=conference,
        kind=OutcomeKind.HANDOVER,
        text=text,
        unit=handover.to_unit,
        handover=handover,
    )


@transaction.atomic
def conference_handover_link(*, actor, conference: Conference, handover: GroupHandover) -> ConferenceOutcome:
    """Link a handover already recorded on the group to the conference where it took place."""
    _writable(actor, conference)
    if conference.group_id != handover.group_id:
        raise ValidationError({"handover": ["Lần bàn giao không thuộc khối của hội nghị."]})
    existing = conference.outcomes.filter(handover=handover).first()
    if existing is not None:
        return existing
    return _link_handover(actor, conference, handover)


def next_year_group(*, actor, group: EmulationGroup) -> EmulationGroup:
    """The block of the following year (same authority and name), set up with the same members when missing."""
    found = EmulationGroup.objects.filter(authority=group.authority, name=group.name, year=group.year + 1).first()
    if found is not None:
        return found
    return org_services.group_create(
        actor=actor,
        authority=group.authority,
        name=group.name,
        year=group.year + 1,
        kind=group.kind,
        short_name=group.short_name,
        members=[m.unit for m in group.memberships.select_related("unit")],
        note=group.note,
    )


@transaction.atomic
def conference_elect_leaders(
    *,
    actor,
    conference: Conference,
    leader: OrgUnit,
    deputy: OrgUnit | None = None,
    leader_role: str = GroupRole.LEADER,
) -> ConferenceOutcome:
    """Elect next year's khối trưởng (and khối phó): leadership rows of next year's block, recorded as an outcome."""
    _writable_with_block(actor, conference)
    if deputy is not None and deputy.pk == leader.pk:
        raise ValidationError({"deputy": ["Khối phó phải khác khối trưởng."]})
    nxt = next_year_group(actor=actor, group=conference.group)
    start = dt.date(nxt.year, 1, 1)
    org_services.group_leader_set(actor=actor, group=nxt, unit=leader, role=leader_role, start_on=start)
    text = f"Bầu {leader.name} làm {GroupRole(leader_role).label.lower()} năm {nxt.year}"
    if deputy is not None:
        org_services.group_leader_set(actor=actor, group=nxt, unit=deputy, role=GroupRole.DEPUTY, start_on=start)
        text += f"; {deputy.name} làm khối phó"
    return outcome_add(actor=actor, conference=conference, kind=OutcomeKind.ELECTION, text=text + ".", unit=leader)
