"""Length-of-service and process-merit predicates: service years (with ×2 time) and months in coefficient posts.

``service_years`` judges continuous or total service; with ``multiplier`` a period carrying a time factor (×2 at sea,
on islands and in especially difficult areas, DOMAIN.md §5.14 [S]) counts that many times, and the "soon" date
accounts for it. ``position_months`` counts the calendar months in which a person held a post whose coefficient
(hệ số chức vụ) reaches a floor (DOMAIN.md §5.16 [REPO]). Both follow the predicate contract of :mod:`.predicates`
and are merged with its REGISTRY and CANDIDATES in :mod:`.vocabulary`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from thidua.core import vn

from . import facts as F
from .predicates import FAIL, MET, SOON, Index, _d, _serving_months, calendar_months_cached

AREA = "vùng biển, đảo, ĐBKK"


# --- service years -----------------------------------------------------------------------------------------------


def required_years(p, female: bool) -> int:
    """The years of service ``p`` asks of a woman (its female threshold when it has one) or of a man."""
    return p.years_female if (female and p.years_female is not None) else p.years


def service_years(p, f, ctx, want):
    """Service length on 31/12: continuous (current run) or total; female threshold; band maximum; ×2 time; soon."""
    runs = f.runs
    serving = bool(runs) and runs[-1][1] == ctx.ref
    if not want and p.basis == "continuous" and not (p.multiplier and f.weighted_service):
        # Continuous service without weighted time depends only on the current run's start and the gender: judged
        # once per distinct pair in a run (the memo lives on the run's context), by the same code below.
        key = (id(p), runs[-1][0] if serving else None, f.gender == "nu")
        hit = ctx.memo.get(key)
        if hit is None:
            hit = ctx.memo[key] = _service_years(p, f, ctx, want, runs, serving)
        return hit
    return _service_years(p, f, ctx, want, runs, serving)


def _weighted(p, f, runs, serving) -> list:
    """The weighted periods counted for ``p``: none without ``multiplier``; for continuous service, those of the
    current run only."""
    if not p.multiplier or not f.weighted_service or not runs:
        return []
    if p.basis == "continuous":
        if not serving:
            return []
        since = runs[-1][0]
        return [(max(a, since), b, k) for a, b, k in f.weighted_service if b is None or b >= since]
    return list(f.weighted_service)


def _span(periods, until: dt.date, extra: bool) -> int:
    """Months of ``periods`` up to ``until`` (whole months plus leftover days by 31), weighted by ``factor - 1`` when
    ``extra`` (the months a multiplier adds), else their plain length."""
    months = days = 0
    for start, end, factor in periods:
        end = min(end or until, until)
        if end < start:
            continue
        m, d = F.calendar_months(start, end)
        weight = factor - 1 if extra else 1
        months += weight * m
        days += weight * d
    return months + days // 31


def _pooled(spans) -> int:
    """Total months of several (months, days) spans: whole months plus the pooled leftover days by 31."""
    return sum(m for m, _ in spans) + sum(d for _, d in spans) // 31


def _months_at(p, f, runs, weighted, day: dt.date) -> int:
    """Counted service months on ``day`` (the current run taken to continue until then), multiplier included."""
    if p.basis == "continuous":
        months = calendar_months_cached(f, runs[-1][0], day)
    else:
        months = _pooled([F.calendar_months(a, b) for a, b in runs[:-1]] + [F.calendar_months(runs[-1][0], day)])
    return months + (_span(weighted, day, True) if weighted else 0)


def _service_years(p, f, ctx, want, runs, serving):
    """The judgement of :func:`service_years` on already computed runs (MET in the band, FAIL past it, SOON, FAIL)."""
    years = required_years(p, f.gender == "nu")
    need = years * 12
    weighted = _weighted(p, f, runs, serving) if p.multiplier and f.weighted_service else ()
    if p.basis == "continuous":
        months = _months_at(p, f, runs, weighted, ctx.ref) if serving else 0
    else:
        months = _pooled([F.calendar_months(a, b) for a, b in runs])
        months += _span(weighted, ctx.ref, True) if weighted else 0
    text = (lambda: _service_text(p, months, runs, serving, weighted, ctx.ref)) if want else None
    if months >= need and (p.max_years is None or months < p.max_years * 12):
        return MET, None, (f"{text()}, đủ {years} năm" if want else None)
    if p.max_years is not None and months >= p.max_years * 12:
        return FAIL, None, (f"{text()}, đã đủ {p.max_years} năm (xét hạng cao hơn)" if want else None)
    reached = _reached(p, f, ctx, runs, serving, weighted, months, need) if serving else None
    if reached is not None:
        return SOON, reached, (f"{text()}; đủ {years} năm vào {reached:%m/%Y} ({_d(reached)})" if want else None)
    if not want:
        return FAIL, None, None
    if not runs:
        return FAIL, None, "chưa có quá trình công tác"
    if not serving:
        return FAIL, None, f"{text()}; không còn công tác tại thời điểm {_d(ctx.ref)}"
    return FAIL, None, f"{text()}, cần {years} năm"


def _reached(p, f, ctx, runs, serving, weighted, months, need) -> dt.date | None:
    """The day the threshold is reached if it is within ``soon_months`` of 31/12 (still serving), else None."""
    last = F.add_months(ctx.ref, p.soon_months)
    if not weighted:
        if need - months > p.soon_months + 1:
            return None
        if p.basis == "continuous":
            reached = F.add_months(runs[-1][0], need) - dt.timedelta(days=1)
        else:
            reached = F.add_months(ctx.ref, need - months)
        return reached if reached <= last else None
    # Weighted time accrues faster while a weighted period runs on: find the first day the count reaches the need.
    if _months_at(p, f, runs, weighted, last) < need:
        return None
    low, high = ctx.ref, last  # count(low) < need <= count(high)
    while (high - low).days > 1:
        mid = low + dt.timedelta(days=(high - low).days // 2)
        if _months_at(p, f, runs, weighted, mid) >= need:
            high = mid
        else:
            low = mid
    return high


def _service_text(p, months, runs, serving, weighted, ref) -> str:
    """ "thời gian công tác liên tục 10 năm 2 tháng (từ 01/01/2018; trong đó 3 năm 2 tháng ở … tính hệ số 2)"."""
    label = "liên tục" if p.basis == "continuous" else "tổng"
    have = f"thời gian công tác {label} {vn.format_months(months)}"
    notes = []
    if serving and p.basis == "continuous":
        notes.append(f"từ {_d(runs[-1][0])}")
    for factor in sorted({k for _, _, k in weighted}):
        plain = _span([w for w in weighted if w[2] == factor], ref, False)
        if plain:
            notes.append(f"trong đó {vn.format_months(plain)} ở {AREA} tính hệ số {factor}")
    return have + (f" ({'; '.join(notes)})" if notes else "")


def service_groups(p, ix: Index, ctx) -> dict:
    """People grouped by (upper, lower bound of the service months ``p`` counts on 31/12, female): the continuous
    current run, or the total of every run."""
    return _serving_months(ix, ctx.ref) if p.basis == "continuous" else _total_months(ix, ctx.ref)


def _total_months(ix: Index, ref: dt.date) -> dict:
    """(Upper, lower bound of the total service months up to ``ref``, female) → ids. Each run counted by calendar
    months inclusive is at least its whole months plus its share of the pooled leftover days, and at most two more
    than its whole months (a start late in a month, an end early in one)."""

    def key(f):
        runs = f.runs
        if runs:
            months = sum((b.year - a.year) * 12 + b.month - a.month + 1 for a, b in runs)
            return months, months - 2 * len(runs), f.gender == "nu"
        return None

    return ix.grouped(("total", ref), key)


def _cand_service_years(p, ix: Index, ctx):
    """Bulk pre-filter: the people who can be anything but FAIL on service length."""
    # Met or soon needs about enough months (soon also needs serving on 31/12) and, for a band, not past its top;
    # weighted time can only add months, so with a multiplier everyone with weighted time is kept too.
    if p.years <= 0 or (p.years_female is not None and p.years_female <= 0):
        return None
    top = p.max_years * 12 if p.max_years is not None else None

    def about_enough(key) -> bool:
        upper, lower, female = key
        years = required_years(p, female)
        return (top is None or lower < top) and upper >= years * 12 - p.soon_months - 1

    def build():
        weighted = ix.having("weighted_service") if p.multiplier else set()
        return ix.pick(service_groups(p, ix, ctx), about_enough) | weighted

    key = ("s", p.basis, p.years, p.years_female, p.max_years, p.soon_months, p.multiplier, ctx.ref)
    return ix._get(key, build)


# --- months in coefficient posts ---------------------------------------------------------------------------------


def _month(day: dt.date) -> int:
    """A calendar month as a running number."""
    return day.year * 12 + day.month - 1


def _month_end(index: int) -> dt.date:
    """The last day of the month numbered ``index``."""
    year, month = divmod(index + 1, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _held_months(start: dt.date, end: dt.date) -> range:
    """The months whose last day falls within ``start``..``end``."""
    last = _month(end) if (end + dt.timedelta(days=1)).day == 1 else _month(end) - 1
    return range(_month(start), last + 1)


def _hundredths(value: Decimal) -> int:
    """A coefficient as an exact integer number of hundredths (0.7 → 70), as the facts hold it."""
    return int(value * 100)


def _coefficient(hundredths: int) -> str:
    """0,7 / 1,0 / 1,25 in Vietnamese notation."""
    return vn.format_number(Decimal(hundredths) / 100, 2 if hundredths % 10 else 1)


def _month_count(f, floor: int, ref: dt.date) -> int:
    """How many months up to ``ref`` a post with coefficient ≥ ``floor`` was held on the month's last day (overlapping
    posts merged)."""
    spans = []
    for start, end, coef in f.positions:
        if coef >= floor:
            held = _held_months(start, min(end or ref, ref))
            spans.append((held.start, held.stop))
    spans.sort()
    count, reach = 0, None
    for first, stop in spans:
        if reach is not None and first < reach:
            first = reach
        if stop > first:
            count += stop - first
            reach = stop
    return count


def _months_by_coefficient(f, floor: int, ref: dt.date) -> dict[int, int]:
    """Coefficient (× 100) → months counted with it: each month takes the highest coefficient held on its last day."""
    best: dict[int, int] = {}
    for start, end, coef in f.positions:
        if coef >= floor:
            for m in _held_months(start, min(end or ref, ref)):
                if best.get(m, 0) < coef:
                    best[m] = coef
    per: dict[int, int] = {}
    for coef in best.values():
        per[coef] = per.get(coef, 0) + 1
    return per


def position_months(p, f, ctx, want):
    """Months in posts with coefficient ≥ ``min_coefficient`` (gender threshold), soon while still holding one."""
    female = f.gender == "nu"
    need = p.months_female if female else p.months_male
    floor = _hundredths(p.min_coefficient)
    count = _month_count(f, floor, ctx.ref) if f.positions else 0
    who = ("nữ" if female else "nam") if want else ""
    if count >= need:
        return MET, None, (_position_text(f, floor, ctx, count, f"đủ {need} tháng ({who})") if want else None)
    reached = _position_reached(p, f, ctx, floor, need - count)
    if reached is not None:
        tail = f"đủ {need} tháng ({who}) vào {reached:%m/%Y} nếu tiếp tục giữ chức vụ"
        return SOON, reached, (_position_text(f, floor, ctx, count, tail) if want else None)
    if not want:
        return FAIL, None, None
    return FAIL, None, _position_text(f, floor, ctx, count, f"cần {need} tháng ({who})")


def _position_text(f, floor: int, ctx, count: int, tail: str) -> str:
    """ "125 tháng (10 năm 5 tháng) giữ chức vụ có hệ số từ 0,8 trở lên (hệ số 0,8: 60 tháng; …); đủ 120 tháng"."""
    what = f"giữ chức vụ có hệ số từ {_coefficient(floor)} trở lên"
    if not count:
        return f"chưa có thời gian {what}; {tail}"
    per = _months_by_coefficient(f, floor, ctx.ref)
    detail = " (" + "; ".join(f"hệ số {_coefficient(c)}: {n} tháng" for c, n in sorted(per.items())) + ")"
    return f"{_months_text(count)} {what}{detail if len(per) > 1 else ''}; {tail}"


def _position_reached(p, f, ctx, floor: int, missing: int) -> dt.date | None:
    """The last day of the month completing the count, when a counted post held on 31/12 runs on that long."""
    if missing > p.soon_months:
        return None
    ends = [end for start, end, coef in f.positions if coef >= floor and (end is None or end > ctx.ref)]
    if not ends:
        return None
    reached = _month_end(_month(ctx.ref) + missing)
    runs_to = None if None in ends else max(ends)
    return reached if runs_to is None or runs_to >= reached else None


def _months_text(count: int) -> str:
    """ "125 tháng (10 năm 5 tháng)"."""
    return f"{count} tháng" + (f" ({vn.format_months(count)})" if count >= 12 else "")


def _cand_position_months(p, ix: Index, ctx):
    """Bulk pre-filter: the people holding (or having held) a post at the coefficient floor."""
    # Met or soon needs at least one post with a coefficient at the floor.
    floor = _hundredths(p.min_coefficient)

    def build():
        people = ix.people
        return {i for i in ix.having("positions") if any(c >= floor for _, _, c in people[i].positions)}

    return ix._get(("pos", floor), build)


REGISTRY = {"service_years": service_years, "position_months": position_months}
CANDIDATES = {service_years: _cand_service_years, position_months: _cand_position_months}
