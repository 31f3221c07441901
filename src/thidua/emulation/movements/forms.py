"""Forms of movements, registrations and pacts; pickers only offer what the user may act on."""

from __future__ import annotations

import datetime as dt

from django import forms

from thidua.catalogue.choices import AwardKind
from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.core.forms import BootstrapFormMixin, DateField, VersionedFormMixin
from thidua.org import selectors as org_selectors
from thidua.org.forms import PersonChoiceField, UnitChoiceField
from thidua.org.models import EmulationGroup, OrgUnit, Person

from .choices import MovementKind, MovementStatus
from .models import Movement
from .services import ALLOWED_EXTENSIONS, MAX_DOCUMENT_BYTES


def _year_field(label: str = "Năm") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=2000, max_value=2100, initial=dt.date.today().year)


class MovementFields(BootstrapFormMixin, forms.Form):
    """What describes a movement."""

    name = forms.CharField(label="Tên phong trào", max_length=255)
    kind = forms.ChoiceField(label="Loại phong trào", choices=MovementKind.choices)
    theme = forms.CharField(label="Chủ đề", max_length=500, required=False)
    slogan = forms.CharField(
        label="Khẩu hiệu",
        max_length=500,
        required=False,
        help_text="Ví dụ: Đoàn kết, sáng tạo, kỷ cương, nêu gương, quyết thắng.",
    )
    start_on = DateField("Từ ngày")
    end_on = DateField("Đến ngày", required=False)
    include_descendants = forms.BooleanField(label="Phát động tới các đơn vị trực thuộc", required=False, initial=True)
    description = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 5}), required=False)


class MovementCreateForm(MovementFields):
    """A new movement: the launching authority is a unit in the user's change scope."""

    authority = UnitChoiceField(label="Cấp phát động", queryset=OrgUnit.objects.none())
    field_order = ["authority"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = org_selectors.units_for_select(user, Action.CHANGE)


class MovementEditForm(VersionedFormMixin, MovementFields):
    """Edit a movement (optimistic locking by version)."""


class MovementDocumentForm(BootstrapFormMixin, forms.Form):
    """A directive document, with an optional file."""

    title = forms.CharField(label="Tên văn bản", max_length=500)
    reference = forms.CharField(label="Số, ký hiệu", max_length=120, required=False)
    issued_on = DateField("Ngày ban hành", required=False)
    file = forms.FileField(
        label="Tệp",
        required=False,
        help_text=f"Định dạng: {', '.join(e for e in ALLOWED_EXTENSIONS if e != 'jpeg')}; "
        f"tối đa {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.",
    )


class ConfirmForm(BootstrapFormMixin, forms.Form):
    """An empty form: the POST itself is the confirmation."""


class AwardTitlesField(forms.ModelMultipleChoiceField):
    """Emulation titles (danh hiệu thi đua), labelled with their subject."""

    def label_from_instance(self, obj: Award) -> str:
        return f"{obj.name} ({obj.get_subject_display().lower()})"


def _titles():
    return Award.objects.filter(kind=AwardKind.TITLE, active=True).order_by("order", "code")


class RegistrationFields(BootstrapFormMixin, forms.Form):
    """Titles and targets of a registration, optionally under a running movement."""

    awards = AwardTitlesField(label="Danh hiệu đăng ký", queryset=Award.objects.none())
    commitments = forms.CharField(
        label="Nội dung đăng ký, chỉ tiêu", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    movement = forms.ModelChoiceField(
        label="Theo phong trào", queryset=Movement.objects.none(), required=False, empty_label="— Không —"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awards"].queryset = _titles()
        self.fields["movement"].queryset = Movement.objects.visible_to(user, Action.VIEW).filter(
            status=MovementStatus.LAUNCHED
        )


class RegistrationCreateForm(RegistrationFields):
    """A new registration of a unit (collective) or of one of its people."""

    year = _year_field()
    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none(), required=False)
    person = PersonChoiceField(
        label="Cá nhân", queryset=Person.objects.none(), required=False, help_text="Bỏ trống để đăng ký cho tập thể."
    )
    field_order = ["year", "unit", "person"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["unit"].queryset = org_selectors.units_for_select(user, Action.CHANGE)
        self.fields["person"].queryset = Person.objects.visible_to(user, Action.CHANGE).select_related("unit")

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not data.get("person"):
            self.add_error("unit", "Chọn đơn vị hoặc cá nhân đăng ký.")
        return data


class RegistrationEditForm(VersionedFormMixin, RegistrationFields):
    """Edit a draft or returned registration."""


class ReturnForm(BootstrapFormMixin, forms.Form):
    """Return a registration: the reason is mandatory."""

    reason = forms.CharField(
        label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=2000
    )


class PactCreateForm(BootstrapFormMixin, forms.Form):
    """A block's pact for a year."""

    group = forms.ModelChoiceField(label="Khối, cụm thi đua", queryset=EmulationGroup.objects.none())
    year = _year_field()
    content = forms.CharField(label="Nội dung giao ước", widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = EmulationGroup.objects.visible_to(user, Action.CHANGE)


class PactSignForm(BootstrapFormMixin, forms.Form):
    """A member unit's signature."""

    unit = UnitChoiceField(label="Đơn vị ký", queryset=OrgUnit.objects.none())
    signer = PersonChoiceField(label="Người ký", queryset=Person.objects.none(), required=False)
    signed_on = DateField("Ngày ký")

    def __init__(self, *args, pact, user, **kwargs):
        super().__init__(*args, **kwargs)
        members = pact.group.memberships.values("unit_id")
        self.fields["unit"].queryset = org_selectors.units_for_select(user, Action.CHANGE).filter(pk__in=members)
        self.fields["signer"].queryset = (
            Person.objects.visible_to(user, Action.CHANGE).filter(unit_id__in=members).select_related("unit")
        )
