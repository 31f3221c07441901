"""Versioned rule sets, and stored eligibility runs with their results (app label ``awards``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.catalogue.models import Award
from thidua.core.models import Job
from thidua.core.scoping import ScopedQuerySet

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
        return f"{self.award.name} — {self.legal_basis[:120]}, hiệu lực từ {self.valid_from:%d/%m/%Y}"


class EligibilityRunQuerySet(ScopedQuerySet):
    """Runs with ``visible_to`` (by the run's unit; a whole-organisation run needs the whole-organisation scope)."""

    def finished(self):
        """Runs whose job succeeded: the only ones whose results may be read (a failed, cancelled or unfinished run
        may have some of its results written, never all)."""
        return self.filter(job__status=Job.Status.DONE)


class EligibilityRun(models.Model):
    """One evaluation of every rule for a year and a scope, kept so a council can see what was checked and when.

    Its :class:`~thidua.core.models.Job` says who started it, when, how far it got and whether it finished: a run's
    results count only when its job is done (:meth:`EligibilityRunQuerySet.finished`).
    """

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="eligibility_run", verbose_name="công việc")
    year = models.PositiveSmallIntegerField("năm xét")
    unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rule_versions = models.JSONField(default=dict, blank=True)
    inputs_hash = models.CharField(max_length=64, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EligibilityRunQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt xét điều kiện"
        verbose_name_plural = "lượt xét điều kiện"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Xét năm {self.year} — {self.unit or 'toàn bộ'} ({self.job.get_status_display()})"

    @staticmethod
    def scope_filter(ids):
        """A run hangs on the tree by the unit it was run for."""
        return Q(unit_id__in=ids)

    # The job's state, read through the run (templates, the API's RunOut, the Excel export).
    @property
    def status(self) -> str:
        return self.job.status

    @property
    def created_by(self):
        return self.job.created_by

    @property
    def started_at(self):
        return self.job.started_at

    @property
    def finished_at(self):
        return self.job.finished_at


class EligibilityResultQuerySet(ScopedQuerySet):
    """Results with ``visible_to`` (by the subject's unit: a run for a unit may cover sub-units the user cannot see)."""


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

    objects = EligibilityResultQuerySet.as_manager()

    class Meta:
        verbose_name = "kết quả xét điều kiện"
        verbose_name_plural = "kết quả xét điều kiện"
        indexes = [models.Index(fields=["run", "award", "outcome"]), models.Index(fields=["run", "unit"])]

    def __str__(self) -> str:
        return f"{self.award.code}: {self.get_outcome_display()}"

    @staticmethod
    def scope_filter(ids):
        """A result hangs on the tree by its subject's unit."""
        return Q(unit_id__in=ids)
