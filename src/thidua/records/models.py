"""Yearly records that the eligibility engine reads: ratings, titles and awards received, achievements,
discipline, proceedings that block commendation, and leave that still counts as working time.

Every row hangs on a person or a unit, so it is scoped through that subject's unit like everything else.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thidua.core.models import VersionedModel
from thidua.core.scoping import ScopedQuerySet

from .choices import (
    AchievementKind,
    DisciplineForm,
    LeaveKind,
    Level,
    PartyRating,
    Rating,
    RecordSource,
    ReviewKind,
)


class PersonRecordQuerySet(ScopedQuerySet):
    """Rows about a person, scoped by the person's current unit."""


class PersonScoped(VersionedModel):
    """Base of per-person records."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    source = models.CharField("nguồn", max_length=12, choices=RecordSource.choices, default=RecordSource.MANUAL)

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @staticmethod
    def scope_filter(ids):
        return Q(person__unit_id__in=ids)


class PersonRating(PersonScoped):
    """A person's task-completion rating for a year (HTXSNV / HTTNV / HTNV / KHTNV)."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("mức độ hoàn thành nhiệm vụ", max_length=6, choices=Rating.choices)
    decision_ref = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "đánh giá cá nhân hằng năm"
        verbose_name_plural = "đánh giá cá nhân hằng năm"
        ordering = ["person", "year"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_rating_once_a_year")]
        # Covering index: the eligibility run reads everyone's ratings of a few years from the index alone.
        indexes = [models.Index(fields=["person", "year", "rating"], name="person_rating_history")]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_rating_display()}"


class UnitRatingQuerySet(ScopedQuerySet):
    """Unit ratings, scoped by the unit."""


class UnitRating(VersionedModel):
    """A collective's yearly results: task rating, party-organisation rating, "vững mạnh toàn diện"."""

    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("mức độ hoàn thành nhiệm vụ", max_length=6, choices=Rating.choices)
    party_rating = models.CharField("xếp loại tổ chức Đảng", max_length=16, choices=PartyRating.choices, blank=True)
    comprehensive_strong = models.BooleanField("vững mạnh toàn diện", default=False)
    strength = models.PositiveIntegerField("quân số", null=True, blank=True)
    decision_ref = models.CharField("căn cứ", max_length=255, blank=True)
    source = models.CharField("nguồn", max_length=12, choices=RecordSource.choices, default=RecordSource.MANUAL)

    objects = UnitRatingQuerySet.as_manager()

    class Meta:
        verbose_name = "đánh giá tập thể hằng năm"
        verbose_name_plural = "đánh giá tập thể hằng năm"
        ordering = ["unit", "year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_rating_once_a_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_rating_display()}"

    @staticmethod
    def scope_filter(ids):
        return Q(unit_id__in=ids)


class AwardRecordQuerySet(ScopedQuerySet):
    """Awards received, scoped by the person's unit or the collective."""


class AwardRecord(VersionedModel):
    """A title or award received by a person or a collective (the registry later decisions feed; importable).

    ``family`` is copied from the award so that the database itself refuses a second title of one family in a year.
    """

    award = models.ForeignKey("catalogue.Award", on_delete=models.PROTECT, related_name="records")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="award_records"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="award_records"
    )
    year = models.PositiveSmallIntegerField("năm")
    family = models.CharField(max_length=40, blank=True, editable=False)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decision_ref = models.CharField("số quyết định", max_length=255, blank=True)
    issuer = models.CharField("cấp quyết định", max_length=255, blank=True)
    achievement_ref = models.CharField("thành tích được khen", max_length=255, blank=True)
    source = models.CharField("nguồn", max_length=12, choices=RecordSource.choices, default=RecordSource.MANUAL)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "khen thưởng đã nhận"
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="award_record_one_subject",
            ),
            models.UniqueConstraint(
                fields=["person", "year", "family"],
                condition=Q(person__isnull=False) & ~Q(family=""),
                name="award_record_person_family_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "family"],
                condition=Q(unit__isnull=False) & ~Q(family=""),
                name="award_record_unit_family_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} ({self.year})"

    @staticmethod
    def scope_filter(ids):
        return Q(person__unit_id__in=ids) | Q(unit_id__in=ids)


class Achievement(PersonScoped):
    """An initiative, research work or combat creativity, with the level that recognised it and the year."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="achievements")
    year = models.PositiveSmallIntegerField("năm công nhận")
    kind = models.CharField("loại", max_length=20, choices=AchievementKind.choices)
    level = models.CharField("cấp công nhận", max_length=10, choices=Level.choices)
    title = models.CharField("tên sáng kiến, đề tài", max_length=500)
    decision_ref = models.CharField("quyết định công nhận / nghiệm thu", max_length=255, blank=True)

    class Meta:
        verbose_name = "sáng kiến, đề tài"
        verbose_name_plural = "sáng kiến, đề tài"
        ordering = ["person", "year", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.title}"


class Discipline(PersonScoped):
    """A disciplinary measure and the period it is in effect (no commendation during it; P4, P12)."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField("hình thức kỷ luật", max_length=20, choices=DisciplineForm.choices)
    decided_on = models.DateField("ngày quyết định")
    effective_to = models.DateField("hết hiệu lực", null=True, blank=True)
    decision_ref = models.CharField("số quyết định", max_length=255, blank=True)
    reason = models.CharField("lý do", max_length=500, blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["person", "decided_on"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} ({self.decided_on:%d/%m/%Y})"


class PendingReview(PersonScoped):
    """An open proceeding (discipline being considered, investigation, inspection, complaint) that blocks awards."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="pending_reviews")
    kind = models.CharField("loại", max_length=20, choices=ReviewKind.choices)
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("kết thúc", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "đang xem xét, điều tra"
        verbose_name_plural = "đang xem xét, điều tra"
        ordering = ["person", "start_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.start_on:%d/%m/%Y})"


class LeavePeriod(PersonScoped):
    """Leave that still counts as working time (maternity, treatment after duty injury) or a short course."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="leave_periods")
    kind = models.CharField("loại", max_length=16, choices=LeaveKind.choices)
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày")
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "thời gian nghỉ, học được tính"
        verbose_name_plural = "thời gian nghỉ, học được tính"
        ordering = ["person", "start_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.start_on:%d/%m/%Y}–{self.end_on:%d/%m/%Y})"
