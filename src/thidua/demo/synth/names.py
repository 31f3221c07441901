"""Realistic Vietnamese names for demo and synthetic data, drawn by published frequencies.

The weights come from the statistics gathered in shared/reference/vietnamese_names.txt: the national family-name
shares (Nguyễn ≈ 38%, Trần ≈ 12%, Lê ≈ 9.5% …) with the long tail from the hoten.org Đắk Lắk sample, and given names
from the hoten.org male/female samples shifted towards the older cohort that serves as officers (Văn/Thị middle names,
Hùng, Dũng, Tuấn, Hương, Lan, Hà …), as that file advises. Only aggregate shares are used, never real people's names.
"""

from __future__ import annotations

import random
from itertools import accumulate

from thidua.core import vn

FAMILY_NAMES: dict[str, float] = {
    "Nguyễn": 38.4,
    "Trần": 11.0,
    "Lê": 9.5,
    "Phạm": 7.0,
    "Hoàng": 3.6,
    "Huỳnh": 1.5,
    "Phan": 4.0,
    "Vũ": 2.6,
    "Võ": 1.3,
    "Đặng": 2.1,
    "Bùi": 2.0,
    "Đỗ": 1.6,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Trương": 1.2,
    "Đinh": 1.2,
    "Dương": 1.0,
    "Trịnh": 0.9,
    "Mai": 0.8,
    "Hà": 0.8,
    "Đoàn": 0.8,
    "Lương": 0.7,
    "Cao": 0.7,
    "Đào": 0.7,
    "Lưu": 0.5,
    "Lý": 0.4,
    "Triệu": 0.3,
    "Phùng": 0.4,
    "Đàm": 0.3,
    "Chu": 0.3,
    "Thái": 0.3,
    "Lâm": 0.3,
    "Tạ": 0.3,
    "Vương": 0.3,
    "Tô": 0.2,
    "Nông": 0.3,
    "Vi": 0.2,
    "Đậu": 0.2,
    "Quách": 0.15,
    "Lại": 0.15,
    "Kiều": 0.1,
    "Tống": 0.1,
    "Khuất": 0.1,
    "Nghiêm": 0.1,
    "Lò": 0.05,
    "Bế": 0.1,
}

MALE_MIDDLE: dict[str, float] = {
    "Văn": 30.0,
    "Đức": 8.0,
    "Minh": 7.0,
    "Quang": 6.0,
    "Hữu": 5.0,
    "Xuân": 5.0,
    "Đình": 5.0,
    "Thanh": 4.0,
    "Ngọc": 3.0,
    "Quốc": 3.0,
    "Mạnh": 3.0,
    "Trọng": 3.0,
    "Công": 3.0,
    "Thế": 3.0,
    "Việt": 2.0,
    "Anh": 2.0,
    "Tiến": 2.0,
    "Hồng": 2.0,
    "Duy": 2.0,
    "Trung": 2.0,
    "Bá": 2.0,
    "Hoàng": 2.0,
    "Thành": 2.0,
    "Khắc": 1.5,
    "Viết": 1.5,
    "Huy": 1.5,
    "Hải": 1.0,
    "Chí": 1.0,
    "Đăng": 1.0,
    "Tuấn": 1.0,
    "Kim": 0.5,
    "Nhật": 0.5,
    # four-word names are rarer among older men than in the young samples
    "Văn Thanh": 0.8,
    "Quang Minh": 0.8,
    "Đức Anh": 1.0,
    "Hoàng Anh": 0.8,
    "Minh Đức": 0.6,
    "Ngọc Anh": 0.5,
    "Xuân Thanh": 0.4,
    "Hữu Quang": 0.4,
}

FEMALE_MIDDLE: dict[str, float] = {
    "Thị": 45.0,
    "Thị Thu": 6.0,
    "Thị Thanh": 6.0,
    "Thị Ngọc": 4.0,
    "Thị Kim": 4.0,
    "Thị Minh": 3.0,
    "Thị Hồng": 3.0,
    "Thị Lan": 2.0,
    "Thị Phương": 2.0,
    "Thị Mỹ": 1.5,
    "Thị Hải": 1.5,
    "Thu": 4.0,
    "Ngọc": 4.0,
    "Thanh": 4.0,
    "Minh": 3.0,
    "Phương": 2.0,
    "Hồng": 2.0,
    "Kim": 1.5,
    "Mai": 1.0,
    "Bích": 1.0,
}

MALE_GIVEN: dict[str, float] = {
    "Hùng": 3.0,
    "Dũng": 3.0,
    "Tuấn": 3.0,
    "Thắng": 2.5,
    "Hải": 2.5,
    "Sơn": 2.2,
    "Nam": 2.0,
    "Đức": 2.0,
    "Cường": 2.0,
    "Long": 1.8,
    "Trung": 1.8,
    "Thành": 1.8,
    "Minh": 1.8,
    "Anh": 1.8,
    "Huy": 1.6,
    "Hoàng": 1.5,
    "Hiếu": 1.5,
    "Quang": 1.2,
    "Tiến": 1.2,
    "Hưng": 1.2,
    "Đạt": 1.2,
    "Phúc": 1.0,
    "Bình": 1.0,
    "Mạnh": 1.0,
    "Vinh": 1.0,
    "Tùng": 1.0,
    "Duy": 1.0,
    "Lâm": 0.8,
    "Nghĩa": 0.8,
    "Quân": 0.8,
    "Khánh": 0.8,
    "Phong": 0.8,
    "Toàn": 0.8,
    "Tài": 0.8,
    "Trường": 0.8,
    "Chiến": 0.8,
    "Thịnh": 0.7,
    "Kiên": 0.6,
    "Tâm": 0.6,
    "Việt": 0.6,
    "Hòa": 0.6,
    "Thanh": 0.6,
    "Vũ": 0.6,
    "Hiệp": 0.5,
    "Lộc": 0.5,
    "Thái": 0.5,
    "Phương": 0.5,
    "Tú": 0.5,
    "Khoa": 0.5,
    "Trí": 0.5,
    "Bảo": 0.5,
    "Thuận": 0.5,
    "Lợi": 0.4,
    "Hậu": 0.4,
    "Đông": 0.4,
    "Hà": 0.4,
    "Nhân": 0.4,
    "Chương": 0.3,
    "Công": 0.3,
    "Thọ": 0.3,
    "Quý": 0.3,
    "Khải": 0.3,
    "Định": 0.3,
    "Doanh": 0.2,
}

FEMALE_GIVEN: dict[str, float] = {
    "Trang": 4.0,
    "Thảo": 3.5,
    "Hương": 3.0,
    "Linh": 3.0,
    "Lan": 2.5,
    "Hà": 2.5,
    "Anh": 2.5,
    "Phương": 2.2,
    "Hằng": 2.1,
    "Huyền": 2.1,
    "Hiền": 2.0,
    "Ngọc": 1.7,
    "Dung": 1.7,
    "Nhung": 1.7,
    "Thủy": 1.6,
    "Duyên": 1.5,
    "Vân": 1.5,
    "Quỳnh": 1.5,
    "Nga": 1.5,
    "Yến": 1.5,
    "Thương": 1.3,
    "Hạnh": 1.3,
    "Mai": 1.3,
    "Trinh": 1.2,
    "Ngân": 1.2,
    "Oanh": 1.2,
    "Ly": 1.1,
    "Phượng": 1.1,
    "Thúy": 1.1,
    "Nhi": 1.0,
    "Uyên": 1.0,
    "Trâm": 1.0,
    "Hoa": 1.0,
    "Hồng": 1.0,
    "Tâm": 1.0,
    "Thu": 1.0,
    "Giang": 0.9,
    "Loan": 0.9,
    "Thanh": 0.9,
    "Vy": 0.8,
    "Ánh": 0.8,
    "Chi": 0.8,
    "My": 0.7,
    "Thư": 0.7,
    "Thùy": 0.7,
    "Huệ": 0.7,
    "Nguyệt": 0.7,
    "Liên": 0.7,
    "Tiên": 0.6,
    "Hoài": 0.5,
}

# Provinces (with their CCCD place codes) that send many recruits to the northern defence-industry plants.
PROVINCES: dict[str, tuple[str, float]] = {
    "Hà Nội": ("001", 10.0),
    "Hải Phòng": ("031", 4.0),
    "Thanh Hóa": ("038", 8.0),
    "Nghệ An": ("040", 8.0),
    "Hà Tĩnh": ("042", 4.0),
    "Nam Định": ("036", 6.0),
    "Thái Bình": ("034", 6.0),
    "Hải Dương": ("030", 4.0),
    "Hưng Yên": ("033", 4.0),
    "Hà Nam": ("035", 3.0),
    "Ninh Bình": ("037", 3.0),
    "Bắc Ninh": ("027", 3.0),
    "Bắc Giang": ("024", 3.0),
    "Phú Thọ": ("025", 4.0),
    "Vĩnh Phúc": ("026", 3.0),
    "Thái Nguyên": ("019", 4.0),
    "Quảng Ninh": ("022", 2.0),
    "Quảng Bình": ("044", 2.0),
    "Quảng Trị": ("045", 1.5),
    "Thừa Thiên Huế": ("046", 1.5),
    "Quảng Nam": ("049", 1.5),
    "Đà Nẵng": ("048", 1.0),
    "TP Hồ Chí Minh": ("079", 2.0),
    "Lạng Sơn": ("020", 1.0),
    "Tuyên Quang": ("008", 1.0),
    "Yên Bái": ("015", 1.0),
}


class _Table:
    """Values with cumulative weights, ready for ``random.choices``."""

    __slots__ = ("values", "cum")

    def __init__(self, weights: dict[str, float]):
        self.values = [vn.nfc(v) for v in weights]
        self.cum = list(accumulate(weights.values()))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum)[0]


class NameGenerator:
    """Draws full names and home provinces from the frequency tables with a caller-supplied seeded ``random``."""

    def __init__(self, rng: random.Random, avoid: set[str] | frozenset[str] = frozenset()):
        """``avoid`` holds full names never to produce (e.g. the real officers of the demo, to keep them unique)."""
        self.rng = rng
        self.avoid = {vn.nfc(n) for n in avoid}
        self.family = _Table(FAMILY_NAMES)
        self.middle = {"nam": _Table(MALE_MIDDLE), "nu": _Table(FEMALE_MIDDLE)}
        self.given = {"nam": _Table(MALE_GIVEN), "nu": _Table(FEMALE_GIVEN)}
        self.province = _Table({name: weight for name, (_, weight) in PROVINCES.items()})

    def full_name(self, gender: str = "nam") -> str:
        """A full name "Họ Đệm Tên" for ``gender`` ("nam" or "nu")."""
        key = "nu" if gender == "nu" else "nam"
        while True:
            family = self.family.pick(self.rng)
            middle = self.middle[key].pick(self.rng)
            given = self.given[key].pick(self.rng)
            if given == middle.split()[-1] or given == family:
                continue  # "Thị Thu Thu", "Hoàng … Hoàng" sound wrong
            name = f"{family} {middle} {given}"
            if name not in self.avoid:
                return name

    def hometown(self) -> str:
        """A province name."""
        return self.province.pick(self.rng)


def cccd_for(province: str, gender: str, year_of_birth: int, serial: int) -> str:
    """A well-formed 12-digit CCCD: place code, century-and-gender digit, two-digit year, six-digit serial."""
    place = PROVINCES.get(province, ("001", 0))[0]
    century = 0 if year_of_birth < 2000 else 2
    return f"{place}{century + (1 if gender == 'nu' else 0)}{year_of_birth % 100:02d}{serial % 1_000_000:06d}"
