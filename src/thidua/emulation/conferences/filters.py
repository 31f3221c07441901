"""FilterSets of the conferences slice's lists (django-filter): conferences."""

from __future__ import annotations

import django_filters

from thidua.core import vn
from thidua.core.filters import DateFilter, YearFilter
from thidua.org.filters import ScopedUnitFilterSet

from .models import Conference


class ConferenceFilterSet(ScopedUnitFilterSet):
    """Conferences: a year, a date range, a host unit with its subtree, a status, a title."""

    nam = YearFilter(label="Năm", field_name="held_on", lookup_expr="year")
    tu_ngay = DateFilter(label="Họp từ ngày", field_name="held_on", lookup_expr="gte")
    den_ngay = DateFilter(label="Đến ngày", field_name="held_on", lookup_expr="lte")
    unit = django_filters.ChoiceFilter(label="Đơn vị tổ chức", method="filter_host", empty_label=None)
    status = django_filters.ChoiceFilter(
        label="Tình trạng", choices=Conference._meta.get_field("status").choices, empty_label="Mọi tình trạng"
    )
    q = django_filters.CharFilter(label="Tên hội nghị", method="filter_q")

    class Meta:
        model = Conference
        fields = ["nam", "tu_ngay", "den_ngay", "unit", "status", "q"]

    def filter_host(self, queryset, name, value):
        return self.filter_subtree(queryset, "host_unit", value)

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(title__icontains=vn.nfc(word))
        return queryset
