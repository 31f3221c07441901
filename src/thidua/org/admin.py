"""Admin registrations of the org app: the unit tree with its history, people and their histories, emulation groups.

Read-only (see :mod:`thidua.core.admin_site`): every change goes through the app's services on its own pages.
Units and people are filtered by ``visible_to`` and searched without diacritics; no list filter offers a choice
of units or people (there may be 200,000 of them).
"""

from django.contrib import admin

from thidua.core.admin_site import ReadOnlyAdmin

from .models import (
    EmulationGroup,
    GroupHandover,
    GroupLeadership,
    GroupMembership,
    OrgUnit,
    OrgUnitEvent,
    Person,
    Position,
    RankChange,
    ServicePeriod,
    UnitMembership,
)

PERSON = {"person": "cán bộ, quân nhân"}
UNIT = {"unit": "đơn vị"}
GROUP = {"group": "khối, cụm"}


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    """Units in tree order (the materialised path)."""

    fields = ("name", "short_name", "kind", "code", "is_enterprise", "valid_from", "valid_to", "successor", "path")
    labels = {"path": "vị trí trong cây", "depth": "cấp"}
    list_display = ("name", "short_name", "kind", "code", "depth", "valid_to")
    list_filter = ("kind", "is_enterprise", "depth")
    search_fields = ("search_key",)
    ordering = ("path",)


@admin.register(OrgUnitEvent)
class OrgUnitEventAdmin(ReadOnlyAdmin):
    """Renames, moves, merges and dissolutions of units."""

    labels = {
        **UNIT,
        "old_parent": "trực thuộc cũ",
        "new_parent": "trực thuộc mới",
        "other_unit": "đơn vị liên quan",
        "created_at": "ghi lúc",
    }
    list_display = ("occurred_on", "kind", "unit", "old_name", "new_name", "decision_ref")
    list_filter = ("kind",)
    search_fields = ("old_name", "new_name", "decision_ref")
    list_select_related = ("unit",)


class PersonChildAdmin(ReadOnlyAdmin):
    """A row of a person's history: searched by the person's name."""

    search_fields = ("person__search_key",)
    list_select_related = ("person",)

    def get_search_results(self, request, queryset, search_term):
        return queryset.filter(person__in=Person.objects.search(search_term)) if search_term else queryset, False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    """People, in Vietnamese name order; search by name (without diacritics) or by the 12-digit CCCD."""

    fields = (
        "full_name",
        "gender",
        "date_of_birth",
        "cccd",
        "category",
        "rank",
        "unit",
        "party_joined_on",
        "hometown",
        "created_at",
        "updated_at",
        "version",
    )
    list_display = ("full_name", "rank", "category", "unit", "date_of_birth")
    list_filter = ("category", "gender")
    search_fields = ("search_key",)
    ordering = ("sort_key", "id")
    list_select_related = ("unit",)

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False


@admin.register(RankChange)
class RankChangeAdmin(PersonChildAdmin):
    """Ranks conferred."""

    labels = PERSON
    list_display = ("person", "rank", "effective_on", "decision_ref")


@admin.register(Position)
class PositionAdmin(PersonChildAdmin):
    """Positions held."""

    labels = PERSON
    list_display = ("person", "title", "kind", "unit", "start_on", "end_on")
    list_filter = ("kind",)
    list_select_related = ("person", "unit")


@admin.register(UnitMembership)
class UnitMembershipAdmin(PersonChildAdmin):
    """Units served in (transfers)."""

    labels = {**PERSON, **UNIT}
    list_display = ("person", "unit", "start_on", "end_on", "decision_ref")
    list_select_related = ("person", "unit")


@admin.register(ServicePeriod)
class ServicePeriodAdmin(PersonChildAdmin):
    """Periods of service."""

    labels = PERSON
    list_display = ("person", "start_on", "end_on", "time_factor")
    list_filter = ("time_factor",)


class GroupMembershipInline(admin.TabularInline):
    """The member units, on the group's page."""

    model = GroupMembership
    fields = ("unit", "joined_on")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EmulationGroup)
class EmulationGroupAdmin(ReadOnlyAdmin):
    """Emulation blocks and clusters by year."""

    fields = ("name", "short_name", "kind", "year", "authority", "note", "created_at", "updated_at", "version")
    list_display = ("name", "kind", "year", "authority")
    list_filter = ("kind", "year")
    search_fields = ("search_key",)
    list_select_related = ("authority",)
    inlines = [GroupMembershipInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(ReadOnlyAdmin):
    """Member units of the groups."""

    labels = {**GROUP, **UNIT}
    list_display = ("group", "unit", "joined_on")
    list_filter = ("group__year",)
    search_fields = ("group__name", "unit__name")
    list_select_related = ("group", "unit")


@admin.register(GroupLeadership)
class GroupLeadershipAdmin(ReadOnlyAdmin):
    """Leaders of the groups (khối trưởng, khối phó …)."""

    labels = {**GROUP, **UNIT}
    list_display = ("group", "role", "unit", "start_on", "end_on")
    list_filter = ("role",)
    search_fields = ("group__name", "unit__name")
    list_select_related = ("group", "unit")


@admin.register(GroupHandover)
class GroupHandoverAdmin(ReadOnlyAdmin):
    """Handovers of the leader's duties."""

    labels = {**GROUP, "recorded_by": "người ghi"}
    list_display = ("group", "role", "from_unit", "to_unit", "occurred_on")
    list_filter = ("role",)
    search_fields = ("group__name",)
    list_select_related = ("group", "from_unit", "to_unit")
