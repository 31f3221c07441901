"""FilterSets of the movements slice's lists (django-filter): registrations of a year, pacts."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from thidua.core import vn
from thidua.core.filters import BaseFilterSet, YearFilter
from thidua.org.filters import ScopedUnitFilterSet

from .models import Pact, Registration


class RegistrationFilterSet(ScopedUnitFilterSet):
    """Registrations (the year is chosen by the page): a status, a unit with its subtree, a name search."""

    trang_thai = django_filters.ChoiceFilter(
        label="Trạng thái",
        field_name="status",
        choices=Registration._meta.get_field("status").choices,
        empty_label="Mọi trạng thái",
    )
    unit = django_filters.ChoiceFilter(label="Đơn vị", method="filter_subtree", empty_label=None)
    q = django_filters.CharFilter(label="Tên cá nhân, đơn vị", method="filter_q")

    class Meta:
        model = Registration
        fields = ["trang_thai", "unit", "q"]

    def filter_q(self, queryset, name, value):
        for word in vn.search_key(value).split():
            queryset = queryset.filter(Q(person__search_key__contains=word) | Q(unit__search_key__contains=word))
        return queryset


class PactFilterSet(BaseFilterSet):
    """Pacts: a year and a block name."""

    nam = YearFilter(label="Năm", field_name="year")
    q = django_filters.CharFilter(label="Tên khối, cụm", method="filter_q")

    class Meta:
        model = Pact
        fields = ["nam", "q"]

    def filter_q(self, queryset, name, value):
        for word in vn.search_key(value).split():
            queryset = queryset.filter(group__search_key__contains=word)
        return queryset
