"""Choices of the emulation app (DOMAIN.md §7)."""

from django.db import models


class MovementKind(models.TextChoices):
    REGULAR = "thuong_xuyen", "Thường xuyên"
    PHASED = "theo_dot", "Theo đợt"
    THEMATIC = "chuyen_de", "Chuyên đề"
    AD_HOC = "dot_xuat", "Đột xuất"


class MovementStatus(models.TextChoices):
    DRAFT = "nhap", "Dự thảo"
    LAUNCHED = "phat_dong", "Đã phát động"
    CLOSED = "ket_thuc", "Đã kết thúc"


class RegistrationStatus(models.TextChoices):
    DRAFT = "nhap", "Đang soạn"
    SUBMITTED = "da_gui", "Đã gửi cấp trên"
    APPROVED = "da_duyet", "Đã duyệt"
    RETURNED = "tra_lai", "Trả lại"


class PeriodKind(models.TextChoices):
    MID_YEAR = "so_ket_6_thang", "Sơ kết 6 tháng"
    YEAR_END = "tong_ket_nam", "Tổng kết năm"
    MULTI_YEAR = "nhieu_nam", "Sơ kết, tổng kết nhiều năm"
    THEMATIC = "chuyen_de", "Chuyên đề"


class PeriodStatus(models.TextChoices):
    OPEN = "mo", "Đang nhận báo cáo"
    CLOSED = "dong", "Đã khoá"


class WorkArea(models.TextChoices):
    TDKT = "tdkt", "Thi đua, khen thưởng"
    PARTY = "ctd_ctct", "Công tác Đảng, công tác chính trị"
    INSPECTION = "thanh_tra", "Thanh tra"
    FINANCE = "tai_chinh", "Tài chính"
    PRESS = "tap_chi", "Tạp chí, báo chí"
    DEMOCRACY = "dan_chu_co_so", "Quy chế dân chủ cơ sở"
    HEALTH = "bvsk_ds_gd_te", "BVSK – DS, GĐ, TE – VSTBPN"
    INVESTIGATION = "dieu_tra", "Điều tra hình sự"
    PROJECTS = "du_an", "Quản lý dự án"
    OTHER = "khac", "Khác"


class IndicatorKind(models.TextChoices):
    COUNT = "so_luong", "Số lượng"
    PERCENT = "ty_le", "Tỷ lệ (%)"
    TEXT = "van_ban", "Văn bản"
    YES_NO = "co_khong", "Có/Không"


class ReportStatus(models.TextChoices):
    DRAFT = "nhap", "Bản nháp"
    SUBMITTED = "da_nop", "Đã nộp"


class ConferenceKind(models.TextChoices):
    MID_YEAR = "so_ket", "Hội nghị sơ kết"
    YEAR_END = "tong_ket", "Hội nghị tổng kết"
    COUNCIL = "phien_hop", "Phiên họp Hội đồng"
    OTHER = "khac", "Hội nghị khác"


class ConferenceStatus(models.TextChoices):
    PLANNED = "du_kien", "Dự kiến"
    HELD = "da_hop", "Đã họp"
    FROZEN = "da_chot", "Đã chốt biên bản"


class AgendaKind(models.TextChoices):
    BRIEFING = "quan_triet", "Quán triệt"
    CENTRAL_REPORT = "bao_cao_trung_tam", "Báo cáo trung tâm"
    CONTRIBUTION = "tham_luan", "Tham luận"
    CONCLUSION = "ket_luan", "Kết luận"
    AWARDS = "trao_thuong", "Trao khen thưởng"
    HANDOVER = "ban_giao", "Bàn giao"
    OTHER = "khac", "Khác"


class OutcomeKind(models.TextChoices):
    AWARD_PRESENTED = "trao_thuong", "Trao khen thưởng"
    HANDOVER = "ban_giao", "Bàn giao khối trưởng"
    PROPOSAL = "de_nghi", "Đề nghị của khối"
    ELECTION = "bau_khoi_truong", "Bầu khối trưởng, khối phó"
    OTHER = "khac", "Khác"


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
