"""Review periods (kỳ sơ kết, tổng kết), indicator templates per work area, and each unit's report."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thidua.core.models import VersionedModel
from thidua.core.scoping import ScopedQuerySet, scope_through

from .choices import IndicatorKind, PeriodKind, PeriodStatus, ReportStatus, WorkArea


class IndicatorTemplate(models.Model):
    """A reusable set of typed indicators for one work area (e.g. "Thanh tra", "BVSK – DS, GĐ, TE")."""

    name = models.CharField("tên mẫu", max_length=255)
    work_area = models.CharField("lĩnh vực", max_length=20, choices=WorkArea.choices)
    description = models.TextField("hướng dẫn", blank=True)

    class Meta:
        verbose_name = "mẫu chỉ tiêu báo cáo"
        verbose_name_plural = "mẫu chỉ tiêu báo cáo"
        ordering = ["work_area", "name"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One typed indicator of a template: a count, a percentage (0–100), a text or a yes/no."""

    template = models.ForeignKey(IndicatorTemplate, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("mã", max_length=40)
    label = models.CharField("chỉ tiêu", max_length=500)
    kind = models.CharField("kiểu", max_length=10, choices=IndicatorKind.choices)
    unit_label = models.CharField("đơn vị tính", max_length=40, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    required = models.BooleanField("bắt buộc", default=False)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["template", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="indicator_code_unique")]

    def __str__(self) -> str:
        return self.label


class ReviewPeriodQuerySet(ScopedQuerySet):
    """Periods are visible to the authority's users and to the users of every reporting unit."""


class ReviewPeriod(VersionedModel):
    """A reporting period (sơ kết 6 tháng, tổng kết năm, n năm thực hiện nghị quyết) for a block or a unit tree."""

    name = models.CharField("tên kỳ", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    authority = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="review_periods", verbose_name="cấp tổ chức"
    )
    group = models.ForeignKey(
        "org.EmulationGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_periods",
        verbose_name="khối, cụm",
    )
    movement = models.ForeignKey(
        "emulation.Movement", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_periods"
    )
    templates = models.ManyToManyField(IndicatorTemplate, related_name="periods", verbose_name="mẫu chỉ tiêu")
    units = models.ManyToManyField("org.OrgUnit", related_name="+", verbose_name="đơn vị báo cáo")
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="kỳ trước (để so sánh)"
    )
    opens_on = models.DateField("mở nhận báo cáo từ")
    due_on = models.DateField("hạn nộp")
    remind_days = models.PositiveSmallIntegerField("nhắc trước hạn (ngày)", default=3)
    status = models.CharField(max_length=6, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)

    objects = ReviewPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "kỳ sơ kết, tổng kết"
        verbose_name_plural = "kỳ sơ kết, tổng kết"
        ordering = ["-year", "-due_on"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def scope_filter(ids):
        return Q(authority_id__in=ids) | Q(
            pk__in=ReviewPeriod.units.through.objects.filter(orgunit_id__in=ids).values("reviewperiod_id")
        )


class PeriodExtension(models.Model):
    """A later deadline granted to one unit for one period, with the reason."""

    period = models.ForeignKey(ReviewPeriod, on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("hạn mới")
    reason = models.CharField("lý do", max_length=500)
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "gia hạn báo cáo"
        verbose_name_plural = "gia hạn báo cáo"
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="extension_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.due_on:%d/%m/%Y}"

    scope_filter = scope_through("period")


class UnitReportQuerySet(ScopedQuerySet):
    """Reports, scoped through the reporting unit or the period's authority."""


class UnitReport(VersionedModel):
    """A unit's report for a period: typed figures, a narrative and attachments; draft until submitted."""

    period = models.ForeignKey(ReviewPeriod, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="period_reports")
    status = models.CharField(max_length=6, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narrative = models.TextField("kết quả nổi bật, đánh giá", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    attachment = models.FileField("tệp đính kèm", upload_to="reports/%Y/", blank=True)

    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo đơn vị"
        verbose_name_plural = "báo cáo đơn vị"
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="report_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @staticmethod
    def scope_filter(ids):
        return Q(unit_id__in=ids) | Q(period__authority_id__in=ids)


class ReportValue(models.Model):
    """One indicator's value in a report (number for counts and percentages, text, or yes/no)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    flag = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = "số liệu báo cáo"
        verbose_name_plural = "số liệu báo cáo"
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="report_value_once")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.number if self.number is not None else self.text or self.flag}"
