"""Small factories for the engine tests: people with service, yearly ratings, titles, achievements, discipline."""

from __future__ import annotations

import datetime as dt
import itertools

from thidua.catalogue.models import Award
from thidua.org import services as org
from thidua.org.models import ServicePeriod, UnitMembership
from thidua.records.models import (
    Achievement,
    AwardRecord,
    Discipline,
    LeavePeriod,
    PendingReview,
    PersonRating,
    UnitRating,
)

_seq = itertools.count(1)
D = dt.date


def person(unit, *, enlisted=D(2000, 1, 1), gender="nam", category="si_quan", ratings=None, titles=None, **extra):
    """A person in ``unit`` enlisted on ``enlisted`` with optional {year: rating} and {year: title code}."""
    n = next(_seq)
    p = org.person_create(
        actor=None,
        unit=unit,
        full_name=f"Nguyễn Văn Thử {n}",
        gender=gender,
        date_of_birth=D(1965, 1, 1) + dt.timedelta(days=n % 3000),
        category=category,
        enlisted_on=enlisted,
        **extra,
    )
    if ratings:
        rate(p, ratings)
    if titles:
        for year, code in titles.items():
            title(p, code, year)
    return p


def rate(p, ratings: dict[int, str]) -> None:
    PersonRating.objects.bulk_create([PersonRating(person=p, year=y, rating=r) for y, r in ratings.items()])


def title(subject, code: str, year: int, **extra) -> AwardRecord:
    award = Award.objects.get(code=code)
    field = "unit" if subject.__class__.__name__ == "OrgUnit" else "person"
    return AwardRecord.objects.create(award=award, year=year, family=award.family, **{field: subject}, **extra)


def achievement(p, year: int, kind: str = "sang_kien", level: str = "co_so") -> Achievement:
    return Achievement.objects.create(person=p, year=year, kind=kind, level=level, title=f"Sáng kiến {next(_seq)}")


def discipline(p, form: str, decided_on, effective_to=None) -> Discipline:
    return Discipline.objects.create(person=p, form=form, decided_on=decided_on, effective_to=effective_to)


def review(p, start_on, end_on=None, kind="dieu_tra") -> PendingReview:
    return PendingReview.objects.create(person=p, kind=kind, start_on=start_on, end_on=end_on)


def leave(p, start_on, end_on, kind="thai_san") -> LeavePeriod:
    return LeavePeriod.objects.create(person=p, kind=kind, start_on=start_on, end_on=end_on)


def service(p, *periods) -> None:
    """Replace the person's service periods with ``(start, end)`` pairs."""
    ServicePeriod.objects.filter(person=p).delete()
    ServicePeriod.objects.bulk_create([ServicePeriod(person=p, start_on=s, end_on=e) for s, e in periods])


def unit_rate(unit, year: int, rating="htxsnv", party_rating="tsvm", strong=True, strength=None) -> UnitRating:
    return UnitRating.objects.create(
        unit=unit, year=year, rating=rating, party_rating=party_rating, comprehensive_strong=strong, strength=strength
    )


def enterprise(unit):
    """Mark ``unit`` as an enterprise (doanh nghiệp): its collectives are judged for the "Tập thể lao động" titles."""
    return org.unit_update(actor=None, unit=unit, expected_version=None, is_enterprise=True)


def move_membership_start(p, start_on) -> None:
    UnitMembership.objects.filter(person=p).update(start_on=start_on)
