"""Facts the predicates read, loaded in a few set-based queries for a whole scope (or for one subject).

The one-subject check (:func:`thidua.awards.eligibility.engine.explain`) and the bulk run (:func:`evaluate`) call
the same loaders with a different filter, so both paths see the same facts; only the number of subjects differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import BigIntegerField, Case, CharField, F, Q, Sum, Value, When
from django.db.models.functions import Cast

from thidua.org.models import OrgUnit, Person, Position, ServicePeriod, UnitMembership
from thidua.records.choices import LEVEL_RANK, RATING_RANK, DisciplineForm, PartyRating
from thidua.records.models import (
    Achievement,
    AwardRecord,
    Discipline,
    LeavePeriod,
    PendingReview,
    PersonRating,
    UnitRating,
)

from ..models import Award
from .facts_unit import load_blocks, load_enterprises

RATING = {str(k): v for k, v in RATING_RANK.items()}
LEVEL = {str(k): v for k, v in LEVEL_RANK.items()}
DISCIPLINE = {str(v): i for i, v in enumerate(DisciplineForm.values, start=1)}
PARTY = {PartyRating.TSVM_TIEU_BIEU.value: 4, PartyRating.TSVM.value: 3, PartyRating.HTNV.value: 2}
PARTY[PartyRating.KHTNV.value] = 1
_EMPTY: dict = {}
_NONE: tuple = ()  # shared "no rows" sentinel for the per-person lists (the loaders assign new lists, never append)


def _fetch(qs) -> list[tuple]:
    """Rows of a ``values_list`` queryset through a raw cursor (plain tuples, no per-row ORM work).

    Only for columns whose database value is already the Python value (ints, text, dates: SQLite's connection parses
    declared ``date`` columns)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _iso(field: str) -> Cast:
    """A date column read as ISO text: 200,000 service periods share a few thousand distinct days, which
    :class:`_Days` parses once each instead of once per value."""
    return Cast(field, CharField())


class _Days(dict):
    """ISO text → date, each distinct text parsed once (None stays None)."""

    def __init__(self):
        super().__init__({None: None})

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = dt.date.fromisoformat(text)
        return day


def _group(rows, make=None) -> dict:
    """``{first column: [rest of the row, …]}`` (``make(row)`` builds the item; default: the row's tail)."""
    out: dict = {}
    get = out.get
    for row in rows:
        item = row[1:] if make is None else make(row)
        items = get(row[0])
        if items is None:
            out[row[0]] = [item]
        else:
            items.append(item)
    return out


def _start(item: tuple) -> dt.date:
    """Sort key of a (from, to, …) period: its start (an open end would not compare with a date)."""
    return item[0]


@lru_cache(maxsize=1 << 16)
def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the end of a shorter month."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@lru_cache(maxsize=1 << 16)
def calendar_months(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole calendar months from ``start`` to ``end`` inclusive and the days left (as org.selectors counts)."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and add_months(start, months) > after:
        months -= 1
    return months, (after - add_months(start, months)).days


def service_runs(periods: list[tuple], ref: dt.date) -> list[list[dt.date]]:
    """Unbroken ``[start, end]`` runs of service up to ``ref`` from periods sorted by start (adjoining periods join;
    an open or later end is cut at ``ref``)."""
    if len(periods) == 1:  # most people
        start, end = periods[0]
        return [[start, min(end or ref, ref)]]
    runs: list[list[dt.date]] = []
    for start, end in periods:
        end = min(end or ref, ref)
        if runs and (start - runs[-1][1]).days <= 1:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return runs


@dataclass(frozen=True)
class Needs:
    """What the rules of a run need loaded: years of ratings and achievements back, the award codes the rules read
    with the years back for each (None: the whole history), and the start in the current unit."""

    lookback: int = 3
    achievement_lookback: int = 1
    codes: tuple[tuple[str, int | None], ...] = ()
    unit_since: bool = False
    # Service periods counted with a time factor (×2 areas; service_years with ``multiplier``) and positions with a
    # coefficient (position_months), loaded only for the rules that read them (see predicates_service).
    weighted_service: bool = False
    positions: bool = False

    def award_filter(self, year: int, codes: dict[str, int]) -> Q | None:
        """The AwardRecord filter for the codes read (None when no code is read)."""
        q = None
        for back in {b for _, b in self.codes}:
            ids = [codes[c] for c, b in self.codes if b == back and c in codes]
            part = Q(award_id__in=ids) if back is None else Q(award_id__in=ids, year__gte=year - back)
            q = part if q is None else q | part
        return q


class PersonFacts:
    """Everything the person predicates read about one person (as of 31/12 of the evaluated year)."""

    __slots__ = (
        "id",
        "unit_id",
        "gender",
        "category",
        "ratings",
        "titles",
        "received",
        "achievements",
        "disciplines",
        "reviews",
        "service",
        "runs",
        "leaves",
        "unit_since",
        "weighted_service",
        "positions",
        "cache",
    )

    def __init__(self, pid: int, unit_id: int, gender: str, category: str):
        self.id = pid
        self.unit_id = unit_id
        self.gender = gender
        self.category = category
        # Shared empty sentinels until the loader assigns the person's own containers (never mutate in place).
        self.ratings: dict[int, int] = _EMPTY  # year → rating rank
        self.titles: dict[int, set[str]] = _EMPTY  # year → award codes received that year
        self.received: dict[str, list[int]] = _EMPTY  # award code → years
        self.achievements: list[tuple[int, str, int]] = _NONE  # (year, kind, level rank)
        self.disciplines: list[tuple[int, dt.date, dt.date | None, str]] = _NONE  # (form rank, from, to, form)
        self.reviews: list[tuple[dt.date, dt.date | None, str]] = _NONE
        self.service: list[tuple[dt.date, dt.date | None]] = _NONE
        self.runs: list[list[dt.date]] = _NONE  # unbroken runs of service up to 31/12 (see service_runs)
        self.leaves: list[tuple[str, dt.date, dt.date]] = _NONE
        self.unit_since: dt.date | None = None
        self.weighted_service: list[tuple[dt.date, dt.date | None, int]] = _NONE  # (from, to, time factor > 1)
        self.positions: list[tuple[dt.date, dt.date | None, int]] = _NONE  # (from, to, coefficient × 100)
        self.cache: dict | None = None  # created by the first predicate that caches something


@dataclass
class UnitFacts:
    """What the collective predicates read about one unit in the evaluated year, with member statistics."""

    id: int
    path: str
    since: dt.date | None
    ratings: dict[int, tuple[int, int, bool, int | None]] = field(default_factory=dict)
    titles: dict[int, set[str]] = field(default_factory=dict)
    received: dict[str, list[int]] = field(default_factory=dict)
    members: int = 0
    member_ratings: Counter = field(default_factory=Counter)  # rating rank → members
    member_titles: Counter = field(default_factory=Counter)  # frozenset of codes → members
    member_disciplines: list[tuple[int, dt.date, dt.date | None, str]] = field(default_factory=list)
    enterprise: tuple[str, bool] | None = None  # (enterprise name, is the unit itself) — see facts_unit
    blocks: tuple = ()  # facts_unit.BlockResult of the year's previewed or published block rankings
    cache: dict = field(default_factory=dict)

    # Persons and units share some predicates (months since start, awards received).
    @property
    def unit_id(self) -> int:
        return self.id


class _Hasher:
    """sha256 over the loaded rows (the run's inputs hash); a no-op when not wanted."""

    def __init__(self, on: bool):
        self.h = hashlib.sha256() if on else None

    def add(self, name: str, rows: list) -> list:
        if self.h is not None:
            self.h.update(name.encode())
            self.h.update(repr(sorted(rows, key=repr)).encode())
        return rows

    def hexdigest(self) -> str:
        return self.h.hexdigest() if self.h is not None else ""


def award_codes() -> dict[int, str]:
    """Award id → code."""
    return dict(Award.objects.values_list("id", "code"))


def _people_scope(unit: OrgUnit | None, person_id: int | None) -> tuple[Q, Q]:
    """The filter on people and the filter on their related rows, for one person, a subtree or everyone."""
    if person_id is not None:
        return Q(pk=person_id), Q(person_id=person_id)
    if unit is not None:
        return Q(unit__path__startswith=unit.path), Q(person__unit__path__startswith=unit.path)
    return Q(), Q()


def load_people(
    year: int, needs: Needs, *, unit: OrgUnit | None = None, person_id: int | None = None, hasher=None
) -> dict[int, PersonFacts]:
    """Facts of every person in ``unit``'s subtree (or of one person), in one query per kind of record.

    Only the columns and years the rules read are fetched (ratings back ``needs.lookback`` years, achievements back
    ``needs.achievement_lookback``, awards by code and window), as plain tuples through a raw cursor; each person's
    containers are built once and shared empty sentinels stand for "no rows".
    """
    hasher = hasher or _Hasher(False)
    ref, start = dt.date(year, 12, 31), dt.date(year, 1, 1)
    people_q, rel_q = _people_scope(unit, person_id)
    rows = hasher.add("p", _fetch(Person.objects.filter(people_q).values_list("id", "unit_id", "gender", "category")))
    facts: dict[int, PersonFacts] = {row[0]: PersonFacts(*row) for row in rows}
    _load_ratings(facts, rel_q, year, year - needs.lookback, hasher)
    _load_awards(facts, rel_q, year, needs, hasher)
    _load_achievements(facts, rel_q, year, year - needs.achievement_lookback, hasher)
    _load_disciplines(facts, rel_q, ref, hasher)
    _load_reviews(facts, rel_q, ref, hasher)
    _load_service(facts, rel_q, ref, hasher)
    if needs.weighted_service:
        _load_weighted_service(facts, rel_q, ref, hasher)
    if needs.positions:
        _load_positions(facts, rel_q, ref, hasher)
    _load_leaves(facts, rel_q, start, ref, hasher)
    if needs.unit_since:
        _load_unit_since(facts, rel_q, ref, hasher)
    return facts


def _load_ratings(facts: dict, rel_q: Q, year: int, first: int, hasher) -> None:
    """Ratings of ``first``..``year``: the last PACKED_YEARS in one packed read, older ones added per chunk."""
    get = facts.get
    packed_first = max(first, year - PACKED_YEARS + 1)
    for pid, ratings in _packed_ratings(rel_q, packed_first, year, hasher):
        f = get(pid)
        if f is not None:
            f.ratings = ratings
    if packed_first > first:
        deepen_ratings(facts, first, packed_first - 1, hasher=hasher)


def _load_awards(facts: dict, rel_q: Q, year: int, needs: Needs, hasher) -> None:
    """Titles by year and years by award code, for the codes (and windows) the rules read."""
    codes = award_codes()
    award_q = needs.award_filter(year, {code: pk for pk, code in codes.items()})
    if award_q is None:
        return
    rows = AwardRecord.objects.filter(rel_q, award_q, person__isnull=False, year__lte=year)
    rows = rows.order_by().values_list("person_id", "award_id", "year")  # no sort: the predicates need none
    get = facts.get
    for pid, award_id, yr in hasher.add("a", _fetch(rows)):
        f = get(pid)
        if f is None:
            continue
        code = codes[award_id]
        if f.titles is _EMPTY:
            f.titles, f.received = {yr: {code}}, {code: [yr]}
            continue
        held = f.titles.get(yr)
        if held is None:
            f.titles[yr] = {code}
        else:
            held.add(code)
        got = f.received.get(code)
        if got is None:
            f.received[code] = [yr]
        else:
            got.append(yr)


def _load_achievements(facts: dict, rel_q: Q, year: int, first: int, hasher) -> None:
    """(year, kind, level rank) of the achievements recognised in ``first``..``year``."""
    rows = Achievement.objects.filter(rel_q, year__gte=first, year__lte=year).values_list(
        "person_id", "year", "kind", "level"
    )
    level, get = LEVEL.get, facts.get
    for pid, items in _group(hasher.add("ach", _fetch(rows)), lambda r: (r[1], r[2], level(r[3], 0))).items():
        f = get(pid)
        if f is not None:
            f.achievements = items


def _load_disciplines(facts: dict, rel_q: Q, ref: dt.date, hasher) -> None:
    """(form rank, from, to, form) of the disciplinary measures decided by ``ref``."""
    rows = Discipline.objects.filter(rel_q, decided_on__lte=ref).values_list(
        "person_id", "form", "decided_on", "effective_to"
    )
    form_rank, get = DISCIPLINE.get, facts.get
    for pid, items in _group(hasher.add("d", _fetch(rows)), lambda r: (form_rank(r[1], 0), r[2], r[3], r[1])).items():
        f = get(pid)
        if f is not None:
            f.disciplines = items


def _load_reviews(facts: dict, rel_q: Q, ref: dt.date, hasher) -> None:
    """Proceedings open on ``ref``."""
    rows = PendingReview.objects.filter(rel_q, start_on__lte=ref).filter(Q(end_on__isnull=True) | Q(end_on__gte=ref))
    rows = rows.values_list("person_id", "start_on", "end_on", "kind")
    get = facts.get
    for pid, items in _group(hasher.add("pr", _fetch(rows))).items():
        f = get(pid)
        if f is not None:
            f.reviews = items


def _load_service(facts: dict, rel_q: Q, ref: dt.date, hasher) -> None:
    """Service periods begun by ``ref``, sorted, and their unbroken runs."""
    rows = ServicePeriod.objects.filter(rel_q, start_on__lte=ref).order_by()
    rows = rows.values_list("person_id", _iso("start_on"), _iso("end_on"))
    days, get = _Days(), facts.get
    for pid, items in _group(hasher.add("s", _fetch(rows)), lambda r: (days[r[1]], days[r[2]])).items():
        f = get(pid)
        if f is not None:
            if len(items) > 1:
                items.sort()
            f.service, f.runs = items, service_runs(items, ref)


def _load_weighted_service(facts: dict, rel_q: Q, ref: dt.date, hasher) -> None:
    """Service periods counted with a time factor above 1."""
    rows = ServicePeriod.objects.filter(rel_q, start_on__lte=ref, time_factor__gt=1)
    rows = rows.values_list("person_id", "start_on", "end_on", "time_factor")
    get = facts.get
    for pid, items in _group(hasher.add("sw", _fetch(rows))).items():
        f = get(pid)
        if f is not None:
            f.weighted_service = sorted(items, key=_start)


def _load_positions(facts: dict, rel_q: Q, ref: dt.date, hasher) -> None:
    """Positions with a coefficient begun by ``ref``, the coefficient in exact hundredths."""
    rows = Position.objects.filter(rel_q, start_on__lte=ref, coefficient__isnull=False)
    rows = rows.values_list("person_id", "start_on", "end_on", "coefficient")
    # The raw cursor gives a float (SQLite) or a Decimal (PostgreSQL): keep hundredths as exact integers.
    items = _group(hasher.add("pos", _fetch(rows)), lambda r: (r[1], r[2], round(float(r[3]) * 100)))
    get = facts.get
    for pid, held in items.items():
        f = get(pid)
        if f is not None:
            f.positions = sorted(held, key=_start)


def _load_leaves(facts: dict, rel_q: Q, start: dt.date, ref: dt.date, hasher) -> None:
    """Leave periods overlapping the year."""
    rows = LeavePeriod.objects.filter(rel_q, start_on__lte=ref, end_on__gte=start).values_list(
        "person_id", "kind", "start_on", "end_on"
    )
    get = facts.get
    for pid, items in _group(hasher.add("l", _fetch(rows))).items():
        f = get(pid)
        if f is not None:
            f.leaves = items


def _load_unit_since(facts: dict, rel_q: Q, ref: dt.date, hasher) -> None:
    """The start of each person's membership of their current unit that is running on ``ref``."""
    rows = UnitMembership.objects.filter(rel_q, start_on__lte=ref).filter(Q(end_on__isnull=True) | Q(end_on__gte=ref))
    get = facts.get
    for pid, unit_id, frm in hasher.add("m", _fetch(rows.values_list("person_id", "unit_id", "start_on"))):
        f = get(pid)
        if f is not None and f.unit_id == unit_id and (f.unit_since is None or frm < f.unit_since):
            f.unit_since = frm


PACKED_YEARS = 20  # years of ratings packed in one 64-bit integer per person (3 bits a year)


def _packed_ratings(rel_q: Q, first: int, last: int, hasher) -> list[tuple[int, dict]]:
    """``(person id, {year: rating rank})`` for everyone rated in ``first``..``last``, read as one row per person.

    The database packs each person's years into one integer (rank + 1 in 3 bits per year, 0 for no rating), so a
    bulk run reads 200,000 rows instead of 800,000; people with the same history share one read-only dict."""
    rank = Case(*(When(rating=code, then=Value(r + 1)) for code, r in RATING.items()), default=Value(1))
    shifted = Cast(rank, BigIntegerField()).bitleftshift((F("year") - first) * 3)
    rows = (
        PersonRating.objects.filter(rel_q, year__gte=first, year__lte=last)
        .order_by()
        .values("person_id")
        .annotate(packed=Cast(Sum(shifted), BigIntegerField()))  # PostgreSQL sums bigints as numeric
        .values_list("person_id", "packed")
    )
    decoded: dict[int, dict] = {}
    out = []
    for pid, packed in hasher.add("r", _fetch(rows)):
        ratings = decoded.get(packed)
        if ratings is None:
            ratings = decoded[packed] = {
                first + i: (packed >> (3 * i) & 7) - 1 for i in range(last - first + 1) if packed >> (3 * i) & 7
            }
        out.append((pid, ratings))
    return out


DEEPEN_CHUNK = 900  # person ids per query (below SQLite's bound-parameter limit)


def deepen_ratings(facts: dict, first: int, last: int, ids=None, hasher=None) -> None:
    """Add the ratings of ``first``..``last`` for the people ``ids`` (everyone in ``facts`` when None) to facts loaded
    with a shorter look-back: a bulk run reads the older years only for the candidates of the rules that need them."""
    hasher = hasher or _Hasher(False)
    wanted = sorted(facts if ids is None else (i for i in ids if i in facts))
    for begin in range(0, len(wanted), DEEPEN_CHUNK):
        chunk = Q(person_id__in=wanted[begin : begin + DEEPEN_CHUNK])
        for low in range(first, last + 1, PACKED_YEARS):
            for pid, older in _packed_ratings(chunk, low, min(last, low + PACKED_YEARS - 1), hasher):
                f = facts[pid]
                f.ratings = {**older, **f.ratings}  # a new dict: the loaded ones are shared between people


def _members_from_people(people: dict, member_unit: dict, year: int):
    """``(unit path, rating rank, titles or None)`` of each member in ``year`` and the disciplines per unit path,
    taken from already loaded people facts (which hold the titles the collective rules count); None when a member is
    not among them."""
    keys, disciplined = [], {}
    append, get = keys.append, people.get
    for pid, path in member_unit.items():
        f = get(pid)
        if f is None:
            return None
        held = f.titles.get(year)
        append((path, f.ratings.get(year, 0), frozenset(held) if held else None))
        if f.disciplines:
            disciplined.setdefault(path, []).extend(f.disciplines)
    return keys, disciplined


def _members_from_db(year: int, members, unit: OrgUnit | None, member_unit: dict, codes: dict, hasher):
    """What :func:`_members_from_people` gives, queried: the members' rating rank, titles and discipline of ``year``
    (everyone's rows when the scope is everything — only members are looked up — else the members')."""
    ref = dt.date(year, 12, 31)
    person_q = Q(person_id__in=members.values("person_id")) if unit is not None else Q()
    rows = _fetch(PersonRating.objects.filter(person_q, year=year).values_list("person_id", "rating"))
    ratings = {pid: RATING.get(rating, 0) for pid, rating in rows}
    if hasher.h is not None:
        hasher.add("umr", sorted(ratings.items()))
    titles: dict[int, set[str]] = {}
    rows = AwardRecord.objects.filter(person_q, year=year, person__isnull=False).values_list("person_id", "award_id")
    for pid, award_id in _fetch(rows):
        held = titles.get(pid)
        if held is None:
            titles[pid] = {codes[award_id]}
        else:
            held.add(codes[award_id])
    if hasher.h is not None:
        hasher.add("umt", [(k, sorted(v)) for k, v in titles.items()])
    disciplines: dict[int, list] = {}
    rows = Discipline.objects.filter(person_q, decided_on__lte=ref).values_list(
        "person_id", "form", "decided_on", "effective_to"
    )
    for pid, form, frm, to in hasher.add("umd", _fetch(rows)):
        disciplines.setdefault(pid, []).append((DISCIPLINE.get(form, 0), frm, to, form))
    keys = [
        (path, ratings.get(pid, 0), frozenset(titles[pid]) if pid in titles else None)
        for pid, path in member_unit.items()
    ]
    disciplined: dict[str, list] = {}
    for pid, path in member_unit.items():
        if pid in disciplines:
            disciplined.setdefault(path, []).extend(disciplines[pid])
    return keys, disciplined


def load_units(
    year: int,
    needs: Needs,
    *,
    unit: OrgUnit | None = None,
    only: int | None = None,
    hasher=None,
    people: dict | None = None,
) -> dict[int, UnitFacts]:
    """Facts of every unit in ``unit``'s subtree (all units when None), with statistics over each unit's members
    (everyone holding a membership in the unit or below it on 31/12 of the year). ``only`` keeps one unit. A bulk
    run passes the ``people`` facts it loaded (with the member titles its collective rules count) so the members'
    ratings, titles and discipline are not queried again."""
    hasher = hasher or _Hasher(False)
    rel_q = Q(unit__path__startswith=unit.path) if unit is not None else Q()
    facts, by_path, path_of = _unit_rows(year, unit, only, hasher)
    load_enterprises(by_path, hasher)
    load_blocks(year, facts, hasher, unit=unit, only=only)
    _load_unit_ratings(facts, rel_q, year, year - needs.lookback, hasher)
    codes = award_codes()
    _load_unit_awards(facts, rel_q, year, needs, codes, hasher)
    _load_members(year, unit, rel_q, by_path, path_of, codes, hasher, people)
    return facts


def _unit_rows(year: int, unit: OrgUnit | None, only: int | None, hasher) -> tuple[dict, dict, dict]:
    """The units existing in ``year`` (by id and by path; ``only`` keeps one), and the path of every unit."""
    ref, start = dt.date(year, 12, 31), dt.date(year, 1, 1)
    units_q = Q(path__startswith=unit.path) if unit is not None else Q()
    rows = OrgUnit.objects.filter(units_q).values_list("id", "path", "valid_from", "valid_to")
    facts: dict[int, UnitFacts] = {}
    by_path: dict[str, UnitFacts] = {}
    path_of: dict[int, str] = {}
    for uid, path, frm, to in hasher.add("u", _fetch(rows)):
        path_of[uid] = path
        if (to is not None and to < start) or (frm is not None and frm > ref):
            continue  # dissolved before, or established after, the year
        if only is not None and uid != only:
            continue
        facts[uid] = by_path[path] = UnitFacts(uid, path, frm)
    return facts, by_path, path_of


def _load_unit_ratings(facts: dict, rel_q: Q, year: int, first: int, hasher) -> None:
    """(rating rank, party rating rank, comprehensively strong, strength) by year."""
    rows = UnitRating.objects.filter(rel_q, year__gte=first, year__lte=year).values_list(
        "unit_id", "year", "rating", "party_rating", "comprehensive_strong", "strength"
    )
    for uid, yr, rating, party, strong, strength in hasher.add("ur", _fetch(rows)):
        if uid in facts:
            facts[uid].ratings[yr] = (RATING.get(rating, 0), PARTY.get(party, 0), bool(strong), strength)


def _load_unit_awards(facts: dict, rel_q: Q, year: int, needs: Needs, codes: dict, hasher) -> None:
    """The collective's titles by year and years by award code, for the codes the rules read."""
    award_q = needs.award_filter(year, {code: pk for pk, code in codes.items()})
    rows = (
        _fetch(
            AwardRecord.objects.filter(rel_q, award_q, unit__isnull=False, year__lte=year).values_list(
                "unit_id", "award_id", "year"
            )
        )
        if award_q is not None
        else []
    )
    for uid, award_id, yr in hasher.add("ua", rows):
        f = facts.get(uid)
        if f is not None:
            code = codes[award_id]
            f.titles.setdefault(yr, set()).add(code)
            f.received.setdefault(code, []).append(yr)


def _load_members(year, unit, rel_q, by_path, path_of, codes, hasher, people) -> None:
    """Members on 31/12: their rating and titles of the year, and discipline in effect during it, added to their
    unit and each of its ancestors."""
    ref = dt.date(year, 12, 31)
    members = UnitMembership.objects.filter(rel_q, start_on__lte=ref).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=ref)
    )
    member_unit: dict[int, str] = {}
    for pid, uid in hasher.add("um", _fetch(members.values_list("person_id", "unit_id"))):
        member_unit.setdefault(pid, path_of[uid])
    if not member_unit:
        return
    stats = _members_from_people(people, member_unit, year) if people else None
    keys, disciplined = stats or _members_from_db(year, members, unit, member_unit, codes, hasher)
    _add_members(by_path, keys, disciplined)


def _add_members(by_path: dict, keys: list, disciplined: dict) -> None:
    """Aggregate the members per (unit path, rating, titles) first, then add each group to the unit and its
    ancestors; the same for the disciplines."""
    groups = Counter(keys)
    steplen = OrgUnit.steplen
    for (path, rank, held), n in groups.items():
        for end in range(steplen, len(path) + 1, steplen):
            f = by_path.get(path[:end])
            if f is None:
                continue
            f.members += n
            f.member_ratings[rank] += n
            if held:
                f.member_titles[held] += n
    for path, items in disciplined.items():
        for end in range(steplen, len(path) + 1, steplen):
            f = by_path.get(path[:end])
            if f is not None:
                f.member_disciplines.extend(items)
