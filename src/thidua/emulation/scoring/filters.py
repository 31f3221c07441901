"""FilterSets of the scoring slice's lists (django-filter): criteria sheets."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from thidua.core import vn
from thidua.core.filters import BaseFilterSet

from .models import CriteriaSheet


class SheetFilterSet(BaseFilterSet):
    """Criteria sheets: a year, a stage, a title or block name."""

    nam = django_filters.NumberFilter(label="Năm", field_name="year")
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
