"""FilterSets of the org lists (django-filter): people, units, emulation groups.

The query parameter names are the ones the pages always had (``q``, ``unit``, ``rank``, ``category``, ``year``), so
bookmarked and shared links keep working. Units offered in a filter are the user's units in scope; an id outside
them is ignored, never confirmed.
"""

from __future__ import annotations

import django_filters

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.filters import BaseFilterSet

from . import selectors
from .choices import Category, GroupKind, Rank, UnitKind
from .forms import UnitSelect, tree_option_label
from .models import EmulationGroup, OrgUnit, Person


def _unit_choices(units) -> list[tuple[int, str]]:
    """Units in tree order: their unambiguous labels, indented by depth (the select shows the tree)."""
    return [(u.pk, tree_option_label(u)) for u in units]


class ScopedUnitFilterSet(BaseFilterSet):
    """A FilterSet with a ``unit`` filter whose choices are the user's units in scope (one query)."""

    def __init__(self, data=None, *args, request=None, units=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        user = getattr(request, "user", None)
        self.units = list(units) if units is not None else list(selectors.units_for_select(user, Action.VIEW))
        self._by_pk = {u.pk: u for u in self.units}
        field = self.form.fields["unit"]
        field.widget = UnitSelect(attrs=field.widget.attrs)
        field.choices = [("", "Tất cả đơn vị"), *_unit_choices(self.units)]

    @property
    def selected_unit(self) -> OrgUnit | None:
        """The chosen unit if valid and in scope."""
        value = self.form.cleaned_data.get("unit") if self.form.is_valid() else None
        return self._by_pk.get(int(value)) if value else None

    def filter_subtree(self, queryset, name, value):
        unit = self._by_pk.get(int(value)) if value else None
        if unit is None:
            return queryset
        return queryset.filter(**{f"{name}__path__startswith": unit.path})


class PersonFilterSet(ScopedUnitFilterSet):
    """People: a diacritic-free name search (or an exact CCCD), a unit with its subtree, a rank, a category."""

    q = django_filters.CharFilter(label="Tìm kiếm", method="filter_q")
    unit = django_filters.ChoiceFilter(label="Đơn vị", method="filter_subtree", empty_label=None)
    rank = django_filters.ChoiceFilter(label="Cấp bậc", choices=Rank.choices, empty_label="Tất cả cấp bậc")
    category = django_filters.ChoiceFilter(label="Đối tượng", choices=Category.choices, empty_label="Tất cả đối tượng")

    class Meta:
        model = Person
        fields = ["q", "unit", "rank", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.form.fields
        fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        fields["q"].widget.attrs["placeholder"] = "Họ tên hoặc số CCCD"
        for name in ("unit", "rank", "category"):
            fields[name].widget.attrs["data-autosubmit"] = ""

    @property
    def searched(self) -> bool:
        """Whether a text search is applied (the people list then pages primary keys first)."""
        return bool(self.form.is_valid() and (self.form.cleaned_data.get("q") or "").strip())

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class UnitFilterSet(ScopedUnitFilterSet):
    """Units: a name search, a unit with its subtree, a kind, and whether the unit is still active."""

    q = django_filters.CharFilter(label="Tên đơn vị", method="filter_q")
    unit = django_filters.ChoiceFilter(label="Thuộc đơn vị", method="filter_subtree", empty_label=None)
    kind = django_filters.ChoiceFilter(label="Loại đơn vị", choices=UnitKind.choices, empty_label="Tất cả loại")
    active = django_filters.ChoiceFilter(
        label="Tình trạng",
        choices=[("1", "Đang hoạt động"), ("0", "Đã giải thể/sáp nhập")],
        method="filter_active",
        empty_label="Tất cả",
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "unit", "kind", "active"]

    def filter_q(self, queryset, name, value):
        for word in vn.search_key(value).split():
            queryset = queryset.filter(search_key__contains=word)
        return queryset

    def filter_subtree(self, queryset, name, value):
        unit = self._by_pk.get(int(value)) if value else None
        return queryset if unit is None else queryset.filter(path__startswith=unit.path)

    def filter_active(self, queryset, name, value):
        return queryset.filter(valid_to__isnull=value == "1")


class GroupFilterSet(BaseFilterSet):
    """Emulation groups: a name search, a year (the years that have groups in scope) and a kind."""

    q = django_filters.CharFilter(label="Tìm kiếm", method="filter_q")
    year = django_filters.ChoiceFilter(label="Năm", empty_label="Tất cả các năm")
    kind = django_filters.ChoiceFilter(label="Loại", choices=GroupKind.choices, empty_label="Khối và cụm")

    class Meta:
        model = EmulationGroup
        fields = ["q", "year", "kind"]

    def __init__(self, data=None, *args, years=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["year"].choices = [("", "Tất cả các năm"), *((str(y), f"Năm {y}") for y in years)]
        self.form.fields["q"].widget.attrs["placeholder"] = "Tên khối, cụm"
        self.form.fields["year"].widget.attrs["data-autosubmit"] = ""

    def filter_q(self, queryset, name, value):
        for word in vn.search_key(value).split():
            queryset = queryset.filter(search_key__contains=word)
        return queryset
