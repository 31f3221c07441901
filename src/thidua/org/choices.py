"""Choices of the org app: unit kinds, person categories, ranks (ordered), genders, position kinds, group roles.

Ranks follow Điều 10 Luật Sĩ quan (officers, with the navy admirals at the same step), Điều 16 Luật QNCN (professional
soldiers) and khoản 2 Điều 8 Luật NVQS 2015 (NCOs and soldiers); see shared/reference/military_ranks.txt.
"""

from __future__ import annotations

from django.db import models


class UnitKind(models.TextChoices):
    """Kinds of org unit seen in the agencies we serve."""

    MINISTRY = "bo", "Bộ"
    GENERAL_DEPT = "tong_cuc", "Tổng cục"
    DEPARTMENT = "cuc", "Cục"
    OFFICE = "van_phong", "Văn phòng"
    INSPECTORATE = "thanh_tra", "Thanh tra"
    BOARD = "ban", "Ban"
    DIVISION = "phong", "Phòng"
    INSTITUTE = "vien", "Viện"
    FACTORY = "nha_may", "Nhà máy"
    WORKSHOP = "phan_xuong", "Phân xưởng"
    JOURNAL = "tap_chi", "Tạp chí"
    SCHOOL = "truong", "Trường"
    CORPS = "quan_doan", "Quân đoàn"
    DIVISION_MIL = "su_doan", "Sư đoàn"
    BRIGADE = "lu_doan", "Lữ đoàn"
    REGIMENT = "trung_doan", "Trung đoàn"
    BATTALION = "tieu_doan", "Tiểu đoàn"
    COMPANY = "dai_doi", "Đại đội"
    AGENCY = "co_quan", "Cơ quan"
    OTHER = "khac", "Khác"


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class Category(models.TextChoices):
    """Personnel category; decides which ranks are allowed."""

    OFFICER = "si_quan", "Sĩ quan"
    PROFESSIONAL = "qncn", "Quân nhân chuyên nghiệp"
    ENLISTED = "hsq_bs", "Hạ sĩ quan – binh sĩ"
    DEFENCE_WORKER = "cnvqp", "Công nhân và viên chức quốc phòng"
    CONTRACT = "hop_dong", "Lao động hợp đồng"


class Rank(models.TextChoices):
    """Every rank, in ascending order within its category (the declaration order is the order)."""

    BINH_NHI = "binh_nhi", "Binh nhì"
    BINH_NHAT = "binh_nhat", "Binh nhất"
    HA_SI = "ha_si", "Hạ sĩ"
    TRUNG_SI = "trung_si", "Trung sĩ"
    THUONG_SI = "thuong_si", "Thượng sĩ"
    THIEU_UY_QNCN = "thieu_uy_qncn", "Thiếu úy QNCN"
    TRUNG_UY_QNCN = "trung_uy_qncn", "Trung úy QNCN"
    THUONG_UY_QNCN = "thuong_uy_qncn", "Thượng úy QNCN"
    DAI_UY_QNCN = "dai_uy_qncn", "Đại úy QNCN"
    THIEU_TA_QNCN = "thieu_ta_qncn", "Thiếu tá QNCN"
    TRUNG_TA_QNCN = "trung_ta_qncn", "Trung tá QNCN"
    THUONG_TA_QNCN = "thuong_ta_qncn", "Thượng tá QNCN"
    THIEU_UY = "thieu_uy", "Thiếu úy"
    TRUNG_UY = "trung_uy", "Trung úy"
    THUONG_UY = "thuong_uy", "Thượng úy"
    DAI_UY = "dai_uy", "Đại úy"
    THIEU_TA = "thieu_ta", "Thiếu tá"
    TRUNG_TA = "trung_ta", "Trung tá"
    THUONG_TA = "thuong_ta", "Thượng tá"
    DAI_TA = "dai_ta", "Đại tá"
    THIEU_TUONG = "thieu_tuong", "Thiếu tướng"
    TRUNG_TUONG = "trung_tuong", "Trung tướng"
    THUONG_TUONG = "thuong_tuong", "Thượng tướng"
    DAI_TUONG = "dai_tuong", "Đại tướng"
    CHUAN_DO_DOC = "chuan_do_doc", "Chuẩn Đô đốc Hải quân"
    PHO_DO_DOC = "pho_do_doc", "Phó Đô đốc Hải quân"
    DO_DOC = "do_doc", "Đô đốc Hải quân"


RANK_ORDER: dict[str, int] = {rank.value: i for i, rank in enumerate(Rank)}
# The navy admirals stand at the same step as the generals they correspond to.
RANK_ORDER.update(
    {
        Rank.CHUAN_DO_DOC: RANK_ORDER[Rank.THIEU_TUONG],
        Rank.PHO_DO_DOC: RANK_ORDER[Rank.TRUNG_TUONG],
        Rank.DO_DOC: RANK_ORDER[Rank.THUONG_TUONG],
    }
)

_ENLISTED = {Rank.BINH_NHI, Rank.BINH_NHAT, Rank.HA_SI, Rank.TRUNG_SI, Rank.THUONG_SI}
CATEGORY_RANKS: dict[str, frozenset[str]] = {
    Category.OFFICER: frozenset(r.value for r in Rank if r not in _ENLISTED and not r.value.endswith("_qncn")),
    Category.PROFESSIONAL: frozenset(r.value for r in Rank if r.value.endswith("_qncn")),
    Category.ENLISTED: frozenset(r.value for r in _ENLISTED),
    Category.DEFENCE_WORKER: frozenset(),
    Category.CONTRACT: frozenset(),
}

GENERAL_RANKS = frozenset(
    {Rank.THIEU_TUONG, Rank.TRUNG_TUONG, Rank.THUONG_TUONG, Rank.DAI_TUONG, Rank.CHUAN_DO_DOC, Rank.PHO_DO_DOC}
    | {Rank.DO_DOC}
)


def rank_from_text(text: str) -> str | None:
    """The rank code for a code or a Vietnamese label in any spelling ("Thiếu uý", "ĐẠI TÁ", "Ðại tướng"), or None."""
    from thidua.core.vn import search_key

    if not text:
        return None
    if text in RANK_ORDER:
        return text
    key = search_key(text).replace("quan nhan chuyen nghiep", "qncn")
    for rank in Rank:
        if search_key(rank.label) == key:
            return rank.value
    return None


class PositionKind(models.TextChoices):
    """Party posts are listed before command posts, as in Vietnamese usage."""

    PARTY = "dang", "Chức vụ Đảng"
    COMMAND = "chi_huy", "Chức vụ chỉ huy, quản lý"
    STAFF = "chuyen_mon", "Chức danh chuyên môn"


class UnitEventKind(models.TextChoices):
    CREATE = "create", "Thành lập"
    RENAME = "rename", "Đổi tên"
    MOVE = "move", "Chuyển trực thuộc"
    MERGE = "merge", "Sáp nhập"
    DISSOLVE = "dissolve", "Giải thể"


class GroupKind(models.TextChoices):
    BLOCK = "khoi", "Khối thi đua"
    CLUSTER = "cum", "Cụm thi đua"


class GroupRole(models.TextChoices):
    """Leadership roles inside an emulation group for a year."""

    LEADER = "khoi_truong", "Khối trưởng"
    CO_LEADER = "dong_khoi_truong", "Đồng khối trưởng"
    DEPUTY = "khoi_pho", "Khối phó"
