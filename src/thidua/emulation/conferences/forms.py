"""Forms of review conferences: the record, attendees and agenda from the registry, decisions, the handover and
election among the block's members, the minutes, confirmations and cloning. People are picked from the registry in
the user's scope; someone not (or no longer) in it gets a Vietnamese error naming the field."""

from __future__ import annotations

from django import forms

from thidua.core.choices import Action
from thidua.core.forms import BootstrapFormMixin, DateField, VersionedFormMixin
from thidua.org.choices import GroupRole
from thidua.org.forms import PersonChoiceField, UnitChoiceField
from thidua.org.models import EmulationGroup, OrgUnit, Person
from thidua.org.selectors import units_for_select

from .choices import AgendaKind, ConferenceKind, ConferenceStatus, OutcomeKind


def _people(user):
    """People in the user's view scope, in Vietnamese name order (the choices of every person picker)."""
    return Person.objects.visible_to(user, Action.VIEW).select_related("unit").sorted_vn()


def _person_field(label: str, who: str = "", required: bool = True) -> PersonChoiceField:
    """A person picker over the registry; a person who is not (or no longer) in it gets a clear Vietnamese error
    naming ``who`` (the label when empty)."""
    who = who or label
    return PersonChoiceField(
        label=label,
        queryset=Person.objects.none(),
        required=required,
        error_messages={
            "required": f"Phải chọn {who.lower()} trong danh sách cán bộ.",
            "invalid_choice": f"{who} phải là cán bộ có trong danh sách (thuộc phạm vi quản lý của bạn).",
        },
    )


class ConferenceCreateForm(BootstrapFormMixin, forms.Form):
    """A new conference; the chair is chosen from the registry."""

    title = forms.CharField(label="Tên hội nghị", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=ConferenceKind.choices)
    host_unit = UnitChoiceField(label="Đơn vị tổ chức", queryset=OrgUnit.objects.none())
    group = forms.ModelChoiceField(label="Khối, cụm thi đua", queryset=EmulationGroup.objects.none(), required=False)
    held_on = DateField("Ngày họp")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    chair = _person_field("Chủ trì", "Người chủ trì")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_unit"].queryset = units_for_select(user, Action.CHANGE)
        self.fields["group"].queryset = EmulationGroup.objects.visible_to(user, Action.VIEW)
        self.fields["chair"].queryset = _people(user)


class ConferenceEditForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """The record's descriptive fields and the chair's conclusions."""

    title = forms.CharField(label="Tên hội nghị", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=ConferenceKind.choices)
    held_on = DateField("Ngày họp")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    status = forms.ChoiceField(
        label="Tình trạng", choices=[c for c in ConferenceStatus.choices if c[0] != ConferenceStatus.FROZEN]
    )
    conclusions = forms.CharField(label="Kết luận", required=False, widget=forms.Textarea(attrs={"rows": 6}))


class AttendeeForm(BootstrapFormMixin, forms.Form):
    """An attendee from the registry; rank and positions are taken as of the conference day."""

    person = _person_field("Đại biểu")
    role = forms.CharField(label="Vai trò tại hội nghị", max_length=120, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(user)


class AgendaForm(BootstrapFormMixin, forms.Form):
    """An agenda item and who presented it."""

    kind = forms.ChoiceField(label="Nội dung", choices=AgendaKind.choices)
    title = forms.CharField(label="Tiêu đề", max_length=500, required=False)
    presenter = _person_field("Người trình bày", required=False)
    presenter_unit = UnitChoiceField(label="Thay mặt đơn vị", queryset=OrgUnit.objects.none(), required=False)
    summary = forms.CharField(label="Tóm tắt", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = _people(user)
        self.fields["presenter_unit"].queryset = units_for_select(user, Action.VIEW)


class OutcomeForm(BootstrapFormMixin, forms.Form):
    """A decision taken at the conference."""

    kind = forms.ChoiceField(
        label="Loại",
        choices=[(k, v) for k, v in OutcomeKind.choices if k not in (OutcomeKind.HANDOVER, OutcomeKind.ELECTION)],
    )
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    unit = UnitChoiceField(label="Đơn vị liên quan", queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_select(user, Action.VIEW)


class _MemberUnits:
    """Limit unit pickers to the member units of the conference's block."""

    def _members(self, conference, names):
        """Give the fields ``names`` the block's members as their choices (none without a block)."""
        group = conference.group
        units = (
            OrgUnit.objects.filter(group_memberships__group=group).order_by("path") if group else OrgUnit.objects.none()
        )
        for name in names:
            self.fields[name].queryset = units


class HandoverForm(_MemberUnits, BootstrapFormMixin, forms.Form):
    """Hand the block leadership over at this conference."""

    role = forms.ChoiceField(label="Vai trò", choices=GroupRole.choices, initial=GroupRole.LEADER)
    from_unit = UnitChoiceField(label="Đơn vị bàn giao", queryset=OrgUnit.objects.none())
    to_unit = UnitChoiceField(label="Đơn vị nhận bàn giao", queryset=OrgUnit.objects.none())
    from_person = _person_field("Người bàn giao", required=False)
    to_person = _person_field("Người nhận bàn giao", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self._members(conference, ["from_unit", "to_unit"])
        self.fields["from_person"].queryset = self.fields["to_person"].queryset = _people(user)


class ElectionForm(_MemberUnits, BootstrapFormMixin, forms.Form):
    """Elect next year's khối trưởng and khối phó."""

    leader = UnitChoiceField(label="Khối trưởng năm sau", queryset=OrgUnit.objects.none())
    leader_role = forms.ChoiceField(
        label="Vai trò", choices=[c for c in GroupRole.choices if c[0] != GroupRole.DEPUTY], initial=GroupRole.LEADER
    )
    deputy = UnitChoiceField(label="Khối phó năm sau", queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args, user, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self._members(conference, ["leader", "deputy"])


class MinutesForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """The minutes text, amended before freezing."""

    minutes = forms.CharField(label="Biên bản", required=False, widget=forms.Textarea(attrs={"rows": 24}))


class ConfirmForm(BootstrapFormMixin, forms.Form):
    """A confirmation without fields."""


class CloneForm(BootstrapFormMixin, forms.Form):
    """The date (and title) of next period's conference."""

    held_on = DateField("Ngày họp")
    title = forms.CharField(
        label="Tên hội nghị", max_length=500, required=False, help_text="Để trống: đổi năm tự động."
    )
