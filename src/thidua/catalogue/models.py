"""The award catalogue: every emulation title (danh hiệu) and award form (hình thức), seeded from
``data/awards.toml``."""

from __future__ import annotations

from django.db import models

from .choices import AwardKind, AwardLevel, PeriodKind, Subject, Verification


class Award(models.Model):
    """One emulation title or award form of the catalogue (DOMAIN.md §5), with its reward multiples and legal basis.

    ``family`` groups titles of which a subject may hold only one per year (e.g. CSTT/LĐTT/CSTĐCS); empty for forms
    that can be received several times.
    """

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=40, blank=True)
    kind = models.CharField("loại", max_length=10, choices=AwardKind.choices)
    subject = models.CharField("đối tượng", max_length=10, choices=Subject.choices)
    period = models.CharField("thời kỳ xét", max_length=20, choices=PeriodKind.choices)
    level = models.CharField("cấp", max_length=10, choices=AwardLevel.choices)
    family = models.CharField("nhóm (một lần mỗi năm)", max_length=40, blank=True)
    rank = models.PositiveSmallIntegerField("thứ bậc trong nhóm", default=0)
    reward_person = models.DecimalField(
        "mức thưởng cá nhân (× lương cơ sở)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    reward_unit = models.DecimalField(
        "mức thưởng tập thể (× lương cơ sở)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500, blank=True)
    verification = models.CharField(
        "mức xác minh", max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    note = models.TextField("ghi chú", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh mục khen thưởng"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name
