"""Schemas of the review-conference API (:mod:`.api`): what goes in and out, and the error responses."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from thidua.org.schemas import ErrorOut

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}


class ConferenceOut(Schema):
    """A conference in a list."""

    id: int
    title: str
    kind: str
    held_on: dt.date
    place: str
    host_unit_id: int
    group_id: int | None
    chair_id: int
    chair_title: str
    status: str


class AttendeeOut(Schema):
    """An attendee with the rank and positions held on the conference day."""

    person_id: int
    full_name: str
    rank_then: str
    positions_then: str
    role: str

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.person.full_name


class AgendaOut(Schema):
    """An agenda item."""

    order: int
    kind: str
    title: str
    presenter_id: int | None
    presenter_unit_id: int | None


class OutcomeOut(Schema):
    """A decision taken at the conference."""

    kind: str
    text: str
    unit_id: int | None
    handover_id: int | None


class ConferenceDetailOut(ConferenceOut):
    """One conference with its record."""

    conclusions: str
    minutes: str
    attendees: list[AttendeeOut]
    agenda: list[AgendaOut]
    outcomes: list[OutcomeOut]

    @staticmethod
    def resolve_attendees(obj):
        return list(obj.attendees.select_related("person").order_by("id"))

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda.all())

    @staticmethod
    def resolve_outcomes(obj):
        return list(obj.outcomes.all())
