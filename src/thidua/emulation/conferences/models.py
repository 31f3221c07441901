"""Conferences (hội nghị sơ kết, tổng kết; phiên họp): attendees as they were that day, agenda, outcomes, minutes."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from thidua.core.models import VersionedModel
from thidua.core.scoping import ScopedQuerySet, scope_through

from .choices import AgendaKind, ConferenceKind, ConferenceStatus, OutcomeKind


class ConferenceQuerySet(ScopedQuerySet):
    """Conferences, scoped through the host unit or the block's members."""


class Conference(VersionedModel):
    """A review conference or council session; once the minutes are frozen nothing in it changes."""

    title = models.CharField("tên hội nghị", max_length=500)
    kind = models.CharField("loại", max_length=10, choices=ConferenceKind.choices)
    period = models.ForeignKey(
        "emulation.ReviewPeriod", null=True, blank=True, on_delete=models.SET_NULL, related_name="conferences"
    )
    group = models.ForeignKey(
        "org.EmulationGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="conferences"
    )
    host_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="hosted_conferences", verbose_name="đơn vị tổ chức"
    )
    held_on = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    chair = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="chủ trì")
    chair_title = models.CharField("chức vụ chủ trì (khi đó)", max_length=500, blank=True)
    conclusions = models.TextField("kết luận", blank=True)
    minutes = models.TextField("biên bản", blank=True)
    status = models.CharField(max_length=8, choices=ConferenceStatus.choices, default=ConferenceStatus.PLANNED)
    frozen_at = models.DateTimeField(null=True, blank=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    @staticmethod
    def scope_filter(ids):
        from thidua.org.models import GroupMembership

        return Q(host_unit_id__in=ids) | Q(
            group_id__in=GroupMembership.objects.filter(unit_id__in=ids).values("group_id")
        )


class Attendee(models.Model):
    """A person at a conference, with the rank and positions they held that day (snapshot, not today's)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    rank_then = models.CharField("cấp bậc khi đó", max_length=40, blank=True)
    positions_then = models.CharField("chức vụ khi đó", max_length=500, blank=True)
    role = models.CharField("vai trò tại hội nghị", max_length=120, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "đại biểu"
        verbose_name_plural = "đại biểu"
        constraints = [models.UniqueConstraint(fields=["conference", "person"], name="attendee_once")]

    def __str__(self) -> str:
        return f"{self.rank_then} {self.person}".strip()

    scope_filter = scope_through("conference")


class AgendaItem(models.Model):
    """One item of the agenda (quán triệt, báo cáo trung tâm, tham luận, kết luận …) and who presented it."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField("thứ tự")
    kind = models.CharField("nội dung", max_length=20, choices=AgendaKind.choices)
    title = models.CharField("tiêu đề", max_length=500)
    presenter = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    presenter_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("tóm tắt", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "nội dung hội nghị"
        verbose_name_plural = "chương trình hội nghị"
        ordering = ["conference", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "order"],
                name="agenda_item_order_unique",
                violation_error_message="Đã có nội dung mang số thứ tự này trong chương trình hội nghị.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    scope_filter = scope_through("conference")


class ConferenceOutcome(models.Model):
    """A decision taken at the conference: awards presented, a handover, the block's proposal, an election."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField("loại", max_length=16, choices=OutcomeKind.choices)
    text = models.TextField("nội dung")
    handover = models.ForeignKey(
        "org.GroupHandover", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    award = models.ForeignKey("catalogue.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "kết quả hội nghị"
        verbose_name_plural = "kết quả hội nghị"
        ordering = ["conference", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    scope_filter = scope_through("conference")
