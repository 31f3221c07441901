"""The base of every list filter (django-filter FilterSets, NetBox's anatomy): Bootstrap widgets, Vietnamese labels,
dates typed dd/mm/yyyy, and a plain-text summary of the active filters for the print view and the Excel title.

A filter whose value is invalid (junk in the URL, a unit out of scope) is ignored rather than failing the page:
django-filter only applies the fields that validated.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms

from . import vn
from .audit import EVENT_LABELS
from .forms import VietnameseDateField, add_bootstrap_class, add_text_validator
from .models import Job
from .validators import MAX_YEAR, MIN_YEAR


class DateFilter(django_filters.DateFilter):
    """A date filter typed and shown dd/mm/yyyy with the app's Vietnamese date picker (core.forms)."""

    field_class = VietnameseDateField


class YearFilter(django_filters.NumberFilter):
    """A year (``?nam=``) within the app's range (``core.validators``): 0 or 99999999999 is an invalid filter, not a
    500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class BaseFilterSet(django_filters.FilterSet):
    """A FilterSet whose form has Bootstrap classes and whose active values can be summarised in Vietnamese."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name, field in self.form.fields.items():
            add_bootstrap_class(field.widget)
            add_text_validator(field)
            field.widget.attrs.setdefault("id", name)
            choices = list(getattr(field, "choices", ()) or ())
            if choices and choices[0] == ("", "---------"):
                # django-filter's default empty choice: say "every …" in Vietnamese instead.
                field.choices = [("", f"Tất cả — {str(field.label).lower()}"), *choices[1:]]

    def summary(self) -> list[tuple[str, str]]:
        """(label, value shown) for each filter in use, for the print view's heading and the Excel title row."""
        return form_summary(self.form) if self.is_bound else []

    def summary_text(self) -> str:
        """The summary on one line ("Đơn vị: Nhà máy Z111; Cấp bậc: Đại tá"), or empty."""
        return "; ".join(f"{label}: {value}" for label, value in self.summary())


class FormFilters:
    """A plain bound Django filter form seen as a FilterSet by the list helpers (its summary), for pages whose filters
    also pick what to list (the candidates page's year and unit pick the run)."""

    def __init__(self, form, *, skip: tuple[str, ...] = ()):
        self.form = form
        self.skip = skip

    def summary(self) -> list[tuple[str, str]]:
        return form_summary(self.form, skip=self.skip)

    def summary_text(self) -> str:
        return "; ".join(f"{label}: {value}" for label, value in self.summary())


def form_summary(form, *, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(label, value shown) for each valid, non-empty field of a bound form."""
    if not form.is_bound:
        return []
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    rows = []
    for name, field in form.fields.items():
        value = data.get(name)
        if name in skip or value in (None, "", [], ()):
            continue
        rows.append((str(field.label), _shown(field, value)))
    return rows


def _shown(field, value) -> str:
    """A cleaned filter value the way a user reads it: a choice's label, a unit's name, a date dd/mm/yyyy."""
    if isinstance(value, dt.date):
        return vn.format_date(value, "short")
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}
        return labels.get(str(value), str(value)).strip()  # unit choices are indented with em spaces
    return str(value)


# --- core's own lists ----------------------------------------------------------------------------------------------


class AuditFilterSet(BaseFilterSet):
    """Audit events: an event type, a date range (dd/mm/yyyy) and who did it."""

    event_type = django_filters.ChoiceFilter(label="Sự kiện", empty_label="Mọi sự kiện")
    tu_ngay = DateFilter(label="Từ ngày", field_name="occurred_at", lookup_expr="date__gte")
    den_ngay = DateFilter(label="Đến ngày", field_name="occurred_at", lookup_expr="date__lte")
    nguoi = django_filters.CharFilter(label="Người thực hiện", field_name="actor_name", lookup_expr="icontains")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        labels = sorted(EVENT_LABELS.items(), key=lambda item: vn.collation_key(item[1]))
        self.form.fields["event_type"].choices = [("", "Mọi sự kiện"), *labels]


class JobFilterSet(BaseFilterSet):
    """Background jobs: a status, a title search and a creation date range."""

    status = django_filters.ChoiceFilter(label="Trạng thái", empty_label="Mọi trạng thái")
    q = django_filters.CharFilter(label="Tên công việc", field_name="title", lookup_expr="icontains")
    tu_ngay = DateFilter(label="Tạo từ ngày", field_name="created_at", lookup_expr="date__gte")
    den_ngay = DateFilter(label="Đến ngày", field_name="created_at", lookup_expr="date__lte")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["status"].choices = [("", "Mọi trạng thái"), *Job.Status.choices]
