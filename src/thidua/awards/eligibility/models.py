"""Versioned rule sets, and stored eligibility runs with their results (app label ``awards``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from thidua.catalogue.models import Award

from .choices import Outcome


class RuleVersion(models.Model):
    """One version of an award's conditions: a validated rule document in force from ``valid_from`` to ``valid_to``.

    Versions are never edited: an administrator adds a new version (the law changed, a value was verified), and
    older years keep being judged by the version that was in force then.
    """

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="rule_versions")
    version = models.PositiveIntegerField("phiên bản")
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500)
    document = models.JSONField("nội dung quy tắc")
    source = models.CharField("nguồn", max_length=255, blank=True)
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "phiên bản quy tắc"
        verbose_name_plural = "phiên bản quy tắc"
        ordering = ["award__order", "award__code", "-valid_from", "-version"]
        constraints = [models.UniqueConstraint(fields=["award", "version"], name="rule_version_unique")]

    def __str__(self) -> str:
        return f"{self.award.code} v{self.version} (từ {self.valid_from:%d/%m/%Y})"


class EligibilityRun(models.Model):
    """One evaluation of every rule for a year and a scope, kept so a council can see what was checked and when."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Lỗi"

    year = models.PositiveSmallIntegerField("năm xét")
    unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    rule_versions = models.JSONField(default=dict, blank=True)
    inputs_hash = models.CharField(max_length=64, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt xét điều kiện"
        verbose_name_plural = "lượt xét điều kiện"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Xét năm {self.year} — {self.unit or 'toàn bộ'} ({self.get_status_display()})"


class EligibilityResult(models.Model):
    """A subject's outcome for one award in a run, with the reasons (Vietnamese, each citing its legal source)."""

    run = models.ForeignKey(EligibilityRun, on_delete=models.CASCADE, related_name="results")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+")
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    soon_on = models.DateField(null=True, blank=True)
    reasons = models.JSONField(default=list)

    class Meta:
        verbose_name = "kết quả xét điều kiện"
        verbose_name_plural = "kết quả xét điều kiện"
        indexes = [models.Index(fields=["run", "award", "outcome"]), models.Index(fields=["run", "unit"])]

    def __str__(self) -> str:
        return f"{self.award.code}: {self.get_outcome_display()}"
