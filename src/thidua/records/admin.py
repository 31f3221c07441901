"""Admin registrations of the records app: yearly ratings, awards received, achievements, discipline, proceedings
and leave.

Read-only (see :mod:`thidua.core.admin_site`): records are decided facts that the eligibility engine reads; they
are entered, imported and corrected through the records services (checks, audit), never here.
"""

from django.contrib import admin

from thidua.core.admin_site import ReadOnlyAdmin
from thidua.org.models import Person

from .models import Achievement, AwardRecord, Discipline, LeavePeriod, PendingReview, PersonRating, UnitRating

PERSON = {"person": "cán bộ, quân nhân"}


class PersonRecordAdmin(ReadOnlyAdmin):
    """A per-person record: searched by the person's name or CCCD, filtered by year and source."""

    labels = PERSON
    search_fields = ("person__search_key",)
    list_select_related = ("person",)

    def get_search_results(self, request, queryset, search_term):
        return queryset.filter(person__in=Person.objects.search(search_term)) if search_term else queryset, False


@admin.register(PersonRating)
class PersonRatingAdmin(PersonRecordAdmin):
    """Yearly task ratings of people."""

    list_display = ("person", "year", "rating", "source", "decision_ref")
    list_filter = ("year", "rating", "source")


@admin.register(UnitRating)
class UnitRatingAdmin(ReadOnlyAdmin):
    """Yearly results of collectives."""

    labels = {"unit": "đơn vị"}
    list_display = ("unit", "year", "rating", "party_rating", "comprehensive_strong", "source")
    list_filter = ("year", "rating", "party_rating", "comprehensive_strong", "source")
    search_fields = ("unit__name", "unit__short_name")
    list_select_related = ("unit",)


@admin.register(AwardRecord)
class AwardRecordAdmin(ReadOnlyAdmin):
    """Titles and awards received (decided: corrected by a new decision, never edited in place)."""

    labels = {"award": "danh hiệu, hình thức", "person": "cá nhân", "unit": "tập thể", "family": "nhóm"}
    list_display = ("award", "person", "unit", "year", "decision_ref", "decided_on", "source")
    list_filter = ("year", "source", "award")
    search_fields = ("decision_ref", "person__search_key", "unit__name")
    list_select_related = ("award", "person", "unit")

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        people = Person.objects.search(search_term)
        matches = queryset.filter(person__in=people) | queryset.filter(decision_ref__icontains=search_term)
        return matches | queryset.filter(unit__name__icontains=search_term), False


@admin.register(Achievement)
class AchievementAdmin(PersonRecordAdmin):
    """Initiatives, research and combat creativity."""

    list_display = ("person", "year", "kind", "level", "title")
    list_filter = ("year", "kind", "level")


@admin.register(Discipline)
class DisciplineAdmin(PersonRecordAdmin):
    """Disciplinary measures."""

    list_display = ("person", "form", "decided_on", "effective_to", "decision_ref")
    list_filter = ("form",)


@admin.register(PendingReview)
class PendingReviewAdmin(PersonRecordAdmin):
    """Open proceedings that block awards."""

    list_display = ("person", "kind", "start_on", "end_on")
    list_filter = ("kind",)


@admin.register(LeavePeriod)
class LeavePeriodAdmin(PersonRecordAdmin):
    """Leave counted as working time."""

    list_display = ("person", "kind", "start_on", "end_on")
    list_filter = ("kind",)
