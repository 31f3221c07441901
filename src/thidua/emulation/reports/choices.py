"""Choices of review periods, indicators, unit reports (DOMAIN.md §7)."""

from django.db import models


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
