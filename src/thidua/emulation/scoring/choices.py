"""Choices of block scoring (DOMAIN.md §7)."""

from django.db import models


class CriterionKind(models.TextChoices):
    NORMAL = "tieu_chi", "Tiêu chí"
    BONUS = "diem_thuong", "Điểm thưởng"
    PENALTY = "diem_tru", "Điểm trừ"


class SheetStatus(models.TextChoices):
    DRAFT = "soan", "Đang soạn"
    SELF_SCORING = "tu_cham", "Đơn vị tự chấm"
    LEADER_REVIEW = "khoi_truong", "Khối trưởng thẩm định"
    OFFICE_REVIEW = "thuong_truc", "Cơ quan thường trực thẩm định"
    PREVIEW = "cong_bo_thu", "Công bố dự kiến"
    PUBLISHED = "cong_bo", "Đã công bố"


class ScoreStage(models.TextChoices):
    SELF = "tu_cham", "Đơn vị tự chấm"
    LEADER = "khoi_truong", "Khối trưởng"
    OFFICE = "thuong_truc", "Cơ quan thường trực"


# The stage a score given now is written at, by the sheet's step (steps not listed take no scores).
STAGE_OF_STATUS = {
    SheetStatus.SELF_SCORING: ScoreStage.SELF,
    SheetStatus.LEADER_REVIEW: ScoreStage.LEADER,
    SheetStatus.OFFICE_REVIEW: ScoreStage.OFFICE,
}
