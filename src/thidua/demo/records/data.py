"""The scenario people of the demo records: one invented person per rule case (ILLUSTRATIVE)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from thidua.org.choices import Gender
from thidua.records.choices import DisciplineForm, Level, Rating, RecordSource, ReviewKind

D = dt.date
SEED = 2025
FIRST_YEAR, LAST_YEAR = 2015, 2025
SOURCE = RecordSource.DEMO
H, T, N, K = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV
BASE, ARMY = Level.BASE, Level.ARMY
PLANT, SCENARIO_UNIT, EXEMPLARY_UNIT, WEAK_UNIT = (
    "Nhà máy Z111",
    "Phòng Kế hoạch",
    "Phòng Kỹ thuật",
    "Phân xưởng Cơ khí",
)


@dataclass(frozen=True)
class Case:
    """One invented person built for a rule case (ratings default to HTTNV each year of service)."""

    name: str
    born: dt.date
    enlisted: dt.date
    why: str
    gender: str = Gender.MALE
    ratings: dict[int, str] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)  # year → award code
    awards: tuple[tuple[int, str], ...] = ()  # (year, award code) of non-yearly forms already received
    achievements: tuple[tuple[int, str, str], ...] = ()  # (year, level, title)
    discipline: tuple[dt.date, dt.date, str] | None = None
    review: tuple[dt.date, str] | None = None
    earlier_service: tuple[dt.date, dt.date] | None = None  # a period before a break
    default: str = T
    # Service from ``enlisted`` to this day counted ×2 (sea, island, especially difficult area); service goes on after.
    double_time_until: dt.date | None = None
    # Posts held instead of the default one: (title, coefficient or None, from, to or None); "Nhà máy" posts are
    # held in the plant, the others in the scenario unit.
    posts: tuple[tuple[str, str | None, dt.date, dt.date | None], ...] = ()
    unrated: tuple[int, ...] = ()  # years whose rating is not recorded yet (the year's review is still open)


def _cs(*years: int) -> dict[int, str]:
    return dict.fromkeys(years, "CSTDCS")


CASES: tuple[Case, ...] = (
    Case(
        "Phạm Minh Đức",
        D(1985, 4, 12),
        D(2005, 9, 1),
        "BKBQP đủ: CSTĐCS 2024, 2025",
        ratings={2024: H, 2025: H},
        titles={2021: "CSTT", 2022: "CSTT", 2023: "CSTT", **_cs(2024, 2025)},
        achievements=((2024, BASE, "Cải tiến quy trình lập kế hoạch sản xuất quý"),),
    ),
    Case(
        "Lê Thị Thanh Hương",
        D(1988, 8, 3),
        D(2008, 3, 1),
        "BKBQP sắp đủ: CSTĐCS 2025 là năm đầu",
        gender=Gender.FEMALE,
        ratings={2025: H},
        titles={2023: "CSTT", 2024: "CSTT", **_cs(2025)},
        achievements=((2025, BASE, "Phần mềm theo dõi vật tư tồn kho"),),
    ),
    Case(
        "Vũ Quang Huy",
        D(1983, 1, 20),
        D(2003, 2, 15),
        "BKBQP chưa đủ: chuỗi CSTĐCS đứt năm 2023",
        ratings={2022: H, 2024: H},
        titles={**_cs(2022), 2023: "CSTT", **_cs(2024), 2025: "CSTT"},
    ),
    Case(
        "Đỗ Văn Thắng",
        D(1980, 6, 30),
        D(1999, 9, 1),
        "CSTĐ toàn quân đủ: 3 năm CSTĐCS + sáng kiến cấp toàn quân; HC QKQT đủ (26 năm)",
        ratings={2023: H, 2024: H, 2025: H},
        titles=_cs(2023, 2024, 2025),
        awards=((2019, "HCCSVV_HANG_NHAT"),),
        achievements=((2023, BASE, "Gá kẹp nhanh cho máy phay"), (2024, ARMY, "Dây chuyền kiểm tra tự động")),
    ),
    Case(
        "Nguyễn Thị Lan Anh",
        D(1986, 11, 5),
        D(2007, 9, 1),
        "CSTĐ toàn quân chưa đủ: 3 năm CSTĐCS nhưng sáng kiến chỉ cấp cơ sở",
        gender=Gender.FEMALE,
        ratings={2023: H, 2024: H, 2025: H},
        titles=_cs(2023, 2024, 2025),
        achievements=((2023, BASE, "Sổ tay an toàn phân xưởng"), (2025, BASE, "Biểu mẫu báo cáo điện tử")),
    ),
    Case(
        "Trần Quốc Bảo",
        D(1987, 2, 14),
        D(2006, 9, 1),
        "CSTĐ toàn quân sắp đủ: 2 năm CSTĐCS + sáng kiến toàn quân",
        ratings={2024: H, 2025: H},
        titles={2023: "CSTT", **_cs(2024, 2025)},
        achievements=((2025, ARMY, "Mô hình mô phỏng huấn luyện vận hành"),),
    ),
    Case(
        "Hoàng Văn Khải",
        D(1978, 10, 9),
        D(2001, 3, 15),
        "HC QKQT sắp đủ: đủ 25 năm liên tục vào 03/2026",
        awards=((2021, "HCCSVV_HANG_NHAT"),),
        titles={2024: "CSTT"},
    ),
    Case(
        "Bùi Thị Ngọc",
        D(1979, 5, 25),
        D(2007, 3, 1),
        "HC QKQT chưa đủ: phục vụ từ 1998, gián đoạn 2003–2007",
        gender=Gender.FEMALE,
        earlier_service=(D(1998, 2, 1), D(2003, 1, 31)),
        awards=((2017, "HCCSVV_HANG_BA"),),
    ),
    Case(
        "Đặng Minh Tuấn",
        D(1994, 7, 7),
        D(2016, 4, 1),
        "HCCSVV hạng Ba sắp đủ: đủ 10 năm vào 04/2026",
        titles={2023: "CSTT", 2024: "CSTT"},
    ),
    Case(
        "Ngô Thanh Sơn",
        D(1982, 3, 3),
        D(2002, 9, 1),
        "Kỷ luật khiển trách năm 2025: không xét danh hiệu 2025",
        ratings={2024: H, 2025: H},
        titles={2023: "CSTT", **_cs(2024)},
        discipline=(D(2025, 6, 10), D(2026, 6, 9), DisciplineForm.KHIEN_TRACH),
    ),
    Case(
        "Lý Văn Hải",
        D(1984, 12, 1),
        D(2004, 9, 1),
        "Đang xem xét kỷ luật từ 11/2025: tạm dừng đề nghị khen thưởng",
        ratings={2024: H, 2025: H},
        titles=_cs(2023, 2024),
        review=(D(2025, 11, 20), ReviewKind.DISCIPLINE),
    ),
    Case(
        "Phan Thị Mai",
        D(1990, 9, 9),
        D(2012, 9, 1),
        "CSTT chưa đủ: không hoàn thành nhiệm vụ năm 2025",
        gender=Gender.FEMALE,
        ratings={2025: K},
        titles={2023: "CSTT", 2024: "CSTT"},
    ),
    Case(
        "Trịnh Công Minh",
        D(2003, 1, 15),
        D(2025, 5, 1),
        "CSTT sắp đủ: mới tuyển dụng 05/2025, dưới 9 tháng",
    ),
)

#: Past CSTĐ toàn quân titles of a few generated staff (by their position in the name-sorted list).
PAST_CSTDTQ = ((3, 2019), (17, 2021), (41, 2022))
