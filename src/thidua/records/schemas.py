"""Schemas of the records API (django-ninja / pydantic).

The ``…PatchIn`` schemas of the PATCH routes need ``version`` (the one last read: a stale one is a 409 with the current
values) and take only the fields sent; a field sent as null where the record needs a value is a 422.
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from thidua.core.schemas import InputSchema, Year

from .choices import AchievementKind, DisciplineForm, Level, PartyRating, Rating

# --- ratings, awards, achievements, discipline -----------------------------------------------------------------


class PersonRatingIn(InputSchema):
    """A person's rating for a year. Without ``version`` the year must have no rating yet (else 409 with the one
    saved); with the ``version`` of the year's rating, it replaces that rating."""

    year: Year
    rating: Rating
    decision_ref: str = ""
    version: int | None = None


class PersonRatingPatchIn(InputSchema):
    """Changes to a person's rating of a year; ``version`` is the one last read."""

    version: int
    year: Year = None
    rating: Rating = None
    decision_ref: str = None


class PersonRatingOut(Schema):
    """A person's rating for a year."""

    id: int
    version: int
    year: int
    rating: str
    rating_label: str
    decision_ref: str
    source: str

    @staticmethod
    def resolve_rating_label(obj) -> str:
        return obj.get_rating_display()


class UnitRatingIn(InputSchema):
    """A collective's yearly results (``version`` as for a person's rating)."""

    year: Year
    rating: Rating
    party_rating: PartyRating | None = None
    comprehensive_strong: bool = False
    strength: int | None = None
    decision_ref: str = ""
    version: int | None = None


class UnitRatingPatchIn(InputSchema):
    """Changes to a collective's results of a year; ``version`` is the one last read."""

    version: int
    year: Year = None
    rating: Rating = None
    party_rating: PartyRating | None = None
    comprehensive_strong: bool = None
    strength: int | None = None
    decision_ref: str = None


class UnitRatingOut(Schema):
    """A collective's yearly results."""

    id: int
    version: int
    year: int
    rating: str
    party_rating: str
    comprehensive_strong: bool
    strength: int | None
    decision_ref: str
    source: str


class AwardRecordIn(InputSchema):
    """A title or award received; ``award`` is the catalogue code (e.g. ``CSTDCS``)."""

    award: str
    year: Year
    decided_on: dt.date | None = None
    decision_ref: str = ""
    issuer: str = ""
    achievement_ref: str = ""


class AwardRecordPatchIn(InputSchema):
    """Changes to a registered title or award (never one recorded from a decision); ``version`` as last read."""

    version: int
    award: str = None
    year: Year = None
    decided_on: dt.date | None = None
    decision_ref: str = None
    issuer: str = None
    achievement_ref: str = None


class AwardRecordOut(Schema):
    """A title or award received."""

    id: int
    version: int
    award: str
    award_name: str
    year: int
    decided_on: dt.date | None
    decision_ref: str
    issuer: str
    achievement_ref: str
    source: str

    @staticmethod
    def resolve_award(obj) -> str:
        return obj.award.code

    @staticmethod
    def resolve_award_name(obj) -> str:
        return obj.award.name


class AchievementIn(InputSchema):
    """An initiative or research work; ``level`` is required."""

    year: Year
    kind: AchievementKind = AchievementKind.INITIATIVE
    level: Level | None = None
    title: str
    decision_ref: str = ""


class AchievementPatchIn(InputSchema):
    """Changes to an initiative or research work; ``version`` as last read."""

    version: int
    year: Year = None
    kind: AchievementKind = None
    level: Level = None
    title: str = None
    decision_ref: str = None


class AchievementOut(Schema):
    """An initiative or research work."""

    id: int
    version: int
    year: int
    kind: str
    level: str
    title: str
    decision_ref: str
    source: str


class DisciplineIn(InputSchema):
    """A disciplinary measure."""

    form: DisciplineForm
    decided_on: dt.date
    effective_to: dt.date | None = None
    decision_ref: str = ""
    reason: str = ""


class DisciplinePatchIn(InputSchema):
    """Changes to a disciplinary measure; ``version`` as last read."""

    version: int
    form: DisciplineForm = None
    decided_on: dt.date = None
    effective_to: dt.date | None = None
    decision_ref: str = None
    reason: str = None


class DisciplineOut(Schema):
    """A disciplinary measure."""

    id: int
    version: int
    form: str
    form_label: str
    decided_on: dt.date
    effective_to: dt.date | None
    decision_ref: str
    reason: str

    @staticmethod
    def resolve_form_label(obj) -> str:
        return obj.get_form_display()
