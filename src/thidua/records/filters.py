"""FilterSets of the records lists (django-filter): the register of titles and awards received."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from thidua.core import vn
from thidua.core.filters import YearFilter
from thidua.org.filters import ScopedUnitFilterSet

from .choices import RecordSource
from .models import AwardRecord

SUBJECT_CHOICES = [("ca_nhan", "Cá nhân"), ("tap_the", "Tập thể")]


class AwardRecordFilterSet(ScopedUnitFilterSet):
    """Awards received: a year range, an award, individual or collective, a unit with its subtree, a name, a source."""

    q = django_filters.CharFilter(label="Tên cá nhân, tập thể", method="filter_q")
    unit = django_filters.ChoiceFilter(label="Đơn vị", method="filter_subtree", empty_label=None)
    tu_nam = YearFilter(label="Từ năm", field_name="year", lookup_expr="gte")
    den_nam = YearFilter(label="Đến năm", field_name="year", lookup_expr="lte")
    award = django_filters.ModelChoiceFilter(
        label="Danh hiệu/Hình thức",
        queryset=AwardRecord._meta.get_field("award").related_model.objects.order_by("order", "code"),
        empty_label="Mọi danh hiệu, hình thức",
    )
    doi_tuong = django_filters.ChoiceFilter(
        label="Đối tượng", choices=SUBJECT_CHOICES, method="filter_subject", empty_label="Cá nhân và tập thể"
    )
    source = django_filters.ChoiceFilter(label="Nguồn", choices=RecordSource.choices, empty_label="Mọi nguồn")

    class Meta:
        model = AwardRecord
        fields = ["q", "unit", "tu_nam", "den_nam", "award", "doi_tuong", "source"]

    def filter_q(self, queryset, name, value):
        for word in vn.search_key(value).split():
            queryset = queryset.filter(Q(person__search_key__contains=word) | Q(unit__search_key__contains=word))
        return queryset

    def filter_subtree(self, queryset, name, value):
        unit = self._by_pk.get(int(value)) if value else None
        if unit is None:
            return queryset
        return queryset.filter(Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path))

    def filter_subject(self, queryset, name, value):
        return queryset.filter(person__isnull=value != "ca_nhan")
