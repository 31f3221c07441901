"""FilterSets of the scoring slice's lists (django-filter): criteria sheets, a sheet's ranking."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from thidua.core import vn
from thidua.core.filters import BaseFilterSet, YearFilter
from thidua.org.models import OrgUnit

from .models import CriteriaSheet


class SheetFilterSet(BaseFilterSet):
    """Criteria sheets: a year, a stage, a title or block name."""

    nam = YearFilter(label="Năm", field_name="year")
    status = django_filters.ChoiceFilter(
        label="Bước", choices=CriteriaSheet._meta.get_field("status").choices, empty_label="Mọi bước"
    )
    q = django_filters.CharFilter(label="Bảng điểm, khối", method="filter_q")

    class Meta:
        model = CriteriaSheet
        fields = ["nam", "status", "q"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(group__search_key__contains=vn.search_key(word)) | Q(title__icontains=vn.nfc(word))
            )
        return queryset


class RankingFilterSet(BaseFilterSet):
    """A sheet's ranking, over the block's member units: the first N ranks, a unit's name. ``ranking`` (the rows
    of :func:`selectors.ranking_board`) tells each unit's rank; filtering never re-ranks."""

    hang_den = django_filters.NumberFilter(label="Đến hạng", method="filter_rank", min_value=1)
    q = django_filters.CharFilter(label="Tên đơn vị", method="filter_q")

    class Meta:
        model = OrgUnit
        fields = ["hang_den", "q"]

    def __init__(self, data=None, *args, ranking=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.ranking = ranking

    def filter_rank(self, queryset, name, value):
        return queryset.filter(pk__in=[row["unit_id"] for row in self.ranking if row["rank"] <= value])

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(search_key__contains=vn.search_key(word))
        return queryset

    def rows(self) -> list[dict]:
        """The ranking rows of the units the filters keep, in ranking order."""
        kept = set(self.qs.values_list("pk", flat=True))
        return [row for row in self.ranking if row["unit_id"] in kept]
