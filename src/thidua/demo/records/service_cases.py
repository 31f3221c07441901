"""Scenario people for the length-of-service and process-merit rules (ILLUSTRATIVE): HCCSVV reached only thanks to
time at Trường Sa counted ×2, and, for each class of the Huân chương Bảo vệ Tổ quốc, one person eligible, one soon
eligible and one not eligible in 2025 by months in posts with a coefficient (men 120, women 80 months)."""

from __future__ import annotations

from thidua.org.choices import Gender

from .data import Case, D

F = Gender.FEMALE
PLANT_DIRECTOR = "Phó Giám đốc Nhà máy"

SERVICE_CASES: tuple[Case, ...] = (
    Case(
        "Mai Xuân Trường",
        D(1998, 5, 19),
        D(2018, 3, 1),
        "HCCSVV hạng Ba đủ nhờ 3 năm ở Trường Sa tính hệ số 2 (7 năm 10 tháng phục vụ, tính 10 năm 10 tháng)",
        double_time_until=D(2021, 2, 28),
    ),
    Case(
        "Quách Văn Trung",
        D(1975, 2, 11),
        D(1995, 9, 1),
        "HCBVTQ hạng Ba đủ: 144 tháng giữ chức vụ hệ số 0,7",
        posts=(("Trưởng phòng Kế hoạch", "0.7", D(2014, 1, 1), None),),
    ),
    Case(
        "Tạ Minh Nghĩa",
        D(1980, 8, 23),
        D(2000, 9, 1),
        "HCBVTQ hạng Ba sắp đủ: 115 tháng hệ số 0,7, đủ 120 tháng vào 05/2026",
        posts=(("Trưởng phòng Vật tư", "0.7", D(2016, 6, 1), None),),
    ),
    Case(
        "Kiều Thị Hồng",
        D(1982, 4, 2),
        D(2004, 9, 1),
        "HCBVTQ hạng Ba chưa đủ: nữ, 60 tháng hệ số 0,7 (cần 80), không còn giữ chức vụ",
        gender=F,
        posts=(
            ("Trưởng ban Tài chính", "0.7", D(2012, 1, 1), D(2016, 12, 31)),
            ("Trợ lý tài chính", None, D(2017, 1, 1), None),
        ),
    ),
    Case(
        "Lưu Đình Phong",
        D(1972, 10, 30),
        D(1992, 9, 1),
        "HCBVTQ hạng Nhì đủ: đã có hạng Ba, 156 tháng hệ số 0,8–0,9",
        awards=((2018, "HCBVTQ_HANG_BA"),),
        posts=(
            ("Phó Chính ủy Nhà máy", "0.8", D(2013, 1, 1), D(2019, 12, 31)),
            (PLANT_DIRECTOR, "0.9", D(2020, 1, 1), None),
        ),
    ),
    Case(
        "Âu Thị Thu Hà",
        D(1978, 3, 8),
        D(1999, 9, 1),
        "HCBVTQ hạng Nhì sắp đủ: nữ, 79 tháng hệ số 0,8, đủ 80 tháng vào 01/2026",
        gender=F,
        awards=((2021, "HCBVTQ_HANG_BA"),),
        posts=(("Chủ nhiệm Chính trị Nhà máy", "0.8", D(2019, 6, 1), None),),
    ),
    Case(
        "Khổng Văn Lực",
        D(1976, 12, 5),
        D(1996, 9, 1),
        "HCBVTQ hạng Nhì chưa đủ: 168 tháng hệ số 0,8 nhưng chưa được tặng hạng Ba (đủ hạng Ba)",
        posts=(("Trưởng phòng Kỹ thuật", "0.8", D(2012, 1, 1), None),),
    ),
    Case(
        "Hà Quang Vinh",
        D(1968, 7, 14),
        D(1986, 9, 1),
        "HCBVTQ hạng Nhất đủ: đã có hạng Ba, Nhì; 156 tháng hệ số 1,0",
        awards=((2012, "HCBVTQ_HANG_BA"), (2019, "HCBVTQ_HANG_NHI")),
        posts=(("Chính ủy Nhà máy", "1.0", D(2013, 1, 1), None),),
    ),
    Case(
        "Đoàn Văn Tín",
        D(1970, 1, 26),
        D(1990, 9, 1),
        "HCBVTQ hạng Nhất sắp đủ: 118 tháng hệ số 0,9, đủ 120 tháng vào 02/2026",
        awards=((2014, "HCBVTQ_HANG_BA"), (2020, "HCBVTQ_HANG_NHI")),
        posts=((PLANT_DIRECTOR, "0.9", D(2016, 3, 1), None),),
    ),
    Case(
        "Mạc Thị Liên",
        D(1974, 9, 17),
        D(1994, 9, 1),
        "HCBVTQ hạng Nhất chưa đủ: nữ, chỉ 36 tháng hệ số 0,9 (cần 80)",
        gender=F,
        awards=((2016, "HCBVTQ_HANG_BA"), (2022, "HCBVTQ_HANG_NHI")),
        posts=(
            ("Trưởng phòng Tài chính", "0.8", D(2010, 1, 1), D(2022, 12, 31)),
            (PLANT_DIRECTOR, "0.9", D(2023, 1, 1), None),
        ),
    ),
)
