"""Demo yearly records (2015–2025) for the demo organisation, so that every main rule has, for 2025, at least one
eligible, one not-eligible and one soon-eligible subject. Everything here is ILLUSTRATIVE.

Two layers:

* **scenario people** — a dozen invented staff of Phòng Kế hoạch, Nhà máy Z111, each built for one case: a 2-year
  CSTĐCS streak, a streak broken in 2023, 3 CSTĐCS with or without an army-level initiative, 25 years of continuous
  service reached in 03/2026, a break in service, discipline in 2025, an open review, a recruit of 2025 …;
* **everyone else** — ratings, titles and a few initiatives drawn from a seeded random generator per person (the
  same on every run), and yearly results for every unit, with Phòng Kỹ thuật of Z111 kept exemplary in 2025.

The load is idempotent: scenario people are found by (name, birth date); each record is inserted only when its
natural key is not there yet (bulk_create); all rows carry ``source = du_lieu_mau``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from thidua.catalogue.models import Award
from thidua.org import services as org_services
from thidua.org.choices import Category, Gender
from thidua.org.models import OrgUnit, Person, ServicePeriod
from thidua.records.choices import AchievementKind, PartyRating
from thidua.records.models import Achievement, AwardRecord, Discipline, PendingReview, PersonRating, UnitRating

from .collective import Plan, load_blocks
from .collective import plan as collective_plan
from .data import (
    ARMY,
    BASE,
    EXEMPLARY_UNIT,
    FIRST_YEAR,
    LAST_YEAR,
    PAST_CSTDTQ,
    PLANT,
    SCENARIO_UNIT,
    SEED,
    SOURCE,
    WEAK_UNIT,
    Case,
    D,
    H,
    K,
    N,
    T,
)
from .data import CASES as STORY_CASES
from .service_cases import SERVICE_CASES
from .yearly_cases import YEARLY_CASES

CASES = STORY_CASES + SERVICE_CASES + YEARLY_CASES

__all__ = ["CASES", "Case", "RecordsResult", "load_records"]


@dataclass
class RecordsResult:
    """What the demo records load created."""

    people_created: int = 0
    ratings: int = 0
    unit_ratings: int = 0
    awards: int = 0
    achievements: int = 0
    disciplines: int = 0
    reviews: int = 0
    block_sheets: int = 0

    def summary(self) -> str:
        """One line for the ``thidua demo`` output."""
        return (
            f"Thành tích mẫu 2015–2025: thêm {self.ratings} đánh giá cá nhân, {self.unit_ratings} đánh giá tập thể, "
            f"{self.awards} danh hiệu/khen thưởng, {self.achievements} sáng kiến, đề tài, {self.disciplines} kỷ luật, "
            f"{self.reviews} việc đang xem xét; {self.block_sheets} bảng điểm khối năm {LAST_YEAR}."
        )


class _Rows:
    """Rows to insert, skipping the natural keys already present from an earlier run."""

    def __init__(self):
        self.ratings: dict[tuple[int, int], PersonRating] = {}
        self.unit_ratings: dict[tuple[int, int], UnitRating] = {}
        self.awards: dict[tuple, AwardRecord] = {}
        self.achievements: dict[tuple, Achievement] = {}
        self.disciplines: dict[tuple, Discipline] = {}
        self.reviews: dict[tuple, PendingReview] = {}
        self.families: set[tuple[int, int, str]] = set()
        self.exemplary_ids: dict[int, int] = {}  # person id → exemplary unit id
        self.enterprise_ids: set[int] = set()  # people of enterprises (their yearly title is LĐTT)

    def rating(self, pid: int, year: int, rating: str) -> None:
        self.ratings.setdefault((pid, year), PersonRating(person_id=pid, year=year, rating=rating, source=SOURCE))

    def award(self, award: Award | None, year: int, *, pid: int | None = None, uid: int | None = None) -> None:
        if award is None:
            return
        family_key = (pid or -uid, year, award.family)
        if award.family and family_key in self.families:
            return
        self.families.add(family_key)
        self.awards.setdefault(
            (pid, uid, year, award.pk),
            AwardRecord(
                award=award,
                person_id=pid,
                unit_id=uid,
                year=year,
                family=award.family,
                decision_ref=f"QĐ khen thưởng năm {year} (minh họa)",
                source=SOURCE,
            ),
        )

    def achievement(self, pid: int, year: int, level: str, title: str, kind: str = AchievementKind.INITIATIVE):
        self.achievements.setdefault(
            (pid, year, title),
            Achievement(person_id=pid, year=year, kind=kind, level=level, title=title, source=SOURCE),
        )


def _find_units() -> dict[str, OrgUnit]:
    plant = OrgUnit.objects.filter(name=PLANT).first()
    if plant is None:
        raise RuntimeError("Chưa có dữ liệu mẫu về tổ chức: chạy «thidua demo» trước.")
    children = {u.name: u for u in OrgUnit.objects.filter(path__startswith=plant.path, depth=plant.depth + 1)}
    return {
        "plant": plant,
        "scenario": children[SCENARIO_UNIT],
        "exemplary": children[EXEMPLARY_UNIT],
        "weak": children.get(WEAK_UNIT, plant),
    }


def _scenario_people(unit: OrgUnit) -> tuple[list[tuple[Case, Person]], int]:
    """Find or create each scenario person (through the org services, so they carry audit events)."""
    found, created = [], 0
    for case in CASES:
        person = Person.objects.filter(full_name=case.name, date_of_birth=case.born).first()
        if person is None:
            person = _person_create(case, unit)
            _posts(case, person, unit)
            if case.earlier_service:
                start, end = case.earlier_service
                org_services.service_period_add(
                    actor=None, person=person, start_on=start, end_on=end, note="(minh họa)"
                )
            created += 1
        found.append((case, person))
    return found, created


def _person_create(case: Case, unit: OrgUnit) -> Person:
    """Create a scenario person; with ``double_time_until``, the first period is counted ×2 (Trường Sa)."""
    start = case.enlisted
    if case.double_time_until:
        start = case.double_time_until + dt.timedelta(days=1)
    person = org_services.person_create(
        actor=None,
        unit=unit,
        full_name=case.name,
        gender=case.gender,
        date_of_birth=case.born,
        category=Category.DEFENCE_WORKER if case.gender == Gender.FEMALE else Category.PROFESSIONAL,
        enlisted_on=start,
    )
    if case.double_time_until:
        org_services.service_period_add(
            actor=None,
            person=person,
            start_on=case.enlisted,
            end_on=case.double_time_until,
            time_factor=2,
            note="Quần đảo Trường Sa (minh họa)",
        )
    return person


def _posts(case: Case, person: Person, unit: OrgUnit) -> None:
    """The case's posts (with their coefficients), or the default staff post from enlistment."""
    if not case.posts:
        title = "Nhân viên kế hoạch" if case.gender == Gender.FEMALE else "Trợ lý kế hoạch"
        org_services.position_add(actor=None, person=person, title=title, unit=unit, start_on=case.enlisted)
        return
    plant = OrgUnit.objects.get_parent(unit)
    for title, coefficient, start, end in case.posts:
        where = plant if "Nhà máy" in title else unit
        org_services.position_add(
            actor=None, person=person, title=title, unit=where, start_on=start, end_on=end, coefficient=coefficient
        )


def _serving_years(periods: list[tuple[dt.date, dt.date | None]]) -> list[int]:
    years = set()
    for start, end in periods:
        years.update(range(max(FIRST_YEAR, start.year), min(LAST_YEAR, (end or D(LAST_YEAR, 12, 31)).year) + 1))
    return sorted(years)


def _draw_rating(rng: random.Random) -> str:
    x = rng.random()
    return H if x < 0.2 else T if x < 0.82 else N if x < 0.97 else K


def _generated(rows: _Rows, people: list[tuple[int, str]], periods, awards: dict[str, Award], skip: set[int]) -> None:
    """Ratings, titles and some initiatives for everyone who is not a scenario person.

    In an exemplary unit every member completes the last year's tasks with a title and its first member is CSTĐCS
    that year. People of an enterprise get LĐTT where others get CSTT.
    """
    exemplary = rows.exemplary_ids
    stars = {min(pid for pid, u in exemplary.items() if u == uid) for uid in set(exemplary.values())}
    for index, (pid, key) in enumerate(people):
        if pid in skip:
            continue
        rng = random.Random(f"{SEED}:{key}")
        for year in _serving_years(periods.get(pid, [])):
            rating = _draw_rating(rng)
            initiative = rating == H and rng.random() < 0.5
            cstdcs = rating == H and (initiative or rng.random() < 0.3)
            cstt = rng.random() < 0.85
            if year == LAST_YEAR and pid in exemplary:
                rating = H if pid in stars else T if rating in (N, K) else rating
                cstdcs, cstt = cstdcs or pid in stars, True
            rows.rating(pid, year, rating)
            if initiative:
                rows.achievement(pid, year, BASE, f"Sáng kiến cải tiến số {pid}-{year} (minh họa)")
            if cstdcs and rating == H:
                rows.award(awards.get("CSTDCS"), year, pid=pid)
            elif rating in (H, T) and cstt:
                rows.award(awards.get("LDTT" if pid in rows.enterprise_ids else "CSTT"), year, pid=pid)
        for position, year in PAST_CSTDTQ:
            if index == position:
                rows.award(awards.get("CSTDTQ"), year, pid=pid)
                title = f"Đề tài cấp toàn quân số {pid} (minh họa)"
                rows.achievement(pid, year - 1, ARMY, title, AchievementKind.RESEARCH)


def _cases(rows: _Rows, found: list[tuple[Case, Person]], awards: dict[str, Award]) -> None:
    for case, person in found:
        starts = [(case.enlisted, None)] + ([case.earlier_service] if case.earlier_service else [])
        for year in _serving_years(starts):
            if year not in case.unrated:
                rows.rating(person.pk, year, case.ratings.get(year, case.default))
        for year, code in case.titles.items():
            rows.award(awards.get(code), year, pid=person.pk)
        for year, code in case.awards:
            rows.award(awards.get(code), year, pid=person.pk)
        for year, level, title in case.achievements:
            rows.achievement(person.pk, year, level, title)
        if case.discipline:
            decided, until, form = case.discipline
            rows.disciplines.setdefault(
                (person.pk, decided, form),
                Discipline(
                    person=person,
                    form=form,
                    decided_on=decided,
                    effective_to=until,
                    decision_ref="QĐ kỷ luật (minh họa)",
                    source=SOURCE,
                ),
            )
        if case.review:
            start, kind = case.review
            rows.reviews.setdefault(
                (person.pk, start, kind),
                PendingReview(person=person, kind=kind, start_on=start, note="(minh họa)", source=SOURCE),
            )


def _units(rows: _Rows, units: list[OrgUnit], special: dict[str, OrgUnit], awards: dict[str, Award], plan: Plan):
    """Yearly results for every unit; titles up to the last year; the plan's exemplary units and block leaders rated
    HTXSNV, its pending units without a result in the last year; the workshop weak; the flags already held."""
    for unit in units:
        rng = random.Random(f"{SEED}:unit:{unit.name}:{unit.depth}")
        first = max(FIRST_YEAR, unit.valid_from.year if unit.valid_from else FIRST_YEAR)
        last = min(LAST_YEAR, unit.valid_to.year if unit.valid_to else LAST_YEAR)
        for year in range(first, last + 1):
            rating = H if rng.random() < 0.35 else T if rng.random() < 0.9 else N
            if (unit.pk in plan.exemplary and year >= LAST_YEAR - 2) or (unit.pk in plan.leaders and year == LAST_YEAR):
                rating = H
            if unit.pk == special["weak"].pk and year == LAST_YEAR:
                rating = N
            if unit.pk in plan.pending and year == LAST_YEAR:
                continue  # the year's collective review is not recorded yet
            party = PartyRating.TSVM_TIEU_BIEU if rating == H and rng.random() < 0.4 else PartyRating.TSVM
            strong = rating == H or rng.random() < 0.5
            rows.unit_ratings.setdefault(
                (unit.pk, year),
                UnitRating(
                    unit=unit,
                    year=year,
                    rating=rating,
                    party_rating=party,
                    comprehensive_strong=strong,
                    strength=rng.randint(12, 60),
                    source=SOURCE,
                ),
            )
            if year < LAST_YEAR:
                code = "DVQT" if rating == H and rng.random() < 0.6 else "DVTT" if rating in (H, T) else ""
                if code:
                    rows.award(awards.get(code), year, uid=unit.pk)
    for uid, year, code in plan.flags:
        rows.award(awards.get(code), year, uid=uid)


def _insert(model, rows: dict, existing: set) -> int:
    """Insert the rows whose natural key is not among ``existing``; returns how many were inserted."""
    new = [row for key, row in rows.items() if key not in existing]
    model.objects.bulk_create(new, batch_size=5000)
    return len(new)


@transaction.atomic
def load_records() -> RecordsResult:
    """Load (or complete) the demo records; a second run inserts nothing."""
    special = _find_units()
    result = RecordsResult()
    found, result.people_created = _scenario_people(special["scenario"])
    root = OrgUnit.objects.filter(depth=1, path=special["plant"].path[: OrgUnit.steplen]).first()
    tree = OrgUnit.objects.filter(path__startswith=root.path)
    awards = {a.code: a for a in Award.objects.all()}
    people = list(
        Person.objects.filter(unit__path__startswith=root.path)
        .order_by("sort_key", "id")
        .values_list("id", "cccd", "full_name", "unit_id")
    )
    periods: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for pid, start, end in ServicePeriod.objects.filter(person_id__in=[p[0] for p in people]).values_list(
        "person_id", "start_on", "end_on"
    ):
        periods.setdefault(pid, []).append((start, end))
    units = list(tree)
    plan = collective_plan(units)
    rows = _Rows()
    rows.exemplary_ids = {p[0]: p[3] for p in people if p[3] in plan.exemplary}
    rows.enterprise_ids = {p[0] for p in people if p[3] in plan.enterprise}
    _cases(rows, found, awards)
    keyed = [(pid, cccd or name) for pid, cccd, name, _ in people]
    _generated(rows, keyed, periods, awards, {person.pk for _, person in found})
    _units(rows, units, special, awards, plan)

    result.ratings = _insert(PersonRating, rows.ratings, set(PersonRating.objects.values_list("person_id", "year")))
    result.unit_ratings = _insert(UnitRating, rows.unit_ratings, set(UnitRating.objects.values_list("unit_id", "year")))
    families = set(AwardRecord.objects.exclude(family="").values_list("person_id", "unit_id", "year", "family"))
    rows.awards = {
        k: r
        for k, r in rows.awards.items()
        if (r.person_id, r.unit_id, r.year, r.family) not in families or not r.family
    }
    taken = set(AwardRecord.objects.values_list("person_id", "unit_id", "year", "award_id"))
    result.awards = _insert(AwardRecord, rows.awards, taken)
    demo = Q(source=SOURCE)
    result.achievements = _insert(
        Achievement, rows.achievements, set(Achievement.objects.filter(demo).values_list("person_id", "year", "title"))
    )
    result.disciplines = _insert(
        Discipline,
        rows.disciplines,
        set(Discipline.objects.filter(demo).values_list("person_id", "decided_on", "form")),
    )
    result.reviews = _insert(
        PendingReview,
        rows.reviews,
        set(PendingReview.objects.filter(demo).values_list("person_id", "start_on", "kind")),
    )
    result.block_sheets = len(load_blocks(units))
    return result
