"""REST endpoints of review conferences: the list in scope and one conference with attendees (as they were that
day), agenda and decisions. Out-of-scope conferences are 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router

from thidua.core.choices import Action
from thidua.core.schemas import Id, Year
from thidua.org.schemas import ErrorOut

from .models import Conference
from .schemas import READ_ERRORS, ConferenceDetailOut, ConferenceOut

router = Router(tags=["Hội nghị sơ kết, tổng kết"])


@router.get("/conferences", response={200: list[ConferenceOut], 401: ErrorOut}, summary="Danh sách hội nghị")
def conference_list(request, year: Year | None = None):
    """Conferences in the caller's scope, newest first (optionally of one year)."""
    qs = Conference.objects.visible_to(request.auth, Action.VIEW)
    if year:
        qs = qs.filter(held_on__year=year)
    return list(qs[:500])


@router.get("/conferences/{conference_id}", response={200: ConferenceDetailOut, **READ_ERRORS}, summary="Một hội nghị")
def conference_get(request, conference_id: Id):
    """One conference with attendees, agenda, decisions and the minutes text."""
    return get_object_or_404(Conference.objects.visible_to(request.auth, Action.VIEW), pk=conference_id)
