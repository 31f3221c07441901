"""The users list's filters: a search on username, name or e-mail, a role, a unit and the account state."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from thidua.core.choices import Role
from thidua.core.filters import BaseFilterSet
from thidua.core.models import User


class UserFilterSet(BaseFilterSet):
    """Users: text search, current role, unit (of a current role) and active or locked."""

    q = django_filters.CharFilter(
        label="Tìm kiếm",
        method="filter_q",
        widget=forms.TextInput(attrs={"placeholder": "Tài khoản, họ tên, thư điện tử"}),
    )
    vai_tro = django_filters.ChoiceFilter(
        label="Vai trò", choices=Role.choices, method="filter_role", empty_label="Mọi vai trò"
    )
    trang_thai = django_filters.ChoiceFilter(
        label="Trạng thái",
        choices=[("hoat_dong", "Đang hoạt động"), ("khoa", "Đã khoá"), ("doi_mat_khau", "Chờ đổi mật khẩu")],
        method="filter_state",
        empty_label="Mọi trạng thái",
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(username__icontains=value) | Q(full_name__icontains=value) | Q(email__icontains=value))

    def filter_role(self, queryset, name, value):
        return queryset.filter(role_assignments__role=value).distinct()

    def filter_state(self, queryset, name, value):
        if value == "khoa":
            return queryset.filter(is_active=False)
        if value == "doi_mat_khau":
            return queryset.filter(is_active=True, must_change_password=True)
        return queryset.filter(is_active=True)
