"""The predicate vocabulary: one function per predicate, shared by the one-subject check and the bulk run.

A predicate is called as ``fn(params, facts, ctx, want)`` and returns ``(status, soon_on, detail)``: ``status`` is
MET, SOON (met within 12 months or with the next year's title) or FAIL; ``detail`` is a Vietnamese sentence about the
facts, built only when ``want`` is true (the bulk run skips it for speed and builds it later, lazily).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.catalogue.seed import families
from thidua.core import vn

from . import facts as F

MET, SOON, FAIL = 2, 1, 0
RATING_NAME = {4: "HTXSNV", 3: "HTTNV", 2: "HTNV", 1: "KHTNV", 0: "chưa có đánh giá"}
RATING_LONG = {
    "htxsnv": "hoàn thành xuất sắc nhiệm vụ",
    "httnv": "hoàn thành tốt nhiệm vụ",
    "htnv": "hoàn thành nhiệm vụ",
    "khtnv": "không hoàn thành nhiệm vụ",
}
PARTY_NAME = {
    4: "TSVM tiêu biểu",
    3: "trong sạch, vững mạnh",
    2: "hoàn thành nhiệm vụ",
    1: "không hoàn thành",
    0: "chưa có",
}
KIND_NAME = {"sang_kien": "sáng kiến", "de_tai": "đề tài, công trình", "sang_tao_chien_dau": "sáng tạo chiến đấu"}
LEVEL_NAME = {1: "cơ sở", 2: "toàn quân", 3: "toàn quốc"}
DISCIPLINE_NAME = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_cap_bac": "giáng cấp bậc quân hàm",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "tuoc_quan_ham": "tước quân hàm sĩ quan",
    "tuoc_danh_hieu": "tước danh hiệu quân nhân",
}
REVIEW_NAME = {
    "xem_xet_ky_luat": "đang xem xét kỷ luật",
    "dieu_tra": "đang bị điều tra",
    "thanh_tra": "đang thanh tra, kiểm tra",
    "khieu_nai": "đang xác minh khiếu nại, tố cáo",
}
LEAVE_NAME = {"thai_san": "nghỉ thai sản", "dieu_tri": "điều trị do thương tích", "hoc_ngan_han": "học ngắn hạn"}


@dataclass(frozen=True)
class Ctx:
    """The evaluated year and its reference dates."""

    year: int
    ref: dt.date
    start: dt.date
    short_names: dict
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # per-run memo of pure sub-results

    @classmethod
    def of(cls, year: int, short_names: dict | None = None) -> Ctx:
        return cls(year, dt.date(year, 12, 31), dt.date(year, 1, 1), short_names or {})

    def name(self, code: str) -> str:
        return self.short_names.get(code, code)


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _years(years) -> str:
    return ", ".join(str(y) for y in years)


# --- person predicates -------------------------------------------------------------------------------------------


def awaiting(yr: int, ctx, want: bool, what: str = "xếp loại"):
    """SOON for a result of the evaluated year that is not recorded yet: known when the year closes (31/12)."""
    return SOON, ctx.ref, (f"năm {yr}: chưa có kết quả — chờ kết quả {what} năm {yr}" if want else None)


def rating_at_least(p, f, ctx, want):
    """Rating of year Y+offset ≥ level; the evaluated year's rating not recorded yet is "sắp đủ" (awaiting the
    year's review), a recorded rating below the level fails."""
    yr = ctx.year + p.year_offset
    ratings = f.ratings
    rank = ratings.get(yr, 0)
    if rank >= F.RATING[p.level]:
        return MET, None, (f"năm {yr}: {RATING_NAME[rank]}" if want else None)
    if yr == ctx.year and yr not in ratings:
        return awaiting(yr, ctx, want)
    return FAIL, None, (f"năm {yr}: {RATING_NAME[rank]}" if want else None)


def _streak(has, end: int, length: int) -> int:
    n, y = 0, end
    while n < length and has(y):
        n += 1
        y -= 1
    return n


def _streak_result(p, has, ctx, what: str, want: bool, recorded):
    end = ctx.year + p.ending
    n = _streak(has, end, p.length)
    if n >= p.length:
        return MET, None, (f"{p.length} năm liên tục {what} ({_years(range(end - n + 1, end + 1))})" if want else None)
    if p.soon and p.ending == 0:
        if n == p.length - 1 and n > 0:
            soon = dt.date(ctx.year + 1, 12, 31)
            text = f"{n} năm liên tục {what} ({_years(range(end - n + 1, end + 1))}), cần thêm năm {ctx.year + 1}"
            return SOON, soon, (text if want else None)
        if n == 0 and not recorded(end):
            m = _streak(has, end - 1, p.length - 1)
            if m == p.length - 1 and m > 0:
                text = f"{m} năm liên tục {what} ({_years(range(end - m, end))}), chờ kết quả năm {end}"
                return SOON, ctx.ref, (text if want else None)
    if not want:
        return FAIL, None, None
    if n:
        text = f"chỉ {n} năm liên tục {what} ({_years(range(end - n + 1, end + 1))}), cần {p.length} năm"
    else:
        text = f"năm {end} không đạt {what}, cần {p.length} năm liên tục"
    return FAIL, None, text


def rating_streak(p, f, ctx, want):
    """``length`` consecutive years rated ``level`` or better ending at Y+ending; any other year breaks it."""
    need, ratings = F.RATING[p.level], f.ratings
    return _streak_result(p, lambda y: ratings.get(y, 0) >= need, ctx, RATING_NAME[need], want, lambda y: y in ratings)


# Award code → the codes of its family (titles of which a subject holds one a year), from the catalogue's data file.
FAMILY = families()


@lru_cache(maxsize=256)
def family_codes(codes: tuple[str, ...]) -> frozenset[str]:
    """The codes of the families of ``codes`` (a code without a family stands for itself)."""
    return frozenset().union(*(FAMILY.get(c, frozenset((c,))) for c in codes))


def title_streak(p, f, ctx, want):
    """``length`` consecutive years holding one of ``titles`` ending at Y+ending."""
    codes, titles = frozenset(p.titles), f.titles
    family = family_codes(tuple(p.titles))
    what = "/".join(ctx.name(c) for c in p.titles) if want else ""
    return _streak_result(
        # A year counts as reviewed once it has a rating or a title of the same family recorded (the loaders always
        # read the family's codes with the titles, so the bulk run and explain() see the same years).
        p,
        lambda y: not codes.isdisjoint(titles.get(y, ())),
        ctx,
        what,
        want,
        lambda y: y in f.ratings or not family.isdisjoint(titles.get(y, ())),
    )


def title_count(p, f, ctx, want):
    """At least ``count`` years with one of ``titles`` in the window."""
    codes, first = frozenset(p.titles), ctx.year - p.window + 1
    years = [y for y, held in f.titles.items() if first <= y <= ctx.year and not codes.isdisjoint(held)]
    ok = len(years) >= p.count
    if not want:
        return (MET if ok else FAIL), None, None
    names = "/".join(ctx.name(c) for c in p.titles)
    text = f"{len(years)} lần {names} trong {first}–{ctx.year}" + (f" ({_years(sorted(years))})" if years else "")
    return (MET if ok else FAIL), None, (text if ok else text + f", cần {p.count}")


def achievement_count(p, f, ctx, want):
    """At least ``count`` achievements of the kinds at ``min_level``+ within the window."""
    first, need, kinds = ctx.year - p.window + 1, F.LEVEL[p.min_level], p.kinds
    found = [a for a in f.achievements if first <= a[0] <= ctx.year and a[2] >= need and a[1] in kinds]
    ok = len(found) >= p.count
    if not want:
        return (MET if ok else FAIL), None, None
    kinds_text = ", ".join(KIND_NAME[k] for k in p.kinds)
    span = f"năm {ctx.year}" if p.window == 1 else f"{first}–{ctx.year}"
    got = f"{len(found)} {kinds_text} cấp {LEVEL_NAME[need]} trở lên ({span})"
    if found:
        got += ": " + ", ".join(f"{KIND_NAME[k]} cấp {LEVEL_NAME[lv]} {y}" for y, k, lv in sorted(found))
    return (MET if ok else FAIL), None, (got if ok else got + f"; cần {p.count}")


def calendar_months_cached(f, start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (see :func:`F.calendar_months`), cached on the facts."""
    key = ("months", start, end)
    cache = f.cache
    if cache is None:
        cache = f.cache = {}
    months = cache.get(key)
    if months is None:
        months = cache[key] = F.calendar_months(start, end)[0]
    return months


def not_received(p, f, ctx, want):
    """None of ``awards`` received ever / within the last N years (up to Y)."""
    first = ctx.year - p.within_years + 1 if p.within_years else 0
    received = f.received
    if not received and not want:
        return MET, None, None
    got = [(code, y) for code in p.awards for y in received.get(code, ()) if first <= y <= ctx.year]
    if not got:
        if not want:
            return MET, None, None
        names = "/".join(ctx.name(c) for c in p.awards)
        span = f" trong {p.within_years} năm gần nhất" if p.within_years else ""
        return MET, None, (f"chưa nhận {names}{span}" if want else None)
    return FAIL, None, ("đã nhận " + ", ".join(f"{ctx.name(c)} năm {y}" for c, y in sorted(got)) if want else None)


def _discipline_in_effect(items, min_rank: int, default_months: int, start: dt.date, ref: dt.date, on_date: bool):
    for rank, frm, to, form in items:
        if rank < min_rank:
            continue
        end = to or (F.add_months(frm, default_months) - dt.timedelta(days=1))
        if frm <= ref and end >= (ref if on_date else start):
            return rank, frm, end, form
    return None


def no_discipline(p, f, ctx, want):
    """No discipline of ``min_form``+ in effect during the year (or on 31/12)."""
    if not f.disciplines and not want:
        return MET, None, None
    hit = _discipline_in_effect(
        f.disciplines, F.DISCIPLINE[p.min_form], p.default_months, ctx.start, ctx.ref, p.mode == "on_date"
    )
    if hit is None:
        when = f"ngày {_d(ctx.ref)}" if p.mode == "on_date" else f"năm {ctx.year}"
        return MET, None, (f"không bị kỷ luật trong {when}" if want else None)
    _, frm, end, form = hit
    text = f"bị kỷ luật {DISCIPLINE_NAME.get(form, form)} từ {_d(frm)} đến {_d(end)}"
    return FAIL, None, (text if want else None)


def no_pending_review(p, f, ctx, want):
    """No open proceeding on 31/12."""
    if not f.reviews and not want:
        return MET, None, None
    for frm, to, kind in f.reviews:
        if frm <= ctx.ref and (to is None or to >= ctx.ref):
            return FAIL, None, (f"{REVIEW_NAME.get(kind, kind)} (từ {_d(frm)})" if want else None)
    return MET, None, ("không có việc đang xem xét, điều tra" if want else None)


def min_months_in_unit(p, f, ctx, want):
    """At least N months of service (or in the unit / since the collective was established) by 31/12."""
    if isinstance(f, F.UnitFacts):
        since = f.since
        if since is None:
            return MET, None, ("đơn vị đã thành lập từ trước" if want else None)
        what = "thành lập"
    elif p.basis == "unit":
        since, what = f.unit_since, "về đơn vị"
    else:
        runs = f.runs
        since = runs[-1][0] if runs and runs[-1][1] == ctx.ref else None
        what = "công tác"
    if since is None:
        return FAIL, None, ("không xác định được thời gian công tác tại ngày " + _d(ctx.ref) if want else None)
    if not want and (ctx.ref.year - since.year) * 12 + ctx.ref.month - since.month > p.months:
        return MET, None, None  # clearly long enough (a whole extra month), no calendar arithmetic needed
    months = calendar_months_cached(f, since, ctx.ref)
    ok = months >= p.months
    if not want:
        return (MET if ok else FAIL), None, None
    text = f"{what} từ {_d(since)}: {vn.format_months(months)} tính đến {_d(ctx.ref)}"
    leaves = [x for x in getattr(f, "leaves", ()) if x[0] != "hoc_ngan_han"]
    if leaves:
        text += " (thời gian " + ", ".join(LEAVE_NAME.get(k, k) for k, _, _ in leaves) + " được tính)"
    return (MET if ok else FAIL), None, (text if ok else text + f", cần {p.months} tháng")


def category_in(p, f, ctx, want):
    """The person's category is one of the listed ones."""
    ok = f.category in p.categories
    return (MET if ok else FAIL), None, (("đúng đối tượng" if ok else "không thuộc đối tượng xét") if want else None)


# --- collective predicates ---------------------------------------------------------------------------------------


def unit_rating_at_least(p, f, ctx, want):
    """The collective's rating of year Y+offset ≥ level; no yearly result recorded yet for the evaluated year is
    "sắp đủ" (awaiting the year's review)."""
    yr = ctx.year + p.year_offset
    row = f.ratings.get(yr)
    rank = row[0] if row else 0
    if rank >= F.RATING[p.level]:
        return MET, None, (f"năm {yr}: {RATING_NAME[rank]}" if want else None)
    if row is None and yr == ctx.year:
        return awaiting(yr, ctx, want)
    return FAIL, None, (f"năm {yr}: {RATING_NAME[rank]}" if want else None)


def party_rating_at_least(p, f, ctx, want):
    """Party organisation rated ``level`` or better in Y (awaited while the year's results are not recorded)."""
    row = f.ratings.get(ctx.year)
    if row is None:
        return awaiting(ctx.year, ctx, want, "xếp loại tổ chức đảng")
    ok = row[1] >= F.PARTY[p.level]
    return (MET if ok else FAIL), None, (f"tổ chức đảng năm {ctx.year}: {PARTY_NAME[row[1]]}" if want else None)


def comprehensive_strong(p, f, ctx, want):
    """Unit "vững mạnh toàn diện" in Y (awaited while the year's results are not recorded)."""
    row = f.ratings.get(ctx.year)
    if row is None:
        return awaiting(ctx.year, ctx, want, "đánh giá vững mạnh toàn diện")
    ok = row[2]
    return (MET if ok else FAIL), None, ((f"năm {ctx.year}: " + ("đạt" if ok else "chưa đạt")) if want else None)


def _members_with(f, p) -> int:
    if p.what == "rating":
        need = F.RATING[p.level]
        return sum(n for rank, n in f.member_ratings.items() if rank >= need)
    codes = frozenset(p.titles)
    return sum(n for held, n in f.member_titles.items() if not codes.isdisjoint(held))


def members_share(p, f, ctx, want):
    """At least (or more than) ``percent`` % of members with the rating or title."""
    total = f.members
    count = _members_with(f, p) if total else 0
    # Integers only: 69 of 100 is below 70 %, 7 of 10 is exactly 70 %.
    ok = total > 0 and (count * 100 > p.percent * total if p.strict else count * 100 >= p.percent * total)
    if not want:
        return (MET if ok else FAIL), None, None
    what = RATING_LONG[p.level] + " trở lên" if p.what == "rating" else "đạt " + "/".join(ctx.name(c) for c in p.titles)
    share = vn.format_percent(count * 100 / total) if total else "—"
    sign = ">" if p.strict else "≥"
    text = f"{count}/{total} thành viên {what} ({share}; cần {sign} {vn.format_number(p.percent, 0)}%)"
    return (MET if ok else FAIL), None, text


def members_count_with_title(p, f, ctx, want):
    """At least ``count`` members holding one of the titles in Y."""
    codes = frozenset(p.titles)
    count = sum(n for held, n in f.member_titles.items() if not codes.isdisjoint(held))
    ok = count >= p.count
    names = "/".join(ctx.name(c) for c in p.titles)
    return (MET if ok else FAIL), None, (f"{count} thành viên đạt {names} (cần ≥ {p.count})" if want else None)


def members_no_discipline(p, f, ctx, want):
    """No member disciplined at ``min_form`` or heavier during Y."""
    hit = _discipline_in_effect(
        f.member_disciplines, F.DISCIPLINE[p.min_form], p.default_months, ctx.start, ctx.ref, False
    )
    if hit is None:
        return MET, None, (f"không có thành viên bị kỷ luật từ {DISCIPLINE_NAME[p.min_form]} trở lên" if want else None)
    return (
        FAIL,
        None,
        (f"có thành viên bị kỷ luật {DISCIPLINE_NAME.get(hit[3], hit[3])} ({_d(hit[1])})" if want else None),
    )


REGISTRY = {
    "rating_at_least": rating_at_least,
    "rating_streak": rating_streak,
    "title_streak": title_streak,
    "title_count": title_count,
    "achievement_count": achievement_count,
    "not_received": not_received,
    "no_discipline": no_discipline,
    "no_pending_review": no_pending_review,
    "min_months_in_unit": min_months_in_unit,
    "category_in": category_in,
    "unit_rating_at_least": unit_rating_at_least,
    "members_share": members_share,
    "members_count_with_title": members_count_with_title,
    "members_no_discipline": members_no_discipline,
    "party_rating_at_least": party_rating_at_least,
    "comprehensive_strong": comprehensive_strong,
}


def lookback(name: str, p) -> int:
    """Years before Y whose ratings/titles/achievements a predicate reads."""
    if name in ("rating_streak", "title_streak"):
        return p.length - p.ending + 1
    if name in ("rating_at_least", "unit_rating_at_least"):
        return -p.year_offset
    if name in ("achievement_count", "title_count"):
        return p.window
    return 0


# --- candidate pre-filters for the bulk run ----------------------------------------------------------------------
# For some predicates, a superset of the people for whom the predicate can be anything but FAIL is cheap to get from
# an index over the loaded facts. The bulk run judges only the people in the candidate set of every top-level
# condition (everyone else fails that condition, so the rule); the predicate itself still decides every candidate.


class Index:
    """Sets of person ids by simple facts, built on demand once per bulk run."""

    def __init__(self, people: dict):
        self.people = people
        self.memo: dict = {}

    def _get(self, key, build):
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = build()
        return got

    def category(self, categories: frozenset) -> set:
        """People whose category is one of ``categories``."""
        groups = self.grouped("category", lambda f: f.category)
        return self._get(("c", categories), lambda: self.pick(groups, categories.__contains__))

    def having(self, attribute: str) -> set:
        """People whose ``attribute`` (a list or dict of the facts) is not empty."""
        return self._get(("having", attribute), lambda: {i for i, f in self.people.items() if getattr(f, attribute)})

    def grouped(self, name, key_of) -> dict:
        """Person ids grouped by ``key_of(facts)`` (a None key leaves the person out), memoised under ``name``: a
        pre-filter then decides once per distinct key (a few thousand) instead of once per person (200,000)."""

        def build():
            out: dict = {}
            get = out.get
            for i, f in self.people.items():
                key = key_of(f)
                if key is not None:
                    ids = get(key)
                    if ids is None:
                        out[key] = [i]
                    else:
                        ids.append(i)
            return out

        return self._get(("grouped", name), build)

    @staticmethod
    def pick(groups: dict, wanted) -> set:
        """The ids of the groups whose key satisfies ``wanted(key)``."""
        out: set = set()
        for key, ids in groups.items():
            if wanted(key):
                out.update(ids)
        return out

    def rating_groups(self) -> list[tuple[dict, list[int]]]:
        """``(ratings, ids)`` of the people sharing each ratings dict (people with the same history share one, see
        ``facts._packed_ratings``). A snapshot that holds the dicts themselves: a later ``deepen_ratings`` gives some
        people new dicts, which changes only years older than the ones the pre-filters read."""

        def build():
            out: dict[int, tuple[dict, list[int]]] = {}
            for i, f in self.people.items():
                ratings = f.ratings
                group = out.get(id(ratings))  # every dict is alive during the pass, so ids are unique
                if group is None:
                    out[id(ratings)] = (ratings, [i])
                else:
                    group[1].append(i)
            return list(out.values())

        return self._get(("ratings",), build)

    def rated(self, year: int, rank: int) -> set:
        """People rated ``rank`` or better in ``year`` (rank 1: anyone with a rating)."""

        def build():
            out: set = set()
            for ratings, ids in self.rating_groups():
                if ratings.get(year, 0) >= rank:
                    out.update(ids)
            return out

        return self._get(("r", year, rank), build)

    def unrated(self, year: int) -> set:
        """People with no rating of rank 1 or better in ``year`` (none recorded, as far as a superset goes)."""
        return self._get(("u", year), lambda: set(self.people) - self.rated(year, 1))

    def titled(self, codes: frozenset, first: int, last: int) -> set:
        """People holding one of ``codes`` in some year of ``first``..``last``."""

        def build():
            holders = self.holders()
            return {i for code in codes for year, i in holders.get(code, ()) if first <= year <= last}

        return self._get(("t", codes, first, last), build)

    def holders(self) -> dict[str, list[tuple[int, int]]]:
        """Award code → (year, person id) of every award loaded: one pass over everyone, shared by the queries."""

        def build():
            out: dict[str, list[tuple[int, int]]] = {}
            for i, f in self.people.items():
                received = f.received
                if received:
                    for code, years in received.items():
                        got = out.get(code)
                        if got is None:
                            got = out[code] = []
                        got.extend((y, i) for y in years)
            return out

        return self._get(("holders",), build)


def _serving_months(ix: Index, ref: dt.date) -> dict:
    """(Upper, lower bound of the continuous months, female) → ids of the people serving on ``ref``.

    The upper bound counts the current run's calendar months up to 1/1 after ``ref``; :func:`F.calendar_months` of
    the run is that count or one less (the lower bound)."""

    def key(f):
        runs = f.runs
        if runs and runs[-1][1] == ref:
            start = runs[-1][0]
            months = (ref.year - start.year) * 12 + ref.month - start.month + 1
            return months, months - 1, f.gender == "nu"
        return None

    return ix.grouped(("serving", ref), key)


def _cand_category_in(p, ix: Index, ctx):
    return ix.category(frozenset(p.categories))


def _cand_rating_at_least(p, ix: Index, ctx):
    # Met needs the rating; soon (the evaluated year only) needs no rating recorded for the year.
    need, yr = F.RATING[p.level], ctx.year + p.year_offset
    if need <= 0:
        return None
    return ix.rated(yr, need) | ix.unrated(yr) if yr == ctx.year else ix.rated(yr, need)


def _cand_achievement_count(p, ix: Index, ctx):
    # Met (the only outcome besides FAIL) needs ``count`` matching achievements in the window.
    if p.count < 1:
        return None
    first, last, need, kinds = ctx.year - p.window + 1, ctx.year, F.LEVEL[p.min_level], frozenset(p.kinds)

    def enough(items) -> bool:
        return sum(1 for y, k, lv in items if first <= y <= last and lv >= need and k in kinds) >= p.count

    def build():
        return ix.pick(ix.grouped("achievements", lambda f: tuple(f.achievements) or None), enough)

    return ix._get(("a", kinds, need, first, ctx.year, p.count), build)


def _cand_rating_streak(p, ix: Index, ctx):
    # Met or soon needs a good rating at the streak's end, or (soon) no rating yet recorded for that year.
    need, end = F.RATING[p.level], ctx.year + p.ending
    if need <= 0 or p.length < 1:
        return None
    return ix.rated(end, need) | ix.unrated(end)


def _cand_title_streak(p, ix: Index, ctx):
    # Met or soon needs the title at the streak's end, or (soon, end not yet reviewed) the year before.
    if p.length < 1:
        return None
    end = ctx.year + p.ending
    return ix.titled(frozenset(p.titles), end - 1, end)


def _cand_title_count(p, ix: Index, ctx):
    if p.count < 1:
        return None
    return ix.titled(frozenset(p.titles), ctx.year - p.window + 1, ctx.year)


CANDIDATES = {
    achievement_count: _cand_achievement_count,
    category_in: _cand_category_in,
    rating_at_least: _cand_rating_at_least,
    rating_streak: _cand_rating_streak,
    title_streak: _cand_title_streak,
    title_count: _cand_title_count,
}
