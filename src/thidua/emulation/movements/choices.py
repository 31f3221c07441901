"""Choices of movements, registrations (DOMAIN.md §7)."""

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
