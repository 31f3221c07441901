"""Block scoring: a criteria sheet per block and year, scores at three stages with a trail of every change, the
two-step publication and the block's proposal of its leading unit (suy tôn)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.models import VersionedModel
from thidua.core.scoping import ScopedQuerySet, scope_through

from .choices import CriterionKind, ScoreStage, SheetStatus


class CriteriaSheetQuerySet(ScopedQuerySet):
    """Sheets are visible to the group's authority and its members."""


class CriteriaSheet(VersionedModel):
    """The scoring sheet of a block for a year; after publication nothing in it changes."""

    group = models.ForeignKey("org.EmulationGroup", on_delete=models.PROTECT, related_name="criteria_sheets")
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên bảng điểm", max_length=255)
    status = models.CharField(max_length=12, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CriteriaSheetQuerySet.as_manager()

    class Meta:
        verbose_name = "bảng tiêu chí chấm điểm"
        verbose_name_plural = "bảng tiêu chí chấm điểm"
        ordering = ["-year", "group"]
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="criteria_sheet_once_a_year")]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def scope_filter(ids):
        from thidua.org.models import GroupMembership

        return Q(group__authority_id__in=ids) | Q(
            group_id__in=GroupMembership.objects.filter(unit_id__in=ids).values("group_id")
        )


class CriterionGroup(models.Model):
    """A group of criteria (e.g. "Thực hiện nhiệm vụ chính trị", "Công tác xây dựng Đảng")."""

    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="criterion_groups")
    name = models.CharField("nhóm tiêu chí", max_length=255)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"
        ordering = ["sheet", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "order"],
                name="criterion_group_order_unique",
                violation_error_message="Đã có nhóm tiêu chí mang số thứ tự này trong bảng điểm.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One criterion with its maximum points; bonus and penalty criteria add or subtract up to their maximum."""

    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("mã", max_length=20)
    label = models.CharField("tiêu chí", max_length=500)
    kind = models.CharField("loại", max_length=12, choices=CriterionKind.choices, default=CriterionKind.NORMAL)
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2)
    evidence_required = models.BooleanField("phải có minh chứng", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["group", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "order"],
                name="criterion_order_unique",
                violation_error_message="Đã có tiêu chí mang số thứ tự này trong nhóm.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"


class Score(VersionedModel):
    """A unit's points on one criterion at one stage (self-score, block leader, standing office)."""

    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField("bước", max_length=12, choices=ScoreStage.choices)
    points = models.DecimalField("điểm", max_digits=6, decimal_places=2)
    evidence = models.TextField("minh chứng", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "điểm"
        verbose_name_plural = "điểm"
        constraints = [models.UniqueConstraint(fields=["criterion", "unit", "stage"], name="score_once_per_stage")]

    def __str__(self) -> str:
        return f"{self.unit} {self.criterion.code}: {self.points}"

    scope_filter = scope_through("sheet")


class ScoreChange(models.Model):
    """Every change of a score after it was first given: old → new, the reason, who and when (append-only)."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    old_points = models.DecimalField(max_digits=6, decimal_places=2)
    new_points = models.DecimalField(max_digits=6, decimal_places=2)
    reason = models.TextField("lý do")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lịch sử sửa điểm"
        verbose_name_plural = "lịch sử sửa điểm"
        ordering = ["score", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_points} → {self.new_points}"


class SheetProposal(models.Model):
    """The block's proposal (suy tôn) of its leading unit for a flag — a candidate for the next nominations."""

    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    award = models.ForeignKey("catalogue.Award", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField("thứ hạng")
    total_points = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "suy tôn của khối"
        verbose_name_plural = "suy tôn của khối"
        constraints = [models.UniqueConstraint(fields=["sheet", "award"], name="sheet_proposal_once_per_award")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.award}"

    scope_filter = scope_through("sheet")
