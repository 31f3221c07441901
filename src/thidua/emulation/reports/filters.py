"""FilterSets of the reports slice's lists (django-filter): review periods."""

from __future__ import annotations

import django_filters

from thidua.core import vn
from thidua.core.filters import BaseFilterSet

from .models import ReviewPeriod


def _choices(field: str):
    return ReviewPeriod._meta.get_field(field).choices


class PeriodFilterSet(BaseFilterSet):
    """Review periods: a year, a kind, open or closed, a name."""

    nam = django_filters.NumberFilter(label="Năm", field_name="year")
    kind = django_filters.ChoiceFilter(label="Loại", choices=_choices("kind"), empty_label="Mọi loại")
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=_choices("status"), empty_label="Mọi trạng thái")
    q = django_filters.CharFilter(label="Tên kỳ", method="filter_q")

    class Meta:
        model = ReviewPeriod
        fields = ["nam", "kind", "status", "q"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(name__icontains=vn.nfc(word))
        return queryset
