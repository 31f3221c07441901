"""Reads of yearly records: the year-by-year table of a person or a unit, and the lists the API serves.

The subject (person or unit) is always fetched through ``visible_to`` by the caller first; the functions here then
read that subject's rows in a fixed, small number of queries whatever the number of years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from thidua.catalogue.choices import AwardKind, Subject
from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.org.models import OrgUnit, Person

from .choices import RecordSource
from .models import Achievement, AwardRecord, Discipline, LeavePeriod, PendingReview, PersonRating, UnitRating

TABLE_FIRST_YEAR = 2015  # the table always shows at least 2015 … this year


@dataclass
class YearRow:
    """One year of a subject's records."""

    year: int
    rating: PersonRating | UnitRating | None = None
    titles: list[AwardRecord] = field(default_factory=list)
    awards: list[AwardRecord] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)
    closed: bool = False  # a decision was recorded for the year: its records are not edited in place


@dataclass
class PersonRecords:
    """Everything the records page of a person shows."""

    rows: list[YearRow]
    ratings: list[PersonRating]
    awards: list[AwardRecord]
    achievements: list[Achievement]
    disciplines: list[Discipline]
    reviews: list[PendingReview]
    leaves: list[LeavePeriod]

    @property
    def closed_years(self) -> set[int]:
        """Years closed by a decision: their records are shown without "Sửa" and "Xoá"."""
        return {row.year for row in self.rows if row.closed}


@dataclass
class UnitRecords:
    """Everything the records page of a unit shows."""

    rows: list[YearRow]
    ratings: list[UnitRating]
    awards: list[AwardRecord]

    @property
    def closed_years(self) -> set[int]:
        """Years closed by a decision: their records are shown without "Sửa" and "Xoá"."""
        return {row.year for row in self.rows if row.closed}


def _years(found: list[int], today: dt.date) -> range:
    first = min([TABLE_FIRST_YEAR, *found])
    last = max([today.year, *found])
    return range(first, last + 1)


def _place_awards(rows: dict[int, YearRow], awards: list[AwardRecord]) -> None:
    for record in awards:
        row = rows[record.year]
        (row.titles if record.award.kind == AwardKind.TITLE else row.awards).append(record)
        if record.source == RecordSource.DECISION:
            row.closed = True


def person_records(person: Person, today: dt.date | None = None) -> PersonRecords:
    """A person's records by year (ratings, titles, awards, achievements, discipline in effect) and the lists."""
    today = today or dt.date.today()
    ratings = list(PersonRating.objects.filter(person=person).order_by("year"))
    awards = list(AwardRecord.objects.filter(person=person).select_related("award").order_by("year", "id"))
    achievements = list(Achievement.objects.filter(person=person).order_by("year", "id"))
    disciplines = list(Discipline.objects.filter(person=person).order_by("decided_on", "id"))
    reviews = list(PendingReview.objects.filter(person=person).order_by("start_on", "id"))
    leaves = list(LeavePeriod.objects.filter(person=person).order_by("start_on", "id"))
    found = [r.year for r in ratings] + [a.year for a in awards] + [a.year for a in achievements]
    found += [d.decided_on.year for d in disciplines]
    rows = {year: YearRow(year) for year in _years(found, today)}
    for rating in ratings:
        rows[rating.year].rating = rating
    _place_awards(rows, awards)
    for item in achievements:
        rows[item.year].achievements.append(item)
    for item in disciplines:
        last = (item.effective_to or item.decided_on).year
        for year in range(item.decided_on.year, last + 1):
            if year in rows:
                rows[year].disciplines.append(item)
    return PersonRecords(
        rows=list(rows.values()),
        ratings=ratings,
        awards=awards,
        achievements=achievements,
        disciplines=disciplines,
        reviews=reviews,
        leaves=leaves,
    )


def unit_records(unit: OrgUnit, today: dt.date | None = None) -> UnitRecords:
    """A unit's yearly results and the titles and awards it received, by year."""
    today = today or dt.date.today()
    ratings = list(UnitRating.objects.filter(unit=unit).order_by("year"))
    awards = list(AwardRecord.objects.filter(unit=unit).select_related("award").order_by("year", "id"))
    rows = {year: YearRow(year) for year in _years([r.year for r in ratings] + [a.year for a in awards], today)}
    for rating in ratings:
        rows[rating.year].rating = rating
    _place_awards(rows, awards)
    return UnitRecords(rows=list(rows.values()), ratings=ratings, awards=awards)


def award_records_in_scope(user) -> QuerySet[AwardRecord]:
    """Titles and awards received by people and collectives in the user's scope, with what the list shows joined."""
    return AwardRecord.objects.visible_to(user, Action.VIEW).select_related("award", "person__unit", "unit")


def awards_for(subject: str) -> QuerySet[Award]:
    """Active catalogue items that can be given to a person (``ca_nhan``) or a collective (``tap_the``)."""
    return Award.objects.filter(active=True, subject__in=[subject, Subject.BOTH]).order_by("order", "code")


def person_ratings(person: Person) -> QuerySet[PersonRating]:
    """A person's ratings, oldest first."""
    return PersonRating.objects.filter(person=person).order_by("year")


def person_awards(person: Person) -> QuerySet[AwardRecord]:
    """A person's titles and awards received, oldest first."""
    return AwardRecord.objects.filter(person=person).select_related("award").order_by("year", "id")


def person_achievements(person: Person) -> QuerySet[Achievement]:
    """A person's initiatives and research works, oldest first."""
    return Achievement.objects.filter(person=person).order_by("year", "id")


def person_disciplines(person: Person) -> QuerySet[Discipline]:
    """A person's disciplinary measures, oldest first."""
    return Discipline.objects.filter(person=person).order_by("decided_on", "id")


def unit_ratings(unit: OrgUnit) -> QuerySet[UnitRating]:
    """A unit's yearly results, oldest first."""
    return UnitRating.objects.filter(unit=unit).order_by("year")


def unit_awards(unit: OrgUnit) -> QuerySet[AwardRecord]:
    """A unit's titles and awards received, oldest first."""
    return AwardRecord.objects.filter(unit=unit).select_related("award").order_by("year", "id")
