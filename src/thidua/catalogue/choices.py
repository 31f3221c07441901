"""Choices of the award catalogue: kinds of award, subjects, periods, levels, how sure a value is."""

from django.db import models


class AwardKind(models.TextChoices):
    """Danh hiệu thi đua and hình thức khen thưởng are kept distinct (Luật 06/2022)."""

    TITLE = "danh_hieu", "Danh hiệu thi đua"
    FORM = "hinh_thuc", "Hình thức khen thưởng"


class Subject(models.TextChoices):
    PERSON = "ca_nhan", "Cá nhân"
    UNIT = "tap_the", "Tập thể"
    BOTH = "ca_hai", "Cá nhân và tập thể"


class PeriodKind(models.TextChoices):
    YEARLY = "hang_nam", "Hằng năm"
    SERVICE = "nien_han", "Niên hạn"
    PROCESS = "qua_trinh", "Quá trình cống hiến"
    EXCEPTIONAL = "dot_xuat", "Đột xuất"
    THEMATIC = "chuyen_de", "Chuyên đề"
    WHEN_ELIGIBLE = "khi_du_dieu_kien", "Khi đủ điều kiện"


class AwardLevel(models.TextChoices):
    BASE = "co_so", "Cơ sở"
    DEPARTMENT = "tong_cuc", "Tổng cục, quân khu và tương đương"
    MINISTRY = "bo", "Bộ Quốc phòng"
    GOVERNMENT = "chinh_phu", "Chính phủ"
    STATE = "nha_nuoc", "Nhà nước"


class Verification(models.TextChoices):
    """How sure a value is (DOMAIN.md §0 tags)."""

    VERIFIED = "V", "Đã xác minh"
    VERIFIED_OLD = "V-old", "Theo văn bản cũ"
    SECONDARY = "S", "Nguồn thứ cấp"
    REPO = "REPO", "Theo phần mềm tham khảo"
    UNVERIFIED = "UNVERIFIED", "Chưa xác minh — giá trị mặc định cấu hình được"
