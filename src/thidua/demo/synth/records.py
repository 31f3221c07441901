"""Bulk generator of yearly records for ``thidua synth`` data (benchmarks): ratings, titles, initiatives, a little
discipline, and yearly results for every unit, over a range of years.

Deterministic for a seed and a database (people are walked in id order with one seeded generator), and fast: rows are
built as plain tuples and inserted with one ``executemany`` per batch of 5,000, people read in id-ordered chunks
so memory stays flat. All rows carry ``source = du_lieu_mau``; ``replace`` first deletes those of the year range.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from thidua.catalogue.models import Award
from thidua.org.models import OrgUnit, Person, ServicePeriod
from thidua.records.choices import AchievementKind, DisciplineForm, Level, PartyRating, Rating, RecordSource, ReviewKind
from thidua.records.models import Achievement, AwardRecord, Discipline, PendingReview, PersonRating, UnitRating

BATCH = 5000
CHUNK = 20000  # people read per query
SOURCE = RecordSource.DEMO
H, T, N, K = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV


@dataclass
class SynthRecordsResult:
    """Counts and time of one generation."""

    people: int = 0
    ratings: int = 0
    awards: int = 0
    achievements: int = 0
    disciplines: int = 0
    reviews: int = 0
    unit_ratings: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return self.ratings + self.awards + self.achievements + self.disciplines + self.reviews + self.unit_ratings


COLUMNS: dict[type, tuple[str, ...]] = {
    PersonRating: ("person_id", "year", "rating", "decision_ref", "source"),
    Achievement: ("person_id", "year", "kind", "level", "title", "decision_ref", "source"),
    AwardRecord: (
        "award_id",
        "person_id",
        "unit_id",
        "year",
        "family",
        "decided_on",
        "decision_ref",
        "issuer",
        "achievement_ref",
        "source",
    ),
    UnitRating: (
        "unit_id",
        "year",
        "rating",
        "party_rating",
        "comprehensive_strong",
        "strength",
        "decision_ref",
        "source",
    ),
    Discipline: ("person_id", "form", "decided_on", "effective_to", "decision_ref", "reason", "source"),
    PendingReview: ("person_id", "kind", "start_on", "end_on", "note", "source"),
}


class _Writer:
    """Buffers value tuples per model and inserts each buffer with one ``executemany`` at the batch size.

    Plain tuples and a prepared INSERT instead of model instances and ``bulk_create``: the ORM spends most of its
    time preparing each field of each instance, which at millions of rows is minutes instead of seconds.
    """

    def __init__(self, batch: int):
        self.batch = batch
        self.buffers: dict[type, list[tuple]] = {}
        self.counts: dict[type, int] = {}
        ops = connection.ops
        self.stamp = (ops.adapt_datetimefield_value(timezone.now()),) * 2 + (1,)
        self.sql = {}
        for model, columns in COLUMNS.items():
            names = ", ".join(ops.quote_name(c) for c in (*columns, "created_at", "updated_at", "version"))
            marks = ", ".join(["%s"] * (len(columns) + 3))
            table = ops.quote_name(model._meta.db_table)
            # Identifiers come from the model definitions above, never from input; values are parameters.
            self.sql[model] = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608

    def add(self, model: type, *values) -> None:
        buffer = self.buffers.setdefault(model, [])
        buffer.append(values + self.stamp)
        if len(buffer) >= self.batch:
            self.flush(model)

    def flush(self, model: type | None = None) -> None:
        for kind in [model] if model else list(self.buffers):
            rows = self.buffers.get(kind) or []
            if rows:
                with connection.cursor() as cursor:
                    cursor.executemany(self.sql[kind], rows)
                self.counts[kind] = self.counts.get(kind, 0) + len(rows)
                self.buffers[kind] = []


def _day(value: dt.date | None):
    return connection.ops.adapt_datefield_value(value)


def _rating(rng: random.Random) -> str:
    x = rng.random()
    return H if x < 0.2 else T if x < 0.82 else N if x < 0.97 else K


def _delete_existing(first: int, last: int) -> None:
    years = {"year__gte": first, "year__lte": last, "source": SOURCE}
    for model in (PersonRating, AwardRecord, Achievement, UnitRating):
        model.objects.filter(**years).delete()
    Discipline.objects.filter(source=SOURCE, decided_on__year__gte=first, decided_on__year__lte=last).delete()
    PendingReview.objects.filter(source=SOURCE, start_on__year__gte=first, start_on__year__lte=last).delete()


def _check_years(first: int, last: int) -> None:
    """Refuse an empty range and years still to come."""
    if first > last:
        raise ValueError("Năm bắt đầu phải không lớn hơn năm kết thúc.")
    if last > dt.date.today().year:
        raise ValueError(f"Năm {last} chưa đến.")


def _person_year(writer: _Writer, rng: random.Random, pid: int, year: int, last: int, titles: dict, streak: int) -> int:
    """One person's rating, initiative and title of one year; returns the CSTĐCS streak after that year."""
    cstt, cstdcs, cstdtq = titles.get("CSTT"), titles.get("CSTDCS"), titles.get("CSTDTQ")
    rating = _rating(rng)
    writer.add(PersonRating, pid, year, rating, "", SOURCE)
    initiative = rating == H and rng.random() < 0.4
    if initiative:
        level = Level.ARMY if rng.random() < 0.08 else Level.BASE
        writer.add(Achievement, pid, year, AchievementKind.INITIATIVE, level, f"Sáng kiến {pid}-{year}", "", SOURCE)
    title = None
    if rating == H and (initiative or rng.random() < 0.3):
        title, streak = cstdcs, streak + 1
    elif rating in (H, T) and rng.random() < 0.85:
        title, streak = cstt, 0
    else:
        streak = 0
    if title is not None:
        writer.add(AwardRecord, title.pk, pid, None, year, title.family, None, "", "", "", SOURCE)
    if cstdtq is not None and streak >= 3 and year < last and rng.random() < 0.1:
        writer.add(AwardRecord, cstdtq.pk, pid, None, year, cstdtq.family, None, "", "", "", SOURCE)
        streak = 0
    return streak


def _person_incidents(writer: _Writer, rng: random.Random, pid: int, first: int, last: int) -> None:
    """A rare reprimand (one in 200 people) and a rarer pending inspection (one in 2,000)."""
    if rng.random() < 0.005:
        day = dt.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))
        until = day + dt.timedelta(days=364)
        writer.add(Discipline, pid, DisciplineForm.KHIEN_TRACH, _day(day), _day(until), "", "", SOURCE)
    if rng.random() < 0.0005:
        day = dt.date(last, rng.randint(1, 12), rng.randint(1, 28))
        writer.add(PendingReview, pid, ReviewKind.INSPECTION, _day(day), None, "", SOURCE)


def _person(writer: _Writer, rng: random.Random, pid: int, start, first: int, last: int, titles: dict) -> None:
    """Every record of one person for the years from their first service day (or ``first``) to ``last``."""
    begin = max(first, start.year) if start else first
    streak = 0
    for year in range(begin, last + 1):
        streak = _person_year(writer, rng, pid, year, last, titles, streak)
    _person_incidents(writer, rng, pid, first, last)


def _people_chunks():
    """Person ids in chunks of ``CHUNK``, with each one's first service day."""
    after = 0
    while True:
        chunk = list(Person.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:CHUNK])
        if not chunk:
            return
        after = chunk[-1]
        starts = dict(
            ServicePeriod.objects.filter(person_id__in=chunk)
            .values("person_id")
            .annotate(first=Min("start_on"))
            .values_list("person_id", "first")
        )
        yield chunk, starts


def _people(writer, rng, first, last, titles, result: SynthRecordsResult, log) -> None:
    """Every person's records, chunk by chunk (progress logged after each chunk)."""
    for chunk, starts in _people_chunks():
        for pid in chunk:
            _person(writer, rng, pid, starts.get(pid), first, last, titles)
        result.people += len(chunk)
        if log:
            log(f"  … {result.people} người")


def _units(writer: _Writer, rng: random.Random, first: int, last: int, awards: dict) -> None:
    """Every unit's yearly rating (with party rating and strength) and its collective title."""
    strength = dict(Person.objects.values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n"))
    for unit_id in OrgUnit.objects.order_by("path").values_list("pk", flat=True):
        for year in range(first, last + 1):
            rating = H if rng.random() < 0.35 else T if rng.random() < 0.9 else N
            party = PartyRating.TSVM_TIEU_BIEU if rating == H else PartyRating.TSVM
            strong = rating == H or rng.random() < 0.5
            writer.add(UnitRating, unit_id, year, rating, party, strong, strength.get(unit_id, 0), "", SOURCE)
            code = "DVQT" if rating == H and rng.random() < 0.6 else "DVTT" if rating in (H, T) else ""
            if code in awards and year < last:
                award = awards[code]
                writer.add(AwardRecord, award.pk, None, unit_id, year, award.family, None, "", "", "", SOURCE)


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load."""
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _count(result: SynthRecordsResult, counts: dict) -> None:
    """Copy the writer's row counts per model into the result."""
    result.ratings = counts.get(PersonRating, 0)
    result.awards = counts.get(AwardRecord, 0)
    result.achievements = counts.get(Achievement, 0)
    result.disciplines = counts.get(Discipline, 0)
    result.reviews = counts.get(PendingReview, 0)
    result.unit_ratings = counts.get(UnitRating, 0)


def generate(
    *,
    first: int,
    last: int,
    seed: int = 1,
    replace: bool = False,
    batch: int = BATCH,
    log: Callable[[str], None] | None = None,
) -> SynthRecordsResult:
    """Generate records for every person and unit for the years ``first``…``last`` (inclusive)."""
    _check_years(first, last)
    started = time.perf_counter()
    rng = random.Random(seed)
    awards = {a.code: a for a in Award.objects.filter(code__in=["CSTT", "CSTDCS", "CSTDTQ", "DVQT", "DVTT"])}
    result = SynthRecordsResult()
    writer = _Writer(batch)
    with transaction.atomic():
        if replace:
            _delete_existing(first, last)
        elif PersonRating.objects.filter(year__gte=first, year__lte=last, source=SOURCE).exists():
            raise ValueError("Đã có dữ liệu tổng hợp cho các năm này; dùng --replace để sinh lại.")
        _people(writer, rng, first, last, awards, result, log)
        _units(writer, rng, first, last, awards)
        writer.flush()
    _analyze()
    _count(result, writer.counts)
    result.seconds = time.perf_counter() - started
    return result
