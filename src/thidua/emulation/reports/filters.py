"""FilterSets of the reports slice's lists (django-filter): review periods, a period's submissions, unit reports."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from thidua.core import vn
from thidua.core.filters import BaseFilterSet, YearFilter
from thidua.org.models import OrgUnit

from .models import ReviewPeriod, UnitReport
from .selectors import SUBMISSION_STATES

# On time or late: about submitted reports only (a report not yet submitted is neither).
DEADLINE_CHOICES = [("dung_han", "Nộp đúng hạn"), ("muon", "Nộp muộn")]


def _choices(field: str):
    return ReviewPeriod._meta.get_field(field).choices


class PeriodFilterSet(BaseFilterSet):
    """Review periods: a year, a kind, open or closed, a name."""

    nam = YearFilter(label="Năm", field_name="year")
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


class SubmissionFilterSet(BaseFilterSet):
    """A period's reporting units: by state (submitted, drafting, nothing yet, late), on time or late, unit name."""

    tinh_trang = django_filters.ChoiceFilter(
        label="Tình trạng", field_name="state", choices=list(SUBMISSION_STATES.items()), empty_label="Mọi tình trạng"
    )
    thoi_han = django_filters.ChoiceFilter(
        label="Thời hạn nộp",
        choices=DEADLINE_CHOICES,
        method="filter_deadline",
        empty_label="Mọi thời hạn",
    )
    q = django_filters.CharFilter(label="Tên đơn vị", method="filter_q")

    class Meta:
        model = OrgUnit
        fields = ["tinh_trang", "thoi_han", "q"]

    def filter_deadline(self, queryset, name, value):
        return queryset.filter(state="nop", late=(value == "muon"))

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(name__icontains=vn.nfc(word))
        return queryset


class UnitReportFilterSet(BaseFilterSet):
    """Unit reports: the period's year, draft or submitted, on time or late, a period or unit name."""

    nam = YearFilter(label="Năm", field_name="period__year")
    status = django_filters.ChoiceFilter(
        label="Trạng thái", choices=UnitReport._meta.get_field("status").choices, empty_label="Mọi trạng thái"
    )
    thoi_han = django_filters.ChoiceFilter(
        label="Thời hạn nộp", choices=DEADLINE_CHOICES, method="filter_deadline", empty_label="Mọi thời hạn"
    )
    q = django_filters.CharFilter(label="Kỳ báo cáo, đơn vị", method="filter_q")

    class Meta:
        model = UnitReport
        fields = ["nam", "status", "thoi_han", "q"]

    def filter_deadline(self, queryset, name, value):
        return queryset.filter(status="da_nop", late=(value == "muon"))

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(period__name__icontains=vn.nfc(word)) | Q(unit__search_key__contains=vn.search_key(word))
            )
        return queryset
