"""Choices of review conferences (DOMAIN.md §7)."""

from django.db import models


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
