"""Admin registrations of the emulation app: movements, registrations and pacts; review periods and unit reports;
conferences; block scoring.

Read-only (see :mod:`thidua.core.admin_site`). Many of these rows are frozen by the workflow — approved
registrations, signed pacts, submitted reports, conferences whose minutes are frozen, published scoring sheets —
and the rest change only through the emulation services, which enforce those states and write the audit log.
"""

from django.contrib import admin

from thidua.core.admin_site import ReadOnlyAdmin

from .models import (
    AgendaItem,
    Attendee,
    Conference,
    ConferenceOutcome,
    CriteriaSheet,
    Criterion,
    CriterionGroup,
    Indicator,
    IndicatorTemplate,
    Movement,
    MovementDocument,
    MovementUnit,
    Pact,
    PactSignature,
    PeriodExtension,
    Registration,
    RegistrationItem,
    ReportValue,
    ReviewPeriod,
    Score,
    ScoreChange,
    SheetProposal,
    UnitReport,
)

STATUS = {"status": "trạng thái"}
UNIT = {"unit": "đơn vị"}
AWARD = {"award": "danh hiệu, hình thức"}

# --- movements, registrations, pacts ---------------------------------------------------------------------------------


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    """Emulation movements."""

    labels = {**STATUS, "launched_at": "phát động lúc"}
    list_display = ("name", "kind", "authority", "start_on", "end_on", "status")
    list_filter = ("status", "kind")
    search_fields = ("name", "theme")


@admin.register(MovementDocument)
class MovementDocumentAdmin(ReadOnlyAdmin):
    """Directive documents of the movements."""

    labels = {"movement": "phong trào"}
    list_display = ("title", "reference", "issued_on", "movement")
    search_fields = ("title", "reference")


@admin.register(MovementUnit)
class MovementUnitAdmin(ReadOnlyAdmin):
    """Units a movement was pushed to."""

    labels = {"movement": "phong trào", **UNIT, "notified_at": "thông báo lúc"}
    list_display = ("movement", "unit", "notified_at")
    search_fields = ("movement__name", "unit__name")
    list_select_related = ("movement", "unit")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    """Yearly emulation registrations (approved ones are decided)."""

    labels = {
        "movement": "phong trào",
        **STATUS,
        "submitted_at": "gửi lúc",
        "decided_at": "duyệt lúc",
        "decided_by": "người duyệt",
    }
    list_display = ("year", "unit", "person", "movement", "status", "submitted_at", "decided_at")
    list_filter = ("year", "status")
    search_fields = ("unit__name", "person__search_key")


@admin.register(RegistrationItem)
class RegistrationItemAdmin(ReadOnlyAdmin):
    """Titles aimed at by the registrations."""

    labels = {"registration": "đăng ký", **AWARD}
    list_display = ("registration", "award")
    list_select_related = ("registration__unit", "registration__person", "award")


@admin.register(Pact)
class PactAdmin(ReadOnlyAdmin):
    """Emulation pacts of the blocks."""

    labels = {"group": "khối, cụm"}
    list_display = ("group", "year", "signed_on")
    list_filter = ("year",)
    search_fields = ("group__name",)


@admin.register(PactSignature)
class PactSignatureAdmin(ReadOnlyAdmin):
    """Signatures on the pacts."""

    labels = {"pact": "giao ước", **UNIT, "signer": "người ký"}
    list_display = ("pact", "unit", "signer", "signed_on")
    list_select_related = ("pact__group", "unit", "signer")


# --- review periods and unit reports ---------------------------------------------------------------------------------


class IndicatorInline(admin.TabularInline):
    """The indicators, on their template's page."""

    model = Indicator
    fields = ("order", "code", "label", "kind", "unit_label", "required")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IndicatorTemplate)
class IndicatorTemplateAdmin(ReadOnlyAdmin):
    """Reusable indicator sets per work area."""

    list_display = ("name", "work_area")
    list_filter = ("work_area",)
    search_fields = ("name",)
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    """Indicators of the templates."""

    labels = {"template": "mẫu chỉ tiêu"}
    list_display = ("template", "code", "label", "kind", "required")
    list_filter = ("kind", "required")
    search_fields = ("code", "label")


@admin.register(ReviewPeriod)
class ReviewPeriodAdmin(ReadOnlyAdmin):
    """Reporting periods."""

    labels = {"movement": "phong trào", **STATUS}
    list_display = ("name", "kind", "year", "authority", "opens_on", "due_on", "status")
    list_filter = ("year", "kind", "status")
    search_fields = ("name",)


@admin.register(PeriodExtension)
class PeriodExtensionAdmin(ReadOnlyAdmin):
    """Later deadlines granted to units."""

    labels = {"period": "kỳ báo cáo", **UNIT, "granted_at": "gia hạn lúc"}
    list_display = ("period", "unit", "due_on", "reason")
    list_select_related = ("period", "unit")


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdmin):
    """Units' reports (submitted ones are final)."""

    labels = {"period": "kỳ báo cáo", **UNIT, **STATUS, "submitted_at": "nộp lúc"}
    list_display = ("unit", "period", "status", "submitted_at")
    list_filter = ("status", "period__year")
    search_fields = ("unit__name", "period__name")
    list_select_related = ("unit", "period")


@admin.register(ReportValue)
class ReportValueAdmin(ReadOnlyAdmin):
    """Figures of the reports."""

    labels = {"report": "báo cáo", "indicator": "chỉ tiêu", "number": "số", "text": "nội dung", "flag": "có/không"}
    list_display = ("report", "indicator", "number", "text", "flag")
    list_select_related = ("report__unit", "report__period", "indicator")


# --- conferences -----------------------------------------------------------------------------------------------------


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    """Conferences and council sessions (their minutes, once frozen, never change)."""

    labels = {"period": "kỳ sơ kết, tổng kết", "group": "khối, cụm", **STATUS, "frozen_at": "chốt biên bản lúc"}
    list_display = ("title", "kind", "held_on", "host_unit", "status", "frozen_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "place")
    date_hierarchy = "held_on"


@admin.register(Attendee)
class AttendeeAdmin(ReadOnlyAdmin):
    """Attendees as they were on the day."""

    labels = {"conference": "hội nghị", "person": "người dự"}
    list_display = ("conference", "person", "rank_then", "positions_then", "role")
    list_select_related = ("conference", "person")


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    """Agenda items."""

    labels = {"conference": "hội nghị", "presenter": "người trình bày", "presenter_unit": "đơn vị trình bày"}
    list_display = ("conference", "order", "kind", "title", "presenter")
    list_filter = ("kind",)
    list_select_related = ("conference", "presenter")


@admin.register(ConferenceOutcome)
class ConferenceOutcomeAdmin(ReadOnlyAdmin):
    """Decisions taken at the conferences."""

    labels = {"conference": "hội nghị", "handover": "bàn giao", **UNIT, **AWARD}
    list_display = ("conference", "kind", "text", "unit", "award")
    list_filter = ("kind",)
    list_select_related = ("conference", "unit", "award")


# --- block scoring ---------------------------------------------------------------------------------------------------


@admin.register(CriteriaSheet)
class CriteriaSheetAdmin(ReadOnlyAdmin):
    """Scoring sheets (published ones never change)."""

    labels = {"group": "khối, cụm", **STATUS, "published_at": "công bố lúc"}
    list_display = ("title", "group", "year", "status", "published_at")
    list_filter = ("year", "status")
    search_fields = ("title", "group__name")


@admin.register(CriterionGroup)
class CriterionGroupAdmin(ReadOnlyAdmin):
    """Groups of criteria."""

    labels = {"sheet": "bảng điểm"}
    list_display = ("sheet", "order", "name")
    list_select_related = ("sheet",)


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    """Criteria with their maximum points."""

    labels = {"group": "nhóm tiêu chí"}
    list_display = ("group", "code", "label", "kind", "max_points", "evidence_required")
    list_filter = ("kind", "evidence_required")
    search_fields = ("code", "label")
    list_select_related = ("group",)


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    """Scores at each stage."""

    labels = {"sheet": "bảng điểm", "criterion": "tiêu chí", **UNIT}
    list_display = ("sheet", "unit", "criterion", "stage", "points")
    list_filter = ("stage",)
    list_select_related = ("sheet", "unit", "criterion")


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    """The trail of score changes (append-only)."""

    labels = {
        "score": "điểm",
        "old_points": "điểm cũ",
        "new_points": "điểm mới",
        "changed_by": "người sửa",
        "changed_at": "sửa lúc",
    }
    list_display = ("score", "old_points", "new_points", "reason", "changed_by", "changed_at")
    list_select_related = ("score__unit", "score__criterion", "changed_by")


@admin.register(SheetProposal)
class SheetProposalAdmin(ReadOnlyAdmin):
    """The blocks' proposals of their leading units."""

    labels = {
        "sheet": "bảng điểm",
        **UNIT,
        **AWARD,
        "total_points": "tổng điểm",
        "note": "ghi chú",
        "created_at": "tạo lúc",
    }
    list_display = ("sheet", "rank", "unit", "award", "total_points")
    list_select_related = ("sheet", "unit", "award")
