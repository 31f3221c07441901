"""Plausible people for demo and benchmark data: names, category, rank history, service, party, unit and positions.

:class:`PeopleGenerator` builds unsaved rows from a seeded ``random.Random`` (the same seed gives the same people), and
:func:`write_people` inserts them with ``bulk_create`` — which bypasses ``Person.save()``, so the search and sort keys
are computed here with :mod:`thidua.core.vn`. ``thidua demo`` uses both for its generated staff; ``thidua synth``
(:mod:`thidua.demo.synth.org`) uses them for hundreds of thousands of people.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from thidua.core import vn
from thidua.org.choices import RANK_ORDER, Category, Gender, PositionKind, Rank, UnitKind
from thidua.org.models import Person, Position, RankChange, ServicePeriod, UnitMembership

from .names import NameGenerator, cccd_for

# All generated dates lie on or before this day, so a seed always gives the same data whatever today is.
REFERENCE_DATE = dt.date(2026, 1, 1)
YEAR = 365.2425

# Category mix and age range by the kind of unit (agencies are officer-heavy, plants employ defence workers).
PROFILE_OF_KIND = {
    UnitKind.FACTORY: "plant",
    UnitKind.WORKSHOP: "plant",
    UnitKind.CORPS: "troops",
    UnitKind.DIVISION_MIL: "troops",
    UnitKind.BRIGADE: "troops",
    UnitKind.REGIMENT: "troops",
    UnitKind.BATTALION: "troops",
    UnitKind.COMPANY: "troops",
}
CATEGORY_MIX = {
    "agency": {
        Category.OFFICER: 55,
        Category.PROFESSIONAL: 25,
        Category.DEFENCE_WORKER: 15,
        Category.CONTRACT: 3,
        Category.ENLISTED: 2,
    },
    "plant": {
        Category.OFFICER: 12,
        Category.PROFESSIONAL: 18,
        Category.DEFENCE_WORKER: 60,
        Category.CONTRACT: 6,
        Category.ENLISTED: 4,
    },
    "troops": {
        Category.OFFICER: 30,
        Category.PROFESSIONAL: 15,
        Category.ENLISTED: 45,
        Category.DEFENCE_WORKER: 8,
        Category.CONTRACT: 2,
    },
}
MALE_SHARE = {
    Category.OFFICER: 0.92,
    Category.PROFESSIONAL: 0.75,
    Category.ENLISTED: 0.98,
    Category.DEFENCE_WORKER: 0.55,
    Category.CONTRACT: 0.6,
}
AGES = {
    Category.OFFICER: (23, 58),
    Category.PROFESSIONAL: (22, 55),
    Category.ENLISTED: (20, 22),
    Category.DEFENCE_WORKER: (20, 58),
    Category.CONTRACT: (20, 50),
}
PARTY_SHARE = {
    Category.OFFICER: 0.95,
    Category.PROFESSIONAL: 0.7,
    Category.ENLISTED: 0.08,
    Category.DEFENCE_WORKER: 0.35,
    Category.CONTRACT: 0.1,
}

# (rank, minimum years before the next one) — terms of Luật Sĩ quan Điều 17 and Luật QNCN, plus a random delay.
OFFICER_STEPS = [
    (Rank.THIEU_UY, 2),
    (Rank.TRUNG_UY, 3),
    (Rank.THUONG_UY, 3),
    (Rank.DAI_UY, 4),
    (Rank.THIEU_TA, 4),
    (Rank.TRUNG_TA, 4),
    (Rank.THUONG_TA, 4),
    (Rank.DAI_TA, 99),
]
QNCN_STEPS = [
    (Rank.THIEU_UY_QNCN, 3),
    (Rank.TRUNG_UY_QNCN, 3),
    (Rank.THUONG_UY_QNCN, 3),
    (Rank.DAI_UY_QNCN, 4),
    (Rank.THIEU_TA_QNCN, 4),
    (Rank.TRUNG_TA_QNCN, 4),
    (Rank.THUONG_TA_QNCN, 99),
]

HEAD_TITLES = {
    UnitKind.DEPARTMENT: ("Cục trưởng", "Phó Cục trưởng"),
    UnitKind.OFFICE: ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    UnitKind.INSPECTORATE: ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
    UnitKind.BOARD: ("Trưởng ban", "Phó Trưởng ban"),
    UnitKind.DIVISION: ("Trưởng phòng", "Phó Trưởng phòng"),
    UnitKind.INSTITUTE: ("Viện trưởng", "Phó Viện trưởng"),
    UnitKind.FACTORY: ("Giám đốc", "Phó Giám đốc"),
    UnitKind.WORKSHOP: ("Quản đốc", "Phó Quản đốc"),
    UnitKind.JOURNAL: ("Tổng Biên tập", "Phó Tổng Biên tập"),
    UnitKind.SCHOOL: ("Hiệu trưởng", "Phó Hiệu trưởng"),
    UnitKind.AGENCY: ("Chủ nhiệm", "Phó Chủ nhiệm"),
    UnitKind.CORPS: ("Tư lệnh", "Phó Tư lệnh"),
    UnitKind.DIVISION_MIL: ("Sư đoàn trưởng", "Phó Sư đoàn trưởng"),
    UnitKind.BRIGADE: ("Lữ đoàn trưởng", "Phó Lữ đoàn trưởng"),
    UnitKind.REGIMENT: ("Trung đoàn trưởng", "Phó Trung đoàn trưởng"),
    UnitKind.BATTALION: ("Tiểu đoàn trưởng", "Phó Tiểu đoàn trưởng"),
    UnitKind.COMPANY: ("Đại đội trưởng", "Phó Đại đội trưởng"),
}
# "Trưởng phòng Kế hoạch", "Chánh Văn phòng TCCT": the unit word is folded into the title.
FOLDED_PREFIX = {
    UnitKind.DIVISION: "Phòng ",
    UnitKind.BOARD: "Ban ",
    UnitKind.OFFICE: "Văn phòng ",
    UnitKind.INSPECTORATE: "Thanh tra ",
}
STAFF_TITLES = {
    Category.OFFICER: [
        "Trợ lý",
        "Trợ lý Kế hoạch",
        "Trợ lý Tổ chức",
        "Trợ lý Chính sách",
        "Trợ lý Tuyên huấn",
        "Trợ lý Kỹ thuật",
        "Trợ lý Tài chính",
        "Trợ lý Thi đua – Khen thưởng",
        "Kỹ sư",
    ],
    Category.PROFESSIONAL: [
        "Nhân viên Văn thư",
        "Nhân viên Kỹ thuật",
        "Nhân viên Tài chính",
        "Kỹ thuật viên",
        "Nhân viên Lái xe",
        "Nhân viên Bảo mật",
    ],
    Category.ENLISTED: ["Chiến sĩ", "Chiến sĩ", "Tiểu đội trưởng"],
    Category.DEFENCE_WORKER: [
        "Công nhân",
        "Công nhân",
        "Công nhân",
        "Kỹ sư",
        "Kỹ thuật viên",
        "Nhân viên",
        "Kế toán viên",
    ],
    Category.CONTRACT: ["Nhân viên hợp đồng"],
}
# (category, minimum age) of the people drawn for head and deputy posts; None = officer, QNCN or defence worker.
LEADERS = {
    UnitKind.DIVISION: (Category.OFFICER, 38),
    UnitKind.REGIMENT: (Category.OFFICER, 38),
    UnitKind.WORKSHOP: (None, 35),
    UnitKind.BATTALION: (Category.OFFICER, 32),
    UnitKind.COMPANY: (Category.OFFICER, 27),
}
LEADER_CATEGORIES = [Category.OFFICER, Category.PROFESSIONAL, Category.DEFENCE_WORKER]
HEAD_PRIORITY = {
    Category.OFFICER: 0,
    Category.PROFESSIONAL: 1,
    Category.DEFENCE_WORKER: 2,
    Category.ENLISTED: 3,
    Category.CONTRACT: 4,
}


@dataclass(frozen=True)
class UnitSlot:
    """What the generator needs to know about a unit: its id, kind and name (for position titles)."""

    id: int
    kind: str
    name: str
    titles: tuple[str, str] | None = None  # head and deputy titles when the kind's usual ones don't fit


@dataclass
class PersonRow:
    """One generated person (unsaved) with the histories to insert once the person has an id."""

    person: Person
    ranks: list[tuple[str, int]] = field(default_factory=list)  # (rank, ordinal date)
    periods: list[tuple[int, int | None, str]] = field(default_factory=list)  # (start, end, note)
    memberships: list[tuple[int, int, int | None]] = field(default_factory=list)  # (unit id, start, end)
    positions: list[tuple[str, str, int, int]] = field(default_factory=list)  # (title, kind, unit id, start)
    age: int = 0
    joined: int = 0


def head_titles(unit: UnitSlot) -> tuple[str, str]:
    """The head and deputy titles for a unit: "Trưởng phòng Kế hoạch", "Giám đốc Nhà máy Z111"…"""
    if unit.titles:
        return unit.titles
    head, deputy = HEAD_TITLES.get(unit.kind, ("Thủ trưởng", "Phó Thủ trưởng"))
    prefix = FOLDED_PREFIX.get(unit.kind)
    if prefix and unit.name.startswith(prefix):
        rest = unit.name[len(prefix) :]
        return f"{head} {rest}", f"{deputy} {rest}"
    return f"{head} {unit.name}", f"{deputy} {unit.name}"


class PeopleGenerator:
    """Generates people for units from one seeded random stream; ``serial_base`` keeps generated CCCDs unique."""

    def __init__(
        self,
        seed: int,
        *,
        serial_base: int = 0,
        reference: dt.date = REFERENCE_DATE,
        avoid_names: frozenset[str] | set[str] = frozenset(),
        cccd_limit: int = 990_000,
    ):
        self.rng = random.Random(seed)
        self.names = NameGenerator(self.rng, avoid_names)
        self.ref = reference.toordinal()
        self.serial = serial_base
        self.cccd_limit = cccd_limit
        self.mix = {p: (list(m), list(m.values())) for p, m in CATEGORY_MIX.items()}

    # --- one person ----------------------------------------------------------------------------------------------

    def _years(self, n: float) -> int:
        return round(n * YEAR)

    def _ranks(self, steps, start: int, jitter: float) -> list[tuple[str, int]]:
        rng, out, day = self.rng, [], start
        for rank, term in steps:
            if day > self.ref:
                break
            out.append((rank, day))
            # later promotions come with longer, more varied delays, so fewer people reach the top ranks
            day += self._years(term + rng.random() * jitter * (1 + len(out) / 3))
        return out

    def person(
        self, unit: UnitSlot, category: str | None = None, others: list[UnitSlot] | tuple = (), min_age: int = 0
    ) -> PersonRow:
        """One person in ``unit``; the category is drawn from the unit's profile unless given. ``others`` are the
        units a transferred person may come from; ``min_age`` is for leaders."""
        rng = self.rng
        if category is None:
            cats, weights = self.mix[PROFILE_OF_KIND.get(unit.kind, "agency")]
            category = rng.choices(cats, weights)[0]
        gender = Gender.MALE if rng.random() < MALE_SHARE[category] else Gender.FEMALE
        low, high = AGES[category]
        if gender == Gender.FEMALE:
            high = min(high, 55)
        age = rng.randint(min(max(low, min_age), high), high)
        dob = self.ref - self._years(age) - rng.randrange(365)
        row = PersonRow(person=Person(), age=age)
        periods = row.periods
        if category == Category.ENLISTED:
            start = self.ref - rng.randint(365, 700)
            dob = min(dob, start - self._years(19) - rng.randrange(200))
            periods.append((start, None, ""))
            row.ranks = [(Rank.BINH_NHI, start)]
            for rank, months, share in ((Rank.BINH_NHAT, 6, 1.0), (Rank.HA_SI, 12, 0.4), (Rank.TRUNG_SI, 18, 0.15)):
                day = start + months * 30
                if day <= self.ref and rng.random() < share:
                    row.ranks.append((rank, day))
        else:
            first_age = rng.randint(18, max(18, min(24, age - 5 if category == Category.OFFICER else age - 1)))
            start = dob + self._years(first_age) + rng.randrange(120)
            if gender == Gender.MALE and category != Category.OFFICER and age - first_age >= 8 and rng.random() < 0.2:
                # served as a conscript, went home, came back as a professional soldier or defence worker
                end = start + self._years(2) - 1
                periods.append((start, end, "Nghĩa vụ quân sự"))
                start = end + self._years(1 + rng.random() * 3)
                start = min(start, self.ref - 400)
            periods.append((start, None, ""))
            if category == Category.OFFICER:
                commissioned = periods[0][0] + self._years(4 + rng.random())
                row.ranks = self._ranks(OFFICER_STEPS, min(commissioned, self.ref), 1.5)
            elif category == Category.PROFESSIONAL:
                row.ranks = self._ranks(QNCN_STEPS, min(start + self._years(1 + rng.random() * 2), self.ref), 2.0)
        joined = periods[-1][0]
        if others and rng.random() < 0.07 and self.ref - joined > self._years(6):
            # transferred in: an earlier spell in another unit
            other = rng.choice(others)
            if other.id != unit.id:
                moved = joined + self._years(2 + rng.random() * 3)
                row.memberships.append((other.id, joined, moved - 1))
                joined = moved
        row.memberships.append((unit.id, joined, None))
        row.joined = joined
        party = None
        if rng.random() < PARTY_SHARE[category]:
            party = max(dob + self._years(18) + 30, periods[0][0] + self._years(1 + rng.random() * 3))
            party = party if party <= self.ref else None
        name = self.names.full_name(gender)
        hometown = self.names.hometown()
        birth = dt.date.fromordinal(dob)
        cccd = None
        if self.serial < self.cccd_limit:
            cccd = cccd_for(hometown, gender, birth.year, self.serial)
            self.serial += 1
        rank = row.ranks[-1][0] if row.ranks else ""
        row.person = Person(
            full_name=name,
            gender=gender,
            date_of_birth=birth,
            cccd=cccd,
            category=category,
            rank=rank,
            unit_id=unit.id,
            party_joined_on=dt.date.fromordinal(party) if party else None,
            hometown=hometown,
            search_key=vn.search_key(name),
            sort_key=vn.name_sort_key(name),
        )
        return row

    # --- a unit's people, with its heads -------------------------------------------------------------------------

    def unit_people(
        self,
        unit: UnitSlot,
        count: int,
        *,
        head_taken: bool = False,
        deputies_taken: int = 0,
        others: list[UnitSlot] | None = None,
    ) -> list[PersonRow]:
        """``count`` people for ``unit``: the most senior become head and deputies (unless already held), the rest
        get a staff title. ``others`` are the units a transferred person may come from."""
        rng = self.rng
        head, deputy = head_titles(unit)
        wanted_deputies = max(0, (2 if count >= 8 else 1 if count >= 3 else 0) - deputies_taken)
        titles = ([] if head_taken else [head]) + [deputy] * wanted_deputies
        titles = titles[:count]
        # leaders are drawn first, old enough for the post; the most senior of them becomes the head
        category, min_age = LEADERS.get(unit.kind, (Category.OFFICER, 46))
        leaders = [self.person(unit, category or rng.choice(LEADER_CATEGORIES), others or (), min_age) for _ in titles]
        rows = leaders + [self.person(unit, others=others or ()) for _ in range(count - len(titles))]
        senior = (
            sorted(
                leaders, key=lambda r: (HEAD_PRIORITY[r.person.category], -RANK_ORDER.get(r.person.rank, -1), -r.age)
            )
            + rows[len(titles) :]
        )
        for row, title in zip(senior, titles, strict=False):
            start = max(row.joined + self._years(1), self.ref - self._years(1 + rng.random() * 5))
            row.positions.append((title, PositionKind.COMMAND, unit.id, min(start, self.ref)))
            if title == head and row.person.party_joined_on:
                party_post = (
                    "Phó Bí thư Đảng ủy" if unit.kind in (UnitKind.DEPARTMENT, UnitKind.FACTORY) else ("Bí thư Chi bộ")
                )
                row.positions.append((party_post, PositionKind.PARTY, unit.id, min(start, self.ref)))
        for row in senior[len(titles) :]:
            title = rng.choice(STAFF_TITLES[row.person.category])
            row.positions.append((title, PositionKind.STAFF, unit.id, row.joined))
        return rows


def write_people(rows: list[PersonRow], batch_size: int = 2000) -> int:
    """Insert the people and then their histories, in batches; returns the number of people inserted."""
    if not rows:
        return 0
    Person.objects.bulk_create([r.person for r in rows], batch_size=batch_size)
    d = dt.date.fromordinal
    ranks, periods, members, positions = [], [], [], []
    for r in rows:
        pid = r.person.pk
        ranks.extend(RankChange(person_id=pid, rank=rank, effective_on=d(day)) for rank, day in r.ranks)
        periods.extend(
            ServicePeriod(person_id=pid, start_on=d(s), end_on=d(e) if e else None, note=note)
            for s, e, note in r.periods
        )
        members.extend(
            UnitMembership(person_id=pid, unit_id=u, start_on=d(s), end_on=d(e) if e else None)
            for u, s, e in r.memberships
        )
        positions.extend(
            Position(person_id=pid, title=t, kind=k, unit_id=u, start_on=d(s)) for t, k, u, s in r.positions
        )
    RankChange.objects.bulk_create(ranks, batch_size=batch_size)
    ServicePeriod.objects.bulk_create(periods, batch_size=batch_size)
    UnitMembership.objects.bulk_create(members, batch_size=batch_size)
    Position.objects.bulk_create(positions, batch_size=batch_size)
    return len(rows)
