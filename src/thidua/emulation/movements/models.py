"""Movements (phong trào thi đua), registrations (đăng ký thi đua) and emulation pacts (giao ước thi đua)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.models import VersionedModel
from thidua.core.scoping import ScopedQuerySet, scope_through

from .choices import MovementKind, MovementStatus, RegistrationStatus


class UnitScopedQuerySet(ScopedQuerySet):
    """Rows that belong to one org unit (``unit`` or ``authority``), scoped through it."""


class Movement(VersionedModel):
    """An emulation movement launched by an authority for the units in its scope (e.g. "Quyết thắng")."""

    name = models.CharField("tên phong trào", max_length=255)
    kind = models.CharField("loại", max_length=14, choices=MovementKind.choices, default=MovementKind.REGULAR)
    theme = models.CharField("chủ đề", max_length=500, blank=True)
    slogan = models.CharField("khẩu hiệu", max_length=500, blank=True)
    authority = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="movements", verbose_name="cấp phát động"
    )
    include_descendants = models.BooleanField("phát động tới các đơn vị trực thuộc", default=True)
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày", null=True, blank=True)
    status = models.CharField(max_length=10, choices=MovementStatus.choices, default=MovementStatus.DRAFT)
    launched_at = models.DateTimeField(null=True, blank=True)
    description = models.TextField("nội dung", blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_on", "name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def scope_filter(ids):
        # Visible to the authority's users and to every unit the movement was pushed to.
        return Q(authority_id__in=ids) | Q(pk__in=MovementUnit.objects.filter(unit_id__in=ids).values("movement_id"))


class MovementDocument(models.Model):
    """A directive document attached to a movement (kế hoạch, hướng dẫn, chỉ thị)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("tên văn bản", max_length=500)
    reference = models.CharField("số, ký hiệu", max_length=120, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    file = models.FileField("tệp", upload_to="movements/%Y/", blank=True)

    class Meta:
        verbose_name = "văn bản phong trào"
        verbose_name_plural = "văn bản phong trào"
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return self.title


class MovementUnit(models.Model):
    """A unit a launched movement was pushed to (and when it was notified)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    notified_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị tham gia phong trào"
        verbose_name_plural = "đơn vị tham gia phong trào"
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movement_unit_once")]

    def __str__(self) -> str:
        return f"{self.movement} → {self.unit}"

    scope_filter = scope_through("movement")


class Registration(VersionedModel):
    """A yearly emulation registration of a unit (collective) or of a person, approved by the superior level."""

    year = models.PositiveSmallIntegerField("năm")
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="registrations", verbose_name="đơn vị"
    )
    person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name="cá nhân",
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT)
    commitments = models.TextField("nội dung đăng ký, chỉ tiêu", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("lý do trả lại", blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["-year", "unit", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"], condition=Q(person__isnull=True), name="registration_unit_once_a_year"
            ),
            models.UniqueConstraint(
                fields=["year", "person"], condition=Q(person__isnull=False), name="registration_person_once_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Đăng ký {self.year}: {self.person or self.unit}"

    @staticmethod
    def scope_filter(ids):
        return Q(unit_id__in=ids)


class RegistrationItem(models.Model):
    """One title or award a registration aims for, with its targets."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="items")
    award = models.ForeignKey("catalogue.Award", on_delete=models.PROTECT, related_name="+")
    targets = models.TextField("chỉ tiêu", blank=True)

    class Meta:
        verbose_name = "danh hiệu đăng ký"
        verbose_name_plural = "danh hiệu đăng ký"
        constraints = [models.UniqueConstraint(fields=["registration", "award"], name="registration_award_once")]

    def __str__(self) -> str:
        return str(self.award)


class Pact(VersionedModel):
    """An emulation pact (giao ước thi đua) signed by the members of a block for a year."""

    group = models.ForeignKey("org.EmulationGroup", on_delete=models.CASCADE, related_name="pacts")
    year = models.PositiveSmallIntegerField("năm")
    content = models.TextField("nội dung giao ước")
    signed_on = models.DateField("ngày ký", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="pact_once_a_year")]

    def __str__(self) -> str:
        # The group already reads "Khối 2 (2020)": repeat the year only when the pact's differs.
        group = str(self.group)
        return f"Giao ước {group}" if self.group.year == self.year else f"Giao ước {group} năm {self.year}"

    @staticmethod
    def scope_filter(ids):
        from thidua.org.models import EmulationGroup

        return Q(group__in=EmulationGroup.objects.filter(EmulationGroup.scope_filter(ids)).values("pk"))


class PactSignature(models.Model):
    """A member unit's signature on a pact."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    signer = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_on = models.DateField("ngày ký")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "ký giao ước"
        verbose_name_plural = "ký giao ước"
        constraints = [models.UniqueConstraint(fields=["pact", "unit"], name="pact_signature_once")]

    def __str__(self) -> str:
        return f"{self.unit} ký {self.pact}"

    scope_filter = scope_through("pact")
