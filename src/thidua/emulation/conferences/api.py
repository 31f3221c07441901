"""REST endpoints of review conferences: the list in scope and one conference with attendees (as they were that
day), agenda and decisions. Out-of-scope conferences are 404."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from thidua.core.choices import Action
from thidua.org.schemas import ErrorOut

from .models import Conference

router = Router(tags=["Hội nghị sơ kết, tổng kết"])

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


@router.get("/conferences", response={200: list[ConferenceOut], 401: ErrorOut}, summary="Danh sách hội nghị")
def conference_list(request, year: int | None = None):
    """Conferences in the caller's scope, newest first (optionally of one year)."""
    qs = Conference.objects.visible_to(request.auth, Action.VIEW)
    if year:
        qs = qs.filter(held_on__year=year)
    return list(qs[:500])


@router.get("/conferences/{conference_id}", response={200: ConferenceDetailOut, **READ_ERRORS}, summary="Một hội nghị")
def conference_get(request, conference_id: int):
    """One conference with attendees, agenda, decisions and the minutes text."""
    return get_object_or_404(Conference.objects.visible_to(request.auth, Action.VIEW), pk=conference_id)
