"""Admin registrations of the awards app: rule versions and stored eligibility runs.

Read-only (see :mod:`thidua.core.admin_site`): a rule version is never edited (an administrator adds a new one on
the rules page, through ``rule_version_add``), and runs are written by the eligibility engine.
"""

from django.contrib import admin

from thidua.core.admin_site import ReadOnlyAdmin

from .eligibility.models import EligibilityResult, EligibilityRun, RuleVersion


@admin.register(RuleVersion)
class RuleVersionAdmin(ReadOnlyAdmin):
    """Versions of the awards' conditions, newest first per award."""

    labels = {
        "award": "danh hiệu, hình thức",
        "checksum": "mã kiểm tra",
        "created_at": "tạo lúc",
        "created_by": "người tạo",
    }
    list_display = ("award", "version", "valid_from", "valid_to", "legal_basis", "created_at")
    list_filter = ("award",)
    search_fields = ("award__name", "award__code", "legal_basis")
    list_select_related = ("award",)


# --- eligibility runs: their models are being reworked (runs refer to a Job), so these registrations name no field --


@admin.register(EligibilityRun)
class EligibilityRunAdmin(ReadOnlyAdmin):
    """Stored eligibility runs."""

    list_display = ("__str__",)


@admin.register(EligibilityResult)
class EligibilityResultAdmin(ReadOnlyAdmin):
    """Outcomes of the runs (one row per subject and award; reached from a run, never listed unfiltered)."""

    list_display = ("__str__",)
    list_select_related = ("award",)
