"""Forms of the org app. Field names match the keyword arguments of the services, so a service's ValidationError
keyed by field lands on the right input (see ``core.views.apply_service_errors``)."""

from __future__ import annotations

import datetime as dt

from django import forms

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.forms import BootstrapFormMixin, DateField, VersionedFormMixin

from . import selectors
from .choices import Category, Gender, GroupKind, GroupRole, PositionKind, Rank, UnitKind
from .labels import unit_label
from .models import OrgUnit, Person, ServicePeriod

INDENT = "\u2003"  # an em space per level below the root: the plain select shows the tree


def tree_option_label(unit: OrgUnit) -> str:
    """A unit as a select option: its unambiguous label, indented by its depth in the tree."""
    return INDENT * max(0, unit.depth - 1) + unit_label(unit)


class UnitSelectMixin:
    """Options carry ``data-depth`` and ``data-search`` (the label without diacritics, from core/vn.py), and the
    select is marked ``data-unit-select``: static/js/unit-select.js turns it into a searchable tree (Tom Select)
    where "ke hoach z111" finds "Phòng Kế hoạch — Nhà máy Z111". The indentation of the option text (em spaces, for
    the plain select) is moved to ``data-depth``."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-unit-select": "", **(attrs or {})}, choices)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        text = str(label)
        shown = text.lstrip(INDENT)
        if value not in (None, ""):
            option["attrs"]["data-depth"] = str(len(text) - len(shown) + 1)
            option["attrs"]["data-search"] = vn.search_key(shown)
        return option


class UnitSelect(UnitSelectMixin, forms.Select):
    """A searchable unit select (see :class:`UnitSelectMixin`)."""


class UnitSelectMultiple(UnitSelectMixin, forms.SelectMultiple):
    """A searchable multiple unit select: the chosen units as removable chips (see :class:`UnitSelectMixin`)."""


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker: unambiguous labels indented by depth, searchable without diacritics."""

    widget = UnitSelect

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "— Chọn đơn vị —")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: OrgUnit) -> str:
        return tree_option_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units: unambiguous labels indented by depth, searchable without diacritics."""

    widget = UnitSelectMultiple

    def label_from_instance(self, obj: OrgUnit) -> str:
        return tree_option_label(obj)


class PersonChoiceField(forms.ModelChoiceField):
    """A person picker showing the name and the unit's name (the short one: the name already sets people apart)."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} — {obj.unit.short}"


def rank_choices() -> list[tuple[str, str]]:
    """Ranks with an empty first option."""
    return [("", "— Không có —"), *Rank.choices]


# --- units -------------------------------------------------------------------------------------------------------


class UnitCreateForm(BootstrapFormMixin, forms.Form):
    """A new sub-unit under the current unit."""

    name = forms.CharField(label="Tên đơn vị", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt", max_length=80, required=False)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices, initial=UnitKind.OTHER)
    code = forms.CharField(label="Mã đơn vị", max_length=30, required=False)
    is_enterprise = forms.BooleanField(
        label="Doanh nghiệp sản xuất, kinh doanh",
        required=False,
        help_text="Doanh nghiệp (và các phòng, phân xưởng của nó) xét “Tập thể lao động xuất sắc/tiên tiến” thay cho "
        "“Đơn vị Quyết thắng/tiên tiến”.",
    )
    valid_from = DateField("Thành lập từ ngày", required=False)


class UnitEditForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """Descriptive fields of a unit (its name changes through the rename form, to keep history)."""

    short_name = forms.CharField(label="Tên viết tắt", max_length=80, required=False)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    code = forms.CharField(label="Mã đơn vị", max_length=30, required=False)
    is_enterprise = forms.BooleanField(
        label="Doanh nghiệp sản xuất, kinh doanh",
        required=False,
        help_text="Doanh nghiệp (và các phòng, phân xưởng của nó) xét “Tập thể lao động xuất sắc/tiên tiến” thay cho "
        "“Đơn vị Quyết thắng/tiên tiến”.",
    )
    valid_from = DateField("Thành lập từ ngày", required=False)
    valid_to = DateField("Hết hiệu lực từ ngày", required=False)
    signer_authority = forms.CharField(
        label="Quyền hạn ký (nếu có)",
        max_length=120,
        required=False,
        help_text="Chữ viết tắt TM., KT., TL., TUQ. hoặc Q. rồi đến tập thể hoặc chức vụ người đứng đầu, ví dụ: "
        "KT. CHỦ NHIỆM, TM. ĐẢNG ỦY. Để trống khi người đứng đầu ký.",
    )
    signer_title = forms.CharField(
        label="Chức vụ người ký",
        max_length=120,
        required=False,
        help_text="In trên khối chữ ký của báo cáo trung tâm do đơn vị lập, ví dụ: CHỦ NHIỆM, PHÓ CHỦ NHIỆM.",
    )
    signer_name = forms.CharField(
        label="Cấp bậc, họ tên người ký", max_length=150, required=False, help_text="Ví dụ: Thiếu tướng Nguyễn Văn An."
    )


class UnitRenameForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """Rename from a date, with the decision that did it."""

    new_name = forms.CharField(label="Tên mới", max_length=255)
    new_short_name = forms.CharField(
        label="Tên viết tắt mới", max_length=80, required=False, help_text="Để trống nếu giữ tên viết tắt hiện tại."
    )
    occurred_on = DateField("Ngày đổi tên")
    decision_ref = forms.CharField(label="Căn cứ (số quyết định)", max_length=255, required=False)


class UnitMoveForm(BootstrapFormMixin, forms.Form):
    """Move under another parent within the user's change scope."""

    new_parent = UnitChoiceField(label="Đơn vị cấp trên mới", queryset=OrgUnit.objects.none())
    occurred_on = DateField("Ngày chuyển")
    decision_ref = forms.CharField(label="Căn cứ (số quyết định)", max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = selectors.units_for_select(user, Action.CHANGE)


class UnitMergeForm(BootstrapFormMixin, forms.Form):
    """Merge into a successor unit (people transfer, the unit closes)."""

    into = UnitChoiceField(label="Sáp nhập vào đơn vị", queryset=OrgUnit.objects.none())
    occurred_on = DateField("Ngày sáp nhập")
    decision_ref = forms.CharField(label="Căn cứ (số quyết định)", max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = selectors.units_for_select(user, Action.CHANGE)


# --- people ------------------------------------------------------------------------------------------------------


class PersonCreateForm(BootstrapFormMixin, forms.Form):
    """Register a person with their first unit, rank and service period."""

    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices, initial=Gender.MALE)
    date_of_birth = DateField("Ngày sinh", required=False)
    # Length is checked by the service, so that every malformed number gets the same Vietnamese message.
    cccd = forms.CharField(label="Số CCCD", max_length=32, required=False, help_text="12 chữ số.")
    category = forms.ChoiceField(label="Đối tượng", choices=Category.choices, initial=Category.OFFICER)
    rank = forms.ChoiceField(label="Cấp bậc", choices=rank_choices, required=False)
    rank_since = DateField("Nhận cấp bậc từ ngày", required=False)
    party_joined_on = DateField("Ngày vào Đảng", required=False)
    hometown = forms.CharField(label="Quê quán", max_length=255, required=False)
    enlisted_on = DateField("Ngày nhập ngũ / tuyển dụng", required=False)
    joined_unit_on = DateField("Về đơn vị từ ngày", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_for_select(user, Action.CHANGE)


class PersonEditForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """A person's identity fields (rank, unit and positions change through their own forms, with history)."""

    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    date_of_birth = DateField("Ngày sinh", required=False)
    cccd = forms.CharField(label="Số CCCD", max_length=32, required=False, help_text="12 chữ số.")
    category = forms.ChoiceField(label="Đối tượng", choices=Category.choices)
    party_joined_on = DateField("Ngày vào Đảng", required=False)
    hometown = forms.CharField(label="Quê quán", max_length=255, required=False)


class RankChangeForm(BootstrapFormMixin, forms.Form):
    """A rank conferred from a date."""

    rank = forms.ChoiceField(label="Cấp bậc", choices=Rank.choices)
    effective_on = DateField("Từ ngày")
    decision_ref = forms.CharField(label="Số quyết định", max_length=120, required=False)


class PositionAddForm(BootstrapFormMixin, forms.Form):
    """A position held in a unit from a date."""

    title = forms.CharField(label="Chức vụ", max_length=255)
    kind = forms.ChoiceField(label="Loại chức vụ", choices=PositionKind.choices, initial=PositionKind.COMMAND)
    unit = UnitChoiceField(label="Tại đơn vị", queryset=OrgUnit.objects.none())
    start_on = DateField("Từ ngày")
    end_on = DateField("Đến ngày", required=False)
    decision_ref = forms.CharField(label="Số quyết định", max_length=120, required=False)
    # Text, not a number input: officers type "0,7"; the service reads it and checks the range.
    coefficient = forms.CharField(
        label="Hệ số chức vụ",
        max_length=10,
        required=False,
        help_text="Hệ số phụ cấp chức vụ lãnh đạo, ví dụ 0,7; 0,8; 0,9; 1,0 (để trống nếu không có).",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "0,7"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_for_select(user, Action.CHANGE)


class PositionEndForm(BootstrapFormMixin, forms.Form):
    """The day a position ends."""

    end_on = DateField("Thôi giữ chức vụ từ ngày", initial=dt.date.today)


class TransferForm(BootstrapFormMixin, forms.Form):
    """Transfer to another unit from a date."""

    to_unit = UnitChoiceField(label="Điều động đến đơn vị", queryset=OrgUnit.objects.none())
    on = DateField("Từ ngày")
    decision_ref = forms.CharField(label="Số quyết định", max_length=120, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = selectors.units_for_select(user, Action.CHANGE)


class ServicePeriodForm(BootstrapFormMixin, forms.Form):
    """A period of service."""

    start_on = DateField("Nhập ngũ / tuyển dụng")
    end_on = DateField("Xuất ngũ / thôi việc", required=False)
    time_factor = forms.TypedChoiceField(
        label="Hệ số tính thời gian",
        choices=ServicePeriod._meta.get_field("time_factor").choices,
        coerce=int,
        initial=1,
        required=False,
        empty_value=1,
        error_messages={"invalid_choice": "Hệ số tính thời gian chỉ nhận ×1 hoặc ×2."},
        help_text="Chọn ×2 cho thời gian ở vùng biển, đảo, vùng đặc biệt khó khăn (tính gấp đôi khi xét Huy chương "
        "Chiến sĩ vẻ vang).",
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False, help_text="Ví dụ: Trường Sa.")


# --- emulation groups ----------------------------------------------------------------------------------------------


class GroupCreateForm(BootstrapFormMixin, forms.Form):
    """A block or cluster for a year, with its member units."""

    authority = UnitChoiceField(label="Cấp tổ chức", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="Tên khối/cụm", max_length=255)
    short_name = forms.CharField(label="Tên ngắn", max_length=80, required=False)
    kind = forms.ChoiceField(label="Loại", choices=GroupKind.choices, initial=GroupKind.BLOCK)
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2200, initial=lambda: dt.date.today().year)
    members = UnitMultipleChoiceField(label="Đơn vị thành viên", queryset=OrgUnit.objects.none(), required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = selectors.units_for_select(user, Action.CHANGE)
        self.fields["members"].queryset = selectors.units_for_select(user, Action.VIEW)
        self.fields["members"].widget.attrs["size"] = 10


class _GroupMemberFormMixin:
    """Unit choices limited to the group's members, people choices to the members' people in scope."""

    def _limit(self, group, user, unit_fields, person_fields):
        member_ids = [m.unit_id for m in group.memberships.all()]
        units = OrgUnit.objects.filter(pk__in=member_ids).order_by("path")
        for name in unit_fields:
            self.fields[name].queryset = units
        people = Person.objects.visible_to(user, Action.VIEW).filter(unit_id__in=member_ids).select_related("unit")
        for name in person_fields:
            self.fields[name].queryset = people.sorted_vn()


class GroupLeaderForm(_GroupMemberFormMixin, BootstrapFormMixin, forms.Form):
    """Appoint a member unit to a leadership role from a date."""

    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label="Vai trò", choices=GroupRole.choices, initial=GroupRole.LEADER)
    start_on = DateField("Từ ngày")
    representative = PersonChoiceField(label="Người đại diện", queryset=Person.objects.none(), required=False)

    def __init__(self, *args, group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit(group, user, ["unit"], ["representative"])


class HandoverForm(_GroupMemberFormMixin, BootstrapFormMixin, forms.Form):
    """A handover of a leadership role between member units (bàn giao nhiệm vụ khối trưởng)."""

    role = forms.ChoiceField(label="Vai trò", choices=GroupRole.choices, initial=GroupRole.LEADER)
    from_unit = UnitChoiceField(label="Đơn vị bàn giao", queryset=OrgUnit.objects.none())
    to_unit = UnitChoiceField(label="Đơn vị nhận bàn giao", queryset=OrgUnit.objects.none())
    occurred_on = DateField("Ngày bàn giao")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    from_person = PersonChoiceField(label="Người bàn giao", queryset=Person.objects.none(), required=False)
    to_person = PersonChoiceField(label="Người nhận bàn giao", queryset=Person.objects.none(), required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit(group, user, ["from_unit", "to_unit"], ["from_person", "to_person"])
