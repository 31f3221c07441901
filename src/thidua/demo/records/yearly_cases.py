"""Scenario people for the yearly titles and the process awards judged on yearly results (ILLUSTRATIVE): a soldier
and a defence worker whose 2025 rating is not recorded yet (their CSTT / LĐTT, CSTĐCS and Giấy khen are "sắp đủ —
chờ kết quả xếp loại năm 2025"), the Bằng khen Thủ tướng after a ministry certificate with five years HTXSNV and five
initiatives (reached, and one year short), and a Chiến sĩ thi đua toàn quốc after two army-wide titles."""

from __future__ import annotations

from thidua.org.choices import Gender
from thidua.records.choices import Level

from .data import ARMY, BASE, Case, D, H, T, _cs

F = Gender.FEMALE
NATION = Level.NATION
LINE_INITIATIVES = tuple((y, BASE, f"Sáng kiến cải tiến dây chuyền số {y - 2020}") for y in range(2021, 2026))


YEARLY_CASES: tuple[Case, ...] = (
    Case(
        "Cao Đức Thịnh",
        D(1990, 3, 8),
        D(2010, 9, 1),
        "Chưa có kết quả xếp loại năm 2025: CSTT, CSTĐCS, Giấy khen sắp đủ (chờ kết quả xếp loại)",
        ratings={2023: H, 2024: H},
        titles={2023: "CSTT", **_cs(2024)},
        unrated=(2025,),
    ),
    Case(
        "Đinh Thị Hoa",
        D(1992, 6, 18),
        D(2014, 3, 1),
        "Chưa có kết quả xếp loại năm 2025: LĐTT sắp đủ (chờ kết quả xếp loại)",
        gender=F,
        titles={2023: "LDTT", 2024: "LDTT"},
        unrated=(2025,),
    ),
    Case(
        "Lại Văn Cường",
        D(1976, 2, 2),
        D(1996, 9, 1),
        "BKTTCP đủ: Bằng khen BQP năm 2019, sau đó 5 năm liên tục HTXSNV (2021–2025) với 5 sáng kiến",
        ratings={2017: H, 2018: H, **dict.fromkeys(range(2021, 2026), H)},
        titles=_cs(2017, 2018, 2021, 2022, 2023, 2024, 2025),
        awards=((2019, "BKBQP"),),
        achievements=LINE_INITIATIVES,
    ),
    Case(
        "Lương Thị Thu",
        D(1982, 10, 20),
        D(2003, 9, 1),
        "BKTTCP sắp đủ: Bằng khen BQP năm 2020, 4 năm liên tục HTXSNV (2022–2025) và 5 sáng kiến; đủ nếu 2026 HTXSNV",
        gender=F,
        ratings={2021: T, **dict.fromkeys(range(2022, 2026), H)},
        titles={2021: "LDTT", 2022: "LDTT", 2023: "LDTT", 2024: "LDTT", 2025: "LDTT"},
        awards=((2020, "BKBQP"),),
        achievements=(
            (2022, BASE, "Quy trình kiểm kê vật tư bằng mã vạch (minh họa)"),
            (2023, BASE, "Sổ tay định mức tiêu hao (minh họa)"),
            (2024, BASE, "Biểu mẫu kế hoạch quý điện tử (minh họa)"),
            (2025, BASE, "Bảng theo dõi tiến độ đơn hàng (minh họa)"),
            (2025, BASE, "Phần mềm nhắc hạn kiểm định thiết bị (minh họa)"),
        ),
    ),
    Case(
        "Tôn Thất Bình",
        D(1975, 12, 12),
        D(1994, 2, 1),
        "CSTĐ toàn quốc đủ: 2 lần CSTĐ toàn quân (2021, 2024) và đề tài có ảnh hưởng toàn quốc",
        ratings=dict.fromkeys(range(2019, 2026), H),
        titles=_cs(2019, 2020, 2021, 2022, 2023, 2024, 2025),
        awards=((2021, "CSTDTQ"), (2024, "CSTDTQ")),
        achievements=(
            (2020, ARMY, "Đề tài công nghệ đúc chính xác (minh họa)"),
            (2023, ARMY, "Đề tài tự động hóa kiểm tra (minh họa)"),
            (2024, NATION, "Công trình vật liệu mới được ứng dụng toàn quốc (minh họa)"),
        ),
    ),
)
