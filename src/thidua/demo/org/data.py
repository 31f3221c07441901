"""Facts for the demo organisation, taken from the news reports in shared/seeds (names, ranks, positions, units,
emulation blocks and the 07/06/2018 handover). Everything the reports do not state — birth and enlistment dates,
earlier ranks, founding dates, the 2019 rename, the 2020 merge, the 2021 block leader, the plants' divisions and
the number of staff — is ILLUSTRATIVE, invented only to make the demo feel real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from thidua.core.choices import Role
from thidua.org.choices import GroupRole, PositionKind, Rank, UnitKind

D = dt.date
DEFAULT_SINCE = D(2000, 1, 1)  # illustrative founding date recorded for units without one
DEMO_PASSWORD = "Demo@Thidua-2026"  # public demo password: never use `thidua demo` in production
GENERATED_SEED = 2026
GENERATED_SERIAL_BASE = 990_000  # CCCD serials of generated demo staff; synthetic data uses the range below


@dataclass(frozen=True)
class U:
    """A unit of the demo tree: a stable key, its names and kind, how many generated staff it gets, its children."""

    key: str
    name: str
    short_name: str = ""
    kind: str = UnitKind.OTHER
    people: int = 0
    children: tuple[U, ...] = ()
    old_name: str = ""  # the name before RENAMES (the unit is created with it, then renamed)
    titles: tuple[str, str] | None = None  # head/deputy titles when the usual ones for the kind don't fit
    enterprise: bool = False  # a production enterprise (doanh nghiệp sản xuất, kinh doanh): the plants


def _plant(key: str, code: str, people: int, divisions: tuple[tuple[str, str, int], ...], old_name: str = "") -> U:
    """A defence-industry plant with its divisions and workshops (illustrative); the Z-numbered plants of the Tổng
    cục CNQP are defence enterprises, so their collectives are considered for the "Tập thể lao động" titles."""
    return U(
        key,
        f"Nhà máy {code}",
        code,
        UnitKind.FACTORY,
        people,
        old_name=old_name,
        enterprise=True,
        children=tuple(U(f"{key}_{i}", n, "", k, p) for i, (n, k, p) in enumerate(divisions, start=1)),
    )


PH, PX = UnitKind.DIVISION, UnitKind.WORKSHOP

TREE = U(
    "bqp",
    "Bộ Quốc phòng",
    "BQP",
    UnitKind.MINISTRY,
    children=(
        U(
            "tc",
            "Tổng cục Công nghiệp quốc phòng",
            "Tổng cục CNQP",
            UnitKind.GENERAL_DEPT,
            children=(
                U("tc_vp", "Văn phòng Tổng cục", "Văn phòng/TCCNQP", UnitKind.OFFICE, 16),
                U(
                    "tc_ct",
                    "Cục Chính trị",
                    "Cục Chính trị/TCCNQP",
                    UnitKind.DEPARTMENT,
                    6,
                    titles=("Chủ nhiệm Chính trị Tổng cục CNQP", "Phó Chủ nhiệm Chính trị Tổng cục CNQP"),
                    children=(
                        U("tc_ct_tc", "Phòng Tổ chức", "", PH, 6),
                        U("tc_ct_cb", "Phòng Cán bộ", "", PH, 6),
                        U("tc_ct_th", "Phòng Tuyên huấn", "", PH, 6),
                        U("tc_ct_cs", "Phòng Chính sách", "", PH, 6),
                    ),
                ),
                U("tc_ubkt", "Cơ quan Ủy ban Kiểm tra", "Cơ quan UBKT", UnitKind.AGENCY, 8),
                U("tc_tcp", "Phòng Tài chính", "Phòng Tài chính Tổng cục", PH, 12),
                U("tc_dths", "Phòng Điều tra hình sự", "Phòng ĐTHS", PH, 10),
                U("tc_tt", "Thanh tra Tổng cục", "Thanh tra Tổng cục", UnitKind.INSPECTORATE, 10),
                U(
                    "tc_tapchi",
                    "Tạp chí Công nghiệp quốc phòng và Kinh tế",
                    "Tạp chí CNQP và Kinh tế",
                    UnitKind.JOURNAL,
                    14,
                ),
                U("tc_bqlda1", "Ban Quản lý Dự án I", "Ban QLDA I", UnitKind.BOARD, 10),
                _plant(
                    "z111",
                    "Z111",
                    10,
                    (("Phòng Kế hoạch", PH, 10), ("Phòng Kỹ thuật", PH, 12), ("Phân xưởng Cơ khí", PX, 30)),
                ),
                _plant(
                    "z113",
                    "Z113",
                    10,
                    (("Phòng Kỹ thuật", PH, 10), ("Phân xưởng Cơ khí", PX, 24), ("Phân xưởng Lắp ráp", PX, 0)),
                ),
                _plant("z115", "Z115", 10, (("Phòng Kế hoạch", PH, 8), ("Phân xưởng A1", PX, 22))),
                _plant(
                    "z117",
                    "Z117",
                    10,
                    (("Phòng Tổ chức – Lao động", PH, 8), ("Phòng Kỹ thuật", PH, 10), ("Phân xưởng Quang học", PX, 20)),
                ),
                _plant("z121", "Z121", 10, (("Phòng Kỹ thuật", PH, 10), ("Phân xưởng Hóa chất", PX, 24))),
                _plant(
                    "z125",
                    "Z125",
                    10,
                    (("Phòng Kế hoạch", PH, 8), ("Phòng Kiểm tra chất lượng", PH, 8), ("Phân xưởng Cơ khí", PX, 20)),
                ),
                _plant("z129", "Z129", 10, (("Phòng Kỹ thuật", PH, 8), ("Phân xưởng Đúc", PX, 22))),
                _plant(
                    "z176",
                    "Z176",
                    10,
                    (("Phòng Kế hoạch", PH, 8), ("Phòng Chính trị", PH, 6), ("Phân xưởng Lắp ráp", PX, 18)),
                    old_name="Xí nghiệp Z176",
                ),
            ),
        ),
        U(
            "tcct",
            "Tổng cục Chính trị",
            "TCCT",
            UnitKind.GENERAL_DEPT,
            children=(
                U("tcct_cs", "Cục Chính sách", "Cục Chính sách", UnitKind.DEPARTMENT, 12),
                U("tcct_cb", "Cục Cán bộ", "Cục Cán bộ", UnitKind.DEPARTMENT, 12),
                U("tcct_tc", "Cục Tổ chức", "Cục Tổ chức", UnitKind.DEPARTMENT, 12),
                U("tcct_th", "Cục Tuyên huấn", "Cục Tuyên huấn", UnitKind.DEPARTMENT, 12),
                U("tcct_vp", "Văn phòng TCCT", "Văn phòng TCCT", UnitKind.OFFICE, 12),
                U(
                    "tcct_ct",
                    "Cục Chính trị",
                    "Cục Chính trị/TCCT",
                    UnitKind.DEPARTMENT,
                    8,
                    titles=("Cục trưởng Cục Chính trị/TCCT", "Phó Cục trưởng Cục Chính trị/TCCT"),
                ),
            ),
        ),
    ),
)

# Unit history, recorded through org.services (both illustrative).
RENAMES = [("z176", D(2019, 7, 1), "Quyết định đổi tên (minh họa)")]  # Xí nghiệp Z176 → Nhà máy Z176
MERGES = [("z113_3", "z113_2", D(2020, 7, 1), "Quyết định sáp nhập (minh họa)")]  # PX Lắp ráp → PX Cơ khí, Z113


@dataclass(frozen=True)
class Officer:
    """A named officer as the reports describe them; dates and earlier ranks are illustrative."""

    name: str
    unit: str
    born: dt.date
    enlisted: dt.date
    ranks: tuple[tuple[str, dt.date], ...]  # ascending; the last one is the rank the reports give
    positions: tuple[tuple[str, str, dt.date], ...]  # (title, kind, since), party posts first
    party: dt.date | None = None
    joined_unit: dt.date | None = None


P, C = PositionKind.PARTY, PositionKind.COMMAND
OFFICERS = [
    Officer(
        "Nguyễn Việt Hùng",
        "tc",
        D(1966, 3, 15),
        D(1984, 9, 1),
        ((Rank.THUONG_TA, D(2008, 6, 1)), (Rank.DAI_TA, D(2012, 6, 1)), (Rank.THIEU_TUONG, D(2018, 7, 1))),
        (("Ủy viên Thường vụ Đảng ủy", P, D(2018, 1, 1)), ("Phó Chính ủy Tổng cục CNQP", C, D(2017, 9, 1))),
        party=D(1987, 5, 19),
        joined_unit=D(2017, 9, 1),
    ),
    Officer(
        "Nguyễn Mạnh Hùng",
        "tc",
        D(1963, 8, 20),
        D(1981, 3, 1),
        ((Rank.DAI_TA, D(2008, 1, 1)), (Rank.THIEU_TUONG, D(2014, 7, 1)), (Rank.TRUNG_TUONG, D(2019, 5, 1))),
        (("Bí thư Đảng ủy", P, D(2016, 1, 1)), ("Chính ủy Tổng cục CNQP", C, D(2016, 1, 1))),
        party=D(1984, 2, 3),
        joined_unit=D(2016, 1, 1),
    ),
    Officer(
        "Lâm Trọng Đông",
        "tc_ct",
        D(1965, 11, 2),
        D(1983, 9, 1),
        ((Rank.DAI_TA, D(2011, 6, 1)), (Rank.THIEU_TUONG, D(2017, 12, 1))),
        (("Chủ nhiệm Chính trị Tổng cục CNQP", C, D(2017, 6, 1)),),
        party=D(1986, 9, 2),
        joined_unit=D(2015, 3, 1),
    ),
    Officer(
        "Lương Thanh Chương",
        "tc",
        D(1964, 5, 9),
        D(1982, 8, 1),
        ((Rank.DAI_TA, D(2010, 6, 1)), (Rank.THIEU_TUONG, D(2016, 12, 1))),
        (("Phó Chủ nhiệm Tổng cục CNQP", C, D(2016, 6, 1)),),
        party=D(1985, 3, 26),
        joined_unit=D(2012, 1, 1),
    ),
    Officer(
        "Lê Mai Hậu",
        "tc_tcp",
        D(1970, 2, 14),
        D(1988, 9, 1),
        ((Rank.THUONG_TA, D(2014, 6, 1)), (Rank.DAI_TA, D(2018, 6, 1))),
        (("Trưởng phòng Tài chính Tổng cục CNQP", C, D(2017, 1, 1)),),
        party=D(1991, 12, 22),
        joined_unit=D(2009, 4, 1),
    ),
    Officer(
        "Ngô Quang Phúc",
        "tcct_cs",
        D(1967, 7, 7),
        D(1985, 9, 1),
        ((Rank.THUONG_TA, D(2010, 6, 1)), (Rank.DAI_TA, D(2014, 6, 1))),
        (("Phó Cục trưởng Cục Chính sách", C, D(2015, 1, 1)),),
        party=D(1988, 1, 6),
        joined_unit=D(2008, 3, 1),
    ),
    Officer(
        "Lê Văn Dũng",
        "tcct_ct",
        D(1968, 4, 30),
        D(1986, 2, 1),
        ((Rank.THUONG_TA, D(2011, 6, 1)), (Rank.DAI_TA, D(2015, 6, 1))),
        (("Phó Cục trưởng Cục Chính trị/TCCT", C, D(2016, 1, 1)),),
        party=D(1989, 6, 12),
        joined_unit=D(2010, 5, 1),
    ),
    Officer(
        "Nguyễn Đức Hưng",
        "tcct_vp",
        D(1969, 9, 25),
        D(1987, 9, 1),
        ((Rank.THUONG_TA, D(2012, 6, 1)), (Rank.DAI_TA, D(2016, 6, 1))),
        (("Phó Chánh Văn phòng TCCT", C, D(2016, 9, 1)),),
        party=D(1990, 11, 7),
        joined_unit=D(2011, 2, 1),
    ),
]

# Head posts held by named officers (the generated staff must not get them) and deputy posts they fill.
HEAD_TAKEN = {"tc_ct", "tc_tcp"}
DEPUTIES_TAKEN = {"tcct_cs": 1, "tcct_ct": 1, "tcct_vp": 1}


@dataclass(frozen=True)
class Group:
    """An emulation block for a year: authority, members, leaders (unit, role, since, representative) and
    handovers (from, to, date, place, from person, to person, note)."""

    name: str
    short_name: str
    authority: str
    year: int
    members: tuple[str, ...]
    leaders: tuple[tuple[str, str, dt.date, str | None], ...] = ()
    handovers: tuple[tuple[str, str, dt.date, str, str | None, str | None, str], ...] = field(default=())


KHOI_2_MEMBERS = ("tc_ubkt", "tc_tcp", "tc_dths", "tc_tt", "tc_tapchi", "tc_bqlda1")
GROUPS = [
    Group(
        "Khối 2 – Cụm thi đua cơ quan Tổng cục",
        "Khối 2",
        "tc",
        2020,
        KHOI_2_MEMBERS,
        leaders=(("tc_bqlda1", GroupRole.CO_LEADER, D(2020, 1, 1), "Lê Mai Hậu"),),
    ),
    # the 2021 leader is illustrative
    Group(
        "Khối 2 – Cụm thi đua cơ quan Tổng cục",
        "Khối 2",
        "tc",
        2021,
        KHOI_2_MEMBERS,
        leaders=(("tc_tt", GroupRole.CO_LEADER, D(2021, 1, 1), None),),
    ),
    # 2025 blocks (illustrative): their scoring, in the records demo, decides who led each block for the flags
    Group(
        "Khối 2 – Cụm thi đua cơ quan Tổng cục",
        "Khối 2",
        "tc",
        2025,
        KHOI_2_MEMBERS,
        leaders=(("tc_tapchi", GroupRole.CO_LEADER, D(2025, 1, 1), None),),
    ),
    Group(
        "Khối thi đua số 3",
        "Khối 3/TCCT",
        "tcct",
        2025,
        ("tcct_cs", "tcct_cb", "tcct_tc", "tcct_th", "tcct_vp"),
        leaders=(("tcct_cb", GroupRole.LEADER, D(2025, 1, 1), None),),
    ),
    Group(
        "Khối thi đua số 1",
        "Khối 1/TCCT",
        "tcct",
        2018,
        ("tcct_cs", "tcct_cb", "tcct_tc", "tcct_th", "tcct_vp"),
        leaders=(("tcct_cs", GroupRole.LEADER, D(2018, 1, 1), "Ngô Quang Phúc"),),
        handovers=(
            (
                "tcct_cs",
                "tcct_vp",
                D(2018, 6, 7),
                "Cục Chính sách",
                "Ngô Quang Phúc",
                "Nguyễn Đức Hưng",
                "Bàn giao tại Hội nghị sơ kết thi đua 6 tháng đầu năm 2018",
            ),
        ),
    ),
]

# Demo logins: (username, full name, role, unit key, superuser)
USERS = [
    ("admin", "Quản trị hệ thống", Role.ADMIN, "bqp", True),
    ("thuongtruc", "Thường trực Hội đồng TĐKT Tổng cục", Role.OFFICE, "tc", False),
    ("canbo_z111", "Trợ lý TĐKT Nhà máy Z111", Role.UNIT_OFFICER, "z111", False),
    ("hoidong", "Thành viên Hội đồng TĐKT Tổng cục", Role.COUNCIL, "tc", False),
    ("thutruong", "Thủ trưởng Tổng cục", Role.COMMANDER, "tc", False),
    ("xem", "Người xem Tổng cục Chính trị", Role.VIEWER, "tcct", False),
]
